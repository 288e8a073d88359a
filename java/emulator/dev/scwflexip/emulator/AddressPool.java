package dev.scwflexip.emulator;

/**
 * Hands out unique addresses: IPv4 from 51.15.0.0 upwards (the style of Scaleway's ranges),
 * IPv6 /64s under 2001:bc8:7100::/40, and virtual MACs with the hypervisor's usual OUI.
 * Not thread-safe: the store calls it under its lock.
 */
final class AddressPool {
  private long nextV4;
  private long nextV6;
  private long nextMac;

  String nextIpv4() {
    long n = nextV4++;
    // 254 usable hosts per /24, from 51.15.0.1; rolls into 51.16.x.y after 65,024 IPs
    long host = n % 254 + 1;
    long third = (n / 254) % 256;
    long second = 15 + n / (254 * 256);
    return "51." + second + "." + third + "." + host;
  }

  /**
   * The n-th /64 under 2001:bc8:7100::/40, written as the API writes one: the network address
   * in its short form, then {@code /64} (2001:bc8:7100:1::/64, 2001:bc8:7101::/64).
   */
  String nextIpv6Prefix() {
    long n = nextV6++;
    String third = String.format("71%02x", n >> 16 & 0xff);
    long fourth = n & 0xffff;
    return "2001:bc8:" + third + (fourth == 0 ? "" : ":" + Long.toHexString(fourth)) + "::/64";
  }

  String nextMac(String macType) {
    long n = nextMac++ & 0xffffff;
    return String.format("%s:%02x:%02x:%02x", oui(macType), n >> 16 & 0xff, n >> 8 & 0xff, n & 0xff);
  }

  private static String oui(String macType) {
    switch (macType) {
      case "xen": return "00:16:3e";
      case "vmware": return "00:50:56";
      default: return "52:54:00";
    }
  }

  /** {@code 51.15.0.1} → {@code 51-15-0-1.rev.poneytelecom.eu.}; IPv6 the same with colons. */
  static String reverseOf(String ipAddress) {
    String bare = ipAddress.endsWith("/64") ? ipAddress.substring(0, ipAddress.length() - 3) : ipAddress;
    return bare.replace('.', '-').replace(':', '-') + ".rev.poneytelecom.eu.";
  }
}
