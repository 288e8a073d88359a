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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The VM operations oned runs hooks for, in oned's own order (one_vmm_exec.rb), against the
 * emulator with one-second transitions (every attach and detach takes a second, as real ones
 * take several).
 */
class VnmScenariosTest {
  private static HookWorld world;
  private static Path hostA;
  private static Path hostB;
  /** A host that also recognises NICs by address alone (match_nics_by_address). */
  private static Path hostByAddress;

  @BeforeAll
  static void start() throws Exception {
    world = HookWorld.start(1000);
    hostA = world.host("kvm-a", SERVER_A, Map.of());
    hostB = world.host("kvm-b", SERVER_B, Map.of());
    hostByAddress = world.host("kvm-a-by-address", SERVER_A, Map.of("match_nics_by_address", true));
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

  private static void ok(HookWorld.Result r) {
    assertEquals(0, r.rc, r.toString());
  }

  @Test
  void deployAttachesAndTerminateDetaches() throws Exception {
    FlexibleIp pub = world.newOurs();
    HookWorld.Result pre = run(hostA, stdin("deploy.xml", pub), "pre");
    ok(pre);
    assertOn(SERVER_A, pub);
    assertTrue(pre.millis >= 900, "pre returned before the attach finished: " + pre);
    assertTrue(pre.err.contains("INFO: NIC 0 (" + pub.ip + "): attached Flexible IP " + pub.id), pre.err);
    assertTrue(pre.err.contains("INFO: NIC 1 (10.1.0.5): no Flexible IP id"), pre.err);
    assertEquals("", pre.errorLines());
    HookWorld.Result post = run(hostA, stdin("deploy.xml", pub), "post", "one-42", "kvm-a");
    ok(post);
    assertTrue(post.err.contains("is already attached to this server"), post.err);

    HookWorld.Result clean = run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a");
    ok(clean);
    assertDetached(pub);
    assertEquals(pub.mac.address, world.get(pub.id).mac.address, "clean must keep the virtual MAC");
  }

  @Test
  void preTwiceIsIdempotent() throws Exception {
    FlexibleIp pub = world.newOurs();
    ok(run(hostA, stdin("deploy.xml", pub), "pre"));
    long attachesBefore = world.count("POST", "/attach");
    HookWorld.Result again = run(hostA, stdin("deploy.xml", pub), "pre");
    ok(again);
    assertOn(SERVER_A, pub);
    assertEquals(attachesBefore, world.count("POST", "/attach"), "second pre attached again");
    assertTrue(again.err.contains("already attached to this server"), again.err);
  }

  @Test
  void hotAttachOfASecondPublicNicOnARunningVmAttachesOnlyIt() throws Exception {
    FlexibleIp first = world.newOurs();
    FlexibleIp second = world.newOurs();
    ok(run(hostA, stdin("deploy.xml", first), "pre"));
    // NIC 0 is detached by hand: a hot-attach that touched it would attach it again
    ok(run(hostA, stdin("deploy.xml", first), "clean", "kvm-a"));
    assertDetached(first);
    ok(run(hostA, stdin("hot-attach-public.xml", first, second), "pre"));
    assertOn(SERVER_A, second);
    ok(run(hostA, stdin("hot-attach-public.xml", first, second), "post", "one-42", "kvm-a"));
    assertOn(SERVER_A, second);
    assertDetached(first);
  }

  @Test
  void hotDetachOfAPrivateNicLeavesThePublicIpAlone() throws Exception {
    FlexibleIp pub = world.newOurs();
    ok(run(hostA, stdin("deploy.xml", pub), "pre"));
    long before = world.emulator.requests().total();
    ok(run(hostA, stdin("hot-detach-private.xml", pub), "clean", "kvm-a"));
    assertEquals(before, world.emulator.requests().total(), "a private NIC needs no API call");
    assertOn(SERVER_A, pub);
  }

  @Test
  void hotDetachOfAPublicNicDetachesOnlyIt() throws Exception {
    FlexibleIp first = world.newOurs();
    FlexibleIp second = world.newOurs();
    ok(run(hostA, stdin("two-public.xml", first, second), "pre"));
    String xml = HookWorld.fixture("two-public.xml").replace("<NIC_ID><![CDATA[1]]></NIC_ID>",
        "<NIC_ID><![CDATA[1]]></NIC_ID><ATTACH><![CDATA[YES]]></ATTACH>");
    byte[] in = (java.util.Base64.getEncoder().encodeToString(xml.replace("${IP0}", first.ip)
        .replace("${FIP0}", first.id).replace("${MAC0}", first.mac.address).replace("${IP1}", second.ip)
        .replace("${FIP1}", second.id).replace("${MAC1}", second.mac.address).getBytes()) + "\n").getBytes();
    ok(run(hostA, in, "clean", "kvm-a"));
    assertOn(SERVER_A, first);
    assertDetached(second);
  }

  /** The VM XML oned hands the hooks once the VM's current history record is on kvm-b. */
  private static byte[] onKvmB(FlexibleIp pub) throws Exception {
    String xml = HookWorld.fixture("deploy.xml").replace("<HOSTNAME><![CDATA[kvm-a]]></HOSTNAME>",
        "<HOSTNAME><![CDATA[kvm-b]]></HOSTNAME>");
    return HookWorld.stdinClaimingXml(xml, pub.ip, pub.mac.address, pub.id);
  }

  @Test
  void liveMigrationKeepsTheIpOnTheSourceUntilThePostOnTheDestination() throws Exception {
    FlexibleIp pub = world.newOurs();
    ok(run(hostA, stdin("deploy.xml", pub), "pre"));
    // 1. pre on the destination: the VM still runs on A, so does its address
    HookWorld.Result preB = run(hostB, onKvmB(pub), "pre");
    ok(preB);
    assertOn(SERVER_A, pub);
    assertTrue(preB.err.contains("is on server " + SERVER_A + ": left there while a live migration is under way"),
        preB.err);
    // 2. the memory copy; 3. clean on the source sends the detach and returns at once
    HookWorld.Result cleanA = run(hostA, onKvmB(pub), "clean", "kvm-a");
    ok(cleanA);
    assertTrue(cleanA.err.contains("the source of a migration to kvm-b"), cleanA.err);
    assertEquals("detaching", world.get(pub.id).status, "clean waited for the detach: " + cleanA);
    // 4. post on the destination waits for the detach, then attaches
    HookWorld.Result postB = run(hostB, onKvmB(pub), "post", "one-42", "kvm-b");
    ok(postB);
    assertOn(SERVER_B, pub);
    assertEquals(0, world.count("DELETE", "/{fip_id}"), "hooks never delete");
  }

  @Test
  void aLiveMigrationWhoseCopyFailsLeavesTheIpOnTheSource() throws Exception {
    FlexibleIp pub = world.newOurs();
    ok(run(hostA, stdin("deploy.xml", pub), "pre"));
    ok(run(hostB, stdin("deploy.xml", pub), "pre"));
    // the hypervisor migration fails: oned runs only the storage driver's failmigrate
    assertOn(SERVER_A, pub);
  }

  @Test
  void deployOnAHostWhileTheIpIsStillOnADeadHostsServer() throws Exception {
    FlexibleIp pub = world.newOurs();
    world.attachTo(pub.id, SERVER_A);
    // host A died; the VM is recreated on B: pre leaves the IP, post (after the boot) moves it
    ok(run(hostB, stdin("deploy.xml", pub), "pre"));
    assertOn(SERVER_A, pub);
    HookWorld.Result post = run(hostB, stdin("deploy.xml", pub), "post", "one-42", "kvm-b");
    ok(post);
    assertOn(SERVER_B, pub);
    assertTrue(post.err.contains("is on server " + SERVER_A + ": moving it to this server"), post.err);
  }

  @Test
  void suspendOnOneHostThenResumeOnAnother() throws Exception {
    FlexibleIp pub = world.newOurs();
    ok(run(hostA, stdin("deploy.xml", pub), "pre"));
    ok(run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a"));
    assertDetached(pub);
    ok(run(hostB, stdin("deploy.xml", pub), "pre"));
    assertOn(SERVER_B, pub);
    ok(run(hostB, stdin("deploy.xml", pub), "post", "one-42", "kvm-b"));
    assertOn(SERVER_B, pub);
  }

  @Test
  void twoPublicNicsAndOnePrivate() throws Exception {
    FlexibleIp byId = world.newOurs();
    FlexibleIp byAddress = world.newOurs();
    // record when each attach is sent and when each finishes: at the same time means both are
    // sent before either finishes (each takes a second), whatever the machine's load
    List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.function.Function<dev.scwflexip.config.Config, dev.scwflexip.scaleway.ApiOpener> recording =
        config -> deadline -> new ForwardingApi(dev.scwflexip.scaleway.ApiOpener.scaleway(config).open(deadline)) {
          @Override
          public List<FlexibleIp> attach(List<String> ids, String serverId) {
            events.add("sent " + ids);
            return real.attach(ids, serverId);
          }

          @Override
          public FlexibleIp waitUntil(String id, java.util.function.Predicate<FlexibleIp> done, String what) {
            FlexibleIp f = real.waitUntil(id, done, what);
            events.add("done " + id);
            return f;
          }
        };
    HookWorld.Result r = HookWorld.runWith(recording, hostByAddress, stdin("two-public-one-private.xml", byId, byAddress),
        "pre");
    ok(r);
    assertOn(SERVER_A, byId);
    assertOn(SERVER_A, byAddress);
    assertEquals(List.of("sent", "sent", "done", "done"), events.stream().map(e -> e.split(" ")[0]).toList(),
        "the two NICs were attached one after the other: " + events);
    ok(run(hostByAddress, stdin("two-public-one-private.xml", byId, byAddress), "clean", "kvm-a"));
    assertDetached(byId);
    assertDetached(byAddress);
  }

  @Test
  void byDefaultANicIsRecognisedByItsIdNotByItsAddress() throws Exception {
    // any user can lease an address of their choosing from a network of their own: an address
    // alone must not move another tenant's IP to this user's host
    FlexibleIp victim = world.newOurs();
    FlexibleIp mine = world.newOurs();
    HookWorld.Result r = run(hostA, stdin("two-public-one-private.xml", mine, victim), "pre");
    ok(r);
    assertOn(SERVER_A, mine);
    assertDetached(victim);
    assertTrue(r.err.contains("NIC 2 (" + victim.ip + "): no Flexible IP id"), r.err);
  }

  @Test
  void aNicNamingAnotherVmsIpIsRefused() throws Exception {
    FlexibleIp victim = world.newOurs();
    world.attachTo(victim.id, SERVER_B);
    byte[] claim = HookWorld.stdinClaiming("deploy.xml", "10.0.0.5", "02:00:0a:00:00:05", victim.id);
    for (String action : new String[] {"pre", "post"}) {
      HookWorld.Result r = run(hostA, claim, action, "one-42", "kvm-a");
      assertEquals(1, r.rc, r.toString());
      assertEquals(1, r.errorLines().lines().count(), r.toString());
      assertTrue(r.errorLines().contains("has address " + victim.ip + ", not the NIC's 10.0.0.5"), r.toString());
      assertOn(SERVER_B, victim);
    }
    HookWorld.Result clean = run(hostB, claim, "clean", "kvm-b");
    ok(clean);
    assertOn(SERVER_B, victim);
    assertTrue(clean.err.contains("left alone"), clean.err);
  }

  @Test
  void cleanOfAnIpThatNoLongerExistsSucceeds() throws Exception {
    FlexibleIp pub = world.newOurs();
    world.emulator.store().delete("fr-par-1", pub.id);
    HookWorld.Result r = run(hostA, stdin("deploy.xml", pub), "clean", "kvm-a");
    ok(r);
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
    HookWorld.Result r = run(hostByAddress, stdin("two-public-one-private.xml", world.newOurs(), foreign), "pre");
    ok(r);
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
    ok(run(hostA, stdin("private-only.xml"), "pre"));
    assertEquals(before, world.emulator.requests().total());
  }
}
