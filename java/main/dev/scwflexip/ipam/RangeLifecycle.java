package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.one.IpamMessage;
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
 * register_address_range and unregister_address_range: the only two actions that create or
 * release Flexible IPs. One IP per range, made (or adopted) at register, released at unregister
 * (see {@link RangeRelease}). Everything a range says is user input: it is validated before the
 * first API call, and what is created or adopted is decided from the configuration and from
 * tags at Scaleway.
 */
public final class RangeLifecycle {
  /** Rollback gets its own small budget so it can still run after the main deadline passed. */
  static final long ROLLBACK_MILLIS = 20_000;

  private final Config config;
  private final ApiOpener opener;
  private final Journal journal;
  private final PrintStream log;

  public RangeLifecycle(Config config, ApiOpener opener, Journal journal, PrintStream log) {
    this.config = config;
    this.opener = opener;
    this.journal = journal;
    this.log = log;
  }

  /** The production wiring: the HTTP client and the journal named in the configuration. */
  public static RangeLifecycle forConfig(Config config, PrintStream log) {
    Journal journal = new Journal(config.stateFile, config.lockTimeoutSeconds * 1000L);
    return new RangeLifecycle(config, ApiOpener.scaleway(config), journal, log);
  }

  // ---------------------------------------------------------------- register

  /** Returns the {@code AR = [ … ]} reply: every input attribute plus the driver's. */
  public String register(IpamMessage m) {
    AddressRangeRules.requireSingleAddress(m.ar);
    String requestedId = ArAttributes.get(m.ar, ArAttributes.FIP_ID);
    String requestedIp = ArAttributes.get(m.ar, "IP");
    if (requestedIp != null && !AddressRangeRules.isIpv4(requestedIp)) {
      throw new DriverException("register: IP = " + requestedIp + " is not an IPv4 address");
    }
    RegisterReply reply = RegisterReply.prepare(m.ar, config);
    try (FlexibleIpApi api = opener.open(Deadline.afterSeconds(config.actionDeadlineSeconds))) {
      return requestedId != null || requestedIp != null
          ? adopt(api, requestedId, requestedIp, reply)
          : create(api, reply);
    }
  }

  private String create(FlexibleIpApi api, RegisterReply reply) {
    String entryId = UUID.randomUUID().toString();
    String now = Journal.now();
    // Written before the create is sent: a crash from here on leaves a trace reconcile follows.
    journal.update(entries -> entries.add(JournalEntry.beginCreate(entryId, config.zone, now)));
    FlexibleIp fip = null;
    try {
      List<String> tags = List.of(config.cloudTag(), Tags.entry(entryId));
      fip = api.create(config.projectId, "OpenNebula cloud " + config.cloud + " (scw-flexip)", tags);
      FlexibleIp made = fip;
      journal.update(entries -> find(entries, entryId).created(made.id, made.ip, Journal.now()));
      String mac = ensureMac(api, fip);
      String text = reply.render(fip.ip, mac, fip.id, zoneOf(fip), true);
      journal.update(entries -> find(entries, entryId).active(mac, Journal.now()));
      log.println("INFO: registered " + fip.ip + " (" + fip.id + ", created)");
      return text;
    } catch (RuntimeException e) {
      throw new DriverException(message(e) + rollbackCreate(entryId, fip), e);
    }
  }

  /**
   * Undoes a create that did not finish. Returns a note for the error line: empty when the IP is
   * gone and the entry dropped, otherwise what reconcile will have to do.
   */
  private String rollbackCreate(String entryId, FlexibleIp fip) {
    try (FlexibleIpApi api = opener.open(Deadline.afterMillis(ROLLBACK_MILLIS))) {
      List<FlexibleIp> made = new ArrayList<>();
      if (fip != null) {
        made.add(fip);
      } else {
        // The create may have reached Scaleway even though no answer came back.
        made.addAll(api.list(ListQuery.tagged(Tags.entry(entryId)).project(config.projectId)));
      }
      for (FlexibleIp f : made) {
        Gone.delete(api, config.projectId, f.id);
      }
      journal.update(entries -> entries.removeIf(e -> e.id().equals(entryId)));
      return made.isEmpty() ? "" : "; the new Flexible IP " + made.get(0).ip + " was deleted again";
    } catch (RuntimeException e) {
      return "; cleanup failed too (" + message(e) + "): journal entry " + entryId
          + " is kept for 'scw-flexip reconcile'";
    }
  }

