package dev.scwflexip.onedconf;

/** The file does not follow the oned.conf syntax; {@link #line} is 1-based. */
final class ConfSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  final int line;

  ConfSyntaxException(int line, String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }
}
