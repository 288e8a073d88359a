package dev.scwflexip.ipam;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.io.PrintStream;
import java.util.List;

/**
 * register_address_range and unregister_address_range: the only two actions that create or
 * release Flexible IPs. Each range has its IPs made ({@link RangeCreate}) or adopted
 * ({@link RangeAdoption}) at register and released at unregister ({@link RangeRelease}): one
 * IPv4, one IPv6 /64, or a dual-stack pair of both. Everything a range says is user input: it is
 * validated before the first API call, and what is created or adopted is decided from the
 * configuration and from tags at Scaleway.
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

  /** Returns the {@code AR = [ … ]} reply: every input attribute plus the driver's. */
  public String register(IpamMessage m) {
    RangeType type = AddressRangeRules.requireSingleAddress(m.ar);
    String requestedId = ArAttributes.get(m.ar, ArAttributes.FIP_ID);
    String requestedId6 = ArAttributes.get(m.ar, ArAttributes.FIP_ID6);
    String requestedIp = ArAttributes.get(m.ar, "IP");
    if (requestedIp != null && !type.ipv4) {
      throw new DriverException("register: TYPE = " + type + " has no IPv4 address; name an existing IPv6 Flexible IP"
          + " by " + ArAttributes.FIP_ID + ", or leave IP out to get a new one");
    }
    if (requestedIp != null && !AddressRangeRules.isIpv4(requestedIp)) {
      throw new DriverException("register: IP = " + requestedIp + " is not an IPv4 address");
    }
    if (requestedId6 != null && !type.isPair()) {
      throw new DriverException("register: " + ArAttributes.FIP_ID6 + " belongs to dual-stack ranges (TYPE = IP4_6),"
          + " not TYPE = " + type);
    }
    RegisterReply reply = RegisterReply.prepare(m.ar, config, type);
    try (FlexibleIpApi api = opener.open(Deadline.afterSeconds(config.actionDeadlineSeconds))) {
      return requestedId != null || requestedIp != null || requestedId6 != null
          ? new RangeAdoption(config, opener, journal, log).adopt(api, type, requestedId, requestedIp, requestedId6, reply)
          : new RangeCreate(config, opener, journal, log).create(api, type, reply);
    }
  }

  /** Releases this range's Flexible IPs and nothing else; see {@link RangeRelease}. */
  public void unregister(IpamMessage m) {
    new RangeRelease(config, opener, journal, log).release(m);
  }

  /** The IP's virtual MAC, generated (and waited for) when it has none yet. */
  static String ensureMac(FlexibleIpApi api, FlexibleIp fip, String macType) {
    if (fip.mac != null && fip.mac.address != null) {
      return fip.mac.address;
    }
    FlexibleIp withMac = api.generateMac(fip.id, macType);
    if (withMac.mac == null || withMac.isTransient() || "updating".equals(withMac.mac.status)) {
      withMac = api.waitUntil(fip.id, f -> f.mac != null && !f.isTransient() && !"updating".equals(f.mac.status),
          "the virtual MAC of " + fip.ip);
    }
    return withMac.mac.address;
  }

  static String zoneOf(FlexibleIp fip, Config config) {
    return fip.zone == null ? config.zone : fip.zone;
  }

  static JournalEntry find(List<JournalEntry> entries, String id) {
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
