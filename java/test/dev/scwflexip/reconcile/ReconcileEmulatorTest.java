package dev.scwflexip.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.cli.Main;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.ListQuery;
import dev.scwflexip.scaleway.ScalewayClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole command against the emulator: exit codes, check mode, apply, second run, JSON. */
class ReconcileEmulatorTest {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";

  @TempDir Path dir;
  Emulator emulator;
  Path config;
  Path vnets;
  ScalewayClient client;
  String stdout;
  String stderr;

  @BeforeEach
  void setUp() throws Exception {
    emulator = Emulator.start("127.0.0.1", 0, 20);
    Files.writeString(dir.resolve("token"), "test-token");
    config = dir.resolve("config.json");
    Files.writeString(config, "{\"api_url\":\"" + emulator.url() + "\",\"project_id\":\"" + PROJECT + "\","
        + "\"token_file\":\"" + dir.resolve("token") + "\",\"state_file\":\"" + dir.resolve("journal.json") + "\","
        + "\"cloud\":\"ours\",\"action_deadline_seconds\":5}");
    vnets = dir.resolve("vnets.xml");
    Files.writeString(vnets, "<VNET_POOL></VNET_POOL>");
    client = ScalewayClient.open(Config.load(config), Deadline.afterSeconds(60));
  }

  @AfterEach
  void tearDown() {
    client.close();
    emulator.close();
  }

