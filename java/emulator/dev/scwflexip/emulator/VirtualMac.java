package dev.scwflexip.emulator;

import java.time.Instant;

/**
 * A virtual MAC. Every IP of a MAC group holds the same instance, so they show the same id,
 * address and created_at (docs/scaleway-api.md#mac-groups).
 */
final class VirtualMac {
  final String id;
  final String address;
  final String type;
  final Instant createdAt;
  final String zone;
  Instant updatedAt;

  VirtualMac(String id, String address, String type, Instant createdAt, String zone) {
    this.id = id;
    this.address = address;
    this.type = type;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.zone = zone;
  }

  /** The MAC follows its IP: updating while the IP is, used while it is on a server. */
  MacView view(String fipStatus) {
    String status;
    switch (fipStatus) {
      case "updating": status = "updating"; break;
      case "attached":
      case "detaching": status = "used"; break;
      default: status = "ready";
    }
    return new MacView(id, address, type, status, createdAt, updatedAt, zone);
  }
}
