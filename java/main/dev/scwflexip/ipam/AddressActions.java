package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.one.OneTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * get_address, allocate_address and free_address. Each range holds exactly one Flexible IP, so
 * these are pure functions of the message: no configuration, no API call, no HTTP class loaded.
 * oned runs IPAM actions one at a time, so their start-up time is what a burst of VM creations
 * waits for.
 */
public final class AddressActions {
  private AddressActions() {}

  /**
   * Leases the range's only address: {@code ADDRESS = [ IP = "<AR IP>", SIZE = "1" ]}. oned checks
   * the answer against the range's IPv4, so an IPv6-only range can never be leased this way
   * (docs/opennebula.md#ipv6-dual-stack-and-nic_alias): the NIC has to name the address.
   */
  public static String getAddress(IpamMessage m) {
    RangeType type = AddressRangeRules.requireSingleAddress(m.ar);
    if (!type.ipv4) {
      String mac = m.ar.getOrDefault("MAC", "");
      throw new DriverException("get_address: oned cannot lease an IPv6-only IPAM range (TYPE = " + type
          + ") automatically; the NIC must name MAC = \"" + mac + "\""
          + (type == RangeType.IP6_STATIC ? " or IP6 = \"" + m.ar.getOrDefault("IP6", "") + "\"" : ""));
    }
    String ip = rangeIp(m);
    String size = m.address.get("SIZE");
    if (size != null && !size.isEmpty() && !size.equals("1")) {
      throw new DriverException("scw-flexip range " + ip + " holds one address; cannot lease " + size);
    }
    Map<String, String> a = new LinkedHashMap<>();
    a.put("IP", ip);
    a.put("SIZE", "1");
    return OneTemplate.vectorOneLine("ADDRESS", a);
  }

  /**
   * Accepts only the range's own address, by its IPv4 or its MAC; prints nothing. oned writes the
   * IPv6 elements of this message as a literal 0, so they are never read.
   */
  public static String allocateAddress(IpamMessage m) {
    RangeType type = AddressRangeRules.requireSingleAddress(m.ar);
    String own = type.ipv4 ? rangeIp(m) : rangeMac(m);
    String wanted = m.address.get("IP");
    String wantedMac = m.address.get("MAC");
    if (type.ipv4 && wanted != null && !wanted.isEmpty()) {
      if (!wanted.equals(own)) {
        throw new DriverException("allocate_address: " + wanted + " is not this range's address " + own);
      }
    } else if (wantedMac != null && !wantedMac.isEmpty()) {
      String mac = rangeMac(m);
      if (!wantedMac.equalsIgnoreCase(mac)) {
        throw new DriverException("allocate_address: MAC " + wantedMac + " is not this range's MAC " + mac);
      }
    } else {
      throw new DriverException("allocate_address: no " + (type.ipv4 ? "IP or " : "") + "MAC requested (scw-flexip range "
          + own + ")");
    }
    String size = m.address.get("SIZE");
    if (size != null && !size.isEmpty() && !size.equals("1")) {
      throw new DriverException("scw-flexip range " + own + " holds one address; cannot allocate " + size);
    }
    return "";
  }

  /** How free_address names the lease it lets go: its IPv4, else its MAC. */
  public static String leaseName(IpamMessage m) {
    String ip = m.address.get("IP");
    return ip != null && !ip.isEmpty() ? ip : "MAC " + m.address.get("MAC");
  }

  static String rangeIp(IpamMessage m) {
    String ip = m.ar.get("IP");
    if (ip == null || ip.isEmpty()) {
      throw new DriverException("the address range has no IP: it was not registered by scw-flexip");
    }
    return ip;
  }

  private static String rangeMac(IpamMessage m) {
    String mac = m.ar.get("MAC");
    if (mac == null || mac.isEmpty()) {
      throw new DriverException("the address range has no MAC: it was not registered by scw-flexip");
    }
    return mac;
  }
}
