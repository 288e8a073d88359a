package dev.scwflexip.base;

/** A command line that cannot be understood: exit status 2, the message and a hint on stderr. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
