package dev.scwflexip.ipam;

import dev.scwflexip.cli.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.one.OneTemplate;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.ListQuery;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * register_address_range and unregister_address_range: the only two actions that create or
 * release Flexible IPs. One IP per range, made (or adopted) at register, released at unregister.
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
    String requestedId = blankToNull(m.ar.get(ArAttributes.FIP_ID));
    String requestedIp = blankToNull(m.ar.get("IP"));
    if (requestedIp != null && !AddressRangeRules.isIpv4(requestedIp)) {
      throw new DriverException("register: IP = " + requestedIp + " is not an IPv4 address");
    }
    try (FlexibleIpApi api = opener.open(Deadline.afterSeconds(config.actionDeadlineSeconds))) {
      Registered r = requestedId != null || requestedIp != null
          ? adopt(api, requestedId, requestedIp)
          : create(api);
      String reply = OneTemplate.vector("AR", replyAttributes(m.ar, r));
      log.println("INFO: registered " + r.fip.ip + " (" + r.fip.id + ", " + (r.created ? "created" : "adopted") + ")");
      return reply;
    }
  }

  private static final class Registered {
    final FlexibleIp fip;
    final String mac;
    final boolean created;

    Registered(FlexibleIp fip, String mac, boolean created) {
      this.fip = fip;
      this.mac = mac;
      this.created = created;
    }
  }

  private Registered create(FlexibleIpApi api) {
    String entryId = UUID.randomUUID().toString();
    String now = Journal.now();
    // Written before the create is sent: a crash from here on leaves a trace reconcile follows.
    journal.update(entries -> entries.add(new JournalEntry(entryId, JournalEntry.CREATING, config.zone, true, now)));
    FlexibleIp fip = null;
    try {
      List<String> tags = List.of(config.cloudTag(), Tags.entry(entryId));
      fip = api.create(config.projectId, "OpenNebula cloud " + config.cloud + " (scw-flexip)", tags);
      FlexibleIp made = fip;
      journal.update(entries -> {
        JournalEntry e = find(entries, entryId);
        e.fipId = made.id;
        e.ip = made.ip;
        e.state = JournalEntry.CREATED;
        e.updatedAt = Journal.now();
        return null;
      });
      String mac = ensureMac(api, fip);
      journal.update(entries -> {
        JournalEntry e = find(entries, entryId);
        e.mac = mac;
        e.state = JournalEntry.ACTIVE;
        e.updatedAt = Journal.now();
        return null;
      });
      return new Registered(fip, mac, true);
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
        deleteIfPresent(api, f.id);
      }
      journal.update(entries -> entries.removeIf(e -> e.id.equals(entryId)));
      return made.isEmpty() ? "" : "; the new Flexible IP " + made.get(0).ip + " was deleted again";
    } catch (RuntimeException e) {
      return "; cleanup failed too (" + message(e) + "): journal entry " + entryId
          + " is kept for 'scw-flexip reconcile'";
    }
  }

  private Registered adopt(FlexibleIpApi api, String id, String ip) {
    FlexibleIp fip;
    if (id != null) {
      try {
        fip = api.get(id);
      } catch (ApiException e) {
        if (e.isGone()) {
          throw new DriverException("register: Flexible IP " + id + " does not exist in zone " + config.zone);
        }
        throw e;
      }
      if (ip != null && !ip.equals(fip.ip)) {
        throw new DriverException("register: Flexible IP " + id + " has address " + fip.ip + ", not " + ip);
      }
    } else {
      fip = null;
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
    for (String t : fip.tags) {
      if (t.startsWith(Tags.CLOUD) && !t.equals(config.cloudTag())) {
        throw new DriverException("register: Flexible IP " + fip.ip + " belongs to OpenNebula cloud '"
            + t.substring(Tags.CLOUD.length()) + "'");
      }
    }
    FlexibleIp found = fip;
    boolean inUse = journal.update(entries -> {
      for (JournalEntry e : entries) {
        if (found.id.equals(e.fipId)) {
          return true;
        }
      }
      JournalEntry e = new JournalEntry(UUID.randomUUID().toString(), JournalEntry.CREATED, config.zone, false, Journal.now());
      e.fipId = found.id;
      e.ip = found.ip;
      entries.add(e);
      return false;
    });
    if (inUse) {
      throw new DriverException("register: Flexible IP " + fip.ip + " is already used by another scw-flexip address range");
    }
    try {
      if (!Tags.isOurs(fip.tags, config.cloud) || !Tags.isAdopted(fip.tags)) {
        List<String> tags = new ArrayList<>(fip.tags);
        addTag(tags, config.cloudTag());
        addTag(tags, Tags.ADOPTED);
        fip = api.update(fip.id, null, tags);
      }
      String mac = ensureMac(api, fip);
      FlexibleIp done = fip;
      journal.update(entries -> {
        for (JournalEntry e : entries) {
          if (done.id.equals(e.fipId)) {
            e.mac = mac;
            e.state = JournalEntry.ACTIVE;
            e.updatedAt = Journal.now();
          }
        }
        return null;
      });
      return new Registered(fip, mac, false);
    } catch (RuntimeException e) {
      FlexibleIp failed = fip;
      journal.update(entries -> entries.removeIf(x -> failed.id.equals(x.fipId) && !x.created
          && !JournalEntry.ACTIVE.equals(x.state)));
      throw e;
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

  private Map<String, String> replyAttributes(Map<String, String> in, Registered r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : in.entrySet()) {
      if (!ArAttributes.COMPUTED.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    out.put("TYPE", "IP4");
    out.put("IP", r.fip.ip);
    out.put("SIZE", "1");
    out.put("MAC", r.mac);
    String mad = blankToNull(in.get("IPAM_MAD"));
    out.put("IPAM_MAD", mad == null ? "scw-flexip" : mad);
    putDefault(out, "NETWORK_MASK", config.networkMask);
    putDefault(out, "GATEWAY", config.gateway);
    if (!config.dns.isEmpty()) {
      putDefault(out, "DNS", String.join(" ", config.dns));
    }
    out.put(ArAttributes.FIP_ID, r.fip.id);
    out.put(ArAttributes.FIP_ZONE, r.fip.zone == null ? config.zone : r.fip.zone);
    out.put(ArAttributes.FIP_CREATED, r.created ? "YES" : "NO");
    return out;
  }

  /** A value the user put in the range wins over the configured default. */
  private static void putDefault(Map<String, String> out, String key, String value) {
    if (blankToNull(out.get(key)) == null) {
      out.put(key, value);
    }
  }

  // ---------------------------------------------------------------- unregister

  /** Releases this range's Flexible IP and nothing else. An IP already gone counts as released. */
  public void unregister(IpamMessage m) {
    String id = blankToNull(m.ar.get(ArAttributes.FIP_ID));
    String ip = blankToNull(m.ar.get("IP"));
    if (id == null && ip != null) {
      id = journal.update(entries -> {
        for (JournalEntry e : entries) {
          if (ip.equals(e.ip) && e.fipId != null) {
            return e.fipId;
          }
        }
        return null;
      });
    }
    if (id == null) {
      log.println("INFO: unregister: the range has no " + ArAttributes.FIP_ID + "; no Flexible IP to release");
      return;
    }
    String fipId = id;
    journal.update(entries -> {
      for (JournalEntry e : entries) {
        if (fipId.equals(e.fipId)) {
          e.state = JournalEntry.RELEASING;
          e.updatedAt = Journal.now();
        }
      }
      return null;
    });
    try (FlexibleIpApi api = opener.open(Deadline.afterSeconds(config.actionDeadlineSeconds))) {
      String outcome = release(api, fipId);
      journal.update(entries -> entries.removeIf(e -> fipId.equals(e.fipId)));
      log.println("INFO: unregister: " + outcome);
    }
  }

  private String release(FlexibleIpApi api, String id) {
    FlexibleIp fip;
    try {
      fip = api.get(id);
    } catch (ApiException e) {
      if (e.isGone()) {
        return "Flexible IP " + id + " is already gone";
      }
      throw e;
    }
    boolean ours = Tags.isOurs(fip.tags, config.cloud);
    boolean adopted = Tags.isAdopted(fip.tags) || !ours;
    if (fip.serverId != null || fip.isTransient() || "attached".equals(fip.status)) {
      try {
        api.detach(List.of(fip.id));
        fip = api.waitUntil(fip.id, f -> !f.isTransient() && f.serverId == null, "detaching " + fip.ip);
      } catch (ApiException e) {
        if (e.isGone()) {
          return "Flexible IP " + id + " is already gone";
        }
        throw e;
      }
    }
    if (!adopted || config.adoptedRelease.equals("delete") && ours) {
      deleteIfPresent(api, fip.id);
      return "deleted Flexible IP " + fip.ip + " (" + fip.id + ")";
    }
    if (!ours) {
      return "Flexible IP " + fip.ip + " (" + fip.id + ") is not tagged as cloud " + config.cloud
          + "'s, so it was detached but not deleted";
    }
    {
      List<String> tags = new ArrayList<>(fip.tags);
      tags.remove(config.cloudTag());
      tags.remove(Tags.ADOPTED);
      try {
        api.update(fip.id, null, tags);
      } catch (ApiException e) {
        if (!e.isGone()) {
          throw e;
        }
      }
    }
    return "released adopted Flexible IP " + fip.ip + " (" + fip.id + "), kept at Scaleway";
  }

  // ---------------------------------------------------------------- helpers

  private static void deleteIfPresent(FlexibleIpApi api, String id) {
    try {
      api.delete(id);
    } catch (ApiException e) {
      if (!e.isGone()) {
        throw e;
      }
    }
  }

  private static JournalEntry find(List<JournalEntry> entries, String id) {
    for (JournalEntry e : entries) {
      if (e.id.equals(id)) {
        return e;
      }
    }
    throw new DriverException("journal entry " + id + " vanished while its create was in flight");
  }

  private static void addTag(List<String> tags, String tag) {
    if (!tags.contains(tag)) {
      tags.add(tag);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String message(RuntimeException e) {
    return e instanceof DriverException ? e.getMessage() : String.valueOf(e);
  }
}
