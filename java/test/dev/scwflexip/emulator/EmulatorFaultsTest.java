package dev.scwflexip.emulator;

import static dev.scwflexip.emulator.ApiCalls.FIPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Fault injection and the other /_emulator/ controls, through HTTP and the Java API. */
class EmulatorFaultsTest extends EmulatorTestCase {
  private ApiCalls.Response admin(String method, String what, String body) throws IOException {
    return api.send(method, "/_emulator/" + what, body, null);
  }

  @Test
  void rateLimitAnswersBare429ThenRecovers() throws IOException {
    admin("POST", "faults", "{\"rate_limit\":2}");
    for (int i = 0; i < 2; i++) {
      ApiCalls.Response r = api.get(FIPS);
      assertEquals(429, r.status());
      assertEquals("", r.body());
      assertEquals("true", r.header("x-envoy-ratelimited"));
      assertNull(r.header("Retry-After"));
    }
    assertEquals(200, api.get(FIPS).status());
    admin("POST", "faults", "{\"rate_limit\":1,\"retry_after\":3}");
    assertEquals("3", api.get(FIPS).header("Retry-After"));
  }

  @Test
  void serverErrorAnswers500() throws IOException {
    emulator.faults().serverError(1);
    ApiCalls.Response r = api.get(FIPS);
    assertEquals(500, r.status());
    assertEquals("{\"message\":\"internal error\"}", r.body());
    assertEquals(200, api.get(FIPS).status());
  }

  @Test
  void slowDelaysTheAnswer() throws IOException {
    admin("POST", "faults", "{\"slow\":1,\"slow_ms\":300}");
    long start = System.nanoTime();
    assertEquals(200, api.get(FIPS).status());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 290);
    start = System.nanoTime();
    api.get(FIPS);
    assertTrue((System.nanoTime() - start) / 1_000_000 < 290);
  }

  @Test
  void dropClosesTheConnectionWithoutAnswer() throws IOException {
    emulator.faults().drop(1);
    try (Socket s = new Socket("127.0.0.1", emulator.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(("GET " + FIPS + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertEquals(-1, s.getInputStream().read(), "closed without a byte of answer");
    }
    assertEquals(200, api.get(FIPS).status());
    // a POST is not retried by the JDK client, so the caller sees the failure
    emulator.faults().drop(1);
    assertThrows(IOException.class, () -> api.post(FIPS, "{\"project_id\":\"" + ApiCalls.PROJECT + "\"}"));
    assertEquals(0, emulator.store().size());
  }

  @Test
  void failPathsRestrictsFaultsToMatchingRequests() throws IOException {
    String id = api.create("[]");
    admin("POST", "faults", "{\"server_error\":1,\"fail_paths\":\"POST /flexible-ip/v1alpha1/zones/fr-par-1/fips/attach\"}");
    assertEquals(200, api.get(FIPS + "/" + id).status());
    String attach = "{\"fips_ids\":[\"" + id + "\"],\"server_id\":\"11111111-1111-4111-8111-111111111111\"}";
    assertEquals(500, api.post(FIPS + "/attach", attach).status());
    JsonObject left = admin("GET", "faults", null).json();
    assertEquals(0, left.get("server_error").getAsInt());
    assertEquals(200, api.post(FIPS + "/attach", attach).status());
  }

  @Test
  void faultsCanBeSeenAndCleared() throws IOException {
    admin("POST", "faults", "{\"rate_limit\":5,\"drop\":2}");
    JsonObject seen = admin("GET", "faults", null).json();
    assertEquals(5, seen.get("rate_limit").getAsInt());
    assertEquals(2, seen.get("drop").getAsInt());
    admin("DELETE", "faults", null);
    assertEquals(0, admin("GET", "faults", null).json().get("rate_limit").getAsInt());
    assertEquals(200, api.get(FIPS).status());
    assertEquals(400, admin("POST", "faults", "{\"drop\":-1}").status());
  }

  @Test
  void requestCountersTellWhichCallsWereMade() throws IOException {
    String id = api.create("[]");
    api.get(FIPS + "/" + id);
    api.get(FIPS + "/" + id);
    admin("GET", "faults", null);
    JsonObject counts = admin("GET", "requests", null).json();
    assertEquals(3, counts.get("total").getAsInt());
    JsonObject byRoute = counts.getAsJsonObject("by_route");
    assertEquals(2, byRoute.get("GET /flexible-ip/v1alpha1/zones/{zone}/fips/{fip_id}").getAsInt());
    assertEquals(1, emulator.requests().count("POST", "/flexible-ip/v1alpha1/zones/{zone}/fips"));
  }

  @Test
  void seedAndReset() throws IOException {
    ApiCalls.Response seeded = admin("POST", "seed", "{\"count\":30,\"project_id\":\"" + ApiCalls.PROJECT
        + "\",\"tags\":[\"seeded\"],\"age_seconds\":7200,\"status\":\"attached\"}");
    assertEquals(30, seeded.json().get("count").getAsInt());
    String fresh = api.create("[]");
    JsonObject list = api.get(FIPS + "?tags=seeded&status=attached&page_size=100").json();
    assertEquals(30, list.get("total_count").getAsInt());
    JsonObject first = list.getAsJsonArray("flexible_ips").get(0).getAsJsonObject();
    assertTrue(first.get("created_at").getAsString().compareTo(api.get(FIPS + "/" + fresh).json()
        .get("created_at").getAsString()) < 0, "seeded in the past");
    assertEquals(fresh, EmulatorListTest.idsOf(api.get(FIPS + "?order_by=created_at_desc&page_size=1").json()).get(0));
    assertEquals(400, admin("POST", "seed", "{\"count\":1,\"status\":\"updating\"}").status());

    emulator.faults().rateLimit(3, null);
    assertEquals(200, admin("POST", "reset", "{}").status());
    assertEquals(0, emulator.store().size());
    assertEquals(0, emulator.requests().total());
    assertEquals("{\"flexible_ips\":[],\"total_count\":0}", api.get(FIPS).body(), "faults cleared too");
  }
}
