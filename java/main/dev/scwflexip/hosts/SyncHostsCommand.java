package dev.scwflexip.hosts;

import com.google.gson.GsonBuilder;
import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.oneadmin.ProcessOutcome;
import dev.scwflexip.oneadmin.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code scw-flexip sync-hosts}: on the frontend, pushes /var/lib/one/remotes (where the vnm
 * hooks live) to every host with {@code onehost sync --force}, as oneadmin. Without
 * {@code --force} onehost skips hosts whose remotes version is current, which is the usual case
 * after adding hook files. Elsewhere it does nothing, so a role can run it on every node.
 */
public final class SyncHostsCommand implements Command {
  static final String DEFAULT_ONED_CONF = "/etc/one/oned.conf";
  static final long DEFAULT_TIMEOUT_SECONDS = 300;

  private final SystemView system;
  private final ProcessRunner runner;

  public SyncHostsCommand() {
    this(new LocalSystem(Path.of("/etc/passwd")), new ProcessRunner());
  }

  SyncHostsCommand(SystemView system, ProcessRunner runner) {
    this.system = system;
    this.runner = runner;
  }

  @Override
  public String name() {
    return "sync-hosts";
  }

  @Override
  public String summary() {
    return "run 'onehost sync --force' as oneadmin on the frontend";
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("check").desc("say what would run; run nothing").build());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("json|text").desc("output (default text)").build());
    o.addOption(Option.builder().longOpt("onehost").hasArg().argName("PATH").desc("onehost command (default onehost)")
        .build());
    o.addOption(Option.builder().longOpt("oned-conf").hasArg().argName("PATH")
        .desc("a frontend is where this file exists (default " + DEFAULT_ONED_CONF + ")").build());
    o.addOption(Option.builder().longOpt("timeout").hasArg().argName("SECONDS")
        .desc("kill onehost after this long (default " + DEFAULT_TIMEOUT_SECONDS + ")").build());
    o.addOption(CommandOptions.help());
    return o;
  }

  @Override
  public int run(Invocation inv, String[] args) {
    CommandLine cl = CommandOptions.parse(options(), args, "scw-flexip sync-hosts [options]",
        "Run 'onehost sync --force' as oneadmin when this is the frontend.",
        "\nExit status: 0 done or not a frontend, 1 failure, 2 usage.", inv.out);
    if (cl == null) {
      return ExitCode.OK;
    }
    String format = cl.getOptionValue("format", "text");
    if (!format.equals("json") && !format.equals("text")) {
      throw new UsageException("--format must be json or text");
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds(cl.getOptionValue("timeout")));
    Path onedConf = Path.of(cl.getOptionValue("oned-conf", DEFAULT_ONED_CONF));
    String onehost = cl.getOptionValue("onehost", "onehost");
    boolean check = cl.hasOption("check");

    Map<String, Object> report = new LinkedHashMap<>();
    if (!Files.exists(onedConf)) {
      report.put("changed", false);
      report.put("check", check);
      report.put("command", List.of());
      report.put("rc", null);
      report.put("stdout", "");
      report.put("stderr", "");
      report.put("message", "not a frontend (no " + onedConf + "), nothing to do");
      print(inv, format, report);
      return ExitCode.OK;
    }
    SyncPlan plan = SyncPlan.decide(system, onehost, inv.env().get("LANG"));
    report.put("changed", true);
    report.put("check", check);
    report.put("command", plan.command());
    if (check) {
      report.put("rc", null);
      report.put("stdout", "");
      report.put("stderr", "");
      report.put("message", "would run: " + String.join(" ", plan.command()));
      print(inv, format, report);
      return ExitCode.OK;
    }
    ProcessOutcome outcome;
    try {
      outcome = runner.run(plan.command(), plan.environment(), timeout);
    } catch (IOException e) {
      throw new DriverException("scw-flexip sync-hosts: cannot run " + plan.command().get(0) + ": " + e.getMessage());
    }
    report.put("rc", outcome.timedOut() ? null : outcome.rc());
    report.put("stdout", outcome.stdout());
    report.put("stderr", outcome.stderr());
    if (outcome.timedOut()) {
      report.put("message", "killed after " + timeout.toSeconds() + " s");
      print(inv, format, report);
      throw new DriverException("scw-flexip sync-hosts: onehost sync --force did not finish within "
          + timeout.toSeconds() + " s and was killed");
    }
    if (outcome.rc() != 0) {
      report.put("message", "failed");
      print(inv, format, report);
      throw new DriverException("scw-flexip sync-hosts: onehost sync --force failed (exit " + outcome.rc() + "): "
          + outcome.lastLine());
    }
    report.put("message", "ran: " + String.join(" ", plan.command()));
    print(inv, format, report);
    return ExitCode.OK;
  }

  private static long timeoutSeconds(String value) {
    if (value == null) {
      return DEFAULT_TIMEOUT_SECONDS;
    }
    try {
      long seconds = Long.parseLong(value);
      if (seconds > 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--timeout must be a positive number of seconds");
  }

  private static void print(Invocation inv, String format, Map<String, Object> report) {
    if (format.equals("json")) {
      inv.out.println(new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(report));
      return;
    }
    StringBuilder text = new StringBuilder().append(report.get("message")).append('\n');
    if (report.get("rc") != null) {
      text.append("exit status ").append(report.get("rc")).append('\n');
    }
    for (String stream : new String[] {"stdout", "stderr"}) {
      String s = (String) report.get(stream);
      if (!s.isEmpty()) {
        text.append(stream).append(":\n").append(s).append(s.endsWith("\n") ? "" : "\n");
      }
    }
    inv.out.print(text);
  }
}
