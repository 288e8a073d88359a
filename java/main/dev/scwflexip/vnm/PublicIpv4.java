package dev.scwflexip.vnm;

/**
 * Whether an address could be a Flexible IP at all. Flexible IPs are public, so a NIC on a private
 * or special-purpose IPv4 range is not ours and needs no API call to find that out.
 */
final class PublicIpv4 {
  private PublicIpv4() {}

  static boolean couldBeFlexibleIp(String ip) {
    int[] o = octets(ip);
    if (o == null) {
      return false;
    }
    return !(o[0] == 0 || o[0] == 10 || o[0] == 127 || o[0] >= 224
        || (o[0] == 100 && o[1] >= 64 && o[1] < 128)
        || (o[0] == 169 && o[1] == 254)
        || (o[0] == 172 && o[1] >= 16 && o[1] < 32)
        || (o[0] == 192 && o[1] == 168));
  }

  private static int[] octets(String ip) {
    if (ip == null) {
      return null;
    }
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] o = new int[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3) {
        return null;
      }
      for (int j = 0; j < parts[i].length(); j++) {
        if (!Character.isDigit(parts[i].charAt(j))) {
          return null;
        }
      }
      o[i] = Integer.parseInt(parts[i]);
      if (o[i] > 255) {
        return null;
      }
    }
    return o;
  }
}
