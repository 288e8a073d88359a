package dev.scwflexip.reconcile;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.config.Config;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIpApi;
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
 * printed), 2 on a usage error.
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
    Path xml = cl.hasOption("one-xml") ? Path.of(cl.getOptionValue("one-xml")) : null;

    OneTools tools = new OneTools(inv.env());
    boolean serverCheck = !config.hostServers.isEmpty();
    boolean repairOnly = cl.hasOption("repair-only");
    // the leases tell which ranges are free: the stale-attachment repair needs them
    OneView one = new OneViewLoader(tools, config.ipamName).load(xml, cl.hasOption("no-onevnet"),
        serverCheck || repairOnly);
    VmHosts hosts = VmHosts.NONE;
    boolean noOnevm = serverCheck && one.available() && !tools.available("onevm");
    if (serverCheck && !noOnevm) {
      hosts = new OneVmHosts(tools);
    }

    Journal journal = new Journal(config.stateFile, config.lockTimeoutSeconds * 1000L);
    ApiOpener opener = ApiOpener.scaleway(config);
    Plan plan;
    Progress progress = new Progress(inv.err, cl.hasOption("progress") || System.console() != null);
    try (FlexibleIpApi reader = opener.open(Deadline.afterSeconds(config.reconcileDeadlineSeconds))) {
      plan = new Reconciler(reader, opener, config.actionDeadlineSeconds, journal, config.projectId, config.cloud,
          config.macType, config.hostServers)
          .repairOnly(repairOnly)
          .progress(progress::read)
          .run(one, hosts, grace, check);
    } finally {
      progress.done();
    }
    if (noOnevm) {
      plan.notes.add("onevm is not on PATH: the wrong-server check was skipped");
    } else if (!serverCheck) {
      plan.notes.add("host_servers is empty: the wrong-server check was skipped");
    }

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
