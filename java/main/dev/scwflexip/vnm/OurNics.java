package dev.scwflexip.vnm;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.Gone;
import dev.scwflexip.scaleway.ListQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides which NICs are backed by this cloud's Flexible IPs. Every NIC attribute is user input
 * (a user can lease any address from a network of their own, and set attributes oned.conf does
 * not restrict), so a NIC is acted on only when the Flexible IP its {@code SCW_FLEXIP_ID} names
 * carries this cloud's tag and has the NIC's own address (an IPv4), or the NIC's MAC as its
 * virtual MAC (an IPv6-only range's /64). A dual-stack NIC's IPv6 is the one the IPv4's pair tag
 * names, which must be ours and name the IPv4 back; the NIC's {@code SCW_FLEXIP_ID6}, when
 * present, must agree. Looking NICs up by address alone is off unless the configuration turns
 * it on ({@code match_nics_by_address}).
 */
final class OurNics {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private OurNics() {}

  /** NICs that may be ours: with an id attribute, or ({@code byAddress}) with a public IPv4 address. */
  static List<Nic> candidates(List<Nic> nics, boolean byAddress) {
    List<Nic> out = new ArrayList<>();
    for (Nic n : nics) {
      if (hasUsableId(n) || byAddress && PublicIpv4.couldBeFlexibleIp(n.ip)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * Resolves the candidates. {@code strict} (pre, post) makes a NIC that names a missing or
   * foreign Flexible IP an error, so a VM does not boot without its public IP unnoticed; otherwise
   * (clean) such a NIC is skipped with an INFO line.
   */
  static List<Target> resolve(List<Nic> candidates, FlexibleIpApi api, Config config, Invocation inv,
      boolean strict) {
    Map<String, Target> byId = new LinkedHashMap<>();
    List<Nic> byAddress = new ArrayList<>();
    for (Nic n : candidates) {
      if (hasUsableId(n)) {
        FlexibleIp fip = getById(n, api, config, inv, strict);
        if (fip != null) {
          addWithPartner(byId, n, fip, api, config, inv, strict);
        }
      } else {
        if (n.fipId != null) {
          inv.info(n.label() + ": SCW_FLEXIP_ID is not a UUID, looking the IP up instead");
        }
        byAddress.add(n);
      }
    }
    if (!byAddress.isEmpty()) {
      Map<String, FlexibleIp> tagged = new HashMap<>();
      for (FlexibleIp f : api.list(ListQuery.tagged(config.cloudTag()).project(config.projectId))) {
        if (Tags.isOurs(f.tags, config.cloud)) {
          tagged.put(f.ip, f);
        }
      }
      for (Nic n : byAddress) {
        FlexibleIp fip = tagged.get(n.ip);
        if (fip == null) {
          inv.info(n.label() + ": not a Flexible IP of cloud " + config.cloud + ", ignored");
        } else {
          addWithPartner(byId, n, fip, api, config, inv, strict);
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** The NIC's IP, and the IPv6 paired with it when it is a dual-stack range's IPv4. */
  private static void addWithPartner(Map<String, Target> byId, Nic n, FlexibleIp fip, FlexibleIpApi api, Config config,
      Invocation inv, boolean strict) {
    String pairId = Tags.pairOf(fip.tags);
    if (fip.isIpv6() || pairId == null && n.fipId6 == null) {
      add(byId, new Target(n, fip), inv);
      return;
    }
    FlexibleIp v6 = partner(n, fip, api, config, inv, strict);
    if (v6 == null && pairId != null) {
      return; // never move half of a pair
    }
    add(byId, new Target(n, fip, v6 == null ? null : fip.id), inv);
    if (v6 != null) {
      add(byId, new Target(n, v6, fip.id), inv);
    }
  }

  private static FlexibleIp getById(Nic n, FlexibleIpApi api, Config config, Invocation inv, boolean strict) {
    String id = n.fipId.toLowerCase(Locale.ROOT);
    FlexibleIp fip = Gone.getOrNull(api, config.projectId, id);
    String refused = null;
    if (fip == null) {
      refused = "Flexible IP " + id + " no longer exists";
    } else if (!Tags.isOurs(fip.tags, config.cloud)) {
      refused = "Flexible IP " + fip.ip + " (" + fip.id + ") is not tagged as cloud " + config.cloud;
    } else if (fip.isIpv6()) {
      String virtual = fip.mac == null ? null : fip.mac.address;
      if (Tags.pairOf(fip.tags) != null) {
        refused = "Flexible IP " + fip.id + " is the IPv6 of a dual-stack pair, which a NIC names by its IPv4";
      } else if (n.mac == null || !n.mac.equalsIgnoreCase(virtual)) {
        refused = "Flexible IP " + fip.id + " has virtual MAC " + virtual + ", not the NIC's " + n.mac;
      }
    } else if (n.ip == null || !n.ip.equals(fip.ip)) {
      // another VM's IP named from a NIC of a network the user made: never move it
      refused = "Flexible IP " + fip.id + " has address " + fip.ip + ", not the NIC's " + (n.ip == null ? "(none)" : n.ip);
    }
    return refusedOr(fip, refused, n, inv, strict);
  }

  /**
   * The IPv6 paired with the NIC's IPv4 {@code v4}, or null when it has none (or, outside strict
   * mode, when it is refused). The pair tags at Scaleway decide; the NIC's SCW_FLEXIP_ID6 is a
   * claim that must agree with them.
   */
  private static FlexibleIp partner(Nic n, FlexibleIp v4, FlexibleIpApi api, Config config, Invocation inv,
      boolean strict) {
    String pairId = Tags.pairOf(v4.tags);
    String claimed = n.fipId6 == null ? null : n.fipId6.toLowerCase(Locale.ROOT);
    if (pairId == null) {
      return refusedOr(null, "SCW_FLEXIP_ID6 names " + claimed + ", but Flexible IP " + v4.id
          + " has no IPv6 paired with it", n, inv, strict);
    }
    if (claimed != null && !claimed.equals(pairId.toLowerCase(Locale.ROOT))) {
      return refusedOr(null, "SCW_FLEXIP_ID6 " + claimed + " is not the IPv6 paired with " + v4.ip + " (" + pairId + ")",
          n, inv, strict);
    }
    FlexibleIp v6 = Gone.getOrNull(api, config.projectId, pairId);
    String refused = null;
    if (v6 == null) {
      refused = "the IPv6 paired with " + v4.ip + " (" + pairId + ") no longer exists";
    } else if (!Tags.isOurs(v6.tags, config.cloud)) {
      refused = "Flexible IP " + v6.ip + " (" + v6.id + ") is not tagged as cloud " + config.cloud;
    } else if (!v6.isIpv6() || !v4.id.equalsIgnoreCase(Tags.pairOf(v6.tags))) {
      refused = "Flexible IP " + v6.id + " (" + v6.ip + ") is not the IPv6 paired with " + v4.ip;
    }
    return refusedOr(v6, refused, n, inv, strict);
  }

  private static FlexibleIp refusedOr(FlexibleIp fip, String refused, Nic n, Invocation inv, boolean strict) {
    if (refused == null) {
      return fip;
    }
    if (strict) {
      throw new DriverException("scw-flexip: " + n.label() + ": " + refused + ", refusing to attach it");
    }
    inv.info(n.label() + ": " + refused + ", left alone");
    return null;
  }

  private static void add(Map<String, Target> byId, Target t, Invocation inv) {
    if (byId.containsKey(t.fip.id)) {
      inv.info(t.nic.label() + ": Flexible IP " + t.label() + " already handled for another NIC");
      return;
    }
    byId.put(t.fip.id, t);
  }

  private static boolean hasUsableId(Nic n) {
    return n.fipId != null && UUID.matcher(n.fipId).matches();
  }
}
