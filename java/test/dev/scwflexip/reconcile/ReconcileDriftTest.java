package dev.scwflexip.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.JournalEntry;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every drift kind, planned and applied against an in-memory API with exact states and ages. */
class ReconcileDriftTest extends ReconcileTestCase {
  @Test
  void halfDoneCreateIsDeletedAndItsEntryDropped() {
    FakeApi.Ip ip = ours(OLD);
    ip.serverId = "srv-1";
    ip.status = "attached";
    entry(JournalEntry.State.CREATED, ip, OLD, true);
    Action a = only(run(false));
    assertEquals("half_done_create", a.kind);
    assertEquals("delete_ip+drop_entry", a.fix());
    assertEquals("done", a.result);
    assertFalse(api.exists(ip.id));
    assertTrue(api.calls.get(0).startsWith("detach"), "detaches before deleting: " + api.calls);
    assertTrue(journal.entries().isEmpty());
    assertSecondRunInSync();
  }

  @Test
  void creatingEntryWhoseIpIsFoundByItsEntryTagOnly() {
    FakeApi.Ip ip = ours(OLD);
    JournalEntry e = entry(JournalEntry.State.CREATING, null, OLD, true);
    ip.tags.add(Tags.entry(e.id()));
    Action a = only(run(false));
    assertEquals("half_done_create", a.kind);
    assertEquals(ip.id, a.fipId);
    assertFalse(api.exists(ip.id));
    assertTrue(journal.entries().isEmpty());
  }

  @Test
  void creatingEntryWithoutAnyIpIsDropped() {
    entry(JournalEntry.State.CREATING, null, OLD, true);
    Action a = only(run(false));
    assertEquals("drop_entry", a.fix());
    assertTrue(journal.entries().isEmpty());
    assertEquals(0, api.mutations);
  }

  @Test
  void halfDoneCreateInsideTheGracePeriodIsLeftAlone() {
    FakeApi.Ip ip = ours(5);
    entry(JournalEntry.State.CREATED, ip, 5, true);
    Plan p = run(false);
    assertTrue(p.inSync());
    assertEquals(1, p.deferred.size());
    assertTrue(api.exists(ip.id));
    assertEquals(1, journal.entries().size());
  }

  @Test
  void unfinishedCreateThatARangeUsesIsMarkedActiveNotDeleted() {
    FakeApi.Ip ip = ours(OLD);
    entry(JournalEntry.State.CREATED, ip, OLD, true);
    range(3, ip);
    Action a = only(run(false));
    assertEquals("entry_completed", a.kind);
    assertTrue(api.exists(ip.id));
    assertEquals(JournalEntry.State.ACTIVE, journal.entries().get(0).state());
    assertSecondRunInSync();
  }

  @Test
  void orphanIsDeletedPastTheGracePeriod() {
    FakeApi.Ip ip = ours(OLD);
    ip.tags.add(Tags.entry("from-another-frontend"));
    Action a = only(run(false));
    assertEquals("orphan_ip", a.kind);
    assertEquals("done", a.result);
    assertFalse(api.exists(ip.id));
    assertSecondRunInSync();
  }

  @Test
  void orphanCreatedSecondsAgoIsUntouched() {
    FakeApi.Ip ip = ours(3);
    Plan p = run(false);
    assertTrue(p.inSync());
    assertEquals("orphan_ip", p.deferred.get(0).kind);
    assertTrue(api.exists(ip.id));
    assertEquals(0, api.mutations);
  }

  @Test
  void adoptedOrphanIsReportedNeverDeleted() {
    FakeApi.Ip ip = api.add(PROJECT, List.of(Tags.cloud(CLOUD), Tags.ADOPTED), OLD);
    Plan p = run(false);
    Action a = only(p);
    assertEquals("adopted_orphan", a.kind);
    assertFalse(a.repairs());
    assertEquals("reported", a.result);
    assertTrue(api.exists(ip.id));
    assertEquals(0, api.mutations);
  }

