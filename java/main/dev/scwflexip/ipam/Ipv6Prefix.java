package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;

/**
 * The /64 of an IPv6 Flexible IP, written the way oned reads it: a bare address with no
 * {@code /len} (docs/opennebula.md#what-oned-validates-in-a-register-reply), in its short form.
 * Parsed by hand: the JDK's parser would also accept host names.
 */
final class Ipv6Prefix {
  /** The upper 64 bits; the lower ones are always 0 in a prefix. */
  private final long high;

  private Ipv6Prefix(long high) {
    this.high = high;
  }

  /** {@code 2001:bc8:702:6b7::/64} or {@code 2001:bc8:702:6b7::}: only the upper 64 bits count. */
  static Ipv6Prefix of(String address) {
    String bare = address.indexOf('/') < 0 ? address : address.substring(0, address.indexOf('/'));
    long[] words = parse(bare);
    if (words == null) {
      throw new DriverException("Flexible IP address '" + address + "' is not an IPv6 network");
    }
    return new Ipv6Prefix(words[0]);
  }

  /** {@code 2001:bc8:702:6b7::}: the GLOBAL_PREFIX oned wants. */
  String network() {
    return format(high, 0);
  }

  /**
   * The prefix plus the modified EUI-64 interface id of {@code mac}: the address a guest takes by
   * SLAAC on that MAC, and the one an IP6_STATIC range hands out.
   */
  String withEui64(String mac) {
    String[] b = mac.split(":", -1);
    if (b.length != 6) {
      throw new DriverException("virtual MAC '" + mac + "' is not six bytes");
    }
    long id = 0;
    int[] order = {0, 1, 2, -1, -2, 3, 4, 5};
    for (int i : order) {
      int octet = i == -1 ? 0xff : i == -2 ? 0xfe : Integer.parseInt(b[i], 16) ^ (i == 0 ? 0x02 : 0);
      id = id << 8 | octet;
    }
    return format(high, id);
  }

  /** Eight 16-bit groups, or null; "::" stands for one run of zero groups. */
  private static long[] parse(String s) {
    if (s.isEmpty() || !s.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0)) {
      return null;
    }
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    String[] head = gap < 0 ? s.split(":", -1) : split(s.substring(0, gap));
    String[] tail = gap < 0 ? new String[0] : split(s.substring(gap + 2));
    int missing = 8 - head.length - tail.length;
    if (gap < 0 ? missing != 0 : missing < 1) {
      return null;
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      String g = i < head.length ? head[i] : i >= 8 - tail.length ? tail[i - (8 - tail.length)] : "0";
      if (g.isEmpty() || g.length() > 4) {
        return null;
      }
      groups[i] = Integer.parseInt(g, 16);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = hi << 16 | groups[i];
      lo = lo << 16 | groups[i + 4];
    }
    return new long[] {hi, lo};
  }

  private static String[] split(String part) {
    return part.isEmpty() ? new String[0] : part.split(":", -1);
  }

  /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
  static String format(long hi, long lo) {
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (hi >>> (48 - 16 * i) & 0xffff);
      g[i + 4] = (int) (lo >>> (48 - 16 * i) & 0xffff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }
}
