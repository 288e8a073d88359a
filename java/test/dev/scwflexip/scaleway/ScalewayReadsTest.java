package dev.scwflexip.scaleway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.config.Config;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.emulator.ServerDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reads doctor makes: one page of IPs, the Date header, an Elastic Metal server. */
class ScalewayReadsTest {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  static final String SERVER = "0a0a0a0a-1111-4222-8333-444455556666";
  @TempDir Path dir;
  Emulator emulator;
  Config config;

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start("127.0.0.1", 0, 0, "reads-token");
    Files.writeString(dir.resolve("token"), "reads-token\n");
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"api_url\":\"" + emulator.url() + "\",\"zone\":\"fr-par-2\",\"project_id\":\"" + PROJECT
        + "\",\"token_file\":\"" + dir.resolve("token") + "\"}");
    config = Config.load(file);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  void seed(int n) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.url()
        + "/_emulator/seed")).POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + n + ",\"zone\":\"fr-par-2\","
        + "\"project_id\":\"" + PROJECT + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void firstPageOnlyReadsOnePageOfTheSizeAsked() throws Exception {
    seed(5);
    try (ScalewayClient c = ScalewayClient.open(config, Deadline.afterSeconds(10))) {
      assertEquals(2, c.list(new ListQuery().project(PROJECT).firstPageOnly(2)).size());
      assertEquals(1, emulator.requests().total());
      assertEquals(5, c.list(new ListQuery().project(PROJECT)).size(), "other callers still read every page");
    }
    assertThrows(IllegalArgumentException.class, () -> new ListQuery().firstPageOnly(0));
    assertThrows(IllegalArgumentException.class, () -> new ListQuery().firstPageOnly(101));
  }

  @Test
  void theClientKeepsTheDateOfTheLastAnswer() {
    try (ScalewayClient c = ScalewayClient.open(config, Deadline.afterSeconds(10))) {
      assertNull(c.lastDate());
      Instant before = Instant.now().minusSeconds(1);
      c.list(new ListQuery().project(PROJECT).firstPageOnly(1));
      ApiDate date = c.lastDate();
      assertNotNull(date);
      assertTrue(!date.serverTime().isBefore(before.minusSeconds(1)), date.toString());
      assertTrue(Math.abs(date.skew().toMillis()) < 3000, date.toString());
      // an error answer carries a Date too
      assertThrows(ApiException.class, () -> c.get("2cb5dcf5-6344-4f17-af12-0fa7a00530f2"));
      assertNotNull(c.lastDate());
    }
  }

  @Test
  void aDateIsReadAsRfc1123AndItsSkewIsMeasuredOnTheLocalClock() {
    ApiDate d = new ApiDate("Tue, 09 Dec 2025 18:20:32 GMT", Instant.parse("2025-12-09T18:20:40.5Z"));
    assertEquals(Instant.parse("2025-12-09T18:20:32Z"), d.serverTime());
    assertEquals(Duration.ofMillis(8500), d.skew());
    assertNull(new ApiDate("yesterday", Instant.now()).skew());
  }

  @Test
  void anElasticMetalServerIsReadByIdInTheConfiguredZone() {
    try (ElasticMetalServers servers = ElasticMetalServers.open(config, Deadline.afterSeconds(10))) {
      ElasticMetalServers.Server s = servers.get(SERVER);
      assertEquals(SERVER, s.id());
      assertEquals("fr-par-2", s.zone());
      assertEquals("ready", s.status());
    }
    assertEquals(1, emulator.requests().count("GET", "/baremetal/v1/zones/{zone}/servers/{server_id}"));
  }

  @Test
  void anUnknownServerIs404AndAForbiddenOne403WithTheTokenNeverShown() {
    emulator.servers().mark(SERVER, ServerDirectory.State.UNKNOWN);
    try (ElasticMetalServers servers = ElasticMetalServers.open(config, Deadline.afterSeconds(10))) {
      ApiException gone = assertThrows(ApiException.class, () -> servers.get(SERVER));
      assertEquals(404, gone.status);
      assertEquals("Scaleway API: GET /servers/" + SERVER + ": HTTP 404: Not Found", gone.getMessage());
      emulator.servers().mark(SERVER, ServerDirectory.State.FORBIDDEN);
      ApiException denied = assertThrows(ApiException.class, () -> servers.get(SERVER));
      assertEquals(403, denied.status);
      assertEquals("permissions_denied", denied.type);
      assertTrue(!denied.getMessage().contains("reads-token"));
    }
  }
}
