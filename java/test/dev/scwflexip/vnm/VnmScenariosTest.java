package dev.scwflexip.vnm;

import static dev.scwflexip.vnm.HookWorld.SERVER_A;
import static dev.scwflexip.vnm.HookWorld.SERVER_B;
import static dev.scwflexip.vnm.HookWorld.run;
import static dev.scwflexip.vnm.HookWorld.stdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.scaleway.FlexibleIp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VM operations oned runs hooks for, against the emulator with one-second transitions (every
 * attach and detach takes a second, as real ones take several).
 */
class VnmScenariosTest {
  private static HookWorld world;
  private static Path hostA;
  private static Path hostB;

  @BeforeAll
  static void start() throws Exception {
    world = HookWorld.start(1000);
    hostA = world.host("kvm-a", SERVER_A, Map.of());
    hostB = world.host("kvm-b", SERVER_B, Map.of());
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  private static void assertOn(String server, FlexibleIp f) {
    FlexibleIp now = world.get(f.id);
    assertEquals("attached", now.status, f.ip + " status");
    assertEquals(server, now.serverId, f.ip + " server");
  }

  private static void assertDetached(FlexibleIp f) {
    FlexibleIp now = world.get(f.id);
    assertEquals("ready", now.status, f.ip + " status");
    assertNull(now.serverId, f.ip + " server");
  }

  @Test
  void deployAttachesAndTerminateDetaches() throws Exception {
    FlexibleIp pub = world.newOurs();
    HookWorld.Result pre = run(hostA, stdin("deploy.xml", pub), "pre");
    assertEquals(0, pre.rc, pre.toString());
    assertOn(SERVER_A, pub);
    assertTrue(pre.millis >= 900, "pre returned before the attach finished: " + pre);
    assertTrue(pre.err.contains("INFO: NIC 0 (" + pub.ip + "): attached Flexible IP " + pub.id), pre.err);
    assertTrue(pre.err.contains("INFO: NIC 1 (10.1.0.5): private"), pre.err);
    assertEquals("", pre.errorLines());

    HookWorld.Result clean = run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a");
    assertEquals(0, clean.rc, clean.toString());
    assertDetached(pub);
    assertEquals(pub.mac.address, world.get(pub.id).mac.address, "clean must keep the virtual MAC");
  }

  @Test
  void preTwiceIsIdempotent() throws Exception {
    FlexibleIp pub = world.newOurs();
    assertEquals(0, run(hostA, stdin("deploy.xml", pub), "pre").rc);
    long attachesBefore = world.count("POST", "/attach");
    HookWorld.Result again = run(hostA, stdin("deploy.xml", pub), "pre");
    assertEquals(0, again.rc, again.toString());
    assertOn(SERVER_A, pub);
    assertEquals(attachesBefore, world.count("POST", "/attach"), "second pre attached again");
    assertTrue(again.err.contains("already attached to this server"), again.err);
  }

  @Test
  void hotAttachOfASecondPublicNicAttachesOnlyIt() throws Exception {
    FlexibleIp first = world.newOurs();
    FlexibleIp second = world.newOurs();
    assertEquals(0, run(hostA, stdin("deploy.xml", first), "pre").rc);
    // NIC 0 is detached by hand: a hot-attach pre that touched it would attach it again
    run(hostA, stdin("deploy.xml", first), "clean", "kvm-a");
    assertDetached(first);
    HookWorld.Result r = run(hostA, stdin("hot-attach-public.xml", first, second), "pre");
    assertEquals(0, r.rc, r.toString());
    assertOn(SERVER_A, second);
    assertDetached(first);
  }

  @Test
  void hotDetachOfAPrivateNicLeavesThePublicIpAlone() throws Exception {
    FlexibleIp pub = world.newOurs();
    assertEquals(0, run(hostA, stdin("deploy.xml", pub), "pre").rc);
    long before = world.emulator.requests().total();
    HookWorld.Result r = run(hostA, stdin("hot-detach-private.xml", pub), "clean", "kvm-a");
    assertEquals(0, r.rc, r.toString());
    assertEquals(before, world.emulator.requests().total(), "a private NIC needs no API call");
    assertOn(SERVER_A, pub);
  }

  @Test
  void hotDetachOfAPublicNicDetachesOnlyIt() throws Exception {
    FlexibleIp first = world.newOurs();
    FlexibleIp second = world.newOurs();
    assertEquals(0, run(hostA, stdin("two-public.xml", first, second), "pre").rc);
    String xml = HookWorld.fixture("two-public.xml").replace("<NIC_ID><![CDATA[1]]></NIC_ID>",
        "<NIC_ID><![CDATA[1]]></NIC_ID><ATTACH><![CDATA[YES]]></ATTACH>");
    byte[] in = (java.util.Base64.getEncoder().encodeToString(xml.replace("${IP0}", first.ip)
        .replace("${FIP0}", first.id).replace("${MAC0}", first.mac.address).replace("${IP1}", second.ip)
        .replace("${FIP1}", second.id).replace("${MAC1}", second.mac.address).getBytes()) + "\n").getBytes();
    HookWorld.Result r = run(hostA, in, "clean", "kvm-a");
    assertEquals(0, r.rc, r.toString());
    assertOn(SERVER_A, first);
    assertDetached(second);
  }

  @Test
  void liveMigrationMovesTheIpAndCleanOnTheSourceLeavesIt() throws Exception {
    FlexibleIp pub = world.newOurs();
    assertEquals(0, run(hostA, stdin("deploy.xml", pub), "pre").rc);
    HookWorld.Result onB = run(hostB, stdin("deploy.xml", pub), "pre");
    assertEquals(0, onB.rc, onB.toString());
    assertOn(SERVER_B, pub);
    assertTrue(onB.err.contains("is on server " + SERVER_A + ", detaching it first"), onB.err);
    HookWorld.Result cleanA = run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a");
    assertEquals(0, cleanA.rc, cleanA.toString());
    assertOn(SERVER_B, pub);
    assertTrue(cleanA.err.contains("is on server " + SERVER_B + ", not this one"), cleanA.err);
    assertEquals(0, world.count("DELETE", "/{fip_id}"), "hooks never delete");
  }

  @Test
  void twoPublicNicsAndOnePrivate() throws Exception {
    FlexibleIp byId = world.newOurs();
    FlexibleIp byAddress = world.newOurs();
    HookWorld.Result r = run(hostA, stdin("two-public-one-private.xml", byId, byAddress), "pre");
    assertEquals(0, r.rc, r.toString());
    assertOn(SERVER_A, byId);
    assertOn(SERVER_A, byAddress);
    assertTrue(r.millis < 1900, "two NICs should attach at the same time, took " + r.millis + " ms");
    HookWorld.Result clean = run(hostA, stdin("two-public-one-private.xml", byId, byAddress), "clean", "kvm-a");
    assertEquals(0, clean.rc, clean.toString());
    assertDetached(byId);
    assertDetached(byAddress);
  }

  @Test
  void cleanOfAnIpThatNoLongerExistsSucceeds() throws Exception {
    FlexibleIp pub = world.newOurs();
    world.emulator.store().delete("fr-par-1", pub.id);
    HookWorld.Result r = run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a");
    assertEquals(0, r.rc, r.toString());
    assertTrue(r.err.contains("no longer exists"), r.err);
  }

  @Test
  void preOfAnIpThatNoLongerExistsFailsWithOneLine() throws Exception {
    FlexibleIp pub = world.newOurs();
    world.emulator.store().delete("fr-par-1", pub.id);
    HookWorld.Result r = run(hostA, stdin("deploy.xml", pub), "pre");
    assertEquals(1, r.rc, r.toString());
    assertEquals(1, r.errorLines().lines().count(), r.toString());
    assertTrue(r.errorLines().contains(pub.id + " no longer exists"), r.toString());
  }

  @Test
  void anIpNotTaggedAsOursIsNeverTouched() throws Exception {
    FlexibleIp foreign = world.newForeign();
    // by address: not in the tagged list, so the NIC is not ours
    HookWorld.Result r = run(hostA, stdin("two-public-one-private.xml", world.newOurs(), foreign), "pre");
    assertEquals(0, r.rc, r.toString());
    assertDetached(foreign);
    assertTrue(r.err.contains("NIC 2 (" + foreign.ip + "): not a Flexible IP of cloud hooktest, ignored"), r.err);
    // by id: the NIC claims it, pre refuses rather than boot the VM on a stranger's IP
    HookWorld.Result byId = run(hostA, stdin("deploy.xml", foreign), "pre");
    assertEquals(1, byId.rc, byId.toString());
    assertTrue(byId.errorLines().contains("is not tagged as cloud hooktest"), byId.toString());
    assertDetached(foreign);
  }

  @Test
  void aVmWithNoPublicNicMakesNoApiCall() throws Exception {
    long before = world.emulator.requests().total();
    HookWorld.Result r = run(hostA, stdin("private-only.xml"), "pre");
    assertEquals(0, r.rc, r.toString());
    assertEquals(before, world.emulator.requests().total());
  }
}
