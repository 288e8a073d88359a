package dev.scwflexip.ipam;

import java.util.Map;
import java.util.Set;

/** Attribute names in an address range that the driver reads or writes. */
public final class ArAttributes {
  /** The Flexible IP's id: the role adds it to INHERIT_VNET_ATTR so hooks see it in each NIC. */
  public static final String FIP_ID = "SCW_FLEXIP_ID";
  /**
   * The IPv6 Flexible IP of a dual-stack range. A claim only, like every range attribute: the
   * IPv4's pair tag at Scaleway says which IPv6 belongs to it.
   */
  public static final String FIP_ID6 = "SCW_FLEXIP_ID6";
  public static final String FIP_ZONE = "SCW_FLEXIP_ZONE";
  /** "YES" when the driver created the IP (and may delete it), "NO" when it adopted it. */
  public static final String FIP_CREATED = "SCW_FLEXIP_CREATED";

  /**
   * What oned computes when it writes an AR in its AddressRange form (docs/opennebula.md#the-five-ipam-messages-and-replies, form B); these
   * are not stored attributes and must not be echoed back.
   */
  static final Set<String> COMPUTED = Set.of("MAC_END", "IP_END", "IP6_END", "IP6_ULA", "IP6_ULA_END",
      "IP6_GLOBAL", "IP6_GLOBAL_END", "USED_LEASES", "ALLOCATED");

  /**
   * Every name the register reply writes itself. An input attribute with one of these names, in
   * any case, is never echoed: oned keeps the first of two names that differ only in case, so an
   * echoed {@code ip} or {@code scw_flexip_id} would shadow the driver's own value.
   */
  static final Set<String> DRIVER_WRITTEN = Set.of("TYPE", "IP", "SIZE", "MAC", "IPAM_MAD", "NETWORK_MASK",
      "GATEWAY", "DNS", "ROUTES", "GLOBAL_PREFIX", "IP6", "PREFIX_LENGTH", "GATEWAY6", FIP_ID, FIP_ID6, FIP_ZONE,
      FIP_CREATED);

  private ArAttributes() {}

  /** The value of {@code name} (upper case) in the AR, matched without regard to case; null when absent or blank. */
  static String get(Map<String, String> ar, String name) {
    String v = ar.get(name);
    if (v == null) {
      for (Map.Entry<String, String> e : ar.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          v = e.getValue();
          break;
        }
      }
    }
    return v == null || v.isBlank() ? null : v.strip();
  }
}
