package dev.scwflexip.scaleway;

import static dev.scwflexip.scaleway.ScriptedServer.drop;
import static dev.scwflexip.scaleway.ScriptedServer.json;
import static dev.scwflexip.scaleway.ScriptedServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalewayRetryTest {
  static final String TOKEN = "6f1c2d3e-aaaa-bbbb-cccc-0123456789ab";
  static final String ID = "7c715b98-e683-493a-9e62-109d684e4348";
  static final String PROJECT = "564aa517-68b0-4fd7-8c8c-d21c4bcdcbd5";
  static final String ENTRY = "scw-flexip:entry=42";
  static final RetryPolicy FAST = new RetryPolicy(2, 20, 3_000, 5, 40, 1.6);

  static String fip(String id, String status, String... tags) {
    StringBuilder t = new StringBuilder();
    for (String tag : tags) {
      t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
    }
    return "{\"id\":\"" + id + "\",\"ip_address\":\"195.154.148.225\",\"mac_address\":null,\"project_id\":\"" + PROJECT
        + "\",\"server_id\":null,\"status\":\"" + status + "\",\"tags\":[" + t + "],\"zone\":\"fr-par-1\"}";
  }

  static String envelope(List<String> items, int total) {
    return "{\"flexible_ips\":[" + String.join(",", items) + "],\"total_count\":" + total + "}";
  }

  static ScalewayClient client(ScriptedServer s, long deadlineMillis, long callTimeoutMillis) {
    return new ScalewayClient(s.url(), "fr-par-1", TOKEN, Deadline.afterMillis(deadlineMillis), FAST, callTimeoutMillis);
  }

  static ScalewayClient client(ScriptedServer s) {
    return client(s, 10_000, 2_000);
  }

  private static void assertOneLineWithoutToken(ApiException e) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertTrue(e.getMessage().startsWith("Scaleway API: "), e.getMessage());
  }

  @Test
  void bare429IsRetried() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(reply(429, null), json(200, fip(ID, "ready")));
        ScalewayClient c = client(s)) {
      assertEquals("ready", c.get(ID).status);
      assertEquals(2, s.requests.size());
    }
  }

  @Test
  void serverErrorsAreRetried() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(json(500, "{\"message\":\"internal error\"}"),
        reply(502, "<html>bad gateway</html>", "Content-Type", "text/html"), reply(503, ""), json(200, fip(ID, "ready")));
        ScalewayClient c = client(s)) {
      assertEquals(ID, c.get(ID).id);
      assertEquals(4, s.requests.size());
    }
  }

  @Test
  void droppedConnectionIsRetried() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(drop(), json(200, fip(ID, "ready")));
        ScalewayClient c = client(s)) {
      assertEquals(ID, c.get(ID).id);
      assertEquals(2, s.requests.size());
    }
  }

  @Test
  void connectionRefusedIsRetriedUntilTheDeadline() throws IOException {
    String url;
    try (ScriptedServer s = ScriptedServer.script()) {
      url = s.url();
    }
    VirtualClock clock = new VirtualClock();
    try (ScalewayClient c = new ScalewayClient(url, "fr-par-1", TOKEN, Deadline.afterMillis(600, clock), FAST, 2_000)) {
      ApiException e = assertThrows(ApiException.class, () -> c.get(ID));
      assertEquals(0, e.status);
      assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
      assertTrue(e.getMessage().contains("gave up"), e.getMessage());
      assertOneLineWithoutToken(e);
    }
    assertTrue(clock.slept.get() > 0 && clock.slept.get() <= 600, "paused " + clock.slept.get() + " ms");
  }

  @Test
  void slowAnswerTimesOutAndIsRetried() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(json(200, fip(ID, "updating")).after(1_500), json(200, fip(ID, "ready")));
        ScalewayClient c = client(s, 10_000, 300)) {
      long start = System.nanoTime();
      assertEquals("ready", c.get(ID).status);
      assertTrue((System.nanoTime() - start) / 1_000_000 < 1_200, "did not wait for the slow answer");
      assertEquals(2, s.requests.size());
    }
  }

  @Test
  void retryAfterIsHonoured() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(reply(429, null, "Retry-After", "1"), json(200, fip(ID, "ready")));
        ScalewayClient c = client(s)) {
      long start = System.nanoTime();
      c.get(ID);
      assertTrue((System.nanoTime() - start) / 1_000_000 >= 950, "Retry-After ignored");
    }
  }

  @Test
  void transientStateIsRetried() throws IOException {
    String busy = "{\"current_state\":\"updating\",\"message\":\"resource is in a transient state\","
        + "\"resource\":\"flexible_ips\",\"resource_id\":\"" + ID + "\",\"type\":\"transient_state\"}";
    try (ScriptedServer s = ScriptedServer.script(json(409, busy), json(200, envelope(List.of(fip(ID, "updating")), 1)));
        ScalewayClient c = client(s)) {
      assertEquals(1, c.attach(List.of(ID), "d0c22926-49aa-4425-9d80-915cdf047195").size());
      assertEquals(2, s.requests.size());
    }
  }

  @Test
  void otherClientErrorsAreNotRetried() throws IOException {
    String bad = "{\"details\":[{\"argument_name\":\"server_id\",\"help_message\":\"must be a UUID\",\"reason\":\"format\"}],"
        + "\"message\":\"invalid argument(s)\",\"type\":\"invalid_arguments\"}";
    String denied = "{\"details\":[{\"action\":\"write\",\"resource\":\"flexible-ip\"}],\"message\":\"insufficient permissions\","
        + "\"type\":\"permissions_denied\"}";
    try (ScriptedServer s = ScriptedServer.script(json(400, bad), json(403, denied));
        ScalewayClient c = client(s)) {
      ApiException e = assertThrows(ApiException.class, () -> c.attach(List.of(ID), "nope"));
      assertEquals(400, e.status);
      assertEquals("Scaleway API: POST /fips/attach: HTTP 400 invalid_arguments: invalid argument(s) "
          + "(server_id: format: must be a UUID)", e.getMessage());
      ApiException f = assertThrows(ApiException.class, () -> c.attach(List.of(ID), "d0c22926-49aa-4425-9d80-915cdf047195"));
      assertEquals("Scaleway API: POST /fips/attach: HTTP 403 permissions_denied: insufficient permissions "
          + "(write flexible-ip)", f.getMessage());
      assertTrue(f.mightBeGone());
      assertEquals(2, s.requests.size());
    }
  }

  @Test
  void deadlineExhaustionGivesOneLine() throws IOException {
    VirtualClock clock = new VirtualClock();
    try (ScriptedServer s = new ScriptedServer(r -> reply(503, ""));
        ScalewayClient c = new ScalewayClient(s.url(), "fr-par-1", TOKEN, Deadline.afterMillis(1_000, clock), FAST,
            2_000)) {
      long start = clock.nanoTime();
      ApiException e = assertThrows(ApiException.class, () -> c.get(ID));
      // the pauses are virtual: what is measured is the client's own use of its budget
      long took = (clock.nanoTime() - start) / 1_000_000;
      assertTrue(took <= 1_000 + 2_000, "kept retrying past the deadline: " + took + " ms");
      assertTrue(clock.slept.get() <= 1_000, "paused past the deadline: " + clock.slept.get() + " ms");
      assertTrue(s.requests.size() > 3, "gave up before the deadline: " + s.requests.size() + " attempts");
      assertEquals(0, e.status);
      assertTrue(e.getMessage().matches("Scaleway API: gave up on GET /fips/" + ID
          + " after \\d+ attempts in [01] s: HTTP 503 Service Unavailable"), e.getMessage());
      assertOneLineWithoutToken(e);
    }
  }

  @Test
  void lostCreateAnswerFindsTheCreatedIpInsteadOfCreatingAgain() throws IOException {
    List<String> created = new ArrayList<>();
    try (ScriptedServer s = new ScriptedServer(r -> {
      if (r.method.equals("POST")) {
        created.add(fip(ID, "ready", ENTRY));
        return drop();
      }
      assertEquals(List.of(ENTRY), r.param("tags"));
      assertEquals(List.of(PROJECT), r.param("project_id"));
      return json(200, envelope(created, created.size()));
    }); ScalewayClient c = client(s)) {
      FlexibleIp fip = c.create(PROJECT, "", List.of("scw-flexip:cloud=one", ENTRY));
      assertEquals(ID, fip.id);
      assertEquals(1, s.count("POST"));
      assertEquals(1, created.size());
    }
  }

  @Test
  void lostCreateAnswerWithNothingCreatedIsSentAgain() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(json(502, "{\"message\":\"bad gateway\"}"),
        json(200, envelope(List.of(), 0)), json(200, fip(ID, "ready", ENTRY)));
        ScalewayClient c = client(s)) {
      assertEquals(ID, c.create(PROJECT, "", List.of(ENTRY)).id);
      assertEquals(2, s.count("POST"));
      assertEquals(1, s.count("GET"));
    }
  }

  @Test
  void aLostIpv6CreateIsNotMistakenForTheIpv4ItsRangeMadeFirst() throws IOException {
    // a dual-stack range's two creates carry one entry tag: the IPv4 found by it is not the IPv6
    String v6 = "00000000-0000-4000-8000-0000000000f6";
    try (ScriptedServer s = ScriptedServer.script(drop(), json(200, envelope(List.of(fip(ID, "ready", ENTRY)), 1)),
        json(200, fip(v6, "ready", ENTRY).replace("195.154.148.225", "2001:bc8:702:6b7::/64")));
        ScalewayClient c = client(s)) {
      FlexibleIp made = c.create(PROJECT, "", List.of(ENTRY), true);
      assertEquals(v6, made.id);
      assertEquals("2001:bc8:702:6b7::", made.ip);
      assertEquals(2, s.count("POST"));
      assertTrue(s.requests.get(0).body.contains("\"is_ipv6\":true"), s.requests.get(0).body);
    }
  }

  @Test
  void createWithoutEntryTagIsNotRetriedAfterALostAnswer() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(drop(), json(200, fip(ID, "ready")));
        ScalewayClient c = client(s)) {
      ApiException e = assertThrows(ApiException.class, () -> c.create(PROJECT, "", List.of("x")));
      assertTrue(e.getMessage().contains("not retried"), e.getMessage());
      assertEquals(1, s.requests.size());
    }
  }

  @Test
  void createRefusedWith429IsRetriedWithoutLookingUp() throws IOException {
    try (ScriptedServer s = ScriptedServer.script(reply(429, null), json(200, fip(ID, "ready", ENTRY)));
        ScalewayClient c = client(s)) {
      assertEquals(ID, c.create(PROJECT, "", List.of(ENTRY)).id);
      assertEquals(0, s.count("GET"));
    }
  }

  @Test
  void aRetriedDeleteAnswering403IsGoneOnlyWhenTheProjectListAgrees() throws IOException {
    String denied = "{\"details\":[{\"action\":\"write\",\"resource\":\"flexible-ip\"}],\"message\":\"insufficient permissions\","
        + "\"type\":\"permissions_denied\"}";
    // the first answer is lost: the delete went through (403 = deleted) or the token lacks rights
    try (ScriptedServer s = ScriptedServer.script(drop(), json(403, denied), json(200, envelope(List.of(), 0)));
        ScalewayClient c = client(s)) {
      assertTrue(assertThrows(ApiException.class, () -> c.delete(ID)).mightBeGone());
      Gone.delete(new NoDeleteApi(c), PROJECT, ID);
      assertEquals(List.of(PROJECT), s.requests.get(2).param("project_id"));
    }
    try (ScriptedServer s = ScriptedServer.script(json(403, denied), json(200, envelope(List.of(fip(ID, "ready")), 1)));
        ScalewayClient c = client(s)) {
      ApiException e = assertThrows(ApiException.class, () -> Gone.delete(c, PROJECT, ID));
      assertEquals(403, e.status);
      assertEquals(2, s.requests.size());
    }
    // a token that may not even list: nobody can tell, so it is not gone
    try (ScriptedServer s = ScriptedServer.script(json(403, denied), json(403, denied));
        ScalewayClient c = client(s)) {
      assertThrows(ApiException.class, () -> Gone.getOrNull(c, PROJECT, ID));
    }
    try (ScriptedServer s = ScriptedServer.script(json(404, "{\"type\":\"not_found\",\"message\":\"resource is not found\"}"));
        ScalewayClient c = client(s)) {
      assertEquals(null, Gone.getOrNull(c, PROJECT, ID));
      assertEquals(1, s.requests.size());
    }
  }

  /** The client with its delete already done: Gone.delete sees the delete's failure without a new call. */
  private static final class NoDeleteApi implements FlexibleIpApi {
    private final ScalewayClient c;

    NoDeleteApi(ScalewayClient c) {
      this.c = c;
    }

    @Override
    public void delete(String id) {
      throw new ApiException("HTTP 403", 403, "permissions_denied");
    }

    @Override
    public List<FlexibleIp> list(ListQuery q) {
      return c.list(q);
    }

    @Override
    public FlexibleIp create(String projectId, String description, List<String> tags, boolean ipv6) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FlexibleIp get(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FlexibleIp update(String id, String description, List<String> tags) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FlexibleIp> attach(List<String> ids, String serverId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FlexibleIp> detach(List<String> ids) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FlexibleIp generateMac(String id, String macType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FlexibleIp duplicateMac(String id, String fromId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void deleteMac(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FlexibleIp waitUntil(String id, java.util.function.Predicate<FlexibleIp> done, String what) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aClientRefusesASecondThread() throws Exception {
    // its connect timeout lives in a field: hooks open one client per MAC group thread instead
    try (ScriptedServer s = new ScriptedServer(r -> json(200, fip(ID, "ready")));
        ScalewayClient c = client(s)) {
      c.get(ID);
      java.util.concurrent.atomic.AtomicReference<Throwable> seen = new java.util.concurrent.atomic.AtomicReference<>();
      Thread other = new Thread(() -> {
        try {
          c.get(ID);
        } catch (Throwable t) {
          seen.set(t);
        }
      });
      other.start();
      other.join();
      assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
      assertTrue(seen.get().getMessage().contains("open one client per thread"), seen.get().getMessage());
      assertEquals(ID, c.get(ID).id);
    }
  }

  @Test
  void listReadsEveryPage() throws IOException {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      all.add(fip(String.format("00000000-0000-0000-0000-%012d", i), "ready"));
    }
    try (ScriptedServer s = new ScriptedServer(r -> {
      int page = Integer.parseInt(r.param("page").get(0));
      int size = Integer.parseInt(r.param("page_size").get(0));
      List<String> slice = all.subList(Math.min(all.size(), (page - 1) * size), Math.min(all.size(), page * size));
      return json(200, envelope(slice, all.size()));
    }); ScalewayClient c = client(s)) {
      List<FlexibleIp> got = c.list(ListQuery.tagged("a").status("ready").server("s1").project(PROJECT));
      assertEquals(250, got.size());
      assertEquals(250, got.stream().map(f -> f.id).distinct().count());
      assertEquals(3, s.requests.size());
      for (ScriptedServer.Request r : s.requests) {
        assertEquals(List.of("100"), r.param("page_size"));
        assertEquals(List.of("created_at_asc"), r.param("order_by"));
      }
    }
  }

  @Test
  void listStopsOnAServerThatNeverEnds() throws IOException {
    List<String> page = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      page.add(fip(ID, "ready"));
    }
    try (ScriptedServer s = new ScriptedServer(r -> json(200, envelope(page, Integer.MAX_VALUE)));
        ScalewayClient c = client(s, 1_500, 2_000)) {
      // either the page guard or the deadline stops it; it must not loop for ever
      assertThrows(ApiException.class, () -> c.list(new ListQuery()));
    }
  }

  @Test
  void tokenNeverAppearsInMessages() throws IOException {
    String echo = "{\"message\":\"bad token " + TOKEN + "\",\"type\":\"denied_authentication\",\"method\":\"api_key\"}";
    try (ScriptedServer s = ScriptedServer.script(json(401, echo), drop(), drop(), drop());
        ScalewayClient c = client(s, 400, 2_000)) {
      ApiException e = assertThrows(ApiException.class, () -> c.get(ID));
      assertEquals(401, e.status);
      assertOneLineWithoutToken(e);
      ApiException f = assertThrows(ApiException.class, () -> c.get(ID));
      assertOneLineWithoutToken(f);
      assertFalse(c.toString().contains(TOKEN));
      for (ScriptedServer.Request r : s.requests) {
        assertEquals(TOKEN, r.headers.get("x-auth-token"));
        assertFalse(r.target.contains(TOKEN));
      }
    }
  }

  @Test
  void connectionsAreReused() throws IOException {
    try (ScriptedServer s = new ScriptedServer(r -> json(200, fip(ID, "ready")));
        ScalewayClient c = client(s)) {
      for (int i = 0; i < 5; i++) {
        c.get(ID);
      }
      assertEquals(1, s.connections.get());
    }
  }
}
