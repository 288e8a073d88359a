package dev.scwflexip.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Reconcile against an in-memory API with exact states and ages, and an OpenNebula view built by hand. */
abstract class ReconcileTestCase {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  static final String CLOUD = "test";
  static final long OLD = 7200;
  static final long GRACE = 600;

  @TempDir Path dir;
  FakeApi api;
  Journal journal;
  final List<String> ranges = new ArrayList<>();
  Map<String, String> hostServers = Map.of();
  VmHosts vmHosts = VmHosts.NONE;

  @BeforeEach
  void setUp() {
    api = new FakeApi();
    journal = new Journal(dir.resolve("journal.json"), 5000);
  }

  FakeApi.Ip ours(long age) {
    return api.add(PROJECT, List.of(Tags.cloud(CLOUD)), age);
  }

  /** An entry that reached {@code state} {@code age} seconds ago, through the journal's own transitions. */
  JournalEntry entry(JournalEntry.State state, FakeApi.Ip ip, long age, boolean created) {
    String when = Instant.now().minusSeconds(age).toString();
    String id = java.util.UUID.randomUUID().toString();
    JournalEntry e;
    if (state == JournalEntry.State.CREATING) {
      e = JournalEntry.beginCreate(id, "fr-par-1", when);
    } else if (created) {
      e = JournalEntry.beginCreate(id, "fr-par-1", when).created(ip.id, ip.ip, when);
    } else {
      e = JournalEntry.beginAdopt(id, ip.id, ip.ip, "fr-par-1", when);
    }
    if (state == JournalEntry.State.ACTIVE || state == JournalEntry.State.RELEASING) {
      e.active("52:54:00:aa:bb:cc", when);
    }
    if (state == JournalEntry.State.RELEASING) {
      e.beginRelease(when);
    }
    if (ip != null) {
      ip.tags.add(Tags.entry(e.id()));
    }
    journal.update(list -> list.add(e));
    return e;
  }

  void range(int vnet, FakeApi.Ip ip, String... leaseVms) {
    StringBuilder leases = new StringBuilder();
    for (String vm : leaseVms) {
      leases.append("<LEASE><IP>").append(ip.ip).append("</IP><VM>").append(vm).append("</VM></LEASE>");
    }
    ranges.add("<VNET><ID>" + vnet + "</ID><NAME>pub" + vnet + "</NAME><AR_POOL><AR><AR_ID>0</AR_ID>"
        + "<IP>" + ip.ip + "</IP><IPAM_MAD>scw-flexip</IPAM_MAD><SCW_FLEXIP_ID>" + ip.id + "</SCW_FLEXIP_ID>"
        + "<SIZE>1</SIZE><TYPE>IP4</TYPE>" + (leases.length() == 0 ? "" : "<LEASES>" + leases + "</LEASES>")
        + "</AR></AR_POOL></VNET>");
  }

  void rangeOf(String ipamMad, int vnet, FakeApi.Ip ip, String leases) {
    ranges.add("<VNET><ID>" + vnet + "</ID><NAME>pub" + vnet + "</NAME><AR_POOL><AR><AR_ID>0</AR_ID>"
        + "<IP>" + ip.ip + "</IP><IPAM_MAD>" + ipamMad + "</IPAM_MAD><SCW_FLEXIP_ID>" + ip.id + "</SCW_FLEXIP_ID>"
        + "<SIZE>1</SIZE><TYPE>IP4</TYPE>" + leases + "</AR></AR_POOL></VNET>");
  }

  OneView one() {
    return OneView.parse("<VNET_POOL>" + String.join("", ranges) + "</VNET_POOL>", "test", "scw-flexip", false);
  }

  Plan run(boolean check) {
    return run(check, one());
  }

  Plan run(boolean check, OneView view) {
    return new Reconciler(api, deadline -> api, 60, journal, PROJECT, CLOUD, "kvm", hostServers).retries(3, 0)
        .run(view, vmHosts, GRACE, check);
  }

  static Action only(Plan p) {
    assertEquals(1, p.actions.size(), "actions: " + kinds(p.actions));
    return p.actions.get(0);
  }

  static List<String> kinds(List<Action> actions) {
    List<String> out = new ArrayList<>();
    for (Action a : actions) {
      out.add(a.kind + ":" + a.fix() + ":" + a.reason);
    }
    return out;
  }

  void assertSecondRunInSync() {
    Plan again = run(false);
    assertTrue(again.inSync(), "second run: " + kinds(again.actions));
  }
}
