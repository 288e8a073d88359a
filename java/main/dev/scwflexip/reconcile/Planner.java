package dev.scwflexip.reconcile;

import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.Gone;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the three views and writes the {@link Plan}. It only reads: the one API call it may
 * make is a GET, to tell an IP that is gone from one that merely lost our tag. Deletions are
 * planned only with OpenNebula's view at hand, only past the grace period, and never for an
 * adopted IP or one in a transient state.
 */
public final class Planner {
  private final ScalewayView scaleway;
  private final List<JournalEntry> journal;
  private final OneView one;
  private final FlexibleIpApi api;
  private final String projectId;
  private final Map<String, String> hostServers;
  private final VmHosts vmHosts;
  private final long graceSeconds;
  private final Instant now;

  private final Set<String> seenIps = new HashSet<>();
  private final Map<OneRange, Boolean> seenRanges = new IdentityHashMap<>();
  private Plan plan;
  /**
   * The IPv6 of the dual-stack pair being planned, or null: every action planned for the pair's
   * IPv4 covers it too, so the two are deleted, moved and detached as one.
   */
  private FlexibleIp unitIpv6;

  public Planner(ScalewayView scaleway, List<JournalEntry> journal, OneView one, FlexibleIpApi api, String projectId,
      Map<String, String> hostServers, VmHosts vmHosts, long graceSeconds, Instant now) {
    this.scaleway = scaleway;
    this.journal = journal;
    this.one = one;
    this.api = api;
    this.projectId = projectId;
    this.hostServers = hostServers;
    this.vmHosts = vmHosts;
    this.graceSeconds = graceSeconds;
    this.now = now;
  }

  public Plan plan() {
    plan = new Plan();
    plan.ipCount = scaleway.ips.size();
    plan.entryCount = journal.size();
    plan.rangeCount = one.ranges.size();
    plan.oneSource = one.source;
    plan.graceSeconds = graceSeconds;
    if (!one.available()) {
      plan.notes.add("no OpenNebula view (no --one-xml, no onevnet): nothing will be deleted, orphans are only reported");
    } else if (!one.unknownDrivers.isEmpty()) {
      plan.notes.add("ranges use IPAM driver(s) " + one.unknownDrivers + ", which are neither this driver's name"
          + " (ipam_name in the configuration) nor OpenNebula's own: nothing will be deleted until that is settled");
    }
    for (JournalEntry e : journal) {
      planEntry(e);
    }
    for (FlexibleIp f : scaleway.ips) {
      if (!seenIps.contains(f.id)) {
        planUnexplained(f);
      }
    }
    for (OneRange r : one.ranges) {
      if (!seenRanges.containsKey(r)) {
        planRange(r);
      }
    }
    return plan;
  }

  private void planEntry(JournalEntry e) {
    FlexibleIp f = scaleway.byId(e.fipId());
    if (f == null) {
      f = scaleway.byEntry(e.id());
    }
    // a dual-stack range's IPv6: journaled, or named by the IPv4's pair tag, or made under the
    // same entry by a register that died before journaling it
    FlexibleIp f6 = scaleway.byId(e.fipId6());
    if (f6 == null) {
      f6 = scaleway.partner(f);
    }
    if (f6 == null && f != null && Tags.entryOf(f.tags) != null && Tags.entryOf(f.tags).equals(e.id())) {
      f6 = scaleway.otherOfEntry(f);
    }
    if (f == null || f == f6) {
      f = f6;
      f6 = null;
    }
    OneRange r = used(f, f6, e);
    if (f != null) {
      seenIps.add(f.id);
    }
    if (f6 != null) {
      seenIps.add(f6.id);
    }
    if (r != null) {
      seenRanges.put(r, true);
    }
    unitIpv6 = f6;
    JournalEntry.State state = e.state();
    if (state == null) {
      plan.notes.add("journal " + e + " has unknown state '" + e.stateWord() + "': left alone");
      return;
    }
    switch (state) {
      case CREATING:
      case CREATED:
        planUnfinishedCreate(e, f, r);
        break;
      case ACTIVE:
        planActive(e, f, r);
        break;
      default:
        planReleasing(e, f, r);
    }
  }

