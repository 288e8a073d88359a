package dev.scwflexip.cli;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.config.Config;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code scw-flexip [--config FILE] check-config}: loads the configuration the way every driver
 * call does and says whether it is valid. The role runs it on a new configuration before putting
 * it in place, so a bad value never replaces a working file.
 */
final class CheckConfigCommand implements Command {
  @Override
  public String name() {
    return "check-config";
  }

  @Override
  public String summary() {
    return "validate the configuration file (exit 0 when every driver call could load it)";
  }

  @Override
  public int run(Invocation inv, String[] args) {
    Options options = new Options();
    options.addOption(CommandOptions.help());
    CommandLine cl = CommandOptions.parse(options, args, "scw-flexip [--config FILE] check-config",
        "Load the configuration (--config, $SCW_FLEXIP_CONFIG or " + Invocation.DEFAULT_CONFIG + ") and report the first"
            + " problem in one line.", "\nExit status: 0 valid, 1 invalid or unreadable, 2 usage.", inv.out);
    if (cl == null) {
      return ExitCode.OK;
    }
    Config config = Config.load(inv.configPath());
    inv.out.println("config " + config.file + ": ok");
    return ExitCode.OK;
  }
}
