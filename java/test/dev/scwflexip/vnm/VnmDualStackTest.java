package dev.scwflexip.vnm;

import static dev.scwflexip.vnm.HookWorld.SERVER_A;
import static dev.scwflexip.vnm.HookWorld.SERVER_B;
import static dev.scwflexip.vnm.HookWorld.run;
import static dev.scwflexip.vnm.HookWorld.stdinDual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.config.Config;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.FlexibleIp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dual-stack NIC (an IPv4 and an IPv6 Flexible IP) through the VM operations oned runs hooks
 * for, and an IPv6-only NIC. The two IPs of a pair are one MAC group from the first attach on,
 * and after every step they are on the same server (or on none).
 */
class VnmDualStackTest {
  private static HookWorld world;
  private static Path hostA;
  private static Path hostB;

  @BeforeAll
  static void start() throws Exception {
    world = HookWorld.start(300);
    hostA = world.host("kvm-a", SERVER_A, Map.of());
    hostB = world.host("kvm-b", SERVER_B, Map.of());
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  private static void ok(HookWorld.Result r) {
    assertEquals(0, r.rc, r.toString());
  }

  /** Both IPs settled on {@code server} (null: on none), and one MAC group once attached. */
  private static void together(String server, FlexibleIp[] pair) throws Exception {
    FlexibleIp v4 = settled(pair[0].id);
    FlexibleIp v6 = settled(pair[1].id);
    assertEquals(server, v4.serverId, "IPv4 server");
    assertEquals(server, v6.serverId, "IPv6 server: the pair is split");
    assertEquals(server == null ? "ready" : "attached", v4.status);
    assertEquals(server == null ? "ready" : "attached", v6.status);
    if (server != null) {
      assertNotNull(v6.mac, "the IPv6 shares no MAC");
      assertEquals(v4.mac.id, v6.mac.id, "not one MAC group");
      assertEquals(pair[0].mac.address, v6.mac.address);
    }
  }

  private static FlexibleIp settled(String id) throws Exception {
    for (int i = 0; i < 100; i++) {
      FlexibleIp f = world.get(id);
      if (!f.isTransient()) {
        return f;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(id + " never settled");
  }

  private static byte[] dual(FlexibleIp[] pair) throws Exception {
    return stdinDual(HookWorld.fixture("deploy.xml"), pair, pair[1].id);
  }

  private static byte[] dualOnKvmB(FlexibleIp[] pair) throws Exception {
    return stdinDual(HookWorld.fixture("deploy.xml").replace("<HOSTNAME><![CDATA[kvm-a]]></HOSTNAME>",
        "<HOSTNAME><![CDATA[kvm-b]]></HOSTNAME>"), pair, pair[1].id);
  }

  @Test
  void deployJoinsTheMacGroupAndTerminateDetachesBothTogether() throws Exception {
    FlexibleIp[] pair = world.newPair();
    HookWorld.Result pre = run(hostA, dual(pair), "pre");
    ok(pre);
    together(SERVER_A, pair);
    assertTrue(pre.err.contains("now shares the virtual MAC " + pair[0].mac.address), pre.err);
    ok(run(hostA, dual(pair), "post", "one-42", "kvm-a"));
    together(SERVER_A, pair);
    long detaches = world.count("POST", "/detach");
    ok(run(hostA, dual(pair), "clean", "kvm-a"));
    together(null, pair);
    assertEquals(detaches + 1, world.count("POST", "/detach"), "one MAC group, one detach call");
    assertEquals(pair[0].mac.id, world.get(pair[1].id).mac.id, "the group keeps its MAC off the server");
    // the next deploy moves them as one
    long attaches = world.count("POST", "/attach");
    ok(run(hostB, dual(pair), "pre"));
    together(SERVER_B, pair);
    assertEquals(attaches + 1, world.count("POST", "/attach"));
    ok(run(hostB, dual(pair), "clean", "kvm-b"));
  }

  @Test
  void hotAttachOfADualStackNicAttachesOnlyItsPair() throws Exception {
    FlexibleIp first = world.newOurs();
    FlexibleIp[] pair = world.newPair();
    String xml = HookWorld.fixture("hot-attach-public.xml")
        .replace("<SCW_FLEXIP_ID><![CDATA[${FIP1}]]></SCW_FLEXIP_ID>",
            "<SCW_FLEXIP_ID><![CDATA[${FIP1}]]></SCW_FLEXIP_ID><SCW_FLEXIP_ID6><![CDATA[" + pair[1].id
                + "]]></SCW_FLEXIP_ID6>");
    byte[] in = HookWorld.stdinClaimingXml(xml.replace("${IP1}", pair[0].ip).replace("${MAC1}", pair[0].mac.address)
        .replace("${FIP1}", pair[0].id), first.ip, first.mac.address, first.id);
    ok(run(hostA, in, "pre"));
    together(SERVER_A, pair);
    ok(run(hostA, in, "post", "one-42", "kvm-a"));
    together(SERVER_A, pair);
    assertNull(world.get(first.id).serverId, "the NIC not being attached was touched");
  }

  @Test
  void liveMigrationMovesThePairAsOne() throws Exception {
    FlexibleIp[] pair = world.newPair();
    ok(run(hostA, dual(pair), "pre"));
    ok(run(hostA, dual(pair), "post", "one-42", "kvm-a"));
    together(SERVER_A, pair);
    // pre on the destination leaves the group where the VM still runs
    HookWorld.Result preB = run(hostB, dualOnKvmB(pair), "pre");
    ok(preB);
    assertTrue(preB.err.contains("left there while a live migration is under way"), preB.err);
    together(SERVER_A, pair);
    // clean on the source detaches from its own server and returns
    HookWorld.Result cleanA = run(hostA, dualOnKvmB(pair), "clean", "kvm-a");
    ok(cleanA);
    assertTrue(cleanA.err.contains("the source of a migration to kvm-b"), cleanA.err);
    together(null, pair);
    // post on the destination moves both
    ok(run(hostB, dualOnKvmB(pair), "post", "one-42", "kvm-b"));
    together(SERVER_B, pair);
    assertEquals(0, world.count("DELETE", "/{fip_id}"), "hooks never delete");
    ok(run(hostB, dualOnKvmB(pair), "clean", "kvm-b"));
    together(null, pair);
  }

  @Test
  void postMovesAPairStillOnADeadHostsServer() throws Exception {
    FlexibleIp[] pair = world.newPair();
    ok(run(hostA, dual(pair), "pre"));
    together(SERVER_A, pair);
    ok(run(hostB, dual(pair), "pre"));
    together(SERVER_A, pair);
    HookWorld.Result post = run(hostB, dual(pair), "post", "one-42", "kvm-b");
    ok(post);
    together(SERVER_B, pair);
    ok(run(hostB, dual(pair), "clean", "kvm-b"));
  }

  @Test
  void aNicWithoutScwFlexipId6StillMovesThePairTheTagsName() throws Exception {
    FlexibleIp[] pair = world.newPair();
    byte[] in = stdinDual(HookWorld.fixture("deploy.xml"), pair, null);
    ok(run(hostA, in, "pre"));
    together(SERVER_A, pair);
    ok(run(hostA, in, "clean", "kvm-a"));
    together(null, pair);
  }

  @Test
  void aNicFoundByAddressAloneStillMovesItsPair() throws Exception {
    Path byAddress = world.host("kvm-a-by-address", SERVER_A, Map.of("match_nics_by_address", true));
    FlexibleIp[] pair = world.newPair();
    byte[] in = HookWorld.stdinClaiming("deploy.xml", pair[0].ip, pair[0].mac.address, "");
    ok(run(byAddress, in, "pre"));
    together(SERVER_A, pair);
    ok(run(byAddress, in, "clean", "kvm-a"));
    together(null, pair);
  }

  @Test
  void aFailedIpv6AttachRollsBackSoThePairIsNeverSplit() throws Exception {
    FlexibleIp[] pair = world.newPair();
    String v6 = pair[1].id;
    Function<Config, ApiOpener> openers = config -> deadline -> new ForwardingApi(ApiOpener.scaleway(config).open(deadline)) {
      @Override
      public List<FlexibleIp> attach(List<String> ids, String serverId) {
        if (ids.contains(v6)) {
          throw new ApiException("Scaleway API: POST /fips/attach: HTTP 400 invalid_arguments", 400, "invalid_arguments");
        }
        return real.attach(ids, serverId);
      }
    };
    for (String action : List.of("pre", "post")) {
      HookWorld.Result r = HookWorld.runWith(openers, hostA, dual(pair), action, "one-42", "kvm-a");
      assertEquals(1, r.rc, r.toString());
      assertEquals(1, r.errorLines().lines().count(), r.toString());
      assertTrue(r.errorLines().contains("detached " + pair[0].ip), r.toString());
      together(null, pair);
    }
  }

  // ---- safety: the pair tags decide, never the NIC

  @Test
  void aNicClaimingAnotherTenantsIpv6IsRefused() throws Exception {
    FlexibleIp[] mine = world.newPair();
    FlexibleIp[] victim = world.newPair();
    world.attachTo(victim[1].id, SERVER_B);
    byte[] claim = stdinDual(HookWorld.fixture("deploy.xml"), mine, victim[1].id);
    for (String action : List.of("pre", "post")) {
      HookWorld.Result r = run(hostA, claim, action, "one-42", "kvm-a");
      assertEquals(1, r.rc, r.toString());
      assertEquals(1, r.errorLines().lines().count(), r.toString());
      assertTrue(r.errorLines().contains("SCW_FLEXIP_ID6 " + victim[1].id + " is not the IPv6 paired with " + mine[0].ip),
          r.toString());
    }
    HookWorld.Result clean = run(hostB, claim, "clean", "kvm-b");
    ok(clean);
    assertEquals(SERVER_B, world.get(victim[1].id).serverId, "the victim's IPv6 was moved");
    assertNull(world.get(mine[0].id).serverId);
    // nor may an IPv6-only NIC name a pair's IPv6, even wearing its MAC
    FlexibleIp v6 = world.get(victim[1].id);
    byte[] alone = HookWorld.stdinClaiming("deploy.xml", "", victim[0].mac.address, v6.id);
    HookWorld.Result r = run(hostA, alone, "pre");
    assertEquals(1, r.rc, r.toString());
    assertTrue(r.errorLines().contains("is the IPv6 of a dual-stack pair"), r.toString());
    assertEquals(SERVER_B, world.get(victim[1].id).serverId);
  }

  // ---- IPv6 only

  @Test
  void anIpv6OnlyNicIsRecognisedByItsMacAndAttachedAlone() throws Exception {
    FlexibleIp v6 = world.newIpv6Only();
    byte[] in = HookWorld.stdinClaiming("deploy.xml", "", v6.mac.address, v6.id);
    HookWorld.Result pre = run(hostA, in, "pre");
    ok(pre);
    assertEquals(SERVER_A, settled(v6.id).serverId);
    assertTrue(pre.err.contains("NIC 0 (MAC " + v6.mac.address + "): attached Flexible IP " + v6.id), pre.err);
    ok(run(hostA, in, "clean", "kvm-a"));
    assertNull(settled(v6.id).serverId);
    byte[] other = HookWorld.stdinClaiming("deploy.xml", "", "52:54:00:ff:ff:ff", v6.id);
    HookWorld.Result r = run(hostA, other, "pre");
    assertEquals(1, r.rc, r.toString());
    assertTrue(r.errorLines().contains("has virtual MAC " + v6.mac.address + ", not the NIC's 52:54:00:ff:ff:ff"),
        r.toString());
    assertNull(settled(v6.id).serverId);
  }
}