  /**
   * Takes over an existing IP, named by id or address. Which IPs may be adopted is the
   * operator's decision ({@code adoption} in the configuration, and the adoptable tag at
   * Scaleway), never the range's: an IP that any scw-flexip cloud already manages, another
   * tenant's among them, is refused.
   */
  private String adopt(FlexibleIpApi api, String id, String ip, RegisterReply reply) {
    if (config.adoption.equals("off")) {
      throw new DriverException("register: adopting existing Flexible IPs is turned off (adoption = off);"
          + " leave IP and " + ArAttributes.FIP_ID + " out of the range to get a new one");
    }
    FlexibleIp fip = findToAdopt(api, id, ip);
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
    FlexibleIp found = fip;
    boolean inUse = journal.update(entries -> {
      for (JournalEntry e : entries) {
        if (found.id.equals(e.fipId())) {
          return true;
        }
      }
      entries.add(JournalEntry.beginAdopt(UUID.randomUUID().toString(), found.id, found.ip, config.zone, Journal.now()));
      return false;
    });
    if (inUse) {
      throw new DriverException("register: Flexible IP " + fip.ip + " is already used by another scw-flexip address range");
    }
    List<String> before = fip.tags;
    try {
      List<String> tags = new ArrayList<>(before);
      tags.remove(marker);
      tags.add(config.cloudTag());
      tags.add(Tags.ADOPTED);
      fip = api.update(fip.id, null, tags);
      String mac = ensureMac(api, fip);
      String text = reply.render(fip.ip, mac, fip.id, zoneOf(fip), false);
      FlexibleIp done = fip;
      journal.update(entries -> {
        for (JournalEntry e : entries) {
          if (done.id.equals(e.fipId())) {
            e.active(mac, Journal.now());
          }
        }
        return null;
      });
      log.println("INFO: registered " + fip.ip + " (" + fip.id + ", adopted)");
      return text;
    } catch (RuntimeException e) {
      String undo = restoreTags(found.id, before);
      journal.update(entries -> entries.removeIf(x -> found.id.equals(x.fipId()) && !x.created()
          && x.state() != JournalEntry.State.ACTIVE));
      throw new DriverException(message(e) + undo, e);
    }
  }

  private FlexibleIp findToAdopt(FlexibleIpApi api, String id, String ip) {
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
    if (fip.isIpv6()) {
      throw new DriverException("register: Flexible IP " + fip.ip + " is IPv6; scw-flexip supports IPv4 ranges only");
    }
    return fip;
  }

  /** After a failed adoption: the IP gets its tags back, so it can be adopted again. */
  private String restoreTags(String id, List<String> tags) {
    try (FlexibleIpApi api = opener.open(Deadline.afterMillis(ROLLBACK_MILLIS))) {
      FlexibleIp now = Gone.getOrNull(api, config.projectId, id);
      if (now != null && !now.tags.equals(tags)) {
        api.update(id, null, tags);
      }
      return "";
    } catch (RuntimeException e) {
      return "; its tags could not be restored (" + message(e) + "): see 'scw-flexip reconcile'";
    }
  }

  private String ensureMac(FlexibleIpApi api, FlexibleIp fip) {
    if (fip.mac != null && fip.mac.address != null) {
      return fip.mac.address;
    }
    FlexibleIp withMac = api.generateMac(fip.id, config.macType);
    if (withMac.mac == null || withMac.isTransient() || "updating".equals(withMac.mac.status)) {
      withMac = api.waitUntil(fip.id, f -> f.mac != null && !f.isTransient() && !"updating".equals(f.mac.status),
          "the virtual MAC of " + fip.ip);
    }
    return withMac.mac.address;
  }

  private String zoneOf(FlexibleIp fip) {
    return fip.zone == null ? config.zone : fip.zone;
  }

  // ---------------------------------------------------------------- unregister

  /** Releases this range's Flexible IP and nothing else; see {@link RangeRelease}. */
  public void unregister(IpamMessage m) {
    new RangeRelease(config, opener, journal, log).release(m);
  }

  // ---------------------------------------------------------------- helpers

  private static JournalEntry find(List<JournalEntry> entries, String id) {
    for (JournalEntry e : entries) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    throw new DriverException("journal entry " + id + " vanished while its create was in flight");
  }

  static String message(RuntimeException e) {
    return e instanceof DriverException ? e.getMessage() : String.valueOf(e);
  }
}
