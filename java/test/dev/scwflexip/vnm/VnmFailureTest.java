package dev.scwflexip.vnm;

import static dev.scwflexip.vnm.HookWorld.SERVER_A;
import static dev.scwflexip.vnm.HookWorld.SERVER_B;
import static dev.scwflexip.vnm.HookWorld.stdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.scwflexip.config.Config;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.FlexibleIp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API failing part-way through a pre: the rollback leaves nothing attached that was not before. */
class VnmFailureTest {
  private static HookWorld world;
  private static Path hostA;

  @BeforeAll
  static void start() throws Exception {
    world = HookWorld.start(1000);
    hostA = world.host("kvm-a", SERVER_A, Map.of("action_deadline_seconds", 8));
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @AfterEach
  void clearFaults() {
    world.emulator.faults().clear();
  }

  private static void assertReady(FlexibleIp f) {
    FlexibleIp now = world.get(f.id);
    assertEquals("ready", now.status, f.ip + " status");
    assertNull(now.serverId, f.ip + " server");
  }

  private static void assertOn(String server, FlexibleIp f) {
    FlexibleIp now = world.get(f.id);
    assertEquals("attached", now.status, f.ip + " status");
    assertEquals(server, now.serverId, f.ip + " server");
  }

  @Test
  void attachFailingWithServerErrorsUntilTheDeadlineRollsBackAndKeepsWhatWasAttached() throws Exception {
    FlexibleIp already = world.newOurs();
    FlexibleIp failing = world.newOurs();
    world.attachTo(already.id, SERVER_A);
    JsonObject faults = new JsonObject();
    faults.addProperty("server_error", 100000);
    faults.addProperty("fail_paths", "POST /flexible-ip/v1alpha1/zones/fr-par-1/fips/attach");
    world.emulator.faults().configure(faults);

    HookWorld.Result r = HookWorld.run(hostA, stdin("two-public.xml", already, failing), "pre");
    world.emulator.faults().clear();
    assertEquals(1, r.rc, r.toString());
    String error = r.errorLines();
    assertEquals(1, error.lines().count(), r.toString());
    assertTrue(error.startsWith("scw-flexip: cannot attach " + failing.ip + " to server " + SERVER_A + ": "), error);
    assertTrue(r.millis < 9000, "the action must end within its deadline: " + r);
    assertOn(SERVER_A, already);
    assertReady(failing);
  }

  @Test
  void a403WhileAnotherNicIsAttachingRollsThatNicBack() throws Exception {
    FlexibleIp good = world.newOurs();
    FlexibleIp refused = world.newOurs();
    Function<Config, ApiOpener> openers = FaultyApi.openers(refused.id, SERVER_A, 1500);
    HookWorld.Result r = HookWorld.runWith(openers, hostA, stdin("two-public.xml", good, refused), "pre");
    assertEquals(1, r.rc, r.toString());
    String error = r.errorLines();
    assertEquals(1, error.lines().count(), r.toString());
    assertTrue(error.contains("cannot attach " + refused.ip), error);
    assertTrue(error.contains("HTTP 403"), error);
    assertTrue(error.contains("; rolled back: detached " + good.ip + " from this server"), error);
    assertTrue(!error.contains("detached " + refused.ip), error);
    assertReady(good);
    assertReady(refused);
  }

  @Test
  void preAgainstAVerySlowApiNeverTakesTheIpFromTheSource() throws Exception {
    // 14 s per call against a 50 s action: pre used to take the IP from the source, run out of
    // time and leave it on the destination; now it never moves an IP another server holds
    FlexibleIp pub = world.newOurs();
    world.attachTo(pub.id, SERVER_B);
    Path slowHost = world.host("kvm-slow", SERVER_A, Map.of());
    JsonObject faults = new JsonObject();
    faults.addProperty("slow", 100000);
    faults.addProperty("slow_ms", 14000);
    world.emulator.faults().configure(faults);
    long detaches = world.count("POST", "/detach");
    HookWorld.Result r = HookWorld.run(slowHost, stdin("deploy.xml", pub), "pre");
    world.emulator.faults().clear();
    assertTrue(r.millis < 55_000, r.toString());
    assertOn(SERVER_B, pub);
    assertEquals(detaches, world.count("POST", "/detach"), "pre must not detach an IP from another server");
  }

  @Test
  void aFreeIpIsNotAttachedWhenTheAttachAndItsUndoNoLongerFit() throws Exception {
    // every call takes 2.5 s and the run has 8 s: the settle read leaves too little time to
    // attach and, if that failed, detach again, so nothing is changed and the run says why
    FlexibleIp pub = world.newOurs();
    JsonObject faults = new JsonObject();
    faults.addProperty("slow", 100000);
    faults.addProperty("slow_ms", 2500);
    world.emulator.faults().configure(faults);
    long attaches = world.count("POST", "/attach");
    HookWorld.Result r = HookWorld.run(hostA, stdin("deploy.xml", pub), "pre");
    world.emulator.faults().clear();
    assertEquals(1, r.rc, r.toString());
    assertTrue(r.errorLines().contains("not enough time left to attach " + pub.ip), r.toString());
    assertReady(pub);
    assertEquals(attaches, world.count("POST", "/attach"), r.toString());
  }

  @Test
  void cleanDuringAnApiOutageLetsTheVmGoAndNotesTheDetach() throws Exception {
    FlexibleIp pub = world.newOurs();
    world.attachTo(pub.id, SERVER_A);
    world.emulator.faults().serverError(100000);
    HookWorld.Result r = HookWorld.run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a");
    world.emulator.faults().clear();
    assertEquals(0, r.rc, "terminate must not fail (oned would keep the VM RUNNING): " + r);
    assertEquals("", r.errorLines(), r.toString());
    assertTrue(r.err.contains("WARN: clean: could not detach Flexible IP " + pub.id + " from server " + SERVER_A), r.err);
    assertTrue(r.millis < 9000, r.toString());
    Path note = world.dir.resolve("kvm-a").resolve("run").resolve(pub.id + ".detach-pending");
    assertTrue(Files.readString(note).contains("\"server_id\":\"" + SERVER_A + "\""), Files.readString(note));
    assertOn(SERVER_A, pub);
    // the API is back: the next clean does the detach and drops the note
    assertEquals(0, HookWorld.run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a").rc);
    assertReady(pub);
    assertFalse(Files.exists(note));
  }

  @Test
  void aMisconfiguredTokenStillFailsClean() throws Exception {
    FlexibleIp pub = world.newOurs();
    world.attachTo(pub.id, SERVER_A);
    world.emulator.faults().permissions("none");
    HookWorld.Result r = HookWorld.run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a");
    world.emulator.faults().clear();
    assertEquals(1, r.rc, "a token without rights is not an outage: " + r);
    assertOn(SERVER_A, pub);
  }

  @Test
  void cleanOnAMigrationSourceNeverDetachesTheIpFromTheDestination() throws Exception {
    // post on the destination moves the IP between clean's check and its detach call
    FlexibleIp pub = world.newOurs();
    world.attachTo(pub.id, SERVER_A);
    Function<Config, ApiOpener> openers = config -> deadline -> new ForwardingApi(
        ApiOpener.scaleway(config).open(deadline)) {
      @Override
      public List<FlexibleIp> detach(List<String> ids) {
        world.detachAndWait(pub.id);
        world.attachTo(pub.id, SERVER_B);
        return real.detach(ids);
      }
    };
    HookWorld.Result r = HookWorld.runWith(openers, hostA, stdin("deploy.xml", pub), "clean", "kvm-a");
    assertEquals(0, r.rc, r.toString());
    assertTrue(r.err.contains("had moved to server " + SERVER_B + " just before the detach; attaching it back there"),
        r.err);
    assertOn(SERVER_B, pub);
  }
}
