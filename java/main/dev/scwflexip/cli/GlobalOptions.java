package dev.scwflexip.cli;

import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code [--config FILE] [--help] [--version]} before the command. Kept out of {@link Main} so
 * that the IPAM fast path, which never parses them, does not even load Commons CLI classes.
 */
final class GlobalOptions {
  final String config;
  final boolean help;
  final boolean version;
  /** The command and its arguments. */
  final String[] rest;

  private GlobalOptions(CommandLine cl) {
    config = cl.getOptionValue("config");
    help = cl.hasOption("help");
    version = cl.hasOption("version");
    rest = cl.getArgs();
  }

  static GlobalOptions parse(String[] args) {
    try {
      return new GlobalOptions(new DefaultParser().parse(options(), args, true));
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
        .desc("configuration file (default $SCW_FLEXIP_CONFIG or " + Invocation.DEFAULT_CONFIG + ")").build());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    o.addOption(Option.builder().longOpt("version").desc("print the version").build());
    return o;
  }

  static void printHelp(PrintStream out) {
    PrintWriter pw = new PrintWriter(out);
    StringBuilder footer = new StringBuilder("\nCommands:\n");
    for (String name : Main.COMMANDS) {
      footer.append(String.format("  %-13s %s%n", name, Main.create(name).summary()));
    }
    footer.append("\nRun 'scw-flexip <command> --help' for a command's options.");
    new HelpFormatter().printHelp(pw, 100, "scw-flexip [--config FILE] <command> [args]",
        "OpenNebula IPAM driver and vnm hooks for Scaleway Elastic Metal Flexible IPs.\n\nOptions:",
        options(), 2, 2, footer.toString());
    pw.flush();
  }
}
