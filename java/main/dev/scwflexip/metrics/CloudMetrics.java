package dev.scwflexip.metrics;

import dev.scwflexip.reconcile.Action;
import dev.scwflexip.reconcile.DriftCheck;
import dev.scwflexip.scaleway.FlexibleIp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cloud-wide families, from one read-only reconcile check ({@link DriftCheck}): this cloud's
 * Flexible IPs by status and by server, and the drift a full reconcile would act on, by kind.
 */
final class CloudMetrics {
  /** The statuses the API defines (docs/scaleway-api.md); each is reported, 0 when absent. */
  static final List<String> STATUSES = List.of("ready", "updating", "attached", "detaching", "error", "locked");

  private CloudMetrics() {}

  static void write(Exposition out, DriftCheck.Result check) {
    Map<String, Integer> byStatus = zeros(STATUSES);
    Map<String, Integer> byServer = new TreeMap<>();
    for (FlexibleIp f : check.ips()) {
      byStatus.merge(f.status == null ? "unknown" : f.status, 1, Integer::sum);
      if (f.serverId != null) {
        byServer.merge(f.serverId, 1, Integer::sum);
      }
    }
    out.family("scw_flexip_ips", "gauge", "Flexible IPs tagged as this cloud's, by API status.");
    byStatus.forEach((status, n) -> out.sample("scw_flexip_ips", n, "status", status));
    out.family("scw_flexip_ips_attached", "gauge",
        "Flexible IPs of this cloud on each Elastic Metal server (attached, or detaching from it).");
    byServer.forEach((server, n) -> out.sample("scw_flexip_ips_attached", n, "server_id", server));

    Map<String, Integer> byKind = zeros(Action.KINDS);
    for (Action a : check.plan().actions) {
      byKind.merge(a.kind, 1, Integer::sum);
    }
    out.family("scw_flexip_drift", "gauge",
        "Findings of a full reconcile check by kind (what 'scw-flexip reconcile --check' lists).");
    byKind.forEach((kind, n) -> out.sample("scw_flexip_drift", n, "kind", kind));
    out.family("scw_flexip_drift_deferred", "gauge",
        "Findings reconcile leaves alone for now: in flight, or inside the grace period.");
    out.sample("scw_flexip_drift_deferred", check.plan().deferred.size());
  }

  /** Known keys first, in their order, each at 0; others sort after them as they come. */
  private static Map<String, Integer> zeros(List<String> keys) {
    List<String> order = new ArrayList<>(keys);
    Map<String, Integer> m = new TreeMap<>((a, b) -> {
      int ia = order.indexOf(a);
      int ib = order.indexOf(b);
      if (ia >= 0 && ib >= 0) {
        return Integer.compare(ia, ib);
      }
      return ia >= 0 ? -1 : ib >= 0 ? 1 : a.compareTo(b);
    });
    for (String k : keys) {
      m.put(k, 0);
    }
    return m;
  }
}
