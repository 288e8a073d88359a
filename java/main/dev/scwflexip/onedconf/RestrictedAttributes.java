package dev.scwflexip.onedconf;

import java.util.List;

/**
 * The oned.conf lines that make the driver's attributes admin-only. Without them any user could
 * write the Flexible IP id into their own address range, VNET template or NIC, and the hooks would
 * move that IP to the user's VM.
 *
 * <p>The driver names its attributes after one prefix: {@code SCW_FLEXIP_ID},
 * {@code SCW_FLEXIP_CREATED}, {@code SCW_FLEXIP_ZONE}. The created and zone names are derived from
 * the id attribute the same way: its {@code _ID} suffix replaced.
 */
record RestrictedAttributes(List<String> vnet, List<String> vm) {
  static final String VNET_NAME = "VNET_RESTRICTED_ATTR";
  static final String VM_NAME = "VM_RESTRICTED_ATTR";

  static RestrictedAttributes of(String idAttribute) {
    String prefix = idAttribute.endsWith("_ID")
        ? idAttribute.substring(0, idAttribute.length() - "_ID".length()) : idAttribute;
    return new RestrictedAttributes(
        // the VNET-level id too: a VNET template's attribute is inherited into NICs as well
        List.of("AR/" + idAttribute, "AR/" + prefix + "_CREATED", "AR/" + prefix + "_ZONE", idAttribute),
        List.of("NIC/" + idAttribute, "NIC_ALIAS/" + idAttribute));
  }
}