  private void planUnfinishedCreate(JournalEntry e, FlexibleIp f, OneRange r) {
    String ip = f != null ? f.ip : e.ip();
    String fipId = f != null ? f.id : e.fipId();
    if (f == null && r != null) {
      planGone(e, r);
    } else if (r != null) {
      add(new Action("entry_completed", fipId, ip, "journal entry " + e.id() + " is still '" + e.stateWord()
          + "' but " + r.where() + " uses this IP: the register finished").step(Action.MARK_ACTIVE), e, r);
      checkInUse(f, r);
    } else if (f != null && f.isTransient()) {
      defer("half_done_create", f, "entry " + e.id() + " is '" + e.stateWord() + "' and the IP is " + f.status);
    } else if (young(e.updatedAt() != null ? e.updatedAt() : e.createdAt())) {
      plan.deferred.add(new Action("half_done_create", fipId, ip, "journal entry " + e.id() + " is '" + e.stateWord()
          + "' and younger than the " + graceSeconds + " s grace period: a create may be in flight"));
    } else if (!one.allowsDeletion()) {
      add(new Action("half_done_create", fipId, ip, "journal entry " + e.id() + " never completed; without"
          + " a complete OpenNebula view it cannot be shown that no range uses it"), e, null);
    } else if (f == null) {
      add(new Action("half_done_create", null, ip, "journal entry " + e.id() + " ('" + e.stateWord()
          + "') never completed and no IP carries its tag").step(Action.DROP_ENTRY), e, null);
    } else {
      boolean ours = e.created() && !Tags.isAdopted(f.tags);
      Action a = new Action("half_done_create", f.id, f.ip, "journal entry " + e.id() + " ('" + e.stateWord()
          + "') never completed and no range uses its IP" + (ours ? "" : "; the IP was adopted, so it is kept"));
      if (ours) {
        a.step(Action.DELETE_IP);
      }
      add(a.step(Action.DROP_ENTRY), e, null);
    }
  }

  private void planActive(JournalEntry e, FlexibleIp f, OneRange r) {
    if (f == null) {
      planGone(e, r);
    } else if (r != null || !one.allowsDeletion()) {
      checkInUse(f, r);
    } else if (f.isTransient()) {
      defer("orphan_ip", f, "its range is gone from OpenNebula but the IP is " + f.status);
    } else if (young(e.updatedAt())) {
      defer("orphan_ip", f, "journal entry " + e.id() + " became active within the grace period and no range uses it yet");
    } else if (!e.created() || Tags.isAdopted(f.tags)) {
      add(new Action("adopted_orphan", f.id, f.ip, "adopted IP that no range uses (journal entry " + e.id()
          + " is stale): kept, decide by hand").step(Action.DROP_ENTRY), e, null);
    } else {
      add(new Action("orphan_ip", f.id, f.ip, "no range in OpenNebula uses it; journal entry " + e.id()
          + " is active but its range is gone").step(Action.DELETE_IP).step(Action.DROP_ENTRY), e, null);
    }
  }

  private void planReleasing(JournalEntry e, FlexibleIp f, OneRange r) {
    if (f == null) {
      if (r != null) {
        planGone(e, r);
      } else if (e.fipId() == null || confirmGone(e.fipId())) {
        add(new Action("unfinished_release", e.fipId(), e.ip(), "release of journal entry " + e.id()
            + " was interrupted after its IP was deleted").step(Action.DROP_ENTRY), e, null);
      } else {
        add(new Action("unfinished_release", e.fipId(), e.ip(), "journal entry " + e.id()
            + " is releasing an IP that exists but is no longer tagged as this cloud's: left alone"), e, null);
      }
    } else if (r != null) {
      add(new Action("unfinished_release", f.id, f.ip, "journal entry " + e.id() + " is releasing, but "
          + r.where() + " still uses the IP: run the unregister again (onevnet rmar / delete)"), e, r);
    } else if (f.isTransient()) {
      defer("unfinished_release", f, "release under way, IP is " + f.status);
    } else if (young(e.updatedAt())) {
      defer("unfinished_release", f, "journal entry " + e.id() + " started releasing within the grace period");
    } else if (!one.allowsDeletion()) {
      add(new Action("unfinished_release", f.id, f.ip, "release of journal entry " + e.id()
          + " was interrupted; without a complete OpenNebula view it is not finished here"), e, null);
    } else {
      Action a = new Action("unfinished_release", f.id, f.ip, "release of journal entry " + e.id()
          + " was interrupted and no range uses the IP");
      if (e.created() && !Tags.isAdopted(f.tags)) {
        a.step(Action.DELETE_IP);
      }
      add(a.step(Action.DROP_ENTRY), e, null);
    }
  }

