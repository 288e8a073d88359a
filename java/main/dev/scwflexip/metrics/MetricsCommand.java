package dev.scwflexip.metrics;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.config.Config;
import dev.scwflexip.reconcile.DriftCheck;
import dev.scwflexip.reconcile.RaftLeader;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code scw-flexip metrics --textfile FILE}: writes this cloud's and this host's metrics for the
 * node_exporter textfile collector (docs/operations.md#metrics lists every name). The cloud-wide
 * part is one read-only reconcile check ({@link CloudMetrics}); the host part comes from the
 * driver's own records ({@link HostMetrics}). When the API cannot be read, the file is still
 * written, with {@code scw_flexip_up 0} and without the cloud-wide families, and the command
 * exits 1 with one line. {@code --local-only} (hypervisors) makes no API call at all;
 * {@code --leader-only} (HA frontends) does nothing unless this frontend is the Raft leader.
 */
public final class MetricsCommand implements Command {
  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public String summary() {
    return "write Prometheus metrics for the node_exporter textfile collector";
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("textfile").hasArg().argName("FILE")
        .desc("the .prom file to write, atomically (its directory must exist)").build());
    o.addOption(Option.builder().longOpt("one-xml").hasArg().argName("FILE")
        .desc("OpenNebula VNET pool XML instead of running onevnet, for the drift check").build());
    o.addOption(Option.builder().longOpt("no-onevnet")
        .desc("do not run onevnet: the drift check runs without OpenNebula's view").build());
    o.addOption(Option.builder().longOpt("local-only")
        .desc("only this host's counters and records, no API call (hypervisors)").build());
    o.addOption(Option.builder().longOpt("leader-only")
        .desc("do nothing (exit 0, one INFO line) unless this frontend is the Raft leader or there is no HA").build());
    o.addOption(CommandOptions.help());
    return o;
  }

  @Override
  public int run(Invocation inv, String[] args) {
    CommandLine cl = CommandOptions.parse(options(), args, "scw-flexip metrics --textfile FILE [options]",
        "Write the Flexible IPs of this cloud by status and by server, the drift reconcile would find, reconcile's"
            + " last runs and this host's action counters, in Prometheus' text format.",
        "\nExit status: 0 written, 1 failure (the file still holds what could be measured), 2 usage.", inv.out);
    if (cl == null) {
      return ExitCode.OK;
    }
    if (!cl.hasOption("textfile")) {
      throw new UsageException("--textfile is required");
    }
    boolean localOnly = cl.hasOption("local-only");
    if (localOnly && (cl.hasOption("one-xml") || cl.hasOption("no-onevnet"))) {
      throw new UsageException("--local-only makes no drift check: --one-xml and --no-onevnet do not apply");
    }
    Path textfile = Path.of(cl.getOptionValue("textfile"));
    Config config = Config.load(inv.configPath());
    if (cl.hasOption("leader-only")) {
      RaftLeader.Decision leader = RaftLeader.decide(inv.env(), config.frontendName);
      if (!leader.act()) {
        inv.info("metrics --leader-only: " + leader.why() + "; nothing written");
        return ExitCode.OK;
      }
    }

    Exposition out = new Exposition();
    String failure = null;
    if (!localOnly) {
      DriftCheck.Result check = null;
      try {
        check = DriftCheck.run(config, inv.env(), cl.hasOption("one-xml") ? Path.of(cl.getOptionValue("one-xml")) : null,
            cl.hasOption("no-onevnet"));
      } catch (DriverException e) {
        failure = DriverException.oneLine(e.getMessage());
      }
      out.family("scw_flexip_up", "gauge",
          "1 when this run read the Flexible IP API and OpenNebula; 0 when it could not (the cloud-wide families are then missing).");
      out.sample("scw_flexip_up", check == null ? 0 : 1);
      if (check != null) {
        CloudMetrics.write(out, check);
      }
    }
    HostMetrics.write(out, config);
    out.family("scw_flexip_metrics_timestamp_seconds", "gauge", "When scw-flexip metrics wrote this file.");
    out.sample("scw_flexip_metrics_timestamp_seconds", Instant.now().toEpochMilli() / 1000.0);
    TextFile.write(textfile, out.text());
    if (failure != null) {
      inv.err.println("scw-flexip metrics: wrote " + textfile + " without the cloud-wide metrics: " + failure);
      return ExitCode.FAILURE;
    }
    return ExitCode.OK;
  }
}
