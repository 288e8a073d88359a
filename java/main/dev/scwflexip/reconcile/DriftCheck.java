package dev.scwflexip.reconcile;

import dev.scwflexip.config.Config;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code reconcile --check} sees, for other commands ({@code metrics}): this cloud's
 * Flexible IPs and the plan of a full reconcile, made with the configured grace period. It only
 * reads: the journal without its lock ({@link Journal#peek}), the API with GETs only, OpenNebula
 * through {@code onevnet}/{@code onevm} as reconcile does (or {@code oneXml}).
 */
public final class DriftCheck {
  /** This cloud's IPs as listed, and the plan; the plan is never applied. */
  public record Result(List<FlexibleIp> ips, Plan plan) {}

  private DriftCheck() {}

  public static Result run(Config config, Map<String, String> env, Path oneXml, boolean noOnevnet) {
    return run(config, env, oneXml, noOnevnet, ApiOpener.scaleway(config));
  }

  static Result run(Config config, Map<String, String> env, Path oneXml, boolean noOnevnet, ApiOpener opener) {
    OneSide side = OneSide.load(config, new OneTools(env), oneXml, noOnevnet, false);
    try (FlexibleIpApi api = opener.open(Deadline.afterSeconds(config.reconcileDeadlineSeconds))) {
      ScalewayView scaleway = ScalewayView.load(api, config.projectId, config.cloud, null);
      Plan plan = new Planner(scaleway, new Journal(config.stateFile, config.lockTimeoutSeconds * 1000L).peek(),
          side.one, api, config.projectId, config.hostServers, side.hosts, config.reconcileGraceSeconds, Instant.now())
          .plan();
      if (side.skipped != null) {
        plan.notes.add(side.skipped);
      }
      return new Result(scaleway.ips, plan);
    }
  }
}
