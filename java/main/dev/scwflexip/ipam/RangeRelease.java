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
import java.util.List;
import java.util.Locale;

/**
 * unregister_address_range: releases the range's own Flexible IP and nothing else. A network's
 * owner can edit {@code SCW_FLEXIP_ID} and {@code SCW_FLEXIP_CREATED} ({@code onevnet updatear});
 * only {@code IP} is protected by oned. So the IP released must carry this cloud's tag and have
 * the range's address, and whether it is deleted or handed back depends on its tags (an entry
 * tag is only written by the create call; an adopted IP carries the adopted tag), never on the
 * range. Anything else fails with one line and touches nothing.
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
    String ip = ArAttributes.get(m.ar, "IP");
    String id = ArAttributes.get(m.ar, ArAttributes.FIP_ID);
    if (ip == null) {
      log.println("INFO: unregister: the range has no IP; no Flexible IP to release");
      return;
    }
    try (FlexibleIpApi api = opener.open(Deadline.afterSeconds(config.actionDeadlineSeconds))) {
      FlexibleIp fip = id != null ? byId(api, id, ip) : byAddress(api, ip);
      if (fip == null) {
        forget(id, ip);
        log.println("INFO: unregister: Flexible IP " + (id != null ? id : ip) + " is already gone");
        return;
      }
      boolean created = Tags.isCreatedHere(fip.tags, config.cloud);
      String said = ArAttributes.get(m.ar, ArAttributes.FIP_CREATED);
      if (said != null && said.equalsIgnoreCase("YES") != created) {
        log.println("INFO: unregister: the range says " + ArAttributes.FIP_CREATED + " = " + said
            + ", but the tags of " + fip.id + " say it was " + (created ? "created here" : "adopted") + "; the tags decide");
      }
      markReleasing(fip, created);
      String outcome = release(api, fip, created);
      journal.update(entries -> entries.removeIf(e -> fip.id.equals(e.fipId())));
      log.println("INFO: unregister: " + outcome);
    }
  }

  /** The IP the range names, once it is shown to be this range's; null when confirmed gone. */
  private FlexibleIp byId(FlexibleIpApi api, String id, String ip) {
    FlexibleIp fip = Gone.getOrNull(api, config.projectId, id.toLowerCase(Locale.ROOT));
    if (fip == null) {
      return null;
    }
    if (!Tags.isOurs(fip.tags, config.cloud)) {
      throw refuse("Flexible IP " + fip.id + " (" + fip.ip + ") is not tagged as cloud " + config.cloud + "'s");
    }
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

  private static DriverException refuse(String why) {
    return new DriverException("unregister: " + why + "; nothing was detached or deleted");
  }

  /** Journals the release before it starts, so reconcile can finish one a crash interrupts. */
  private void markReleasing(FlexibleIp fip, boolean created) {
    journal.update(entries -> {
      for (JournalEntry e : entries) {
        if (fip.id.equals(e.fipId())) {
          e.beginRelease(Journal.now());
          return null;
        }
      }
      entries.add(JournalEntry.beginUnrecordedRelease(java.util.UUID.randomUUID().toString(), fip.id, fip.ip,
          config.zone, created, Journal.now()));
      return null;
    });
  }

  private void forget(String id, String ip) {
    journal.update(entries -> entries.removeIf(e -> id != null ? id.equalsIgnoreCase(e.fipId()) : ip.equals(e.ip())));
  }

  private String release(FlexibleIpApi api, FlexibleIp fip, boolean created) {
    if (fip.serverId != null || fip.isTransient() || "attached".equals(fip.status)) {
      try {
        api.detach(List.of(fip.id));
        fip = api.waitUntil(fip.id, f -> !f.isTransient() && f.serverId == null, "detaching " + fip.ip);
      } catch (ApiException e) {
        if (Gone.confirmed(api, config.projectId, fip.id, e)) {
          return "Flexible IP " + fip.id + " is already gone";
        }
        throw e;
      }
    }
    if (created || config.adoptedRelease.equals("delete")) {
      Gone.delete(api, config.projectId, fip.id);
      return "deleted Flexible IP " + fip.ip + " (" + fip.id + ")";
    }
    List<String> tags = new ArrayList<>(fip.tags);
    tags.remove(config.cloudTag());
    tags.remove(Tags.ADOPTED);
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
