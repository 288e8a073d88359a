package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.testsupport.OnedTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What register puts in the range for the guests' context: the mask, the off-link gateway, DNS
 * and, on OpenNebula 7.2 and later, ROUTES (docs/guests.md). Checked on the reply alone: the
 * reply is built and validated before any API call.
 */
class GuestContextTest {
  static final String BASE = "{\"project_id\":\"11111111-2222-4333-8444-555555555555\",\"token_file\":\"/t\"";

  static Map<String, String> reply(String extraConfig, Map<String, String> input) {
    Config config = Config.parse(Path.of("test.json"), BASE + extraConfig + "}");
    String text = RegisterReply.prepare(input, config).render("51.15.0.7", "52:54:00:0a:0b:0c",
        "6a1b0000-0000-4000-8000-000000000001", "fr-par-1", true);
    return OnedTemplate.vector(text, "AR");
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
}
