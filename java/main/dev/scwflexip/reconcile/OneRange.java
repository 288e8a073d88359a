package dev.scwflexip.reconcile;

import java.util.List;

/**
 * One OpenNebula address range served by this driver, as read from the VNET pool XML: where it
 * lives (VNET and AR ids), the Flexible IP it names, and the VMs holding its leases when the XML
 * carries them.
 */
public final class OneRange {
  public final String vnetId;
  public final String vnetName;
  public final String arId;
  public final String ip;
  public final String mac;
  /** {@code SCW_FLEXIP_ID}, or null when the range does not carry it. */
  public final String fipId;
  /** {@code SCW_FLEXIP_ID6} of a dual-stack range, or null. */
  public final String fipId6;
  /** VM ids holding a lease on this range; empty when unknown or free. */
  public final List<String> leaseVms;
  /** Leases of any kind (a VM's, a hold, a reservation); -1 when the XML does not say. */
  public final int leaseCount;

  public OneRange(String vnetId, String vnetName, String arId, String ip, String mac, String fipId,
      List<String> leaseVms) {
    this(vnetId, vnetName, arId, ip, mac, fipId, leaseVms, -1);
  }

  public OneRange(String vnetId, String vnetName, String arId, String ip, String mac, String fipId,
      List<String> leaseVms, int leaseCount) {
    this(vnetId, vnetName, arId, ip, mac, fipId, null, leaseVms, leaseCount);
  }

  public OneRange(String vnetId, String vnetName, String arId, String ip, String mac, String fipId, String fipId6,
      List<String> leaseVms, int leaseCount) {
    this.fipId6 = fipId6;
    this.vnetId = vnetId;
    this.vnetName = vnetName;
    this.arId = arId;
    this.ip = ip;
    this.mac = mac;
    this.fipId = fipId;
    this.leaseVms = List.copyOf(leaseVms);
    this.leaseCount = leaseCount;
  }

  /** "VNET 4 (pub) AR 0", for reasons and tables. */
  public String where() {
    return "VNET " + vnetId + (vnetName == null || vnetName.isEmpty() ? "" : " (" + vnetName + ")") + " AR " + arId;
  }
}
