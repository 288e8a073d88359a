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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A new range's Flexible IPs: one (IPv4, or an IPv6 /64 for an IPv6-only range) or, for dual
 * stack, an IPv4 and an IPv6 tied by pair tags. The journal entry is written before the first
 * create and every IP carries its tag, so a crash anywhere leaves IPs that reconcile can find and
 * finish or delete together; any failure here deletes every IP the entry's tag finds.
 */
final class RangeCreate {
  private final Config config;
  private final ApiOpener opener;
  private final Journal journal;
  private final PrintStream log;

  RangeCreate(Config config, ApiOpener opener, Journal journal, PrintStream log) {
    this.config = config;
    this.opener = opener;
    this.journal = journal;
    this.log = log;
  }

  String create(FlexibleIpApi api, RangeType type, RegisterReply reply) {
    String entryId = UUID.randomUUID().toString();
    // Written before the create is sent: a crash from here on leaves a trace reconcile follows.
    journal.update(entries -> entries.add(JournalEntry.beginCreate(entryId, config.zone, Journal.now())));
    Map<String, String> made = new LinkedHashMap<>();
    boolean[] sending = {true};
    try {
      List<String> tags = List.of(config.cloudTag(), Tags.entry(entryId));
      FlexibleIp first = api.create(config.projectId, description(), tags, !type.ipv4);
      made.put(first.id, first.ip);
      sending[0] = false;
      journal.update(entries -> RangeLifecycle.find(entries, entryId).created(first.id, first.ip, Journal.now()));
      FlexibleIp withMac = first;
      Registered r;
      if (type.isPair()) {
        List<String> tags6 = List.of(config.cloudTag(), Tags.entry(entryId), Tags.pair(first.id));
        sending[0] = true;
        FlexibleIp v6 = api.create(config.projectId, description(), tags6, true);
        made.put(v6.id, v6.ip);
        sending[0] = false;
        journal.update(entries -> RangeLifecycle.find(entries, entryId).secondCreated(v6.id, v6.ip, Journal.now()));
        List<String> tags4 = new ArrayList<>(first.tags);
        tags4.add(Tags.pair(v6.id));
        withMac = api.update(first.id, null, tags4);
        String mac = RangeLifecycle.ensureMac(api, withMac, config.macType);
        r = new Registered(first.ip, mac, first.id, v6.ip, v6.id, RangeLifecycle.zoneOf(first, config), true);
      } else {
        String mac = RangeLifecycle.ensureMac(api, withMac, config.macType);
        r = new Registered(type.ipv4 ? first.ip : null, mac, first.id, type.ipv4 ? null : first.ip, null,
            RangeLifecycle.zoneOf(first, config), true);
      }
      String text = reply.render(r);
      journal.update(entries -> RangeLifecycle.find(entries, entryId).active(r.mac(), Journal.now()));
      log.println("INFO: registered " + String.join(" + ", made.values()) + " (" + String.join(" + ", made.keySet())
          + ", created)");
      return text;
    } catch (RuntimeException e) {
      throw new DriverException(RangeLifecycle.message(e) + rollback(entryId, made, sending[0]), e);
    }
  }

  private String description() {
    return "OpenNebula cloud " + config.cloud + " (scw-flexip)";
  }

  /**
   * Undoes a create that did not finish: deletes the IPs it made and, when a create call failed
   * without an answer ({@code lostCreate}: it may still have happened), those its entry's tag
   * finds. Returns a note for the error line: what was deleted, or what reconcile will have to do.
   */
  private String rollback(String entryId, Map<String, String> made, boolean lostCreate) {
    try (FlexibleIpApi api = opener.open(Deadline.afterMillis(RangeLifecycle.ROLLBACK_MILLIS))) {
      Map<String, String> all = new LinkedHashMap<>(made);
      if (lostCreate) {
        for (FlexibleIp f : api.list(ListQuery.tagged(Tags.entry(entryId)).project(config.projectId))) {
          if (f.tags.contains(Tags.entry(entryId))) {
            all.putIfAbsent(f.id, f.ip);
          }
        }
      }
      for (String id : all.keySet()) {
        Gone.delete(api, config.projectId, id);
      }
      journal.update(entries -> entries.removeIf(e -> e.id().equals(entryId)));
      return all.isEmpty() ? ""
          : "; the new Flexible IP " + String.join(" and ", all.values()) + (all.size() > 1 ? " were" : " was")
              + " deleted again";
    } catch (RuntimeException e) {
      return "; cleanup failed too (" + RangeLifecycle.message(e) + "): journal entry " + entryId
          + " is kept for 'scw-flexip reconcile'";
    }
  }
}
