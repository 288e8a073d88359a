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
  private final Map<String, FlexibleIp> byEntry = new HashMap<>();

  ScalewayView(List<FlexibleIp> ips) {
    this.ips = Collections.unmodifiableList(ips);
    for (FlexibleIp f : ips) {
      byId.put(f.id.toLowerCase(Locale.ROOT), f);
      String entry = Tags.entryOf(f.tags);
      if (entry != null) {
        byEntry.putIfAbsent(entry, f);
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

  /** The IP created under this journal entry, found by its entry tag. */
  public FlexibleIp byEntry(String entryId) {
    return entryId == null ? null : byEntry.get(entryId);
  }
}
