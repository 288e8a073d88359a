package dev.scwflexip.vnm;

import dev.scwflexip.cli.DriverException;
import dev.scwflexip.cli.Invocation;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.ListQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides which NICs are backed by this cloud's Flexible IPs. A NIC that carries the Flexible IP
 * id attribute is looked up by id; the others are matched by address against one paged list of
 * the IPs tagged as this cloud's. An IP that is not tagged as ours is never touched.
 */
final class OurNics {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private OurNics() {}

  /** NICs that may be ours: with an id attribute, or with a public IPv4 address. */
  static List<Nic> candidates(List<Nic> nics) {
    List<Nic> out = new ArrayList<>();
    for (Nic n : nics) {
      if (hasUsableId(n) || PublicIpv4.couldBeFlexibleIp(n.ip)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * Resolves the candidates. {@code strict} (pre) makes a NIC that names a missing or foreign
   * Flexible IP an error, so a VM does not boot without its public IP unnoticed; otherwise
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
    FlexibleIp fip;
    try {
      fip = api.get(n.fipId.toLowerCase(java.util.Locale.ROOT));
    } catch (ApiException e) {
      if (!e.isGone()) {
        throw e;
      }
      String what = n.label() + ": Flexible IP " + n.fipId + " no longer exists";
      if (strict) {
        throw new DriverException("scw-flexip: " + what);
      }
      inv.info(what + ", nothing to do");
      return null;
    }
    if (!Tags.isOurs(fip.tags, config.cloud)) {
      String what = n.label() + ": Flexible IP " + fip.ip + " (" + fip.id + ") is not tagged as cloud " + config.cloud;
      if (strict) {
        throw new DriverException("scw-flexip: " + what + ", refusing to attach it");
      }
      inv.info(what + ", left alone");
      return null;
    }
    if (n.ip != null && !n.ip.equals(fip.ip)) {
      inv.info(n.label() + ": the NIC's IP differs from its Flexible IP " + fip.ip + " (" + fip.id + ")");
    }
    return fip;
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
