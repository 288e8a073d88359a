package dev.scwflexip.emulator;

import static dev.scwflexip.emulator.ApiCalls.FIPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EmulatorTransitionsTest extends EmulatorTestCase {
  private static final long T = 200;
  private static final String SERVER_A = "11111111-1111-4111-8111-111111111111";
  private static final String SERVER_B = "22222222-2222-4222-8222-222222222222";

  @Override
  long transitionMs() {
    return T;
  }

  @Test
  void attachGoesUpdatingWithoutServerThenAttached() throws Exception {
    String id = api.create("[]");
    JsonObject answer = attach(id, SERVER_A);
    JsonObject fip = answer.getAsJsonArray("flexible_ips").get(0).getAsJsonObject();
    assertEquals(1, answer.get("total_count").getAsInt());
    assertEquals("updating", fip.get("status").getAsString());
    assertTrue(fip.get("server_id").isJsonNull());
    assertEquals("updating", api.status(id));
    JsonObject settled = settled(id);
    assertEquals("attached", settled.get("status").getAsString());
    assertEquals(SERVER_A, settled.get("server_id").getAsString());
  }

  @Test
  void createWithServerAttaches() throws Exception {
    JsonObject created = api.post(FIPS, "{\"project_id\":\"" + ApiCalls.PROJECT + "\",\"server_id\":\"" + SERVER_A
        + "\"}").json();
    assertEquals("updating", created.get("status").getAsString());
    assertTrue(created.get("server_id").isJsonNull());
    assertEquals(SERVER_A, settled(created.get("id").getAsString()).get("server_id").getAsString());
  }

  @Test
  void attachingToAnotherServerMovesTheIp() throws Exception {
    String id = attached(SERVER_A);
    assertEquals("updating", attach(id, SERVER_B).getAsJsonArray("flexible_ips").get(0).getAsJsonObject()
        .get("status").getAsString());
    assertEquals(SERVER_B, settled(id).get("server_id").getAsString());
  }

  @Test
  void detachKeepsServerWhileDetachingThenReady() throws Exception {
    String id = attached(SERVER_A);
    JsonObject fip = detach(id).getAsJsonArray("flexible_ips").get(0).getAsJsonObject();
    assertEquals("detaching", fip.get("status").getAsString());
    assertEquals(SERVER_A, fip.get("server_id").getAsString());
    JsonObject settled = settled(id);
    assertEquals("ready", settled.get("status").getAsString());
    assertTrue(settled.get("server_id").isJsonNull());
  }

  @Test
  void detachOfAReadyIpIsANoOp() throws Exception {
    String id = api.create("[]");
    assertEquals("ready", detach(id).getAsJsonArray("flexible_ips").get(0).getAsJsonObject()
        .get("status").getAsString());
  }

  @Test
  void deleteReadyIsImmediateAndThen403() throws Exception {
    String id = api.create("[]");
    assertEquals(204, api.delete(FIPS + "/" + id).status());
    ApiCalls.Response r = api.get(FIPS + "/" + id);
    assertEquals(403, r.status());
    assertEquals("read", r.json().getAsJsonArray("details").get(0).getAsJsonObject().get("action").getAsString());
    ApiCalls.Response write = api.patch(FIPS + "/" + id, "{\"description\":\"x\"}");
    assertEquals(403, write.status());
    assertEquals("write", write.json().getAsJsonArray("details").get(0).getAsJsonObject().get("action").getAsString());
  }

  @Test
  void deleteAttachedShowsDetachingThenGone() throws Exception {
    String id = attached(SERVER_A);
    ApiCalls.Response r = api.delete(FIPS + "/" + id);
    assertEquals(204, r.status());
    assertEquals("", r.body());
    assertEquals("detaching", api.status(id));
    Thread.sleep(T + 50);
    assertEquals(403, api.get(FIPS + "/" + id).status());
  }

  @Test
  void writesOnATransientIpAnswer409() throws Exception {
    String id = api.create("[]");
    attach(id, SERVER_A);
    String[][] writes = {
      {"POST", FIPS + "/attach", "{\"fips_ids\":[\"" + id + "\"],\"server_id\":\"" + SERVER_B + "\"}"},
      {"POST", FIPS + "/detach", "{\"fips_ids\":[\"" + id + "\"]}"},
      {"DELETE", FIPS + "/" + id, null},
      {"POST", FIPS + "/" + id + "/mac", "{\"mac_type\":\"kvm\"}"},
    };
    for (String[] w : writes) {
      ApiCalls.Response r = api.send(w[0], w[1], w[2], ApiCalls.TOKEN);
      assertEquals(409, r.status(), w[0] + " " + w[1]);
      JsonObject body = r.json();
      assertEquals("transient_state", body.get("type").getAsString());
      assertEquals("updating", body.get("current_state").getAsString());
      assertEquals("flexible_ip", body.get("resource").getAsString());
      assertEquals(id, body.get("resource_id").getAsString());
      assertEquals("resource is in a transient state", body.get("message").getAsString());
    }
    assertEquals(200, api.patch(FIPS + "/" + id, "{\"description\":\"fine\"}").status());
  }

  @Test
  void macOnAReadyIpIsSynchronous() throws Exception {
    String id = api.create("[]");
    JsonObject fip = api.post(FIPS + "/" + id + "/mac", "{\"mac_type\":\"kvm\"}").json();
    assertEquals("ready", fip.get("status").getAsString());
    JsonObject mac = fip.getAsJsonObject("mac_address");
    assertEquals("ready", mac.get("status").getAsString());
    assertEquals(7, mac.keySet().size());
    assertTrue(mac.get("mac_address").getAsString().startsWith("52:54:00:"));
    assertEquals(400, api.post(FIPS + "/" + id + "/mac", "{\"mac_type\":\"kvm\"}").status());
    String xen = api.create("[]");
    assertTrue(api.post(FIPS + "/" + xen + "/mac", "{\"mac_type\":\"xen\"}").json().getAsJsonObject("mac_address")
        .get("mac_address").getAsString().startsWith("00:16:3e:"));
  }

  @Test
  void macOnAnAttachedIpUpdatesThenIsUsed() throws Exception {
    String id = attached(SERVER_A);
    JsonObject fip = api.post(FIPS + "/" + id + "/mac", "{\"mac_type\":\"kvm\"}").json();
    assertEquals("updating", fip.get("status").getAsString());
    assertEquals("updating", fip.getAsJsonObject("mac_address").get("status").getAsString());
    JsonObject settled = settled(id);
    assertEquals("attached", settled.get("status").getAsString());
    assertEquals("used", settled.getAsJsonObject("mac_address").get("status").getAsString());
  }

  @Test
  void duplicateSharesTheMacAndGroupAttachesTogether() throws Exception {
    String a = attached(SERVER_A);
    String b = attached(SERVER_A);
    api.post(FIPS + "/" + a + "/mac", "{\"mac_type\":\"kvm\"}");
    settled(a);
    JsonObject dup = api.post(FIPS + "/" + b + "/mac/duplicate", "{\"duplicate_from_fip_id\":\"" + a + "\"}").json();
    assertEquals("updating", dup.get("status").getAsString());
    String macA = settled(a).getAsJsonObject("mac_address").get("id").getAsString();
    assertEquals(macA, settled(b).getAsJsonObject("mac_address").get("id").getAsString());

    String c = api.create("[]");
    assertEquals(400, api.post(FIPS + "/attach", "{\"fips_ids\":[\"" + a + "\",\"" + c + "\"],\"server_id\":\""
        + SERVER_B + "\"}").status(), "IPs of different MAC groups");
    assertEquals(200, api.post(FIPS + "/attach", "{\"fips_ids\":[\"" + a + "\",\"" + b + "\"],\"server_id\":\""
        + SERVER_B + "\"}").status());
    assertEquals(SERVER_B, settled(a).get("server_id").getAsString());
    assertEquals(macA, settled(b).getAsJsonObject("mac_address").get("id").getAsString());

    // detaching one member alone strips its MAC
    detach(a);
    assertTrue(settled(a).get("mac_address").isJsonNull());
    assertEquals(macA, settled(b).getAsJsonObject("mac_address").get("id").getAsString());
  }

  @Test
  void ipv6IsASlash64WithTheRecordedReverse() throws Exception {
    for (int i = 0; i < 3; i++) {
      JsonObject v6 = createIpv6();
      String address = v6.get("ip_address").getAsString();
      assertTrue(address.matches("2001:bc8:71[0-9a-f]{2}(:[0-9a-f]{1,4})?::/64"), address);
      String bare = address.substring(0, address.length() - 3);
      assertEquals(bare.replace(':', '-') + ".rev.poneytelecom.eu.", v6.get("reverse").getAsString());
      assertTrue(v6.get("mac_address").isJsonNull());
    }
  }

  @Test
  void anIpv4AndAnIpv6FormOneMacGroupOnlyOnOneServer() throws Exception {
    String v4 = attached(SERVER_A);
    api.post(FIPS + "/" + v4 + "/mac", "{\"mac_type\":\"kvm\"}");
    String macId = settled(v4).getAsJsonObject("mac_address").get("id").getAsString();
    String v6 = createIpv6().get("id").getAsString();
    String dup = "{\"duplicate_from_fip_id\":\"" + v4 + "\"}";
    assertEquals(400, api.post(FIPS + "/" + v6 + "/mac/duplicate", dup).status(), "the IPv6 is on no server");
    assertEquals(400, api.post(FIPS + "/attach", "{\"fips_ids\":[\"" + v4 + "\",\"" + v6 + "\"],\"server_id\":\""
        + SERVER_A + "\"}").status(), "not one MAC group yet");
    attach(v6, SERVER_B);
    settled(v6);
    assertEquals(400, api.post(FIPS + "/" + v6 + "/mac/duplicate", dup).status(), "on another server");
    attach(v6, SERVER_A);
    settled(v6);
    assertEquals(200, api.post(FIPS + "/" + v6 + "/mac/duplicate", dup).status());
    assertEquals(macId, settled(v6).getAsJsonObject("mac_address").get("id").getAsString());
    // from now on they move as one
    assertEquals(200, api.post(FIPS + "/detach", "{\"fips_ids\":[\"" + v4 + "\",\"" + v6 + "\"]}").status());
    assertEquals(macId, settled(v6).getAsJsonObject("mac_address").get("id").getAsString());
    assertEquals(macId, settled(v4).getAsJsonObject("mac_address").get("id").getAsString());
  }

  @Test
  void moveAnswersTheDestinationAndDeleteMacRemovesIt() throws Exception {
    String a = api.create("[]");
    String b = api.create("[]");
    String macId = api.post(FIPS + "/" + a + "/mac", "{\"mac_type\":\"kvm\"}").json().getAsJsonObject("mac_address")
        .get("id").getAsString();
    JsonObject moved = api.post(FIPS + "/" + a + "/mac/move", "{\"dst_fip_id\":\"" + b + "\"}").json();
    assertEquals(b, moved.get("id").getAsString());
    assertEquals(macId, moved.getAsJsonObject("mac_address").get("id").getAsString());
    assertTrue(api.get(FIPS + "/" + a).json().get("mac_address").isJsonNull());
    assertEquals(404, api.delete(FIPS + "/" + macId + "/mac").status(), "a MAC id is not an IP id");
    ApiCalls.Response deleted = api.delete(FIPS + "/" + b + "/mac");
    assertEquals(204, deleted.status());
    assertEquals("", deleted.body());
    assertTrue(api.get(FIPS + "/" + b).json().get("mac_address").isJsonNull());
  }

  @Test
  void serverDeletionDetachesItsIps() throws Exception {
    String id = attached(SERVER_A);
    ApiCalls.Response r = api.send("DELETE", "/_emulator/servers/" + SERVER_A, null, null);
    assertEquals(1, r.json().get("count").getAsInt());
    assertEquals("detaching", api.status(id));
    assertEquals("ready", settled(id).get("status").getAsString());
  }

  @Test
  void transitionTimeZeroSettlesOnTheNextRequest() throws Exception {
    try (Emulator instant = Emulator.start("127.0.0.1", 0, 0)) {
      ApiCalls calls = new ApiCalls(instant);
      String id = calls.create("[]");
      String body = "{\"fips_ids\":[\"" + id + "\"],\"server_id\":\"" + SERVER_A + "\"}";
      assertEquals("updating", calls.post(FIPS + "/attach", body).json().getAsJsonArray("flexible_ips").get(0)
          .getAsJsonObject().get("status").getAsString());
      assertEquals("attached", calls.status(id));
    }
  }

  private JsonObject attach(String id, String server) throws IOException {
    ApiCalls.Response r = api.post(FIPS + "/attach", "{\"fips_ids\":[\"" + id + "\"],\"server_id\":\"" + server + "\"}");
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private JsonObject detach(String id) throws IOException {
    ApiCalls.Response r = api.post(FIPS + "/detach", "{\"fips_ids\":[\"" + id + "\"]}");
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private JsonObject createIpv6() throws IOException {
    ApiCalls.Response r = api.post(FIPS, "{\"project_id\":\"" + ApiCalls.PROJECT + "\",\"description\":\"\",\"tags\":[],"
        + "\"is_ipv6\":true}");
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private String attached(String server) throws Exception {
    String id = api.create("[]");
    attach(id, server);
    settled(id);
    return id;
  }

  /** The IP once its transient state is over. */
  private JsonObject settled(String id) throws Exception {
    long deadline = System.nanoTime() + 5 * T * 1_000_000L;
    while (true) {
      JsonObject fip = api.get(FIPS + "/" + id).json();
      String s = fip.get("status").getAsString();
      if (!s.equals("updating") && !s.equals("detaching") || System.nanoTime() > deadline) {
        return fip;
      }
      Thread.sleep(T / 4);
    }
  }
}
