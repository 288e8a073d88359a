package dev.scwflexip.ipam;

import java.util.Set;

/** Attribute names in an address range that the driver reads or writes. */
public final class ArAttributes {
  /** The Flexible IP's id: the role adds it to INHERIT_VNET_ATTR so hooks see it in each NIC. */
  public static final String FIP_ID = "SCW_FLEXIP_ID";
  public static final String FIP_ZONE = "SCW_FLEXIP_ZONE";
  /** "YES" when the driver created the IP (and may delete it), "NO" when it adopted it. */
  public static final String FIP_CREATED = "SCW_FLEXIP_CREATED";

  /**
   * What oned computes when it writes an AR in its AddressRange form (spec §4.1, form B); these
   * are not stored attributes and must not be echoed back.
   */
  static final Set<String> COMPUTED = Set.of("MAC_END", "IP_END", "IP6_END", "IP6_ULA", "IP6_ULA_END",
      "IP6_GLOBAL", "IP6_GLOBAL_END", "USED_LEASES", "ALLOCATED");

  private ArAttributes() {}
}
