package dev.scwflexip.emulator;

import java.time.Instant;
import java.util.List;

/** An immutable snapshot of one Flexible IP, taken under the store's lock and rendered outside it. */
public record FipView(String id, String zone, String projectId, String organizationId,
    String description, List<String> tags, String ipAddress, String reverse, String serverId,
    String status, Instant createdAt, Instant updatedAt, MacView mac) {
}
