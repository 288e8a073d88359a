package dev.scwflexip.reconcile;

import dev.scwflexip.config.Tags;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.ListQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Flexible IPs tagged as this cloud's, from one paged list. The API's tag filter is trusted
 * for the query only: every IP is checked again here, so an IP without our cloud tag can never
 * reach the planner, whatever the server returns.
 */
public final class ScalewayView {
  public final List<FlexibleIp> ips;
  private final Map<String, FlexibleIp> byId = new HashMap<>();
  private final Map<String, List<FlexibleIp>> byEntry = new HashMap<>();

  ScalewayView(List<FlexibleIp> ips) {
    this.ips = Collections.unmodifiableList(ips);
    for (FlexibleIp f : ips) {
      byId.put(f.id.toLowerCase(Locale.ROOT), f);
      String entry = Tags.entryOf(f.tags);
      if (entry != null) {
        byEntry.computeIfAbsent(entry, k -> new ArrayList<>()).add(f);
      }
    }
  }

  public static ScalewayView load(FlexibleIpApi api, String projectId, String cloud,
      java.util.function.IntConsumer progress) {
    List<FlexibleIp> ours = new ArrayList<>();
    for (FlexibleIp f : api.list(ListQuery.tagged(Tags.cloud(cloud)).project(projectId).onPage(progress))) {
      if (Tags.isOurs(f.tags, cloud) && f.id != null) {
        ours.add(f);
      }
    }
    return new ScalewayView(ours);
  }

  public FlexibleIp byId(String id) {
    return id == null ? null : byId.get(id.toLowerCase(Locale.ROOT));
  }

  /**
   * The IP created under this journal entry, found by its entry tag: its IPv4 when it made one
   * (a dual-stack range makes two), else its IPv6.
   */
  public FlexibleIp byEntry(String entryId) {
    List<FlexibleIp> made = entryId == null ? null : byEntry.get(entryId);
    if (made == null) {
      return null;
    }
    for (FlexibleIp f : made) {
      if (!f.isIpv6()) {
        return f;
      }
    }
    return made.get(0);
  }

  /** Another IP made under the same entry as {@code f} (a dual-stack range's other half), or null. */
  public FlexibleIp otherOfEntry(FlexibleIp f) {
    String entry = f == null ? null : Tags.entryOf(f.tags);
    for (FlexibleIp o : entry == null ? List.<FlexibleIp>of() : byEntry.getOrDefault(entry, List.of())) {
      if (!o.id.equals(f.id)) {
        return o;
      }
    }
    return null;
  }

  /** The other IP of {@code f}'s dual-stack pair, when both name each other in their pair tags. */
  public FlexibleIp partner(FlexibleIp f) {
    FlexibleIp p = f == null ? null : byId(Tags.pairOf(f.tags));
    return p != null && f.id.equalsIgnoreCase(Tags.pairOf(p.tags)) ? p : null;
  }
}
