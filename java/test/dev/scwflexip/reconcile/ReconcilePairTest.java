package dev.scwflexip.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.JournalEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dual-stack range's IPv4 and IPv6 are one unit for reconcile: found together (journal, pair
 * tags, entry tag), deleted together, never half-kept, and given one MAC group only when both
 * are on one server.
 */
class ReconcilePairTest extends ReconcileTestCase {
  FakeApi.Ip v4;
  FakeApi.Ip v6;

  /** A created pair, tied by pair tags, under one entry in {@code state}. */
  JournalEntry pair(JournalEntry.State state, long age, boolean journalIpv6) {
    v4 = ours(age);
    v6 = api.addIpv6(PROJECT, List.of(Tags.cloud(CLOUD)), age);
    v4.tags.add(Tags.pair(v6.id));
    v6.tags.add(Tags.pair(v4.id));
    String when = Instant.now().minusSeconds(age).toString();
    String id = java.util.UUID.randomUUID().toString();
    JournalEntry e = JournalEntry.beginCreate(id, "fr-par-1", when).created(v4.id, v4.ip, when);
    if (journalIpv6) {
      e.secondCreated(v6.id, v6.ip, when);
    }
    if (state != JournalEntry.State.CREATED) {
      e.active(v4.mac, when);
    }
    v4.tags.add(Tags.entry(id));
    v6.tags.add(Tags.entry(id));
    journal.update(list -> list.add(e));
    return e;
  }

  void dualRange(int vnet) {
    ranges.add("<VNET><ID>" + vnet + "</ID><NAME>ds" + vnet + "</NAME><AR_POOL><AR><AR_ID>0</AR_ID>"
        + "<GLOBAL_PREFIX>" + v6.ip.replace("/64", "") + "</GLOBAL_PREFIX><IP>" + v4.ip + "</IP>"
        + "<IPAM_MAD>scw-flexip</IPAM_MAD><MAC>" + v4.mac + "</MAC><SCW_FLEXIP_ID>" + v4.id + "</SCW_FLEXIP_ID>"
        + "<SCW_FLEXIP_ID6>" + v6.id + "</SCW_FLEXIP_ID6><SIZE>1</SIZE><TYPE>IP4_6</TYPE></AR></AR_POOL></VNET>");
  }

  @Test
  void anOrphanPairIsDeletedWhole() {
    pair(JournalEntry.State.ACTIVE, OLD, true);
    v4.serverId = "srv-1";
    v4.status = "attached";
    v6.serverId = "srv-1";
    v6.status = "attached";
    Action a = only(run(false));
    assertEquals("orphan_ip", a.kind);
    assertEquals(v6.id, a.fipId6);
    assertFalse(api.exists(v4.id));
    assertFalse(api.exists(v6.id));
    assertTrue(journal.entries().isEmpty());
    assertSecondRunInSync();
  }

  @Test
  void aHalfDoneCreateThatMadeBothBeforeJournalingTheIpv6DeletesBoth() {
    // killed after the second create, before the IPv4 got its pair tag or the journal the IPv6
    pair(JournalEntry.State.CREATED, OLD, false);
    v4.tags.removeIf(t -> t.startsWith(Tags.PAIR));
    Action a = only(run(false));
    assertEquals("half_done_create", a.kind);
    assertEquals("delete_ip+drop_entry", a.fix());
    assertFalse(api.exists(v4.id));
    assertFalse(api.exists(v6.id), "the IPv6 found by the entry tag goes with it");
    assertTrue(journal.entries().isEmpty());
  }

  @Test
  void aHalfDoneCreateWithOnlyTheIpv4DeletesIt() {
    pair(JournalEntry.State.CREATED, OLD, false);
    api.ips.remove(v6.id);
    v4.tags.removeIf(t -> t.startsWith(Tags.PAIR));
    Action a = only(run(false));
    assertEquals("half_done_create", a.kind);
    assertFalse(api.exists(v4.id));
    assertTrue(journal.entries().isEmpty());
  }

  @Test
  void aPairWithoutAnyJournalEntryIsOneOrphan() {
    pair(JournalEntry.State.ACTIVE, OLD, true);
    journal.update(list -> list.removeIf(e -> true));
    Action a = only(run(false));
    assertEquals("orphan_ip", a.kind);
    assertEquals(v4.id, a.fipId, "the IPv4 leads whichever the list shows first");
    assertFalse(api.exists(v4.id));
    assertFalse(api.exists(v6.id));
  }

  @Test
  void aPairInUseIsKeptEvenWhenTheTenantDroppedItsIdsFromTheRange() {
    pair(JournalEntry.State.ACTIVE, OLD, true);
    dualRange(4);
    ranges.set(0, ranges.get(0).replaceAll("<SCW_FLEXIP_ID6?>[^<]*</SCW_FLEXIP_ID6?>", ""));
    Plan p = run(false);
    assertTrue(p.inSync(), kinds(p.actions).toString());
    assertTrue(api.exists(v4.id) && api.exists(v6.id));
  }

  @Test
  void anAdoptedIpv6IsNeverDeleted() {
    pair(JournalEntry.State.ACTIVE, OLD, true);
    v6.tags.add(Tags.ADOPTED);
    run(false);
    assertFalse(api.exists(v4.id));
    assertTrue(api.exists(v6.id), "an adopted member is kept");
  }

  @Test
  void theMacGroupIsRepairedOnlyWhenBothAreOnOneServer() {
    pair(JournalEntry.State.ACTIVE, OLD, true);
    dualRange(4);
    v4.serverId = "srv-1";
    v4.status = "attached";
    v6.serverId = "srv-2";
    v6.status = "attached";
    Plan apart = run(false);
    assertTrue(apart.actions.isEmpty(), kinds(apart.actions).toString());
    assertTrue(apart.notes.stream().anyMatch(n -> n.contains("is on servers srv-1 and srv-2")), apart.notes.toString());
    assertEquals(null, v6.mac, "no MAC given to an IPv6 away from its IPv4");

    v6.serverId = "srv-1";
    Action a = only(run(false));
    assertEquals("missing_mac_group", a.kind);
    assertEquals("join_mac", a.fix());
    assertEquals("done", a.result);
    assertEquals(v4.mac, v6.mac);
    assertTrue(api.calls.contains("duplicatemac " + v6.id + " " + v4.id), api.calls.toString());
    assertSecondRunInSync();
  }

  @Test
  void aPairIsMovedAndDetachedAsOne() {
    pair(JournalEntry.State.ACTIVE, OLD, true);
    dualRange(4);
    ranges.set(0, ranges.get(0).replace("</AR>", "<LEASES/></AR>"));
    v4.serverId = "srv-1";
    v4.status = "attached";
    v6.serverId = "srv-1";
    v6.status = "attached";
    v6.mac = v4.mac;
    Action a = only(run(false));
    assertEquals("stale_attachment", a.kind);
    assertEquals(List.of(v4.id, v6.id), a.ids());
    assertEquals(null, v4.serverId);
    assertEquals(null, v6.serverId);
    assertTrue(api.calls.contains("detach [" + v4.id + ", " + v6.id + "]"), "one call for the group: " + api.calls);
  }
}