  void seed(int count, long ageSeconds, String... tags) throws Exception {
    StringBuilder t = new StringBuilder();
    for (String tag : tags) {
      t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
    }
    HttpRequest req = HttpRequest.newBuilder(URI.create(emulator.url() + "/_emulator/seed"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + ",\"project_id\":\"" + PROJECT
            + "\",\"tags\":[" + t + "],\"age_seconds\":" + ageSeconds + "}"))
        .build();
    HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  List<FlexibleIp> tagged(String tag) {
    return client.list(ListQuery.tagged(tag).project(PROJECT));
  }

  long requests(String method, String routePart) {
    long n = 0;
    for (Map.Entry<String, Long> e : emulator.requests().byRoute().entrySet()) {
      if (e.getKey().startsWith(method + " ") && e.getKey().contains(routePart)) {
        n += e.getValue();
      }
    }
    return n;
  }

  long mutatingRequests() {
    long n = 0;
    for (Map.Entry<String, Long> e : emulator.requests().byRoute().entrySet()) {
      if (!e.getKey().startsWith("GET ")) {
        n += e.getValue();
      }
    }
    return n;
  }

  int reconcile(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>(List.of("--config", config.toString(), "reconcile"));
    argv.addAll(List.of(args));
    int rc = new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true),
        Map.of("PATH", "/nonexistent")).run(argv.toArray(new String[0]));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return rc;
  }

  JsonObject json() {
    return JsonParser.parseString(stdout).getAsJsonObject();
  }

  @Test
  void checkPlansApplyFixesSecondRunIsInSync() throws Exception {
    seed(3, 7200, Tags.cloud("ours"));
    seed(2, 7200, Tags.cloud("other"));
    seed(1, 0, Tags.cloud("ours"), Tags.entry("fresh"));
    // an active range that uses one of ours
    FlexibleIp used = tagged(Tags.cloud("ours")).get(0);
    Files.writeString(vnets, "<VNET_POOL><VNET><ID>5</ID><NAME>pub</NAME><AR_POOL><AR><AR_ID>0</AR_ID><IP>"
        + used.ip + "</IP><IPAM_MAD>scw-flexip</IPAM_MAD><SCW_FLEXIP_ID>" + used.id
        + "</SCW_FLEXIP_ID></AR></AR_POOL></VNET></VNET_POOL>");
    emulator.requests().clear();

    assertEquals(3, reconcile("--check", "--format", "json", "--grace", "600", "--one-xml", vnets.toString()), stderr);
    JsonObject plan = json();
    assertFalse(plan.get("in_sync").getAsBoolean());
    assertFalse(plan.get("applied").getAsBoolean());
    JsonArray actions = plan.getAsJsonArray("actions");
    // seeded IPs have no MAC: the one a range uses gets one, the two unused ones go
    assertEquals(3, actions.size(), stdout);
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      kinds.add(actions.get(i).getAsJsonObject().get("kind").getAsString());
      assertFalse(actions.get(i).getAsJsonObject().has("result"));
    }
    assertEquals(List.of("missing_mac", "orphan_ip", "orphan_ip"), kinds);
    assertEquals(1, plan.getAsJsonArray("deferred").size(), "the fresh IP waits out the grace period");
    assertFalse(stdout.contains("cloud=other"));
    assertEquals(0, mutatingRequests(), emulator.requests().byRoute().toString());
    assertEquals(4, tagged(Tags.cloud("ours")).size());

    assertEquals(3, reconcile("--format", "json", "--grace", "600", "--one-xml", vnets.toString()), stderr);
    assertTrue(json().get("applied").getAsBoolean());
    assertEquals("done", json().getAsJsonArray("actions").get(0).getAsJsonObject().get("result").getAsString());
    assertEquals(2, tagged(Tags.cloud("ours")).size(), "the used and the fresh IP remain");
    assertTrue(client.get(used.id).mac != null, "the used IP got its MAC");
    assertEquals(2, tagged(Tags.cloud("other")).size(), "another cloud's IPs are untouched");

    assertEquals(0, reconcile("--format", "json", "--grace", "600", "--one-xml", vnets.toString()), stdout);
    assertTrue(json().get("in_sync").getAsBoolean());
  }

  @Test
  void anAttachedHalfDoneCreateIsDetachedThenDeleted() throws Exception {
    Journal journal = new Journal(dir.resolve("journal.json"), 5000);
    seed(1, 7200, Tags.cloud("ours"), Tags.entry("e1"));
    FlexibleIp ip = tagged(Tags.entry("e1")).get(0);
    client.attach(List.of(ip.id), "0a0a0a0a-1111-4222-8333-444455556666");
    client.waitUntil(ip.id, f -> "attached".equals(f.status), "attach");
    JournalEntry e = JournalEntry.beginCreate("e1", "fr-par-1", "2020-01-01T00:00:00Z")
        .created(ip.id, ip.ip, "2020-01-01T00:00:00Z");
    journal.update(list -> list.add(e));

    assertEquals(3, reconcile("--grace", "60", "--one-xml", vnets.toString()), stderr);
    assertTrue(stdout.contains("half_done_create"), stdout);
    assertTrue(stdout.contains("1 repaired"), stdout);
    assertTrue(requests("POST", "fips/detach") >= 1, emulator.requests().byRoute().toString());
    assertTrue(tagged(Tags.cloud("ours")).isEmpty() || "detaching".equals(tagged(Tags.cloud("ours")).get(0).status));
    assertTrue(journal.entries().isEmpty());
  }

  @Test
  void aDeleteThatKeepsFailingExitsOneWithTheJsonStillPrinted() throws Exception {
    seed(1, 7200, Tags.cloud("ours"));
    emulator.faults().serverError(1000).onlyFor("DELETE");
    assertEquals(1, reconcile("--format", "json", "--grace", "0", "--one-xml", vnets.toString()));
    JsonObject o = json();
    assertEquals(1, o.get("failed").getAsInt());
    assertTrue(o.getAsJsonArray("actions").get(0).getAsJsonObject().get("result").getAsString().startsWith("failed"));
    assertEquals(1, stderr.strip().lines().count(), stderr);
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, reconcile("--format", "yaml"));
    assertEquals(2, reconcile("--grace", "-1"));
    assertEquals(0, reconcile("--help"));
    assertTrue(stdout.contains("--one-xml"));
  }

  @Test
  void theReadOfAFailingApiIsBoundedByTheConfigAndShowsProgress() throws Exception {
    Files.writeString(config, Files.readString(config).replace("\"action_deadline_seconds\":5",
        "\"action_deadline_seconds\":6,\"reconcile_deadline_seconds\":6"));
    seed(250, 7200, "scw-flexip:cloud=ours");
    assertEquals(3, reconcile("--check", "--progress", "--one-xml", vnets.toString()));
    assertTrue(stderr.contains("INFO: reading Flexible IPs: 100 after 1 page"), stderr);
    assertTrue(stderr.contains("INFO: reading Flexible IPs: 250 after 3 pages"), stderr);
    assertTrue(!stdout.contains("INFO:"), "progress belongs on stderr");
    // the list keeps failing: the run ends with one line near the configured 6 s, not 900 s
    emulator.faults().serverError(100000);
    long start = System.nanoTime();
    int rc = reconcile("--check", "--one-xml", vnets.toString());
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(1, rc, stderr);
    assertTrue(seconds <= 15, "took " + seconds + " s");
    assertEquals(1, stderr.strip().lines().count(), stderr);
    assertTrue(stderr.contains("gave up on GET /fips"), stderr);
  }
}
