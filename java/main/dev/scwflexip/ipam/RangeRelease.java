package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.Gone;
import dev.scwflexip.scaleway.ListQuery;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * unregister_address_range: releases the range's own Flexible IPs and nothing else. A network's
 * owner can edit {@code SCW_FLEXIP_ID}, {@code SCW_FLEXIP_ID6}, {@code SCW_FLEXIP_CREATED} and
 * {@code GLOBAL_PREFIX} ({@code onevnet updatear}); oned protects only {@code IP}, {@code MAC} and
 * {@code TYPE}. So each IP released must carry this cloud's tag and be shown to be the range's by
 * a protected fact: the IPv4 by having the range's {@code IP}, a dual-stack IPv6 by a pair tag
 * naming that IPv4 (and the IPv4's naming it), an IPv6-only range's IP by having the range's
 * {@code MAC} as its virtual MAC. Whether each is deleted or handed back depends on its tags (an
 * entry tag is only written by the create call; an adopted IP carries the adopted tag), never on
 * the range. Anything else fails with one line and touches nothing.
 */
final class RangeRelease {
  private final Config config;
  private final ApiOpener opener;
  private final Journal journal;
  private final PrintStream log;

  RangeRelease(Config config, ApiOpener opener, Journal journal, PrintStream log) {
    this.config = config;
    this.opener = opener;
    this.journal = journal;
    this.log = log;
  }

  void release(IpamMessage m) {
    RangeType type = RangeType.of(ArAttributes.get(m.ar, "TYPE"));
    String id = ArAttributes.get(m.ar, ArAttributes.FIP_ID);
    String ip = ArAttributes.get(m.ar, "IP");
    String mac = ArAttributes.get(m.ar, "MAC");
    if (type.ipv4 ? ip == null : mac == null) {
      log.println("INFO: unregister: the range has no " + (type.ipv4 ? "IP" : "MAC") + "; no Flexible IP to release");
      return;
    }
    try (FlexibleIpApi api = opener.open(Deadline.afterSeconds(config.actionDeadlineSeconds))) {
      FlexibleIp first = type.ipv4
          ? (id != null ? byId(api, id, ip) : byAddress(api, ip))
          : (id != null ? ipv6ById(api, id, mac) : ipv6ByMac(api, mac));
      if (first == null) {
        forget(id, ip, mac);
        log.println("INFO: unregister: Flexible IP " + (id != null ? id : type.ipv4 ? ip : "with MAC " + mac)
            + " is already gone" + (type.isPair() ? "; an IPv6 paired with it is left for 'scw-flexip reconcile'" : ""));
        return;
      }
      List<FlexibleIp> unit = new ArrayList<>(List.of(first));
      if (type.isPair()) {
        FlexibleIp second = partner(api, first, ArAttributes.get(m.ar, ArAttributes.FIP_ID6));
        if (second != null) {
          unit.add(second);
        }
      }
      boolean created = Tags.isCreatedHere(first.tags, config.cloud);
      String said = ArAttributes.get(m.ar, ArAttributes.FIP_CREATED);
      if (said != null && said.equalsIgnoreCase("YES") != created) {
        log.println("INFO: unregister: the range says " + ArAttributes.FIP_CREATED + " = " + said
            + ", but the tags of " + first.id + " say it was " + (created ? "created here" : "adopted") + "; the tags decide");
      }
      markReleasing(unit, created);
      String outcome = release(api, unit);
      journal.update(entries -> entries.removeIf(e -> e.names(first.id)));
      log.println("INFO: unregister: " + outcome);
    }
  }

  /** The IP the range names, once it is shown to be this range's; null when confirmed gone. */
  private FlexibleIp byId(FlexibleIpApi api, String id, String ip) {
    FlexibleIp fip = Gone.getOrNull(api, config.projectId, id.toLowerCase(Locale.ROOT));
    if (fip == null) {
      return null;
    }
    requireOurs(fip);
    if (!ip.equals(fip.ip)) {
      throw refuse("the range's " + ArAttributes.FIP_ID + " " + fip.id + " names " + fip.ip
          + ", not the range's address " + ip);
    }
    return fip;
  }

  /** A range without the id attribute: the IP of this cloud with its address, if any. */
  private FlexibleIp byAddress(FlexibleIpApi api, String ip) {
    for (FlexibleIp f : api.list(ListQuery.tagged(config.cloudTag()).project(config.projectId))) {
      if (ip.equals(f.ip) && Tags.isOurs(f.tags, config.cloud)) {
        return f;
      }
    }
    return null;
  }

  /**
   * The IPv6 paired with {@code v4}, named by the IPv4's pair tag, never by the range alone: the
   * range's {@code SCW_FLEXIP_ID6} must agree with it, and the IPv6 must be ours and name
   * {@code v4} back. Null when there is no partner left to release.
   */
  private FlexibleIp partner(FlexibleIpApi api, FlexibleIp v4, String claimed) {
    String pairId = Tags.pairOf(v4.tags);
    if (pairId == null) {
      log.println("INFO: unregister: " + v4.ip + " (" + v4.id + ") has no IPv6 paired with it; releasing it alone");
      return null;
    }
    if (claimed != null && !claimed.equalsIgnoreCase(pairId)) {
      throw refuse("the range's " + ArAttributes.FIP_ID6 + " " + claimed + " is not the IPv6 paired with " + v4.ip
          + " (" + pairId + ")");
    }
    FlexibleIp v6 = Gone.getOrNull(api, config.projectId, pairId);
    if (v6 == null) {
      log.println("INFO: unregister: the IPv6 paired with " + v4.ip + " (" + pairId + ") is already gone");
      return null;
    }
    requireOurs(v6);
    if (!v6.isIpv6() || !v4.id.equalsIgnoreCase(Tags.pairOf(v6.tags))) {
      throw refuse("Flexible IP " + v6.id + " (" + v6.ip + ") is not the IPv6 paired with " + v4.ip);
    }
    return v6;
  }

  /** An IPv6-only range's IP, named by id: ours, IPv6, unpaired, and wearing the range's MAC. */
  private FlexibleIp ipv6ById(FlexibleIpApi api, String id, String mac) {
    FlexibleIp fip = Gone.getOrNull(api, config.projectId, id.toLowerCase(Locale.ROOT));
    if (fip == null) {
      return null;
    }
    requireOurs(fip);
    if (!isRangesIpv6(fip, mac)) {
      throw refuse("the range's " + ArAttributes.FIP_ID + " " + fip.id + " (" + fip.ip + ") is not an unpaired IPv6"
          + " Flexible IP with the range's MAC " + mac);
    }
    return fip;
  }

  private FlexibleIp ipv6ByMac(FlexibleIpApi api, String mac) {
    for (FlexibleIp f : api.list(ListQuery.tagged(config.cloudTag()).project(config.projectId))) {
      if (Tags.isOurs(f.tags, config.cloud) && isRangesIpv6(f, mac)) {
        return f;
      }
    }
    return null;
  }

  private static boolean isRangesIpv6(FlexibleIp f, String mac) {
    return f.isIpv6() && Tags.pairOf(f.tags) == null && f.mac != null && mac.equalsIgnoreCase(f.mac.address);
  }

  private void requireOurs(FlexibleIp fip) {
    if (!Tags.isOurs(fip.tags, config.cloud)) {
      throw refuse("Flexible IP " + fip.id + " (" + fip.ip + ") is not tagged as cloud " + config.cloud + "'s");
    }
  }

  private static DriverException refuse(String why) {
    return new DriverException("unregister: " + why + "; nothing was detached or deleted");
  }

  /** Journals the release before it starts, so reconcile can finish one a crash interrupts. */
  private void markReleasing(List<FlexibleIp> unit, boolean created) {
    FlexibleIp first = unit.get(0);
    FlexibleIp second = unit.size() > 1 ? unit.get(1) : null;
    journal.update(entries -> {
      for (JournalEntry e : entries) {
        if (e.names(first.id)) {
          e.beginRelease(Journal.now());
          return null;
        }
      }
      String entryId = UUID.randomUUID().toString();
      entries.add(second == null
          ? JournalEntry.beginUnrecordedRelease(entryId, first.id, first.ip, config.zone, created, Journal.now())
          : JournalEntry.beginUnrecordedPairRelease(entryId, first.id, first.ip, second.id, second.ip, config.zone,
              created, Journal.now()));
      return null;
    });
  }

  private void forget(String id, String ip, String mac) {
    journal.update(entries -> entries.removeIf(e -> id != null ? e.names(id)
        : ip != null ? ip.equals(e.ip()) : mac.equalsIgnoreCase(e.mac())));
  }

  /** Detaches the unit (a MAC group in one call), then deletes or hands back each IP. */
  private String release(FlexibleIpApi api, List<FlexibleIp> unit) {
    List<FlexibleIp> left = detach(api, unit);
    List<String> done = new ArrayList<>();
    // the IPv4 last: a run killed in between leaves it, and its pair tag, for the next unregister
    List<FlexibleIp> order = new ArrayList<>(unit);
    java.util.Collections.reverse(order);
    for (FlexibleIp f : order) {
      if (!left.contains(f)) {
        done.add("Flexible IP " + f.id + " is already gone");
      } else if (Tags.isCreatedHere(f.tags, config.cloud) || config.adoptedRelease.equals("delete")) {
        Gone.delete(api, config.projectId, f.id);
        done.add("deleted Flexible IP " + f.ip + " (" + f.id + ")");
      } else {
        done.add(handBack(api, f));
      }
    }
    return String.join("; ", done);
  }

  /** The members still there once those on a server are detached (and waited for). */
  private List<FlexibleIp> detach(FlexibleIpApi api, List<FlexibleIp> unit) {
    Map<String, List<FlexibleIp>> groups = new LinkedHashMap<>();
    for (FlexibleIp f : unit) {
      if (f.serverId != null || f.isTransient() || "attached".equals(f.status)) {
        groups.computeIfAbsent(f.mac == null ? "fip:" + f.id : "mac:" + f.mac.id, k -> new ArrayList<>()).add(f);
      }
    }
    List<FlexibleIp> left = new ArrayList<>(unit);
    for (List<FlexibleIp> group : groups.values()) {
      List<String> ids = new ArrayList<>();
      for (FlexibleIp f : group) {
        ids.add(f.id);
      }
      try {
        api.detach(ids);
        for (FlexibleIp f : group) {
          api.waitUntil(f.id, x -> !x.isTransient() && x.serverId == null, "detaching " + f.ip);
        }
      } catch (ApiException e) {
        for (FlexibleIp f : group) {
          if (!Gone.confirmed(api, config.projectId, f.id, e)) {
            throw e;
          }
          left.remove(f);
        }
      }
    }
    return left;
  }

  private String handBack(FlexibleIpApi api, FlexibleIp fip) {
    List<String> tags = new ArrayList<>(fip.tags);
    tags.remove(config.cloudTag());
    tags.remove(Tags.ADOPTED);
    tags.removeIf(t -> t.startsWith(Tags.PAIR));
    if (!config.adoption.equals("any") && !tags.contains(Tags.adoptable(config.cloud))) {
      // it was adoptable when it was taken over; it is again
      tags.add(Tags.adoptable(config.cloud));
    }
    try {
      api.update(fip.id, null, tags);
    } catch (ApiException e) {
      if (!Gone.confirmed(api, config.projectId, fip.id, e)) {
        throw e;
      }
    }
    return "released adopted Flexible IP " + fip.ip + " (" + fip.id + "), kept at Scaleway";
  }
}
