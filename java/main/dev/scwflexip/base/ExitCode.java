package dev.scwflexip.base;

/** The exit statuses every command shares; a command may add its own above these. */
public final class ExitCode {
  public static final int OK = 0;
  /** A failure, told as one line on stderr. */
  public static final int FAILURE = 1;
  /** A usage error: bad arguments or options. */
  public static final int USAGE = 2;

  private ExitCode() {}
}
