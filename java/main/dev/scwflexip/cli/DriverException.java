package dev.scwflexip.cli;

/**
 * A failure the operator must read: its message is the one line printed on stderr. Thrown
 * anywhere in the driver; {@link Main} turns it into exit status 1.
 */
public class DriverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DriverException(String message) {
    super(message);
  }

  public DriverException(String message, Throwable cause) {
    super(message, cause);
  }
}