  @Test
  void anotherCloudsIpInTheSameProjectIsNeverInThePlan() {
    FakeApi.Ip foreign = api.add(PROJECT, List.of(Tags.cloud("other"), Tags.entry("x")), OLD);
    FakeApi.Ip untagged = api.add(PROJECT, List.of(), OLD);
    Plan p = run(false);
    assertTrue(p.inSync());
    assertTrue(p.deferred.isEmpty());
    assertEquals(0, p.ipCount);
    assertTrue(api.exists(foreign.id) && api.exists(untagged.id));
    assertEquals(0, api.mutations);
  }

  @Test
  void activeEntryWhoseRangeIsGoneIsAnOrphan() {
    FakeApi.Ip ip = ours(OLD);
    entry(JournalEntry.State.ACTIVE, ip, OLD, true);
    Action a = only(run(false));
    assertEquals("orphan_ip", a.kind);
    assertEquals("delete_ip+drop_entry", a.fix());
    assertFalse(api.exists(ip.id));
    assertTrue(journal.entries().isEmpty());
  }

  @Test
  void entryWhoseIpIsGoneIsDroppedAndItsRangeNamed() {
    FakeApi.Ip ip = ours(OLD);
    entry(JournalEntry.State.ACTIVE, ip, OLD, true);
    range(7, ip);
    ip.deleted = true;
    Plan p = run(false);
    Action a = only(p);
    assertEquals("ip_gone", a.kind);
    assertEquals("7", a.range.vnetId);
    assertTrue(a.reason.contains("VNET 7 (pub7) AR 0"), a.reason);
    assertTrue(journal.entries().isEmpty());
    // the range still points at nothing: reported on every run until a person removes it
    Action again = only(run(false));
    assertEquals("range_without_ip", again.kind);
    assertFalse(again.repairs());
  }

  @Test
  void rangeNamingAnUnknownIpIsReported() {
    FakeApi.Ip ip = ours(OLD);
    range(2, ip);
    api.ips.remove(ip.id);
    Action a = only(run(true));
    assertEquals("range_without_ip", a.kind);
    assertEquals("2", a.range.vnetId);
  }

  @Test
  void interruptedReleaseIsFinished() {
    FakeApi.Ip ip = ours(OLD);
    entry(JournalEntry.State.RELEASING, ip, OLD, true);
    Action a = only(run(false));
    assertEquals("unfinished_release", a.kind);
    assertFalse(api.exists(ip.id));
    assertTrue(journal.entries().isEmpty());
  }

  @Test
  void wrongServerIsMovedWhenTheHostIsMapped() {
    FakeApi.Ip ip = ours(OLD);
    ip.serverId = "srv-old";
    ip.status = "attached";
    entry(JournalEntry.State.ACTIVE, ip, OLD, true);
    range(1, ip, "42");
    hostServers = Map.of("node1", "srv-new");
    vmHosts = vm -> vm.equals("42") ? "node1" : null;
    Action a = only(run(false));
    assertEquals("wrong_server", a.kind);
    assertEquals("done", a.result);
    assertEquals("srv-new", api.ips.get(ip.id).serverId);
    assertSecondRunInSync();
  }

  @Test
  void wrongServerOnAnUnmappedHostIsOnlyANote() {
    FakeApi.Ip ip = ours(OLD);
    ip.serverId = "srv-old";
    entry(JournalEntry.State.ACTIVE, ip, OLD, true);
    range(1, ip, "42");
    hostServers = Map.of("node1", "srv-new");
    vmHosts = vm -> "node9";
    Plan p = run(false);
    assertTrue(p.inSync());
    assertTrue(p.notes.get(0).contains("node9"), p.notes.toString());
    assertEquals(0, api.mutations);
  }

