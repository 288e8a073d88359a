package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.testsupport.OnedTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What register puts in the range for the guests' context: the mask, the off-link gateway, DNS
 * and, on OpenNebula 7.2 and later, ROUTES (docs/guests.md). Checked on the reply alone: the
 * reply is built and validated before any API call.
 */
class GuestContextTest {
  static final String BASE = "{\"project_id\":\"11111111-2222-4333-8444-555555555555\",\"token_file\":\"/t\"";

  static final String V4_ID = "6a1b0000-0000-4000-8000-000000000001";
  static final String V6_ID = "6a1b0000-0000-4000-8000-000000000006";

  static Map<String, String> reply(String extraConfig, Map<String, String> input) {
    Config config = Config.parse(Path.of("test.json"), BASE + extraConfig + "}");
    RangeType type = RangeType.of(input.get("TYPE"));
    String text = RegisterReply.prepare(input, config, type).render(new Registered(type.ipv4 ? "51.15.0.7" : null,
        "52:54:00:a1:b2:c3", type.ipv4 ? V4_ID : V6_ID, type.ipv6 ? "2001:bc8:702:6b7::/64" : null,
        type.isPair() ? V6_ID : null, "fr-par-1", true));
    return OnedTemplate.vector(text, "AR");
  }

  static Map<String, String> range(String type) {
    return Map.of("IPAM_MAD", "scw-flexip", "SIZE", "1", "TYPE", type);
  }

  static Map<String, String> range() {
    return Map.of("IPAM_MAD", "scw-flexip", "SIZE", "1", "TYPE", "IP4");
  }

  @Test
  void withoutRoutesTheReplyHasTheScalewayDefaults() {
    Map<String, String> ar = reply("", range());
    assertEquals("255.255.255.255", ar.get("NETWORK_MASK"));
    assertEquals("62.210.0.1", ar.get("GATEWAY"));
    assertFalse(ar.containsKey("ROUTES"), "OpenNebula 7.0 passes no ROUTES: none is written by default");
  }

  @Test
  void configuredRoutesGiveNetplanAndNetworkdTheirLinkRoute() {
    Map<String, String> ar = reply(",\"routes\":\"62.210.0.1/32 via 0.0.0.0\"", range());
    assertEquals("62.210.0.1/32 via 0.0.0.0", ar.get("ROUTES"));
    assertEquals("62.210.0.1", ar.get("GATEWAY"));
  }

  @Test
  void aRangesOwnRoutesAndGatewayWin() {
    Map<String, String> in = new java.util.HashMap<>(range());
    in.put("ROUTES", "10.9.0.0/16 via 192.0.2.1");
    in.put("GATEWAY", "51.15.0.1");
    Map<String, String> ar = reply(",\"routes\":\"62.210.0.1/32 via 0.0.0.0\",\"gateway\":\"62.210.0.1\"", in);
    assertEquals("10.9.0.0/16 via 192.0.2.1", ar.get("ROUTES"));
    assertEquals("51.15.0.1", ar.get("GATEWAY"));
  }

  @Test
  void malformedRoutesAreRefusedInTheConfiguration() {
    String m = assertThrows(DriverException.class,
        () -> reply(",\"routes\":\"62.210.0.1/32 dev eth0\"", range())).getMessage();
    assertTrue(m.contains("routes must be"), m);
    assertEquals("62.210.0.1/32 via 0.0.0.0, 10.0.0.0/8 via 192.0.2.1",
        reply(",\"routes\":\"62.210.0.1/32 via 0.0.0.0, 10.0.0.0/8 via 192.0.2.1\"", range()).get("ROUTES"));
  }

