package dev.scwflexip.metrics;

import dev.scwflexip.config.Config;
import dev.scwflexip.stats.ActionCounters;
import dev.scwflexip.stats.PendingDetach;
import dev.scwflexip.stats.ReconcileRuns;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The families this host's own records give: counted actions (beside the journal and in the
 * runtime directory: IPAM runs on a frontend, hooks on a hypervisor), reconcile's last runs, and
 * detaches a hook left pending. All read without lock or side effect.
 */
final class HostMetrics {
  private static final Set<String> SUCCESSFUL = Set.of("in_sync", "drift", "repaired");

  private HostMetrics() {}

  static void write(Exposition out, Config config) {
    Path stateDir = config.stateFile.toAbsolutePath().getParent();
    Map<String, ActionCounters.Count> counts = new LinkedHashMap<>();
    for (Path dir : List.of(stateDir, config.runtimeDir.toAbsolutePath())) {
      ActionCounters.read(dir).forEach((action, c) -> counts.merge(action, c,
          (a, b) -> new ActionCounters.Count(a.runs() + b.runs(), a.failures() + b.failures())));
    }
    out.family("scw_flexip_actions_total", "counter",
        "Runs on this host of IPAM register and unregister and of the pre, post and clean hooks.");
    for (String action : ActionCounters.ACTIONS) {
      out.sample("scw_flexip_actions_total", counts.getOrDefault(action, new ActionCounters.Count(0, 0)).runs(),
          "action", action);
    }
    out.family("scw_flexip_action_failures_total", "counter", "Those runs that failed (exit status not 0).");
    for (String action : ActionCounters.ACTIONS) {
      out.sample("scw_flexip_action_failures_total",
          counts.getOrDefault(action, new ActionCounters.Count(0, 0)).failures(), "action", action);
    }

    List<ReconcileRuns.Run> runs = ReconcileRuns.read(stateDir);
    out.family("scw_flexip_reconcile_last_run_timestamp_seconds", "gauge",
        "When reconcile last ran on this host, by mode (full, repair-only) and run (check, apply).");
    for (ReconcileRuns.Run r : runs) {
      out.sample("scw_flexip_reconcile_last_run_timestamp_seconds", seconds(r.time()), labels(r));
    }
    out.family("scw_flexip_reconcile_last_run_success", "gauge",
        "1 when that run ended in sync, found drift (check) or repaired all of it; 0 on an error or a failed action.");
    for (ReconcileRuns.Run r : runs) {
      out.sample("scw_flexip_reconcile_last_run_success", SUCCESSFUL.contains(r.result()) ? 1 : 0, labels(r));
    }
    out.family("scw_flexip_reconcile_last_run_actions", "gauge", "Findings that run acted on or reported.");
    for (ReconcileRuns.Run r : runs) {
      out.sample("scw_flexip_reconcile_last_run_actions", r.actions(), labels(r));
    }
    out.family("scw_flexip_reconcile_last_run_failures", "gauge", "Actions of that run that failed.");
    for (ReconcileRuns.Run r : runs) {
      out.sample("scw_flexip_reconcile_last_run_failures", r.failures(), labels(r));
    }

    out.family("scw_flexip_detach_pending", "gauge",
        "Detaches a clean hook on this host left for later because the API was out (runtime_dir/*.detach-pending).");
    out.sample("scw_flexip_detach_pending", PendingDetach.list(config.runtimeDir).size());
  }

  private static String[] labels(ReconcileRuns.Run r) {
    return new String[] {"mode", r.mode(), "run", r.check() ? "check" : "apply"};
  }

  private static double seconds(String time) {
    try {
      return Instant.parse(time).toEpochMilli() / 1000.0;
    } catch (DateTimeException e) {
      return 0;
    }
  }
}
