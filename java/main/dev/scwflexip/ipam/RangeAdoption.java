package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.Gone;
import dev.scwflexip.scaleway.ListQuery;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Takes over existing IPs, named by id or address: one, or a dual-stack pair named by its two
 * ids. Which IPs may be adopted is the operator's decision ({@code adoption} in the
 * configuration, and the adoptable tag at Scaleway), never the range's: an IP that any
 * scw-flexip cloud already manages, another tenant's among them, is refused. A pair is adopted
 * whole or not at all, and its two IPs are tied by pair tags as if created here.
 */
final class RangeAdoption {
  private final Config config;
  private final ApiOpener opener;
  private final Journal journal;
  private final PrintStream log;

  RangeAdoption(Config config, ApiOpener opener, Journal journal, PrintStream log) {
    this.config = config;
    this.opener = opener;
    this.journal = journal;
    this.log = log;
  }

  String adopt(FlexibleIpApi api, RangeType type, String id, String ip, String id6, RegisterReply reply) {
    if (config.adoption.equals("off")) {
      throw new DriverException("register: adopting existing Flexible IPs is turned off (adoption = off);"
          + " leave IP and " + ArAttributes.FIP_ID + " out of the range to get a new one");
    }
    if (type.isPair() && (id6 == null || (id == null && ip == null))) {
      throw new DriverException("register: adopting a dual-stack pair needs " + ArAttributes.FIP_ID + " (or IP) and "
          + ArAttributes.FIP_ID6 + "; nothing was adopted");
    }
    FlexibleIp first = findToAdopt(api, id, ip, !type.ipv4);
    FlexibleIp second = type.isPair() ? findToAdopt(api, id6, null, true) : null;
    if (second != null && second.mac != null && (first.mac == null || !second.mac.id.equals(first.mac.id))) {
      throw new DriverException("register: IPv6 Flexible IP " + second.ip + " has a virtual MAC of its own; a dual-stack"
          + " pair shares the IPv4's, so delete that MAC at Scaleway first");
    }
    List<FlexibleIp> unit = second == null ? List.of(first) : List.of(first, second);
    boolean inUse = journal.update(entries -> {
      for (JournalEntry e : entries) {
        for (FlexibleIp f : unit) {
          if (e.names(f.id)) {
            return true;
          }
        }
      }
      String entryId = UUID.randomUUID().toString();
      entries.add(second == null
          ? JournalEntry.beginAdopt(entryId, first.id, first.ip, config.zone, Journal.now())
          : JournalEntry.beginAdoptPair(entryId, first.id, first.ip, second.id, second.ip, config.zone, Journal.now()));
      return false;
    });
    if (inUse) {
      throw new DriverException("register: Flexible IP " + addresses(unit) + " is already used by another scw-flexip"
          + " address range");
    }
    List<FlexibleIp> tagged = new ArrayList<>();
    try {
      for (FlexibleIp f : unit) {
        FlexibleIp other = f == first ? second : first;
        tagged.add(f);
        api.update(f.id, null, adoptedTags(f.tags, other));
      }
      String mac = RangeLifecycle.ensureMac(api, first, config.macType);
      Registered r = new Registered(type.ipv4 ? first.ip : null, mac, first.id,
          type.isPair() ? second.ip : type.ipv4 ? null : first.ip, second == null ? null : second.id,
          RangeLifecycle.zoneOf(first, config), false);
      String text = reply.render(r);
      journal.update(entries -> {
        for (JournalEntry e : entries) {
          if (e.names(first.id)) {
            e.active(mac, Journal.now());
          }
        }
        return null;
      });
      log.println("INFO: registered " + addresses(unit) + " (adopted)");
      return text;
    } catch (RuntimeException e) {
      StringBuilder undo = new StringBuilder();
      for (FlexibleIp f : tagged) {
        undo.append(restoreTags(f));
      }
      journal.update(entries -> entries.removeIf(x -> x.names(first.id) && !x.created()
          && x.state() != JournalEntry.State.ACTIVE));
      throw new DriverException(RangeLifecycle.message(e) + undo, e);
    }
  }

  private List<String> adoptedTags(List<String> before, FlexibleIp other) {
    List<String> tags = new ArrayList<>(before);
    tags.remove(Tags.adoptable(config.cloud));
    tags.add(config.cloudTag());
    tags.add(Tags.ADOPTED);
    if (other != null) {
      tags.add(Tags.pair(other.id));
    }
    return tags;
  }

  private FlexibleIp findToAdopt(FlexibleIpApi api, String id, String ip, boolean ipv6) {
    FlexibleIp fip = null;
    if (id != null) {
      fip = Gone.getOrNull(api, config.projectId, id);
      if (fip == null) {
        throw new DriverException("register: Flexible IP " + id + " does not exist in zone " + config.zone);
      }
      if (ip != null && !ip.equals(fip.ip)) {
        throw new DriverException("register: Flexible IP " + id + " has address " + fip.ip + ", not " + ip);
      }
    } else {
      for (FlexibleIp f : api.list(new ListQuery().project(config.projectId))) {
        if (ip.equals(f.ip)) {
          fip = f;
          break;
        }
      }
      if (fip == null) {
        throw new DriverException("register: no Flexible IP " + ip + " in project " + config.projectId
            + " (zone " + config.zone + ")");
      }
    }
    if (fip.projectId != null && !fip.projectId.equals(config.projectId)) {
      throw new DriverException("register: Flexible IP " + fip.ip + " belongs to project " + fip.projectId
          + ", not " + config.projectId);
    }
    if (fip.isIpv6() != ipv6) {
      throw new DriverException("register: Flexible IP " + fip.ip + " is " + (fip.isIpv6() ? "IPv6" : "IPv4")
          + ", but the range needs an " + (ipv6 ? "IPv6" : "IPv4") + " one there");
    }
    String marker = Tags.adoptable(config.cloud);
    String managed = Tags.otherDriverTag(fip.tags, marker);
    if (managed != null) {
      throw new DriverException("register: Flexible IP " + fip.ip + " is already managed by scw-flexip ("
          + managed + ") and cannot be adopted");
    }
    if (config.adoption.equals("tagged") && !fip.tags.contains(marker)) {
      throw new DriverException("register: Flexible IP " + fip.ip + " may not be adopted: the operator must tag it '"
          + marker + "' at Scaleway first");
    }
    return fip;
  }

  /** After a failed adoption: the IP gets its tags back, so it can be adopted again. */
  private String restoreTags(FlexibleIp before) {
    try (FlexibleIpApi api = opener.open(Deadline.afterMillis(RangeLifecycle.ROLLBACK_MILLIS))) {
      FlexibleIp now = Gone.getOrNull(api, config.projectId, before.id);
      if (now != null && !now.tags.equals(before.tags)) {
        api.update(before.id, null, before.tags);
      }
      return "";
    } catch (RuntimeException e) {
      return "; the tags of " + before.ip + " could not be restored (" + RangeLifecycle.message(e)
          + "): see 'scw-flexip reconcile'";
    }
  }

  private static String addresses(List<FlexibleIp> unit) {
    List<String> ips = new ArrayList<>();
    for (FlexibleIp f : unit) {
      ips.add(f.ip);
    }
    return String.join(" + ", ips);
  }
}