  @Test
  void rangesOfTheConfiguredIpamNameAreInUse() {
    FakeApi.Ip ip = ours(OLD);
    entry(JournalEntry.State.ACTIVE, ip, OLD, true);
    rangeOf("flexip", 1, ip, "");
    String xml = "<VNET_POOL>" + String.join("", ranges) + "</VNET_POOL>";
    assertTrue(run(false, OneView.parse(xml, "test", "flexip", false)).inSync());
    assertTrue(api.exists(ip.id));
  }

  @Test
  void aRangeOfAnUnknownIpamNameStopsEveryDeletion() {
    // the configuration says scw-flexip, oned.conf calls the driver flexip: its ranges' IPs
    // must not look like orphans
    FakeApi.Ip used = ours(OLD);
    entry(JournalEntry.State.ACTIVE, used, OLD, true);
    rangeOf("flexip", 1, used, "");
    FakeApi.Ip orphan = ours(OLD);
    Plan p = run(false);
    assertTrue(p.notes.toString().contains("[flexip]"), p.notes.toString());
    for (Action a : p.actions) {
      assertFalse(a.steps.contains(Action.DELETE_IP), kinds(p.actions).toString());
    }
    assertTrue(api.exists(used.id));
    assertTrue(api.exists(orphan.id));
    assertEquals(0, api.mutations);
  }

  @Test
  void aForbiddenIpIsGoneOnlyWhenTheProjectListAgrees() {
    // the IP lost our tag and this token may not read it: a 403, but the list still shows it
    FakeApi.Ip ip = api.add(PROJECT, List.of("someone-else"), OLD);
    entry(JournalEntry.State.ACTIVE, ip, OLD, true);
    api.denied.add(ip.id);
    Plan p = run(false);
    Action a = only(p);
    assertEquals("ip_gone", a.kind);
    assertEquals("none", a.fix(), "the entry must stay: " + a.reason);
    assertEquals(1, journal.entries().size());
  }

  @Test
  void anIpLeftAttachedWhileNothingHoldsItsLeaseIsDetached() {
    FakeApi.Ip ip = ours(OLD);
    ip.serverId = "srv-1";
    ip.status = "attached";
    entry(JournalEntry.State.ACTIVE, ip, OLD, true);
    rangeOf("scw-flexip", 1, ip, "<LEASES/>");
    FakeApi.Ip held = ours(OLD);
    held.serverId = "srv-2";
    held.status = "attached";
    entry(JournalEntry.State.ACTIVE, held, OLD, true);
    rangeOf("scw-flexip", 2, held, "<LEASES><LEASE><IP>" + held.ip + "</IP><VM>-1</VM></LEASE></LEASES>");
    Action a = only(run(false));
    assertEquals("stale_attachment", a.kind);
    assertEquals(ip.id, a.fipId);
    assertEquals("done", a.result);
    assertNull(api.ips.get(ip.id).serverId);
    assertEquals("srv-2", api.ips.get(held.id).serverId, "a held lease keeps its IP where it is");
    assertSecondRunInSync();
  }

  @Test
  void repairOnlyAppliesAttachmentRepairsAndNeverDeletes() {
    FakeApi.Ip stale = ours(OLD);
    stale.serverId = "srv-1";
    stale.status = "attached";
    entry(JournalEntry.State.ACTIVE, stale, OLD, true);
    rangeOf("scw-flexip", 1, stale, "<LEASES/>");
    FakeApi.Ip orphan = ours(OLD);
    Plan p = new Reconciler(api, deadline -> api, 60, journal, PROJECT, CLOUD, "kvm", hostServers).retries(3, 0)
        .repairOnly(true).run(one(), vmHosts, GRACE, false);
    Action a = only(p);
    assertEquals("stale_attachment", a.kind);
    assertTrue(api.exists(orphan.id), "repair-only deleted an orphan");
    assertTrue(p.notes.toString().contains("left for a full reconcile"), p.notes.toString());
  }