  /** The range using the IP or its pair's IPv6, by id, by IPv4 address, or by MAC. */
  private OneRange used(FlexibleIp f, FlexibleIp f6, JournalEntry e) {
    OneRange r = f != null ? one.usedBy(f.id, f.isIpv6() ? null : f.ip, macOf(f))
        : e == null ? null : one.usedBy(e.fipId(), e.ip());
    if (r == null && f6 != null) {
      r = one.usedBy(f6.id, null, macOf(f6));
    }
    return r;
  }

  private static String macOf(FlexibleIp f) {
    return f.mac == null ? null : f.mac.address;
  }

  /** The entry's IP is not among ours: drop the entry if it is really gone, naming its range. */
  private void planGone(JournalEntry e, OneRange r) {
    if (e.fipId() != null && !confirmGone(e.fipId())) {
      add(new Action("ip_gone", e.fipId(), e.ip(), "journal entry " + e.id() + "'s IP exists but is no longer"
          + " tagged as this cloud's: left alone" + (r == null ? "" : "; " + r.where() + " uses it")), e, r);
      return;
    }
    String reason = "the IP of journal entry " + e.id() + " ('" + e.stateWord() + "') no longer exists"
        + (r == null ? "" : "; " + r.where() + " now points at nothing: remove or re-create that range");
    add(new Action("ip_gone", e.fipId(), e.ip(), reason).step(Action.DROP_ENTRY), e, r);
  }

  private void planUnexplained(FlexibleIp f) {
    FlexibleIp p = scaleway.partner(f);
    if (p != null && seenIps.contains(p.id)) {
      p = null;
    } else if (p != null && f.isIpv6()) {
      FlexibleIp v4 = p;
      p = f;
      f = v4;
    }
    seenIps.add(f.id);
    if (p != null) {
      seenIps.add(p.id);
    }
    unitIpv6 = p;
    OneRange r = used(f, p, null);
    if (r != null) {
      seenRanges.put(r, true);
      checkInUse(f, r);
      return;
    }
    if (p != null && (p.isTransient() || young(p.createdAt) || young(p.updatedAt))) {
      defer("orphan_ip", p, "the IPv6 of the pair of " + f.ip + " is " + p.status + " or changed within the grace period");
      return;
    }
    String entry = Tags.entryOf(f.tags);
    String why = "no range uses it and no journal entry explains it"
        + (entry == null ? "" : " (created under entry " + entry + ", unknown here)");
    if (Tags.isAdopted(f.tags)) {
      add(new Action("adopted_orphan", f.id, f.ip, "adopted IP: " + why + "; kept, decide by hand"), null, null);
    } else if (f.isTransient()) {
      defer("orphan_ip", f, "the IP is " + f.status);
    } else if (young(f.createdAt) || young(f.updatedAt)) {
      defer("orphan_ip", f, "created or changed within the " + graceSeconds + " s grace period");
    } else if (!one.allowsDeletion()) {
      add(new Action("orphan_ip", f.id, f.ip, why + "; not deleted without a complete OpenNebula view"), null, null);
    } else {
      add(new Action("orphan_ip", f.id, f.ip, why).step(Action.DELETE_IP), null, null);
    }
  }

  private void planRange(OneRange r) {
    unitIpv6 = null;
    FlexibleIp f = scaleway.byId(r.fipId);
    if (f != null) {
      checkInUse(f, r);
      return;
    }
    String why;
    if (r.fipId == null) {
      why = r.where() + " (IP " + r.ip + ") has no SCW_FLEXIP_ID and no IP of ours has its address";
    } else if (confirmGone(r.fipId)) {
      why = r.where() + " points at Flexible IP " + r.fipId + ", which no longer exists";
    } else {
      why = r.where() + " points at Flexible IP " + r.fipId + ", which is not tagged as this cloud's";
    }
    add(new Action("range_without_ip", r.fipId, r.ip, why), null, r);
  }

