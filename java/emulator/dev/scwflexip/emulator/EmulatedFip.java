package dev.scwflexip.emulator;

import java.time.Instant;
import java.util.List;

/** The mutable state of one Flexible IP. Only {@link FipStore} touches it, under its lock. */
final class EmulatedFip {
  /** What happens when a transient state ends. */
  enum Settle { ATTACH, DETACH, DELETE, MAC_DONE }

  final String id;
  final String zone;
  final String projectId;
  final String ipAddress;
  final Instant createdAt;
  /** Breaks created_at ties so that listing order is stable. */
  final long seq;

  String description;
  List<String> tags;
  String reverse;
  String serverId;
  String status;
  Instant updatedAt;
  VirtualMac mac;

  Settle pending;
  long pendingDueNanos;
  /** The server an ATTACH settles onto. */
  String pendingServerId;

  EmulatedFip(String id, String zone, String projectId, String ipAddress, Instant createdAt, long seq) {
    this.id = id;
    this.zone = zone;
    this.projectId = projectId;
    this.ipAddress = ipAddress;
    this.createdAt = createdAt;
    this.seq = seq;
  }

  boolean isTransient() {
    return "updating".equals(status) || "detaching".equals(status);
  }

  FipView view() {
    return new FipView(id, zone, projectId, projectId, description, List.copyOf(tags), ipAddress,
        reverse, serverId, status, createdAt, updatedAt, mac == null ? null : mac.view(status));
  }
}