  @Test
  void missingMacIsGenerated() {
    FakeApi.Ip ip = ours(OLD);
    ip.mac = null;
    entry(JournalEntry.State.ACTIVE, ip, OLD, true);
    range(1, ip);
    Action a = only(run(false));
    assertEquals("missing_mac", a.kind);
    assertTrue(api.ips.get(ip.id).mac != null);
    assertSecondRunInSync();
  }

  @Test
  void transientIpsAreLeftAloneThisRun() {
    FakeApi.Ip ip = ours(OLD);
    ip.status = "detaching";
    Plan p = run(false);
    assertTrue(p.inSync());
    assertEquals(1, p.deferred.size());
    assertEquals(0, api.mutations);
  }

  @Test
  void checkChangesNothing() throws Exception {
    FakeApi.Ip orphan = ours(OLD);
    FakeApi.Ip half = ours(OLD);
    entry(JournalEntry.State.CREATED, half, OLD, true);
    FakeApi.Ip noMac = ours(OLD);
    noMac.mac = null;
    entry(JournalEntry.State.ACTIVE, noMac, OLD, true);
    range(1, noMac);
    entry(JournalEntry.State.CREATING, null, OLD, true);
    byte[] before = Files.readAllBytes(journal.file());
    Plan p = run(true);
    assertEquals(4, p.actions.size(), kinds(p.actions).toString());
    for (Action a : p.actions) {
      assertNull(a.result);
    }
    assertEquals(0, api.mutations, api.calls.toString());
    assertTrue(api.exists(orphan.id));
    assertEquals(new String(before), new String(Files.readAllBytes(journal.file())));
  }

  @Test
  void withoutOpenNebulasViewNothingIsDeleted() {
    FakeApi.Ip orphan = ours(OLD);
    FakeApi.Ip half = ours(OLD);
    entry(JournalEntry.State.CREATED, half, OLD, true);
    Plan p = run(false, OneView.none());
    assertEquals(2, p.actions.size());
    for (Action a : p.actions) {
      assertFalse(a.repairs(), a.kind);
    }
    assertTrue(api.exists(orphan.id) && api.exists(half.id));
    assertEquals(0, api.mutations);
  }

  @Test
  void aFailingDeleteIsRetriedThenReportedAndTheEntryKept() {
    FakeApi.Ip ip = ours(OLD);
    entry(JournalEntry.State.CREATED, ip, OLD, true);
    api.failDeletes = 5;
    Plan p = run(false);
    assertTrue(only(p).failed(), only(p).result);
    assertEquals(1, p.failures());
    assertEquals(1, journal.entries().size(), "the entry stays while its IP exists");
    api.failDeletes = 2;
    Action a = only(run(false));
    assertEquals("done", a.result, "retries absorb two failures");
  }

  @Test
  void jsonIsOneObjectWithTheAgreedShape() throws Exception {
    ours(OLD);
    ours(3);
    Plan p = run(false);
    StringWriter w = new StringWriter();
    JsonReport.write(p, true, w);
    JsonObject o = JsonParser.parseString(w.toString()).getAsJsonObject();
    assertFalse(o.get("in_sync").getAsBoolean());
    assertTrue(o.get("applied").getAsBoolean());
    JsonArray actions = o.getAsJsonArray("actions");
    assertEquals(1, actions.size());
    JsonObject a = actions.get(0).getAsJsonObject();
    for (String k : Set.of("kind", "fip_id", "ip", "reason", "result", "fix")) {
      assertTrue(a.has(k), k);
    }
    assertEquals(1, o.getAsJsonArray("deferred").size());
    for (String k : Set.of("ips", "journal_entries", "ranges", "to_repair", "to_report", "failed", "notes")) {
      assertTrue(o.has(k), k);
    }
    for (JsonElement e : o.getAsJsonArray("deferred")) {
      assertFalse(e.getAsJsonObject().has("result"));
    }
  }
}
