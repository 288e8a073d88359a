package dev.scwflexip.emulator;

import static dev.scwflexip.emulator.ApiCalls.FIPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EmulatorErrorsTest extends EmulatorTestCase {
  private static final String UNKNOWN = "2cb5dcf5-6344-4f17-af12-0fa7a00530f2";

  @Test
  void missingOrEmptyTokenIs401AndNeverEchoed() throws IOException {
    for (String token : new String[] {null, "", "  "}) {
      ApiCalls.Response r = api.send("GET", FIPS, null, token);
      assertEquals(401, r.status());
      assertEquals("{\"message\":\"authentication is denied\",\"method\":\"api_key\",\"reason\":\"invalid_argument\","
          + "\"type\":\"denied_authentication\"}", r.body());
    }
    ApiCalls.Response ok = api.get(FIPS + "/" + UNKNOWN);
    assertFalse(ok.body().contains(ApiCalls.TOKEN));
  }

  @Test
  void startedWithATokenItAcceptsOnlyThatOne() throws IOException {
    try (Emulator strict = Emulator.start("127.0.0.1", 0, 0, ApiCalls.TOKEN)) {
      ApiCalls calls = new ApiCalls(strict);
      assertEquals(200, calls.get(FIPS).status());
      ApiCalls.Response wrong = calls.send("GET", FIPS, null, "another-token");
      assertEquals(401, wrong.status());
      assertEquals("denied_authentication", wrong.json().get("type").getAsString());
      assertFalse(wrong.body().contains("another-token"));
      assertEquals(401, calls.send("POST", FIPS, "{\"project_id\":\"" + ApiCalls.PROJECT + "\"}", "x").status());
    }
  }

  @Test
  void aTokenWithoutRightsGets403LikeADeletedIp() throws IOException {
    String id = api.create("[]");
    emulator.faults().permissions("read_only");
    assertEquals(200, api.get(FIPS + "/" + id).status());
    assertEquals(200, api.get(FIPS).status());
    ApiCalls.Response write = api.delete(FIPS + "/" + id);
    assertEquals(403, write.status());
    assertEquals("permissions_denied", write.json().get("type").getAsString());
    emulator.faults().permissions("none");
    assertEquals(403, api.get(FIPS + "/" + id).status());
    assertEquals(403, api.get(FIPS).status());
    emulator.faults().clear();
    assertEquals(200, api.get(FIPS + "/" + id).status());
  }

  @Test
  void unknownIdIs404() throws IOException {
    ApiCalls.Response r = api.get(FIPS + "/" + UNKNOWN);
    assertEquals(404, r.status());
    assertEquals("{\"message\":\"resource is not found\",\"resource\":\"flexible_ips\",\"resource_id\":\"" + UNKNOWN
        + "\",\"type\":\"not_found\"}", r.body());
    assertEquals(404, api.delete(FIPS + "/" + UNKNOWN + "/mac").status());
  }

  @Test
  void deletedIdIs403() throws IOException {
    String id = api.create("[]");
    api.delete(FIPS + "/" + id);
    ApiCalls.Response r = api.get(FIPS + "/" + id);
    assertEquals(403, r.status());
    assertEquals("{\"details\":[{\"action\":\"read\",\"resource\":\"flexible-ip\"}],\"message\":\"insufficient permissions\","
        + "\"type\":\"permissions_denied\"}", r.body());
    assertEquals(403, api.delete(FIPS + "/" + id).status());
  }

  @Test
  void badInputIs400WithDetails() throws IOException {
    String id = api.create("[]");
    String longText = "x".repeat(256);
    String[][] bad = {
      {"POST", FIPS, "{not json", "body"},
      {"POST", FIPS, "[]", "body"},
      {"POST", FIPS, "{\"description\":\"\"}", "project_id"},
      {"POST", FIPS, "{\"project_id\":\"nope\"}", "project_id"},
      {"POST", FIPS, "{\"project_id\":\"" + ApiCalls.PROJECT + "\",\"description\":\"" + longText + "\"}", "description"},
      {"POST", FIPS, "{\"project_id\":\"" + ApiCalls.PROJECT + "\",\"server_id\":\"nope\"}", "server_id"},
      {"PATCH", FIPS + "/" + id, "{\"description\":\"" + longText + "\"}", "description"},
      {"GET", FIPS + "/not-a-uuid", null, "fip_id"},
      {"POST", FIPS + "/attach", "{\"fips_ids\":[],\"server_id\":\"" + UNKNOWN + "\"}", "fips_ids"},
      {"POST", FIPS + "/attach", "{\"fips_ids\":[\"" + id + "\"]}", "server_id"},
      {"POST", FIPS + "/detach", "{\"fips_ids\":[\"x\"]}", "fips_ids"},
      {"POST", FIPS + "/" + id + "/mac", "{\"mac_type\":\"unknown_type\"}", "mac_type"},
      {"POST", FIPS + "/" + id + "/mac/move", "{}", "dst_fip_id"},
      {"GET", "/flexible-ip/v1alpha1/zones/fr-par-3/fips", null, "zone"},
    };
    for (String[] b : bad) {
      ApiCalls.Response r = api.send(b[0], b[1], b[2], ApiCalls.TOKEN);
      assertEquals(400, r.status(), b[0] + " " + b[1] + " " + b[2]);
      JsonObject body = r.json();
      assertEquals("invalid_arguments", body.get("type").getAsString());
      assertEquals("invalid argument(s)", body.get("message").getAsString());
      JsonObject detail = body.getAsJsonArray("details").get(0).getAsJsonObject();
      assertEquals(b[3], detail.get("argument_name").getAsString(), b[1] + " " + b[2]);
      assertNotNull(detail.get("reason"));
      assertNotNull(detail.get("help_message"));
    }
  }

  @Test
  void everyAnswerCarriesTheGatewayHeaders() throws IOException {
    ApiCalls.Response created = api.post("/flexible-ip/v1alpha1/zones/nl-ams-1/fips",
        "{\"project_id\":\"" + ApiCalls.PROJECT + "\",\"is_ipv6\":true}");
    assertEquals("application/json", created.header("Content-Type"));
    assertEquals("Scaleway API Gateway (nl-ams-1;emulator)", created.header("Server"));
    assertTrue(Uuids.valid(created.header("X-Request-Id")));
    JsonObject fip = created.json();
    assertEquals(13, fip.keySet().size());
    assertTrue(fip.get("ip_address").getAsString().endsWith("::/64"));
    assertTrue(fip.get("reverse").getAsString().endsWith("--.rev.poneytelecom.eu."));
    assertEquals(fip.get("project_id"), fip.get("organization_id"));
    assertTrue(fip.get("updated_at").getAsString().matches(".*\\.\\d{9}Z"), "nanoseconds on writes");
    String id = fip.get("id").getAsString();
    ApiCalls.Response read = api.get("/flexible-ip/v1alpha1/zones/nl-ams-1/fips/" + id);
    assertTrue(read.json().get("updated_at").getAsString().matches(".*\\.\\d{6}Z"), "microseconds on reads");
    assertEquals(404, api.get(FIPS + "/" + id).status(), "an IP of another zone is not found");
    ApiCalls.Response deleted = api.delete("/flexible-ip/v1alpha1/zones/nl-ams-1/fips/" + id);
    assertEquals(204, deleted.status());
    assertEquals("application/json", deleted.header("Content-Type"));
    assertTrue(deleted.body().isEmpty());
  }

  @Test
  void ipv4AddressesAreBareUniqueAndReversed() throws IOException {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 300; i++) {
      JsonObject fip = api.get(FIPS + "/" + api.create("[]")).json();
      String ip = fip.get("ip_address").getAsString();
      assertTrue(ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ip);
      assertTrue(seen.add(ip), ip);
      assertEquals(ip.replace('.', '-') + ".rev.poneytelecom.eu.", fip.get("reverse").getAsString());
      assertEquals("[]", fip.get("tags").toString());
      assertEquals("", fip.get("description").getAsString());
    }
  }

  @Test
  void unknownRoutesAndMethods() throws IOException {
    assertEquals(404, api.get("/flexible-ip/v1alpha1/zones/fr-par-1/nothing").status());
    assertEquals(404, api.get("/elsewhere").status());
    assertEquals(405, api.send("PUT", FIPS, "{}", ApiCalls.TOKEN).status());
  }

  @Test
  void refusesNonLoopbackAddresses() {
    assertThrows(IllegalArgumentException.class, () -> Emulator.start("0.0.0.0", 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Emulator.start("8.8.8.8", 0, 0));
  }
}
