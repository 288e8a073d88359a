package dev.scwflexip.base;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Option parsing shared by the subcommands that take options only (no positional arguments).
 * Kept apart from the top-level dispatch ({@code cli.Main}) so that the IPAM fast path never loads Commons CLI.
 */
public final class CommandOptions {
  private CommandOptions() {
  }

  /** The {@code -h/--help} option every such subcommand offers. */
  public static Option help() {
    return Option.builder("h").longOpt("help").desc("show this help").build();
  }

  /**
   * Parses {@code args}, or prints the help to {@code out} and returns null when --help was
   * given. A bad option or a positional argument is a {@link UsageException}.
   */
  public static CommandLine parse(Options options, String[] args, String usageLine, String description,
      String footer, PrintStream out) {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(options, args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
    if (cl.hasOption("help")) {
      PrintWriter pw = new PrintWriter(out);
      new HelpFormatter().printHelp(pw, 100, usageLine, description + "\n\nOptions:", options, 2, 2, footer);
      pw.flush();
      return null;
    }
    if (!cl.getArgList().isEmpty()) {
      throw new UsageException("unexpected argument '" + cl.getArgList().get(0) + "'");
    }
    return cl;
  }
}
