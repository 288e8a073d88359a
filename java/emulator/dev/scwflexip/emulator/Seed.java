package dev.scwflexip.emulator;

import java.util.List;

/**
 * Bulk creation for tests: {@code count} IPs in {@code zone}, created {@code ageSeconds} ago,
 * {@code ready} or {@code attached} (to {@code serverId}, or to a fresh random server id).
 */
public record Seed(String zone, int count, String projectId, List<String> tags, long ageSeconds,
    String status, String serverId) {

  public Seed {
    zone = zone == null ? "fr-par-1" : zone;
    projectId = projectId == null ? "00000000-0000-4000-8000-000000000001" : projectId;
    tags = tags == null ? List.of() : List.copyOf(tags);
    status = status == null ? "ready" : status;
  }

  public static Seed of(int count, String projectId) {
    return new Seed(null, count, projectId, null, 0, null, null);
  }
}
