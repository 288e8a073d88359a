package dev.scwflexip.reconcile;

import dev.scwflexip.one.SafeXml;
import dev.scwflexip.one.XmlElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenNebula's view: the address ranges whose {@code IPAM_MAD} is this driver. A view may be
 * absent (no {@code --one-xml}, no {@code onevnet}); the planner then refuses every deletion,
 * because only OpenNebula can say that no range uses an IP.
 */
public final class OneView {
  public static final String IPAM_MAD = "scw-flexip";
  /** onevnet output for thousands of ranges is large but bounded: 64 MiB of characters. */
  static final int MAX_CHARS = 64 * 1024 * 1024;

  /** Where the view came from ("file …", "onevnet"), or null when there is none. */
  public final String source;
  public final List<OneRange> ranges;
  private final Map<String, OneRange> byFipId = new HashMap<>();
  private final Map<String, OneRange> byIp = new HashMap<>();

  private OneView(String source, List<OneRange> ranges) {
    this.source = source;
    this.ranges = Collections.unmodifiableList(ranges);
    for (OneRange r : ranges) {
      if (r.fipId != null) {
        byFipId.putIfAbsent(r.fipId.toLowerCase(Locale.ROOT), r);
      }
      if (r.ip != null) {
        byIp.putIfAbsent(r.ip, r);
      }
    }
  }

  public static OneView none() {
    return new OneView(null, new ArrayList<>());
  }

  public boolean available() {
    return source != null;
  }

  /** The range that uses this IP, by its Flexible IP id first and by its address otherwise. */
  public OneRange usedBy(String fipId, String ip) {
    OneRange r = fipId == null ? null : byFipId.get(fipId.toLowerCase(Locale.ROOT));
    if (r == null && ip != null) {
      r = byIp.get(ip);
    }
    return r;
  }

  /** Parses {@code <VNET_POOL>} (or a single {@code <VNET>}) as {@code onevnet list -x} prints it. */
  public static OneView parse(String xml, String source) {
    XmlElement root = SafeXml.parse(xml, MAX_CHARS, "OpenNebula VNET XML (" + source + ")");
    List<XmlElement> vnets = root.name.equals("VNET") ? List.of(root) : root.children("VNET");
    List<OneRange> ranges = new ArrayList<>();
    for (XmlElement vnet : vnets) {
      XmlElement pool = vnet.child("AR_POOL");
      if (pool == null) {
        continue;
      }
      String vnetMad = text(vnet.child("TEMPLATE"), "IPAM_MAD");
      for (XmlElement ar : pool.children("AR")) {
        String mad = text(ar, "IPAM_MAD");
        if (mad == null) {
          mad = vnetMad;
        }
        if (!IPAM_MAD.equals(mad)) {
          continue;
        }
        ranges.add(new OneRange(text(vnet, "ID"), text(vnet, "NAME"), text(ar, "AR_ID"), text(ar, "IP"),
            text(ar, "MAC"), text(ar, "SCW_FLEXIP_ID"), leaseVms(ar)));
      }
    }
    return new OneView(source, ranges);
  }

  private static List<String> leaseVms(XmlElement ar) {
    List<String> vms = new ArrayList<>();
    XmlElement leases = ar.child("LEASES");
    if (leases == null) {
      return vms;
    }
    for (XmlElement lease : leases.children("LEASE")) {
      String vm = text(lease, "VM");
      if (vm != null && !vm.isEmpty() && !vm.startsWith("-")) {
        vms.add(vm);
      }
    }
    return vms;
  }

  private static String text(XmlElement e, String child) {
    if (e == null) {
      return null;
    }
    String t = e.childText(child);
    if (t == null) {
      return null;
    }
    t = t.strip();
    return t.isEmpty() ? null : t;
  }
}