  @Test
  void aDualStackRangeGetsTheBarePrefixItsLengthAndTheIpv6Gateway() {
    Map<String, String> ar = reply(",\"gateway6\":\"fe80::1\"", range("IP4_6"));
    assertEquals("IP4_6", ar.get("TYPE"));
    assertEquals("51.15.0.7", ar.get("IP"));
    assertEquals("52:54:00:a1:b2:c3", ar.get("MAC"));
    assertEquals("1", ar.get("SIZE"));
    assertEquals("2001:bc8:702:6b7::", ar.get("GLOBAL_PREFIX"), "oned refuses a prefix written with /64");
    assertEquals("64", ar.get("PREFIX_LENGTH"));
    assertEquals("fe80::1", ar.get("GATEWAY6"));
    assertEquals("255.255.255.255", ar.get("NETWORK_MASK"));
    assertEquals("62.210.0.1", ar.get("GATEWAY"));
    assertEquals(V4_ID, ar.get("SCW_FLEXIP_ID"));
    assertEquals(V6_ID, ar.get("SCW_FLEXIP_ID6"));
    assertFalse(ar.containsKey("IP6"), "IP6 belongs to static types");
  }

  @Test
  void ipv6OnlyRangesGetThePrefixOrTheStaticEui64AddressAndNoIpv4Context() {
    Map<String, String> slaac = reply(",\"gateway6\":\"fe80::1\",\"dns\":[\"2001:4860:4860::8888\"]", range("IP6"));
    assertEquals("IP6", slaac.get("TYPE"));
    assertEquals("2001:bc8:702:6b7::", slaac.get("GLOBAL_PREFIX"));
    assertEquals("64", slaac.get("PREFIX_LENGTH"));
    assertEquals("fe80::1", slaac.get("GATEWAY6"));
    assertEquals("2001:4860:4860::8888", slaac.get("DNS"));
    assertEquals(V6_ID, slaac.get("SCW_FLEXIP_ID"));
    for (String v4 : List.of("IP", "NETWORK_MASK", "GATEWAY", "SCW_FLEXIP_ID6")) {
      assertFalse(slaac.containsKey(v4), v4 + " in an IPv6-only reply");
    }
    Map<String, String> fixed = reply(",\"gateway6\":\"fe80::1\"", range("IP6_STATIC"));
    assertEquals("IP6_STATIC", fixed.get("TYPE"));
    // the /64 plus the modified EUI-64 of 52:54:00:a1:b2:c3: what SLAAC would give the guest
    assertEquals("2001:bc8:702:6b7:5054:ff:fea1:b2c3", fixed.get("IP6"));
    assertEquals("64", fixed.get("PREFIX_LENGTH"));
    assertFalse(fixed.containsKey("GLOBAL_PREFIX"));
  }

  @Test
  void theRangesGateway6WinsAndEchoedDriverNamesNeverShadowTheReply() {
    Map<String, String> in = new java.util.LinkedHashMap<>(range("IP4_6"));
    in.put("GATEWAY6", "fe80::babe");
    in.put("global_prefix", "2001:db8::/64");
    in.put("Prefix_Length", "/64");
    in.put("scw_flexip_id6", "00000000-0000-0000-0000-00000000dead");
    in.put("ip6", "2001:db8::1");
    Map<String, String> ar = reply(",\"gateway6\":\"fe80::1\"", in);
    assertEquals("fe80::babe", ar.get("GATEWAY6"));
    assertEquals("2001:bc8:702:6b7::", ar.get("GLOBAL_PREFIX"));
    assertEquals("64", ar.get("PREFIX_LENGTH"));
    assertEquals(V6_ID, ar.get("SCW_FLEXIP_ID6"));
    assertFalse(ar.containsKey("IP6"));
  }

  @Test
  void ipv6RangesNeedAGateway6BeforeAnythingIsCreated() {
    for (String type : List.of("IP4_6", "IP6", "IP6_STATIC")) {
      String m = assertThrows(DriverException.class, () -> reply("", range(type))).getMessage();
      assertTrue(m.contains("gateway6") && m.contains("TYPE = " + type) && !m.contains("\n"), m);
    }
    assertEquals("fe80::2", reply("", new java.util.HashMap<>(Map.of("IPAM_MAD", "scw-flexip", "SIZE", "1",
        "TYPE", "IP6", "GATEWAY6", "fe80::2"))).get("GATEWAY6"), "a range's own GATEWAY6 is enough");
    assertFalse(reply("", range()).containsKey("GATEWAY6"), "IPv4 ranges need none");
  }
}
