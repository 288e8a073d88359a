package dev.scwflexip.oneadmin;

/** How a child process ended; {@code rc} is -1 when it was killed after the timeout. */
public record ProcessOutcome(int rc, String stdout, String stderr, boolean timedOut) {

  /** The last non-blank line of stderr, else of stdout, for a one-line error. */
  public String lastLine() {
    String line = lastNonBlank(stderr);
    if (line.isEmpty()) {
      line = lastNonBlank(stdout);
    }
    return line.isEmpty() ? "no output" : line;
  }

  private static String lastNonBlank(String text) {
    String[] lines = text.split("\r?\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return lines[i].strip();
      }
    }
    return "";
  }
}
