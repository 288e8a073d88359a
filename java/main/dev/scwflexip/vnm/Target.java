package dev.scwflexip.vnm;

import dev.scwflexip.scaleway.FlexibleIp;

/** One of our NICs with the Flexible IP behind it, as it was when resolved. */
final class Target {
  final Nic nic;
  final FlexibleIp fip;
  /**
   * For the two IPs of a dual-stack NIC, the IPv4's id: they are one MAC group whether or not
   * the IPv6 shares the IPv4's MAC yet (the first attach makes it so). Null otherwise.
   */
  final String pairOf;

  Target(Nic nic, FlexibleIp fip) {
    this(nic, fip, null);
  }

  Target(Nic nic, FlexibleIp fip, String pairOf) {
    this.nic = nic;
    this.fip = fip;
    this.pairOf = pairOf;
  }

  String macGroupKey() {
    if (pairOf != null) {
      return "pair:" + pairOf;
    }
    return fip.mac == null || fip.mac.id == null ? "fip:" + fip.id : "mac:" + fip.mac.id;
  }

  /** "51.15.0.10 (uuid)": how errors and log lines name the IP. */
  String label() {
    return fip.ip + " (" + fip.id + ")";
  }
}
