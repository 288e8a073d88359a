package dev.scwflexip.reconcile;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.config.Config;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.stats.ReconcileRuns;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code scw-flexip reconcile}: exit 0 when in sync, 3 when drift was found (check) or repaired
 * (apply, every action succeeded), 1 on error or when an action failed (the report is still
 * printed), 2 on a usage error. Each run's outcome is kept beside the journal
 * ({@link ReconcileRuns}) for {@code metrics}; {@code --leader-only} runs only on the Raft leader
 * ({@link RaftLeader}).
 */
public final class ReconcileCommand implements Command {
  public static final int DRIFT = 3;

  @Override
  public String name() {
    return "reconcile";
  }

  @Override
  public String summary() {
    return "compare Scaleway, the journal and OpenNebula; plan and repair drift";
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("check").desc("print the plan, change nothing").build());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("json|table")
        .desc("output format (default table)").build());
    o.addOption(Option.builder().longOpt("one-xml").hasArg().argName("FILE")
        .desc("OpenNebula VNET pool XML (as 'onevnet list -x' prints it) instead of running onevnet").build());
    o.addOption(Option.builder().longOpt("grace").hasArg().argName("SECONDS")
        .desc("leave IPs and journal entries younger than this alone (default: reconcile_grace_seconds)").build());
    o.addOption(Option.builder().longOpt("no-onevnet")
        .desc("do not run onevnet: without OpenNebula's view nothing is deleted").build());
    o.addOption(Option.builder().longOpt("repair-only")
        .desc("only the attachment repairs (wrong_server, stale_attachment): never deletes, never edits the journal;"
            + " what the periodic repair runs").build());
    o.addOption(Option.builder().longOpt("leader-only")
        .desc("do nothing (exit 0, one INFO line) unless this frontend is OpenNebula's Raft leader or there is no HA;"
            + " what the timers on HA frontends run (needs frontend_name in the configuration)").build());
    o.addOption(Option.builder().longOpt("progress")
        .desc("report the read of the Flexible IPs on stderr as it goes (the default on a terminal)").build());
    o.addOption(CommandOptions.help());
    return o;
  }

  @Override
  public int run(Invocation inv, String[] args) throws Exception {
    CommandLine cl = CommandOptions.parse(options(), args, "scw-flexip reconcile [options]",
        "Compare the Flexible IPs tagged as this cloud's, the journal and OpenNebula's address ranges;"
            + " print the plan and repair it unless --check.",
        "\nExit: 0 in sync, 3 drift found or repaired, 1 error or a failed action, 2 usage.", inv.out);
    if (cl == null) {
      return 0;
    }
    String format = cl.getOptionValue("format", "table");
    if (!format.equals("json") && !format.equals("table")) {
      throw new UsageException("--format must be json or table");
    }
    Config config = Config.load(inv.configPath());
    long grace = grace(cl.getOptionValue("grace"), config.reconcileGraceSeconds);
    boolean check = cl.hasOption("check");
    boolean repairOnly = cl.hasOption("repair-only");
    Path xml = cl.hasOption("one-xml") ? Path.of(cl.getOptionValue("one-xml")) : null;
    OneTools tools = new OneTools(inv.env());
    if (cl.hasOption("leader-only")) {
      RaftLeader.Decision leader = RaftLeader.decide(inv.env(), config.frontendName);
      if (!leader.act()) {
        inv.info("reconcile --leader-only: " + leader.why() + "; nothing done");
        return 0;
      }
    }

    String mode = repairOnly ? ReconcileRuns.REPAIR_ONLY : ReconcileRuns.FULL;
    Plan plan;
    try {
      OneSide side = OneSide.load(config, tools, xml, cl.hasOption("no-onevnet"), repairOnly);
      Journal journal = new Journal(config.stateFile, config.lockTimeoutSeconds * 1000L);
      ApiOpener opener = ApiOpener.scaleway(config);
      Progress progress = new Progress(inv.err, cl.hasOption("progress") || System.console() != null);
      try (FlexibleIpApi reader = opener.open(Deadline.afterSeconds(config.reconcileDeadlineSeconds))) {
        plan = new Reconciler(reader, opener, config.actionDeadlineSeconds, journal, config.projectId, config.cloud,
            config.macType, config.hostServers)
            .repairOnly(repairOnly)
            .progress(progress::read)
            .run(side.one, side.hosts, grace, check);
      } finally {
        progress.done();
      }
      if (side.skipped != null) {
        plan.notes.add(side.skipped);
      }
    } catch (RuntimeException e) {
      record(inv, config, new ReconcileRuns.Run(mode, check, Journal.now(), "error", 0, 0,
          DriverException.oneLine(e.getMessage())));
      throw e;
    }
    String result = plan.failures() > 0 ? "failed" : plan.inSync() ? "in_sync" : check ? "drift" : "repaired";
    record(inv, config, new ReconcileRuns.Run(mode, check, Journal.now(), result, plan.actions.size(), plan.failures(),
        null));

    if (format.equals("json")) {
      Writer w = new OutputStreamWriter(inv.out, StandardCharsets.UTF_8);
      JsonReport.write(plan, !check, w);
    } else {
      TableReport.write(plan, !check, inv.out);
    }
    inv.out.flush();
    if (plan.failures() > 0) {
      inv.err.println("scw-flexip reconcile: " + plan.failures() + " of " + plan.actions.size() + " actions failed");
      return 1;
    }
    return plan.inSync() ? 0 : DRIFT;
  }

  /**
   * Keeps how this kind of run ended beside the journal, for metrics; a record that cannot be
   * written is one INFO line, not a failed reconcile.
   */
  private static void record(Invocation inv, Config config, ReconcileRuns.Run run) {
    try {
      ReconcileRuns.record(config.stateFile.toAbsolutePath().getParent(), run, config.lockTimeoutSeconds * 1000L);
    } catch (RuntimeException e) {
      inv.info("the run was not recorded for metrics: " + DriverException.oneLine(String.valueOf(e.getMessage())));
    }
  }

  private static long grace(String value, int dflt) {
    if (value == null) {
      return dflt;
    }
    try {
      long g = Long.parseLong(value.strip());
      if (g < 0) {
        throw new NumberFormatException();
      }
      return g;
    } catch (NumberFormatException e) {
      throw new UsageException("--grace must be a whole number of seconds, 0 or more");
    }
  }
}
