package dev.scwflexip.base;

/**
 * A failure the operator must read: its message is the one line printed on stderr. Thrown
 * anywhere in the driver; the top-level dispatch ({@code cli.Main}) turns it into exit status 1.
 */
public class DriverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DriverException(String message) {
    super(message);
  }

  public DriverException(String message, Throwable cause) {
    super(message, cause);
  }

  /** oned joins stderr lines with nothing in between: every error is kept on one line. */
  public static String oneLine(String s) {
    return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ').strip();
  }
}
