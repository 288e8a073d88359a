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

  /** Leases the range's only address: {@code ADDRESS = [ IP = "<AR IP>", SIZE = "1" ]}. */
  public static String getAddress(IpamMessage m) {
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

  /** Accepts only the range's own IP; prints nothing. */
  public static String allocateAddress(IpamMessage m) {
    String ip = rangeIp(m);
    String wanted = m.address.get("IP");
    if (wanted == null || wanted.isEmpty()) {
      throw new DriverException("allocate_address: no IP requested (scw-flexip range " + ip + ")");
    }
    if (!wanted.equals(ip)) {
      throw new DriverException("allocate_address: " + wanted + " is not this range's address " + ip);
    }
    String size = m.address.get("SIZE");
    if (size != null && !size.isEmpty() && !size.equals("1")) {
      throw new DriverException("scw-flexip range " + ip + " holds one address; cannot allocate " + size);
    }
    return "";
  }

  static String rangeIp(IpamMessage m) {
    AddressRangeRules.requireSingleAddress(m.ar);
    String ip = m.ar.get("IP");
    if (ip == null || ip.isEmpty()) {
      throw new DriverException("the address range has no IP: it was not registered by scw-flexip");
    }
    return ip;
  }
}
