package dev.scwflexip.reconcile;

import dev.scwflexip.one.SafeXml;
import dev.scwflexip.one.XmlElement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * OpenNebula's view: the address ranges whose {@code IPAM_MAD} is this driver's name (from the
 * configuration). A view may be absent (no {@code --one-xml}, no {@code onevnet}); the planner
 * then refuses every deletion, because only OpenNebula can say that no range uses an IP. It also
 * refuses when some range names an IPAM driver it does not know: that may be this driver under
 * another name (a configuration that disagrees with oned.conf), whose ranges would otherwise
 * look like orphans.
 */
public final class OneView {
  /** IPAM drivers OpenNebula ships (and "internal", the default); any other name is unknown. */
  static final Set<String> STOCK_DRIVERS = Set.of("internal", "dummy", "aws", "equinix", "vultr", "scaleway");
  /** onevnet output for thousands of ranges is large but bounded: 64 MiB of characters. */
  static final int MAX_CHARS = 64 * 1024 * 1024;

  /** Where the view came from ("file …", "onevnet"), or null when there is none. */
  public final String source;
  public final List<OneRange> ranges;
  /** IPAM_MAD names of ranges that are neither this driver's nor OpenNebula's own. */
  public final Set<String> unknownDrivers;
  /** True when the XML carried the ranges' leases (onevnet show), so a range without any is free. */
  public final boolean leasesKnown;
  private final Map<String, OneRange> byFipId = new HashMap<>();
  private final Map<String, OneRange> byIp = new HashMap<>();
  private final Map<String, OneRange> byMac = new HashMap<>();

  private OneView(String source, List<OneRange> ranges, Set<String> unknownDrivers, boolean leasesKnown) {
    this.source = source;
    this.ranges = Collections.unmodifiableList(ranges);
    this.unknownDrivers = Collections.unmodifiableSet(unknownDrivers);
    this.leasesKnown = leasesKnown;
    for (OneRange r : ranges) {
      if (r.fipId != null) {
        byFipId.putIfAbsent(r.fipId.toLowerCase(Locale.ROOT), r);
      }
      if (r.fipId6 != null) {
        byFipId.putIfAbsent(r.fipId6.toLowerCase(Locale.ROOT), r);
      }
      if (r.ip != null) {
        byIp.putIfAbsent(r.ip, r);
      }
      if (r.mac != null) {
        byMac.putIfAbsent(r.mac.toLowerCase(Locale.ROOT), r);
      }
    }
  }

  public static OneView none() {
    return new OneView(null, new ArrayList<>(), new TreeSet<>(), false);
  }

  public boolean available() {
    return source != null;
  }

  OneView withUnknownDrivers(Set<String> more) {
    Set<String> all = new TreeSet<>(unknownDrivers);
    all.addAll(more);
    return new OneView(source, new ArrayList<>(ranges), all, leasesKnown);
  }

  /** Whether this view can show that no range uses an IP, which a deletion needs. */
  public boolean allowsDeletion() {
    return available() && unknownDrivers.isEmpty();
  }

  /** The range that uses this IP, by its Flexible IP id first and by its address otherwise. */
  public OneRange usedBy(String fipId, String ip) {
    return usedBy(fipId, ip, null);
  }

  /**
   * The same, and then by the range's MAC, which oned protects like IP: the virtual MAC of an
   * IPv6-only range's IP, or of a dual-stack pair. A tenant can drop the ids from a range, never
   * its MAC.
   */
  public OneRange usedBy(String fipId, String ip, String mac) {
    OneRange r = fipId == null ? null : byFipId.get(fipId.toLowerCase(Locale.ROOT));
    if (r == null && ip != null) {
      r = byIp.get(ip);
    }
    if (r == null && mac != null) {
      r = byMac.get(mac.toLowerCase(Locale.ROOT));
    }
    return r;
  }

  /**
   * Parses {@code <VNET_POOL>} (or a single {@code <VNET>}) as {@code onevnet list -x} prints it;
   * {@code ipamName} is this driver's IPAM_MAD. Leases count as known when {@code withLeases}
   * (the XML came from {@code onevnet show}) or when any range in it carries a LEASES element.
   */
  public static OneView parse(String xml, String source, String ipamName, boolean withLeases) {
    XmlElement root = SafeXml.parse(xml, MAX_CHARS, "OpenNebula VNET XML (" + source + ")");
    List<XmlElement> vnets = root.name.equals("VNET") ? List.of(root) : root.children("VNET");
    List<OneRange> ranges = new ArrayList<>();
    Set<String> unknown = new TreeSet<>();
    boolean leasesSeen = withLeases;
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
        leasesSeen |= ar.child("LEASES") != null;
        if (!ipamName.equals(mad)) {
          if (mad != null && !STOCK_DRIVERS.contains(mad) || text(ar, "SCW_FLEXIP_ID") != null) {
            unknown.add(mad == null ? "(none, but with SCW_FLEXIP_ID)" : mad);
          }
          continue;
        }
        XmlElement leases = ar.child("LEASES");
        ranges.add(new OneRange(text(vnet, "ID"), text(vnet, "NAME"), text(ar, "AR_ID"), text(ar, "IP"),
            text(ar, "MAC"), text(ar, "SCW_FLEXIP_ID"), text(ar, "SCW_FLEXIP_ID6"), leaseVms(ar),
            leases != null ? leases.children("LEASE").size() : withLeases ? 0 : -1));
      }
    }
    if (leasesSeen) {
      for (int i = 0; i < ranges.size(); i++) {
        OneRange r = ranges.get(i);
        if (r.leaseCount < 0) {
          ranges.set(i, new OneRange(r.vnetId, r.vnetName, r.arId, r.ip, r.mac, r.fipId, r.fipId6, r.leaseVms, 0));
        }
      }
    }
    return new OneView(source, ranges, unknown, leasesSeen);
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
