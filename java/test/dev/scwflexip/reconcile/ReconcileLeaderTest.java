package dev.scwflexip.reconcile;

import static dev.scwflexip.testsupport.StandInTools.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.stats.ReconcileRuns;
import dev.scwflexip.testsupport.InProcess;
import dev.scwflexip.testsupport.StandInTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reconcile --leader-only with stand-in onezone tools, and the record of each run. */
class ReconcileLeaderTest {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  @TempDir Path dir;
  Emulator emulator;
  Path config;
  Path bin;
  String stdout;
  String stderr;

  @BeforeEach
  void setUp() throws Exception {
    emulator = Emulator.start("127.0.0.1", 0, 0);
    bin = dir.resolve("bin");
    Files.writeString(dir.resolve("token"), "leader-token");
    Files.writeString(dir.resolve("vnets.xml"), "<VNET_POOL></VNET_POOL>");
    config = dir.resolve("config.json");
    Files.writeString(config, "{\"api_url\":\"" + emulator.url() + "\",\"project_id\":\"" + PROJECT + "\","
        + "\"token_file\":\"" + dir.resolve("token") + "\",\"state_file\":\"" + dir.resolve("state/journal.json")
        + "\",\"frontend_name\":\"fe-2\",\"action_deadline_seconds\":5,\"reconcile_deadline_seconds\":5}");
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  int reconcile(String... args) {
    List<String> argv = new ArrayList<>(List.of("--config", config.toString(), "reconcile"));
    argv.addAll(List.of(args));
    InProcess.Run r = InProcess.run(Map.of("PATH", bin.toString()), argv.toArray(new String[0]));
    stdout = r.out();
    stderr = r.err();
    return r.rc();
  }

  List<ReconcileRuns.Run> runs() {
    return ReconcileRuns.read(dir.resolve("state"));
  }

  @Test
  void aFollowerDoesNothingWithOneInfoLine() throws Exception {
    StandInTools.tool(bin, "onezone", zone("fe-1", "3", "fe-2", "2", "fe-3", "2"), 0);
    assertEquals(0, reconcile("--leader-only", "--one-xml", dir.resolve("vnets.xml").toString()));
    assertEquals("INFO: reconcile --leader-only: this frontend (fe-2) is not the Raft leader (fe-1 is); nothing done\n",
        stderr);
    assertEquals("", stdout);
    assertEquals(0, emulator.requests().total(), "a follower called the API");
    assertEquals("onezone show -x 0\n", StandInTools.calls(bin));
    assertTrue(runs().isEmpty(), "a follower recorded a run");
  }

  @Test
  void theLeaderReconcilesAndRecordsItsRun() throws Exception {
    StandInTools.tool(bin, "onezone", zone("fe-1", "2", "fe-2", "3", "fe-3", "2"), 0);
    assertEquals(0, reconcile("--leader-only", "--repair-only", "--one-xml", dir.resolve("vnets.xml").toString()),
        stderr);
    assertTrue(emulator.requests().total() > 0);
    assertEquals(List.of(new ReconcileRuns.Run("repair-only", false, runs().get(0).time(), "in_sync", 0, 0, null)),
        runs());
  }

  @Test
  void withoutHaEveryFrontendActs() throws Exception {
    StandInTools.tool(bin, "onezone", zone(), 0);
    assertEquals(0, reconcile("--leader-only", "--check", "--one-xml", dir.resolve("vnets.xml").toString()), stderr);
    assertTrue(emulator.requests().total() > 0);
  }

  @Test
  void aFailingOnezoneOrAMissingOneIsAOneLineError() throws Exception {
    assertEquals(1, reconcile("--leader-only"));
    assertEquals("scw-flexip: --leader-only: onezone is not on PATH, so whether this frontend is the Raft leader"
        + " cannot be told\n", stderr);
    StandInTools.tool(bin, "onezone", "[one.zone.info] User couldn't be authenticated", 255);
    assertEquals(1, reconcile("--leader-only"));
    assertEquals(1, stderr.strip().lines().count(), stderr);
    assertTrue(stderr.contains("onezone show -x 0 failed (exit 255)"), stderr);
    assertEquals(0, emulator.requests().total());
  }

  @Test
  void eachKindOfRunIsRecordedWithItsResult() throws Exception {
    String vnets = dir.resolve("vnets.xml").toString();
    seedOrphan();
    assertEquals(3, reconcile("--check", "--grace", "0", "--one-xml", vnets));
    assertEquals(0, reconcile("--repair-only", "--one-xml", vnets));
    emulator.faults().serverError(100000);
    assertEquals(1, reconcile("--grace", "0", "--one-xml", vnets));
    emulator.faults().clear();
    List<ReconcileRuns.Run> runs = runs();
    assertEquals(3, runs.size(), runs.toString());
    ReconcileRuns.Run check = find(runs, "full", true);
    assertEquals("drift", check.result());
    assertEquals(1, check.actions());
    assertEquals("in_sync", find(runs, "repair-only", false).result());
    ReconcileRuns.Run failed = find(runs, "full", false);
    assertEquals("error", failed.result());
    assertTrue(failed.error().startsWith("Scaleway API: gave up on GET /fips"), failed.error());
    assertEquals(3, reconcile("--grace", "0", "--one-xml", vnets), stderr);
    assertEquals("repaired", find(runs(), "full", false).result());
  }

  void seedOrphan() throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(emulator.url() + "/_emulator/seed"))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"count\":1,\"project_id\":\"" + PROJECT
                + "\",\"tags\":[\"scw-flexip:cloud=opennebula\"],\"age_seconds\":7200}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  static ReconcileRuns.Run find(List<ReconcileRuns.Run> runs, String mode, boolean check) {
    return runs.stream().filter(r -> r.mode().equals(mode) && r.check() == check).findFirst().orElseThrow();
  }

  // ---- the decision itself, from onezone's XML ------------------------------------------------

  @Test
  void theDecisionFollowsTheLeadersName() {
    assertTrue(RaftLeader.fromZone(zone(), null).act());
    assertTrue(RaftLeader.fromZone("<ZONE><ID>0</ID><NAME>OpenNebula</NAME></ZONE>", null).act());
    assertTrue(RaftLeader.fromZone(zone("fe-1", "3", "fe-2", "2"), "fe-1").act());
    assertFalse(RaftLeader.fromZone(zone("fe-1", "3", "fe-2", "2"), "fe-2").act());
    RaftLeader.Decision election = RaftLeader.fromZone(zone("fe-1", "1", "fe-2", "2"), "fe-2");
    assertFalse(election.act());
    assertTrue(election.why().contains("no server of zone 0 is the Raft leader"), election.why());
    assertTrue(RaftLeader.fromZone(zone("solo", "0"), "solo").act() == false);
  }

  @Test
  void haWithoutAKnownFrontendNameIsAnErrorNotASilentSkip() {
    String unset = assertThrows(DriverException.class,
        () -> RaftLeader.fromZone(zone("fe-1", "3", "fe-2", "2"), null)).getMessage();
    assertTrue(unset.contains("frontend_name is not set"), unset);
    String wrong = assertThrows(DriverException.class,
        () -> RaftLeader.fromZone(zone("fe-1", "3", "fe-2", "2"), "frontend-2")).getMessage();
    assertTrue(wrong.contains("'frontend-2' is none of zone 0's servers [fe-1, fe-2]"), wrong);
  }
}
