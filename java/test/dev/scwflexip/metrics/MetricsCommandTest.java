package dev.scwflexip.metrics;

import static dev.scwflexip.testsupport.StandInTools.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.config.Tags;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.stats.ActionCounters;
import dev.scwflexip.stats.ReconcileRuns;
import dev.scwflexip.testsupport.InProcess;
import dev.scwflexip.testsupport.StandInTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  static final String SERVER = "0a0a0a0a-1111-4222-8333-444455556666";
  @TempDir Path dir;
  Emulator emulator;
  Path config;
  Path vnets;
  Path prom;
  Path bin;

  @BeforeEach
  void setUp() throws Exception {
    emulator = Emulator.start("127.0.0.1", 0, 0);
    bin = dir.resolve("bin");
    Files.createDirectories(bin);
    Files.writeString(dir.resolve("token"), "metrics-token");
    config = dir.resolve("config.json");
    Files.writeString(config, "{\"api_url\":\"" + emulator.url() + "\",\"project_id\":\"" + PROJECT + "\","
        + "\"token_file\":\"" + dir.resolve("token") + "\",\"state_file\":\"" + dir.resolve("state/journal.json")
        + "\",\"runtime_dir\":\"" + dir.resolve("state/run") + "\",\"cloud\":\"m\",\"frontend_name\":\"fe-1\","
        + "\"action_deadline_seconds\":5,\"reconcile_deadline_seconds\":5,\"reconcile_grace_seconds\":600}");
    vnets = dir.resolve("vnets.xml");
    Files.writeString(vnets, "<VNET_POOL></VNET_POOL>");
    Files.createDirectories(dir.resolve("textfile"));
    prom = dir.resolve("textfile/scw-flexip.prom");
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  InProcess.Run metrics(String... args) {
    List<String> argv = new ArrayList<>(List.of("--config", config.toString(), "metrics", "--textfile", prom.toString()));
    argv.addAll(List.of(args));
    return InProcess.run(Map.of("PATH", bin.toString()), argv.toArray(new String[0]));
  }

  void seed(int count, long ageSeconds, String status, String serverId, String... tags) throws Exception {
    StringBuilder t = new StringBuilder();
    for (String tag : tags) {
      t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.url()
        + "/_emulator/seed")).POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + ",\"project_id\":\""
        + PROJECT + "\",\"tags\":[" + t + "],\"age_seconds\":" + ageSeconds + ",\"status\":\"" + status + "\""
        + (serverId == null ? "" : ",\"server_id\":\"" + serverId + "\"") + "}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  /** Every sample line's family was introduced by its HELP and TYPE lines, in that order. */
  static void assertWellFormed(String text) {
    Set<String> typed = new HashSet<>();
    String help = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        help = line.split(" ")[2];
      } else if (line.startsWith("# TYPE ")) {
        String[] f = line.split(" ");
        assertEquals(help, f[2], "TYPE without its HELP: " + line);
        assertTrue(f[3].equals("gauge") || f[3].equals("counter"), line);
        typed.add(f[2]);
      } else {
        String name = line.split("[{ ]")[0];
        assertTrue(typed.contains(name), "sample before its TYPE: " + line);
        assertTrue(line.matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*})? -?[0-9]+(\\.[0-9]+)?"), line);
      }
    }
  }

  @Test
  void ipsByStatusAndServerDriftCountersAndRunsInOneWellFormedFile() throws Exception {
    seed(2, 7200, "attached", SERVER, Tags.cloud("m"));
    seed(1, 7200, "ready", null, Tags.cloud("m"));
    seed(3, 7200, "ready", null, Tags.cloud("someone-else"));
    Path state = dir.resolve("state");
    ActionCounters.record(state, "register", true, new PrintStream(new ByteArrayOutputStream()));
    ActionCounters.record(state, "register", false, new PrintStream(new ByteArrayOutputStream()));
    ActionCounters.record(state.resolve("run"), "clean", true, new PrintStream(new ByteArrayOutputStream()));
    ReconcileRuns.record(state, new ReconcileRuns.Run("repair-only", false, "2026-01-02T03:04:05Z", "failed", 2, 1,
        null), 1000);
    emulator.requests().clear();

    InProcess.Run r = metrics("--one-xml", vnets.toString());
    assertEquals(0, r.rc(), r.toString());
    assertEquals("", r.out() + r.err());
    String text = Files.readString(prom);
    assertWellFormed(text);
    assertTrue(text.contains("\nscw_flexip_up 1\n"), text);
    assertTrue(text.contains("\nscw_flexip_ips{status=\"attached\"} 2\n"), text);
    assertTrue(text.contains("\nscw_flexip_ips{status=\"ready\"} 1\n"), text);
    assertTrue(text.contains("\nscw_flexip_ips{status=\"detaching\"} 0\n"), text);
    assertTrue(text.contains("\nscw_flexip_ips_attached{server_id=\"" + SERVER + "\"} 2\n"), text);
    // the three seeded IPs of ours have no MAC and no range: orphans, and no other cloud's IP counts
    assertTrue(text.contains("\nscw_flexip_drift{kind=\"orphan_ip\"} 3\n"), text);
    assertTrue(text.contains("\nscw_flexip_drift{kind=\"wrong_server\"} 0\n"), text);
    assertTrue(text.contains("\nscw_flexip_actions_total{action=\"register\"} 2\n"), text);
    assertTrue(text.contains("\nscw_flexip_action_failures_total{action=\"register\"} 1\n"), text);
    assertTrue(text.contains("\nscw_flexip_actions_total{action=\"clean\"} 1\n"), text);
    assertTrue(text.contains("\nscw_flexip_actions_total{action=\"post\"} 0\n"), text);
    assertTrue(text.contains("\nscw_flexip_reconcile_last_run_timestamp_seconds{mode=\"repair-only\",run=\"apply\"}"
        + " 1767323045\n"), text);
    assertTrue(text.contains("\nscw_flexip_reconcile_last_run_success{mode=\"repair-only\",run=\"apply\"} 0\n"), text);
    assertTrue(text.contains("\nscw_flexip_reconcile_last_run_failures{mode=\"repair-only\",run=\"apply\"} 1\n"), text);
    assertTrue(text.contains("\nscw_flexip_detach_pending 0\n"), text);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(prom)));
    try (Stream<Path> s = Files.list(prom.getParent())) {
      assertEquals(List.of(prom), s.toList(), "a temporary file was left behind");
    }
    long writes = emulator.requests().byRoute().entrySet().stream()
        .filter(e -> !e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue).sum();
    assertEquals(0, writes, "metrics changed something at Scaleway");
  }

  @Test
  void anApiOutageStillWritesTheHostsMetricsWithUpZeroAndExitsOne() throws Exception {
    emulator.faults().serverError(100000);
    InProcess.Run r = metrics("--no-onevnet");
    assertEquals(1, r.rc(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("scw-flexip metrics: wrote " + prom + " without the cloud-wide metrics: Scaleway API:"),
        r.err());
    String text = Files.readString(prom);
    assertWellFormed(text);
    assertTrue(text.contains("\nscw_flexip_up 0\n"), text);
    assertFalse(text.contains("scw_flexip_ips{"), text);
    assertTrue(text.contains("scw_flexip_actions_total{action=\"register\"} 0"), text);
    assertFalse(text.contains("metrics-token"));
  }

  @Test
  void localOnlyCallsNoApi() throws Exception {
    InProcess.Run r = metrics("--local-only");
    assertEquals(0, r.rc(), r.toString());
    assertEquals(0, emulator.requests().total());
    String text = Files.readString(prom);
    assertWellFormed(text);
    assertFalse(text.contains("scw_flexip_up"), text);
    assertTrue(text.contains("scw_flexip_detach_pending 0"), text);
    assertEquals(2, metrics("--local-only", "--no-onevnet").rc());
  }

  @Test
  void aFollowerWritesNothing() throws Exception {
    StandInTools.tool(bin, "onezone", zone("fe-1", "2", "fe-2", "3"), 0);
    InProcess.Run r = metrics("--leader-only", "--no-onevnet");
    assertEquals(0, r.rc(), r.toString());
    assertEquals("INFO: metrics --leader-only: this frontend (fe-1) is not the Raft leader (fe-2 is); nothing written\n",
        r.err());
    assertFalse(Files.exists(prom));
    assertEquals(0, emulator.requests().total());
    StandInTools.tool(bin, "onezone", zone("fe-1", "3", "fe-2", "2"), 0);
    assertEquals(0, metrics("--leader-only", "--no-onevnet").rc());
    assertTrue(Files.exists(prom));
  }

  @Test
  void theTextfileReplacesASymlinkWithoutFollowingIt() throws Exception {
    Path elsewhere = dir.resolve("elsewhere");
    Files.writeString(elsewhere, "keep me");
    Files.createSymbolicLink(prom, elsewhere);
    assertEquals(0, metrics("--local-only").rc());
    assertFalse(Files.isSymbolicLink(prom));
    assertEquals("keep me", Files.readString(elsewhere));
    assertTrue(Files.readString(prom).contains("scw_flexip_metrics_timestamp_seconds"));
  }

  @Test
  void usageAndAMissingDirectory() throws Exception {
    assertEquals(2, InProcess.run(Map.of(), "--config", config.toString(), "metrics").rc());
    prom = dir.resolve("no-such-dir/x.prom");
    InProcess.Run r = metrics("--local-only");
    assertEquals(1, r.rc());
    assertTrue(r.err().contains("does not exist"), r.err());
  }

  @Test
  void labelValuesAndHelpAreEscaped() {
    Exposition e = new Exposition().family("x", "gauge", "a \\ b\nc").sample("x", 1.5, "l", "q\"\\\n");
    assertEquals("# HELP x a \\\\ b\\nc\n# TYPE x gauge\nx{l=\"q\\\"\\\\\\n\"} 1.500\n", e.text());
  }

  /** A kind the planner can report but metrics does not know would be missing from the file while absent. */
  @Test
  void everyKindThePlannerReportsIsListed() throws Exception {
    String planner = Files.readString(Path.of("java/main/dev/scwflexip/reconcile/Planner.java"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("new Action\\(\"([a-z_]+)\"").matcher(planner);
    Set<String> kinds = new HashSet<>();
    while (m.find()) {
      kinds.add(m.group(1));
    }
    assertTrue(kinds.size() >= 8, kinds.toString());
    assertTrue(dev.scwflexip.reconcile.Action.KINDS.containsAll(kinds), "Action.KINDS lacks some of " + kinds);
  }
}