  /** Checks an IP that stays: its MAC, and its server when the lease's host is known. */
  private void checkInUse(FlexibleIp f, OneRange r) {
    if (f.isTransient()) {
      defer("busy", f, "the IP is " + f.status + "; its MAC and server are checked next run");
      return;
    }
    FlexibleIp v6 = unitIpv6;
    if (v6 != null && v6.isTransient()) {
      defer("busy", v6, "the IP is " + v6.status + "; the pair is checked next run");
      return;
    }
    if (f.mac == null && !(f.isIpv6() && Tags.pairOf(f.tags) != null)) {
      // (a pair's IPv6 gets its IPv4's MAC at the first attach, never one of its own)
      String note = r != null && r.mac != null ? "; " + r.where() + " records MAC " + r.mac + ", which the new MAC will not match" : "";
      add(new Action("missing_mac", f.id, f.ip, "the IP has no virtual MAC" + note).step(Action.GENERATE_MAC), null, r);
    }
    if (v6 != null) {
      checkPair(f, v6, r);
    }
    if (r != null && one.leasesKnown && r.leaseCount == 0 && f.serverId != null) {
      // a clean that met an API outage let its VM go and left the IP on the server
      Action a = new Action("stale_attachment", f.id, f.ip, "attached to server " + f.serverId + " but nothing holds a"
          + " lease of " + r.where()).step(Action.DETACH_IP);
      a.targetServer = f.serverId;
      add(a, null, r);
      return;
    }
    if (r == null || hostServers.isEmpty()) {
      return;
    }
    for (String vm : r.leaseVms) {
      String host = vmHosts.hostOf(vm);
      if (host == null) {
        continue;
      }
      String want = hostServers.get(host);
      if (want == null) {
        plan.notes.add("VM " + vm + " (lease of " + f.ip + ") runs on host " + host
            + ", which host_servers does not map: its server is not checked");
      } else if (!want.equalsIgnoreCase(String.valueOf(f.serverId))) {
        Action a = new Action("wrong_server", f.id, f.ip, "VM " + vm + " holds the lease and runs on host " + host
            + " (server " + want + "), but the IP is " + (f.serverId == null ? "not attached" : "attached to server " + f.serverId))
            .step(Action.MOVE_IP);
        a.targetServer = want;
        add(a, null, r);
      }
      return;
    }
  }

  /**
   * A pair in use: one MAC group once both are on one server (before their first attach the
   * IPv6 has no MAC, which is fine), never on two servers.
   */
  private void checkPair(FlexibleIp v4, FlexibleIp v6, OneRange r) {
    boolean sameServer = v4.serverId != null && v4.serverId.equals(v6.serverId);
    if (v6.mac != null && (v4.mac == null || !v6.mac.id.equals(v4.mac.id))) {
      add(new Action("split_pair", v6.id, v6.ip, "the IPv6 paired with " + v4.ip + " has a virtual MAC of its own ("
          + v6.mac.address + "): delete it at Scaleway, and the next attach shares the IPv4's"), null, r);
    } else if (sameServer && v6.mac == null && v4.mac != null) {
      add(new Action("missing_mac_group", v4.id, v4.ip, "the IPv6 paired with it, on the same server " + v4.serverId
          + ", does not share its virtual MAC").step(Action.JOIN_MAC), null, r);
    }
    if (!sameServer && (v4.serverId != null || v6.serverId != null)) {
      plan.notes.add("the pair " + v4.ip + " + " + v6.ip + " is on servers " + v4.serverId + " and " + v6.serverId
          + ": the next post, or wrong_server with host_servers, moves both");
    }
  }

  private void add(Action a, JournalEntry e, OneRange r) {
    if (unitIpv6 != null && a.fipId != null && !a.fipId.equals(unitIpv6.id) && a.fipId6 == null) {
      boolean deletes = a.steps.contains(Action.DELETE_IP);
      if (!deletes || !Tags.isAdopted(unitIpv6.tags)) {
        a.pair(unitIpv6);
      }
    }
    if (e != null) {
      a.entry(e.id(), e.stateWord());
    }
    if (r != null) {
      a.range(r);
    }
    plan.actions.add(a);
  }

  private void defer(String kind, FlexibleIp f, String reason) {
    plan.deferred.add(new Action(kind, f.id, f.ip, reason));
  }

  /** True unless a GET shows the IP still exists (it only lost our tag); a 403 needs the list to agree. */
  private boolean confirmGone(String fipId) {
    try {
      return Gone.getOrNull(api, projectId, fipId) == null;
    } catch (ApiException e) {
      if (e.mightBeGone()) {
        return false; // a 403 while the project list still shows the id: it exists, unreadable to us
      }
      throw e;
    }
  }

  /**
   * Inside the grace period. A missing or unreadable time counts as young: when in doubt, wait.
   * Updated_at counts too, because the real API hands out recycled IPs whose created_at is old.
   */
  private boolean young(String timestamp) {
    if (graceSeconds <= 0) {
      return false;
    }
    if (timestamp == null) {
      return true;
    }
    try {
      return Duration.between(Instant.parse(timestamp), now).getSeconds() < graceSeconds;
    } catch (DateTimeParseException ex) {
      return true;
    }
  }
}
