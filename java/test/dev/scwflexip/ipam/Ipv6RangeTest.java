package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.testsupport.OnedTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The life of IPv6 and dual-stack ranges against the emulator: register, the three address
 * actions on what oned stores, and unregister, for IP4_6 (created and adopted), IP6 and
 * IP6_STATIC; and the attributes a tenant may edit that must not move or delete anything.
 * Replies are read with the oned-like parser and stored as oned stores them.
 */
class Ipv6RangeTest extends RangeTestCase {
  RangeLifecycle driver() throws Exception {
    return driver(",\"gateway6\":\"fe80::1\"");
  }

  static Map<String, String> range(String type) {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("IPAM_MAD", "scw-flexip");
    in.put("SIZE", "1");
    in.put("TYPE", type);
    return in;
  }

  static IpamMessage msg(Map<String, String> ar, String address) {
    return IpamMessage.decode(IpamProcessIT.message(ar, address));
  }

  static Map<String, String> register(RangeLifecycle d, Map<String, String> in) {
    return OnedTemplate.vector(d.register(msg(in, IpamProcessIT.EMPTY)), "AR");
  }

  /** The range as oned keeps it: it drops what the type does not use and adds AR_ID. */
  static Map<String, String> stored(Map<String, String> reply) {
    Map<String, String> ar = new LinkedHashMap<>(reply);
    String type = ar.get("TYPE");
    if (type.startsWith("IP6")) {
      ar.remove("IP");
    }
    if (type.endsWith("STATIC")) {
      ar.remove("GLOBAL_PREFIX");
    } else {
      ar.remove("IP6");
    }
    ar.put("AR_ID", "0");
    return ar;
  }

  long requests() {
    return emulator.requests().total();
  }

  // ---- dual stack

  @Test
  void aDualStackRangeIsAnIpv4AndAnIpv6TiedByTagsAndRepliedInOnedsShapes() throws Exception {
    RangeLifecycle d = driver();
    Map<String, String> ar = register(d, range("IP4_6"));
    FlexibleIp v4 = fip(ar.get("SCW_FLEXIP_ID"));
    FlexibleIp v6 = fip(ar.get("SCW_FLEXIP_ID6"));
    assertFalse(v4.isIpv6());
    assertTrue(v6.isIpv6());
    assertEquals("IP4_6", ar.get("TYPE"));
    assertEquals(v4.ip, ar.get("IP"));
    assertEquals("1", ar.get("SIZE"));
    assertEquals(v4.mac.address, ar.get("MAC"), "the IPv4's virtual MAC, which the IPv6 will share");
    assertNull(v6.mac, "the IPv6 gets the MAC at its first attach, next to the IPv4");
    assertTrue(v6.rawIpAddress.endsWith("/64"));
    assertEquals(v6.rawIpAddress.substring(0, v6.rawIpAddress.length() - 3), ar.get("GLOBAL_PREFIX"));
    assertFalse(ar.get("GLOBAL_PREFIX").contains("/"), "oned refuses a prefix with its length");
    assertEquals("64", ar.get("PREFIX_LENGTH"));
    assertEquals("fe80::1", ar.get("GATEWAY6"));
    assertEquals("62.210.0.1", ar.get("GATEWAY"));
    assertEquals("YES", ar.get("SCW_FLEXIP_CREATED"));
    String entry = Tags.entryOf(v4.tags);
    assertEquals(entry, Tags.entryOf(v6.tags), "one journal entry for both");
    assertTrue(v4.tags.contains(Tags.cloud(CLOUD)) && v6.tags.contains(Tags.cloud(CLOUD)));
    assertEquals(v6.id, Tags.pairOf(v4.tags));
    assertEquals(v4.id, Tags.pairOf(v6.tags));
    JournalEntry e = journal().get(0);
    assertEquals(JournalEntry.State.ACTIVE, e.state());
    assertEquals(v4.id, e.fipId());
    assertEquals(v6.id, e.fipId6());

    // leases: no API call, the IPv4 or the MAC only (oned sends the IPv6 elements as 0)
    Map<String, String> ours = stored(ar);
    long before = requests();
    assertEquals("ADDRESS = [ IP = \"" + v4.ip + "\", SIZE = \"1\" ]\n",
        AddressActions.getAddress(msg(ours, "<ADDRESS><SIZE>1</SIZE></ADDRESS>")));
    String lease = "<ADDRESS><MAC>" + v4.mac.address + "</MAC><IP>" + v4.ip + "</IP><IP6_GLOBAL>0</IP6_GLOBAL><SIZE>1</SIZE></ADDRESS>";
    assertEquals("", AddressActions.allocateAddress(msg(ours, lease)));
    assertEquals(v4.ip, AddressActions.leaseName(msg(ours, lease)));
    assertEquals(before, requests(), "get, allocate and free make no API call");

    admin.attach(List.of(v4.id), SERVER);
    d.unregister(msg(ours, IpamProcessIT.EMPTY));
    assertNull(fip(v4.id));
    assertNull(fip(v6.id));
    assertEquals(0, journal().size());
  }

