package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;
import java.util.Map;

/** What an address range must look like for this driver: one address of a type it serves. */
final class AddressRangeRules {
  private AddressRangeRules() {}

  /** Checks SIZE and TYPE; returns the type. */
  static RangeType requireSingleAddress(Map<String, String> ar) {
    String size = ar.get("SIZE");
    if (size == null || size.isEmpty()) {
      throw new DriverException("the address range has no SIZE; scw-flexip ranges need SIZE = 1");
    }
    if (!size.strip().equals("1")) {
      throw new DriverException("the address range has SIZE = " + size
          + "; scw-flexip gives each range one Flexible IP, so it needs SIZE = 1");
    }
    return RangeType.of(ar.get("TYPE"));
  }

  /** A dotted quad with each part 0-255, without loading java.util.regex. */
  static boolean isIpv4(String s) {
    if (s == null) {
      return false;
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3) {
        return false;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') {
          return false;
        }
      }
      if (Integer.parseInt(p) > 255 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
    }
    return true;
  }
}
