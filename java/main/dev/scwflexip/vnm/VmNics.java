package dev.scwflexip.vnm;

import dev.scwflexip.one.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The NICs a hook must act on. oned hands hooks a cut-down VM whose NICs sit in several sibling
 * {@code <TEMPLATE>} elements (one per copied node), so every TEMPLATE is read, not the first.
 * During a hot attach or detach all NICs are present and the one concerned carries
 * {@code ATTACH = "YES"}; then only those are returned, or a hot detach of one NIC would detach
 * every public IP of the VM.
 */
public final class VmNics {
  private VmNics() {}

  public static List<Nic> toActOn(XmlElement vm) {
    List<Nic> all = all(vm);
    List<Nic> attaching = new ArrayList<>();
    for (Nic n : all) {
      if (n.attach) {
        attaching.add(n);
      }
    }
    return attaching.isEmpty() ? all : attaching;
  }

  /** Every NIC and NIC_ALIAS, in document order. */
  public static List<Nic> all(XmlElement vm) {
    List<Nic> out = new ArrayList<>();
    for (XmlElement template : vm.children("TEMPLATE")) {
      for (XmlElement e : template.children) {
        if (e.name.equals("NIC") || e.name.equals("NIC_ALIAS")) {
          out.add(read(e));
        }
      }
    }
    return out;
  }

  /**
   * The host of the VM's current placement (the last HISTORY's HOSTNAME), or null. During a live
   * migration oned has already made the destination's history record current when it runs
   * clean on the source, so there the two differ.
   */
  public static String currentHost(XmlElement vm) {
    String host = null;
    for (XmlElement records : vm.children("HISTORY_RECORDS")) {
      for (XmlElement h : records.children("HISTORY")) {
        String name = field(h, "HOSTNAME");
        if (name != null) {
          host = name;
        }
      }
    }
    return host;
  }

  private static Nic read(XmlElement e) {
    String attach = field(e, "ATTACH");
    return new Nic(e.name, field(e, "NIC_ID"), field(e, "IP"), field(e, "MAC"), field(e, "SCW_FLEXIP_ID"),
        field(e, "SCW_FLEXIP_ID6"), field(e, "NETWORK_ID"), attach != null && attach.toUpperCase(Locale.ROOT).equals("YES"));
  }

  /** A child's trimmed text; null when missing or blank. */
  private static String field(XmlElement e, String name) {
    String v = e.childText(name);
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }
}
