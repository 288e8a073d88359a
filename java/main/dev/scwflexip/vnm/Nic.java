package dev.scwflexip.vnm;

/** The fields of one NIC or NIC_ALIAS of the VM XML that the hooks look at. Any may be null. */
public final class Nic {
  /** "NIC" or "NIC_ALIAS". */
  public final String kind;
  public final String nicId;
  public final String ip;
  public final String mac;
  /** The driver's AR attribute, present when the role put it in INHERIT_VNET_ATTR. */
  public final String fipId;
  /** The IPv6 Flexible IP of a dual-stack range (SCW_FLEXIP_ID6), inherited the same way. */
  public final String fipId6;
  public final String networkId;
  /** True when this NIC is the one being hot-attached or hot-detached. */
  public final boolean attach;

  public Nic(String kind, String nicId, String ip, String mac, String fipId, String networkId, boolean attach) {
    this(kind, nicId, ip, mac, fipId, null, networkId, attach);
  }

  public Nic(String kind, String nicId, String ip, String mac, String fipId, String fipId6, String networkId,
      boolean attach) {
    this.kind = kind;
    this.nicId = nicId;
    this.ip = ip;
    this.mac = mac;
    this.fipId = fipId;
    this.fipId6 = fipId6;
    this.networkId = networkId;
    this.attach = attach;
  }

  /** How log lines name this NIC: its id and IP only, never other attributes. */
  public String label() {
    String name = "NIC_ALIAS".equals(kind) ? "NIC_ALIAS " : "NIC ";
    String address = ip != null ? ip : mac == null ? null : "MAC " + mac;
    return name + (nicId == null ? "?" : nicId) + (address == null ? "" : " (" + address + ")");
  }
}
