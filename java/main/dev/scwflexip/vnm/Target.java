package dev.scwflexip.vnm;

import dev.scwflexip.scaleway.FlexibleIp;

/** One of our NICs with the Flexible IP behind it, as it was when resolved. */
final class Target {
  final Nic nic;
  final FlexibleIp fip;

  Target(Nic nic, FlexibleIp fip) {
    this.nic = nic;
    this.fip = fip;
  }

  String macGroupKey() {
    return fip.mac == null || fip.mac.id == null ? "fip:" + fip.id : "mac:" + fip.mac.id;
  }

  /** "51.15.0.10 (uuid)": how errors and log lines name the IP. */
  String label() {
    return fip.ip + " (" + fip.id + ")";
  }
}
