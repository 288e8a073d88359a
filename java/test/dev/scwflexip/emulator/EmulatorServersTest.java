package dev.scwflexip.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The Elastic Metal server read and its test controls (docs/scaleway-api.md#elastic-metal-servers). */
class EmulatorServersTest extends EmulatorTestCase {
  static final String SERVERS = "/baremetal/v1/zones/fr-par-2/servers/";
  static final String SERVER = "0a0a0a0a-1111-4222-8333-444455556666";

  @Test
  void anyWellFormedIdIsAReadyServerOfTheZoneAskedAbout() throws IOException {
    ApiCalls.Response r = api.get(SERVERS + SERVER.toUpperCase());
    assertEquals(200, r.status(), r.body());
    JsonObject o = r.json();
    assertEquals(SERVER, o.get("id").getAsString());
    assertEquals("fr-par-2", o.get("zone").getAsString());
    assertEquals("ready", o.get("status").getAsString());
    assertNotNull(o.get("name"));
    assertEquals(1, emulator.requests().count("GET", "/baremetal/v1/zones/{zone}/servers/{server_id}"));
  }

  @Test
  void aMalformedIdIs400AndOtherPathsAre404() throws IOException {
    assertEquals(400, api.get(SERVERS + "not-a-uuid").status());
    assertEquals(404, api.get("/baremetal/v1/zones/fr-par-2/servers").status());
    assertEquals(405, api.post(SERVERS + SERVER, "{}").status());
    assertEquals(400, api.get("/baremetal/v1/zones/xx-xxx-9/servers/" + SERVER).status());
  }

  @Test
  void theTokenAndThePermissionFaultApplyAsToFlexibleIps() throws IOException {
    assertEquals(401, api.send("GET", SERVERS + SERVER, null, null).status());
    emulator.faults().permissions("none");
    ApiCalls.Response denied = api.get(SERVERS + SERVER);
    assertEquals(403, denied.status());
  }

  @Test
  void testsMarkAServerUnknownOrForbiddenAndBackOverHttp() throws IOException {
    assertEquals(200, api.send("POST", "/_emulator/servers/" + SERVER, "{\"state\":\"unknown\"}", null).status());
    ApiCalls.Response gone = api.get(SERVERS + SERVER);
    assertEquals(404, gone.status());
    assertEquals("{\"message\":\"Not Found\"}", gone.body());

    assertEquals(200, api.send("POST", "/_emulator/servers/" + SERVER, "{\"state\":\"forbidden\"}", null).status());
    ApiCalls.Response forbidden = api.get(SERVERS + SERVER);
    assertEquals(403, forbidden.status());
    assertEquals("permissions_denied", forbidden.json().get("type").getAsString());
    assertEquals("elastic-metal", forbidden.json().getAsJsonArray("details").get(0).getAsJsonObject()
        .get("resource").getAsString());

    assertEquals(200, api.send("POST", "/_emulator/servers/" + SERVER, "{\"state\":\"ok\"}", null).status());
    assertEquals(200, api.get(SERVERS + SERVER).status());
    assertEquals(400, api.send("POST", "/_emulator/servers/" + SERVER, "{\"state\":\"sleepy\"}", null).status());
    assertEquals(400, api.send("POST", "/_emulator/servers/x", "{\"state\":\"unknown\"}", null).status());
  }

  @Test
  void aDeletedServerIsUnknownUntilTheEmulatorIsReset() throws IOException {
    assertEquals(200, api.send("DELETE", "/_emulator/servers/" + SERVER, null, null).status());
    assertEquals(404, api.get(SERVERS + SERVER).status());
    emulator.reset();
    assertEquals(200, api.get(SERVERS + SERVER).status());
  }

  @Test
  void everyAnswerCarriesADateHeader() throws IOException {
    ApiCalls.Response r = api.get(SERVERS + SERVER);
    assertNotNull(r.header("Date"), r.headers().toString());
    assertFalse(r.header("Date").isBlank());
  }
}
