package dev.scwflexip.ipam;

/**
 * What register made or took over, as the reply names it: the IPv4 (null for an IPv6-only
 * range), the virtual MAC, the id of the range's first Flexible IP (the IPv4, or the IPv6 of an
 * IPv6-only range), and for IPv6 types the /64 and, for a dual-stack pair, the IPv6's own id.
 */
record Registered(String ip, String mac, String fipId, String prefix6, String fipId6, String zone, boolean created) {
  static Registered ipv4(String ip, String mac, String fipId, String zone, boolean created) {
    return new Registered(ip, mac, fipId, null, null, zone, created);
  }
}