  @Test
  void withoutGateway6NothingIsCreatedAndTheErrorNamesTheKey() throws Exception {
    RangeLifecycle d = driver("");
    for (String type : List.of("IP4_6", "IP6", "IP6_STATIC")) {
      DriverException e = assertThrows(DriverException.class, () -> d.register(msg(range(type), IpamProcessIT.EMPTY)));
      assertTrue(e.getMessage().contains("set gateway6 in"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    }
    assertEquals(0, requests(), "no API call before the input is checked");
    assertEquals(0, journal().size());
  }

  @Test
  void aFailureAfterBothCreatesDeletesBoth() throws Exception {
    RangeLifecycle d = driver(",\"gateway6\":\"fe80::1\",\"action_deadline_seconds\":5");
    emulator.faults().onlyFor("/mac").serverError(1000);
    DriverException e = assertThrows(DriverException.class, () -> d.register(msg(range("IP4_6"), IpamProcessIT.EMPTY)));
    emulator.faults().clear();
    assertTrue(e.getMessage().contains("were deleted again"), e.getMessage());
    assertEquals(2, count("POST", ""), "both were created");
    assertEquals(0, admin.list(new dev.scwflexip.scaleway.ListQuery()).size(), "and both deleted");
    assertEquals(0, journal().size());
  }

  @Test
  void anAdoptedPairIsTiedAndHandedBackWhole() throws Exception {
    RangeLifecycle d = driver();
    FlexibleIp v4 = admin.create(PROJECT, "ops", List.of("ops", Tags.adoptable(CLOUD)));
    FlexibleIp v6 = admin.create(PROJECT, "ops", List.of("ops", Tags.adoptable(CLOUD)), true);
    Map<String, String> in = range("IP4_6");
    in.put("SCW_FLEXIP_ID", v4.id);
    in.put("SCW_FLEXIP_ID6", v6.id);
    Map<String, String> ar = register(d, in);
    assertEquals("NO", ar.get("SCW_FLEXIP_CREATED"));
    assertEquals(v4.ip, ar.get("IP"));
    assertEquals(v6.id, ar.get("SCW_FLEXIP_ID6"));
    assertEquals(v6.ip, ar.get("GLOBAL_PREFIX"));
    FlexibleIp a4 = fip(v4.id);
    FlexibleIp a6 = fip(v6.id);
    assertTrue(a4.tags.contains(Tags.ADOPTED) && a6.tags.contains(Tags.ADOPTED));
    assertEquals(v6.id, Tags.pairOf(a4.tags));
    assertEquals(v4.id, Tags.pairOf(a6.tags));
    assertEquals(ar.get("MAC"), a4.mac.address);
    assertEquals(v6.id, journal().get(0).fipId6());

    d.unregister(msg(stored(ar), IpamProcessIT.EMPTY));
    assertEquals(List.of("ops", Tags.adoptable(CLOUD)), fip(v4.id).tags, "handed back as it was found");
    assertEquals(List.of("ops", Tags.adoptable(CLOUD)), fip(v6.id).tags);
    assertEquals(0, journal().size());
  }

  @Test
  void aPairIsAdoptedOnlyWholeAndOnlyWithTheOperatorsMarkOnBoth() throws Exception {
    RangeLifecycle d = driver();
    FlexibleIp v4 = admin.create(PROJECT, "", List.of(Tags.adoptable(CLOUD)));
    FlexibleIp unmarked = admin.create(PROJECT, "", List.of("infra"), true);
    Map<String, String> in = range("IP4_6");
    in.put("SCW_FLEXIP_ID", v4.id);
    in.put("SCW_FLEXIP_ID6", unmarked.id);
    DriverException e = assertThrows(DriverException.class, () -> d.register(msg(in, IpamProcessIT.EMPTY)));
    assertTrue(e.getMessage().contains("the operator must tag it"), e.getMessage());
    assertEquals(List.of(Tags.adoptable(CLOUD)), fip(v4.id).tags, "the IPv4 is untouched");
    assertEquals(List.of("infra"), fip(unmarked.id).tags);
    in.remove("SCW_FLEXIP_ID6");
    e = assertThrows(DriverException.class, () -> d.register(msg(in, IpamProcessIT.EMPTY)));
    assertTrue(e.getMessage().contains("needs SCW_FLEXIP_ID (or IP) and SCW_FLEXIP_ID6"), e.getMessage());
    in.put("SCW_FLEXIP_ID6", v4.id);
    e = assertThrows(DriverException.class, () -> d.register(msg(in, IpamProcessIT.EMPTY)));
    assertTrue(e.getMessage().contains("is IPv4, but the range needs an IPv6 one"), e.getMessage());
    assertEquals(0, journal().size());
    assertEquals(0, count("PATCH", "/{fip_id}"));
  }

  @Test
  void anotherTenantsPairIsNeverAdopted() throws Exception {
    RangeLifecycle d = driver(",\"gateway6\":\"fe80::1\",\"adoption\":\"any\"");
    Map<String, String> victim = register(d, range("IP4_6"));
    FlexibleIp mine = admin.create(PROJECT, "", List.of(), false);
    Map<String, String> in = range("IP4_6");
    in.put("SCW_FLEXIP_ID", mine.id);
    in.put("SCW_FLEXIP_ID6", victim.get("SCW_FLEXIP_ID6"));
    DriverException e = assertThrows(DriverException.class, () -> d.register(msg(in, IpamProcessIT.EMPTY)));
    assertTrue(e.getMessage().contains("already managed by scw-flexip"), e.getMessage());
    assertEquals(List.of(), fip(mine.id).tags);
  }

  @Test
  void anEditedScwFlexipId6OnUnregisterIsRefusedAndNothingMoves() throws Exception {
    RangeLifecycle d = driver();
    Map<String, String> victim = register(d, range("IP4_6"));
    Map<String, String> mine = stored(register(d, range("IP4_6")));
    admin.attach(List.of(victim.get("SCW_FLEXIP_ID6")), SERVER);
    // onevnet updatear: the tenant points their range's IPv6 at the victim's
    mine.put("SCW_FLEXIP_ID6", victim.get("SCW_FLEXIP_ID6"));
    mine.put("GLOBAL_PREFIX", victim.get("GLOBAL_PREFIX"));
    DriverException e = assertThrows(DriverException.class, () -> d.unregister(msg(mine, IpamProcessIT.EMPTY)));
    assertTrue(e.getMessage().contains("is not the IPv6 paired with " + mine.get("IP")), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was detached or deleted"), e.getMessage());
    assertEquals(SERVER, fip(victim.get("SCW_FLEXIP_ID6")).serverId, "the victim's IPv6 was detached");
    assertNotNull(fip(mine.get("SCW_FLEXIP_ID")));
    assertEquals(0, count("DELETE", "/{fip_id}"));
    assertEquals(0, count("POST", "/detach"));
    assertEquals(2, journal().size());
  }

  @Test
  void anUnregisterWithoutScwFlexipId6FollowsThePairTag() throws Exception {
    RangeLifecycle d = driver();
    Map<String, String> ar = stored(register(d, range("IP4_6")));
    String v6 = ar.remove("SCW_FLEXIP_ID6");
    ar.remove("SCW_FLEXIP_ID");
    d.unregister(msg(ar, IpamProcessIT.EMPTY));
    assertNull(fip(v6), "the IPv6 the pair tag names is released with its IPv4");
    assertEquals(0, journal().size());
  }

  // ---- IPv6 only

  @Test
  void anIpv6RangeIsOneSlash64WithItsOwnMacAnnouncedAsAPrefix() throws Exception {
    RangeLifecycle d = driver();
    Map<String, String> ar = register(d, range("IP6"));
    FlexibleIp v6 = fip(ar.get("SCW_FLEXIP_ID"));
    assertTrue(v6.isIpv6());
    assertEquals("IP6", ar.get("TYPE"));
    assertEquals("1", ar.get("SIZE"));
    assertEquals(v6.mac.address, ar.get("MAC"), "the IPv6 has a virtual MAC of its own");
    assertEquals(v6.ip, ar.get("GLOBAL_PREFIX"));
    assertFalse(ar.get("GLOBAL_PREFIX").contains("/"));
    assertEquals("64", ar.get("PREFIX_LENGTH"));
    assertEquals("fe80::1", ar.get("GATEWAY6"));
    assertFalse(ar.containsKey("IP"));
    assertFalse(ar.containsKey("SCW_FLEXIP_ID6"));
    assertNull(Tags.pairOf(v6.tags));

    Map<String, String> ours = stored(ar);
    long before = requests();
    String m = assertThrows(DriverException.class,
        () -> AddressActions.getAddress(msg(ours, "<ADDRESS><SIZE>1</SIZE></ADDRESS>"))).getMessage();
    assertTrue(m.contains("the NIC must name MAC = \"" + v6.mac.address + "\""), m);
    assertEquals("", AddressActions.allocateAddress(msg(ours,
        "<ADDRESS><MAC>" + v6.mac.address + "</MAC><IP6_GLOBAL>0</IP6_GLOBAL><SIZE>1</SIZE></ADDRESS>")));
    assertEquals(before, requests());

    d.unregister(msg(ours, IpamProcessIT.EMPTY));
    assertNull(fip(v6.id));
    assertEquals(0, journal().size());
  }

  @Test
  void anIpv6StaticRangeHandsOutThePrefixPlusTheEui64OfItsMac() throws Exception {
    RangeLifecycle d = driver();
    Map<String, String> ar = register(d, range("IP6_STATIC"));
    FlexibleIp v6 = fip(ar.get("SCW_FLEXIP_ID"));
    assertEquals("IP6_STATIC", ar.get("TYPE"));
    // a fresh emulator hands out its first /64 and its first MAC
    assertEquals("2001:bc8:7100::", v6.ip);
    assertEquals("52:54:00:00:00:00", v6.mac.address);
    assertEquals("2001:bc8:7100:0:5054:ff:fe00:0", ar.get("IP6"), "the /64 plus the modified EUI-64 of the MAC");
    assertFalse(ar.get("IP6").contains("/"));
    assertEquals("64", ar.get("PREFIX_LENGTH"));
    assertFalse(ar.containsKey("GLOBAL_PREFIX"));

    Map<String, String> ours = stored(ar);
    String m = assertThrows(DriverException.class,
        () -> AddressActions.getAddress(msg(ours, "<ADDRESS><SIZE>1</SIZE></ADDRESS>"))).getMessage();
    assertTrue(m.contains("or IP6 = \"" + ar.get("IP6") + "\""), m);
    // a NIC naming IP6: oned sends the MAC of that lease and a literal 0
    assertEquals("", AddressActions.allocateAddress(msg(ours,
        "<ADDRESS><MAC>" + v6.mac.address + "</MAC><IP6>0</IP6><SIZE>1</SIZE></ADDRESS>")));
    d.unregister(msg(ours, IpamProcessIT.EMPTY));
    assertNull(fip(v6.id));
  }

  @Test
  void anIpv6OnlyUnregisterReleasesOnlyTheIpWearingTheRangesMac() throws Exception {
    RangeLifecycle d = driver();
    Map<String, String> victim = register(d, range("IP6"));
    Map<String, String> pair = register(d, range("IP4_6"));
    Map<String, String> mine = stored(register(d, range("IP6")));
    for (String target : List.of(victim.get("SCW_FLEXIP_ID"), pair.get("SCW_FLEXIP_ID6"))) {
      Map<String, String> edited = new LinkedHashMap<>(mine);
      edited.put("SCW_FLEXIP_ID", target);
      DriverException e = assertThrows(DriverException.class, () -> d.unregister(msg(edited, IpamProcessIT.EMPTY)));
      assertTrue(e.getMessage().contains("is not an unpaired IPv6 Flexible IP with the range's MAC"), e.getMessage());
      assertNotNull(fip(target));
    }
    assertEquals(0, count("DELETE", "/{fip_id}"));
    d.unregister(msg(mine, IpamProcessIT.EMPTY));
    assertNull(fip(mine.get("SCW_FLEXIP_ID")));
    assertNotNull(fip(victim.get("SCW_FLEXIP_ID")));
  }

  @Test
  void anIpv6OnlyRangeAdoptsAnIpv6ByIdAndNeverByAddress() throws Exception {
    RangeLifecycle d = driver();
    FlexibleIp v6 = admin.create(PROJECT, "", List.of(Tags.adoptable(CLOUD)), true);
    Map<String, String> in = range("IP6");
    in.put("SCW_FLEXIP_ID", v6.id);
    Map<String, String> ar = register(d, in);
    assertEquals("NO", ar.get("SCW_FLEXIP_CREATED"));
    assertEquals(v6.ip, ar.get("GLOBAL_PREFIX"));
    assertEquals(fip(v6.id).mac.address, ar.get("MAC"));
    Map<String, String> byIp = range("IP6");
    byIp.put("IP", "51.15.0.1");
    DriverException e = assertThrows(DriverException.class, () -> d.register(msg(byIp, IpamProcessIT.EMPTY)));
    assertTrue(e.getMessage().contains("has no IPv4 address"), e.getMessage());
  }
}
