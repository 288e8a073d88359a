package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;
import java.util.Locale;

/**
 * The address range types the driver serves, each one {@code SIZE = 1} range around Flexible IPs
 * (docs/opennebula.md#ipv6-dual-stack-and-nic_alias): an IPv4, an IPv4 and an IPv6 /64 sharing
 * one virtual MAC, or an IPv6 /64 alone, announced as a SLAAC prefix or as one static address.
 */
enum RangeType {
  IP4(true, false),
  IP4_6(true, true),
  IP6(false, true),
  IP6_STATIC(false, true);

  final boolean ipv4;
  final boolean ipv6;

  RangeType(boolean ipv4, boolean ipv6) {
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
  }

  /** The range's {@code TYPE}; a range without one is IPv4, as before IPv6 support. */
  static RangeType of(String type) {
    if (type == null || type.isBlank()) {
      return IP4;
    }
    String t = type.strip().toUpperCase(Locale.ROOT);
    for (RangeType r : values()) {
      if (r.name().equals(t)) {
        return r;
      }
    }
    throw new DriverException("the address range has TYPE = " + type
        + "; scw-flexip supports TYPE = IP4, IP4_6 (dual stack), IP6 and IP6_STATIC");
  }

  /** Dual stack: two Flexible IPs, one of each family, in one MAC group. */
  boolean isPair() {
    return ipv4 && ipv6;
  }
}
