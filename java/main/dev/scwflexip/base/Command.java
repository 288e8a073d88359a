package dev.scwflexip.base;

/** One subcommand of {@code scw-flexip}. Implementations parse their own arguments. */
public interface Command {
  String name();

  /** One line for the top-level help. */
  String summary();

  /** Runs the command; returns the process exit status. */
  int run(Invocation inv, String[] args) throws Exception;
}
