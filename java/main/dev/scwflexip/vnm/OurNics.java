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
 * carries this cloud's tag and has the NIC's own address. Looking NICs up by address alone is
 * off unless the configuration turns it on ({@code match_nics_by_address}).
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
          add(byId, new Target(n, fip), inv);
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
          add(byId, new Target(n, fip), inv);
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  private static FlexibleIp getById(Nic n, FlexibleIpApi api, Config config, Invocation inv, boolean strict) {
    String id = n.fipId.toLowerCase(Locale.ROOT);
    FlexibleIp fip = Gone.getOrNull(api, config.projectId, id);
    String refused = null;
    if (fip == null) {
      refused = "Flexible IP " + id + " no longer exists";
    } else if (!Tags.isOurs(fip.tags, config.cloud)) {
      refused = "Flexible IP " + fip.ip + " (" + fip.id + ") is not tagged as cloud " + config.cloud;
    } else if (n.ip == null || !n.ip.equals(fip.ip)) {
      // another VM's IP named from a NIC of a network the user made: never move it
      refused = "Flexible IP " + fip.id + " has address " + fip.ip + ", not the NIC's " + (n.ip == null ? "(none)" : n.ip);
    }
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
