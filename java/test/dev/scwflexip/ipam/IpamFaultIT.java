package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.testsupport.DriverJar.Result;
import dev.scwflexip.testsupport.DriverJar;
import dev.scwflexip.testsupport.EmulatorProcess;
import dev.scwflexip.testsupport.OnedTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * register and unregister with the API misbehaving (429 bursts, 5xx, slow answers, dropped
 * connections, and an API that stays down): each run either succeeds within its deadline or
 * fails with one line, and every Flexible IP tagged as this cloud's is accounted for — either
 * in a range oned received or in the journal for reconcile — so none is ever leaked untracked.
 */
class IpamFaultIT {
  static final int DEADLINE_SECONDS = 12;
  static EmulatorProcess emulator;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    emulator = EmulatorProcess.start(200);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  Path config(String cloud) throws Exception {
    Files.writeString(dir.resolve("token"), EmulatorProcess.TOKEN + "\n");
    Path c = dir.resolve(cloud + ".json");
    Files.writeString(c, "{\"api_url\":\"" + emulator.url + "\",\"project_id\":\"" + IpamProcessIT.PROJECT
        + "\",\"token_file\":\"" + dir.resolve("token") + "\",\"state_file\":\"" + dir.resolve(cloud + "-journal.json")
        + "\",\"cloud\":\"" + cloud + "\",\"action_deadline_seconds\":" + DEADLINE_SECONDS + "}");
    return c;
  }

  static final Map<String, String> NEW_RANGE = Map.of("IPAM_MAD", "scw-flexip", "SIZE", "1", "TYPE", "IP4");

  /** Runs one action, timing it; asserts success or a one-line failure within the budget. */
  static Result timed(Path cfg, String action, Map<String, String> ar) throws Exception {
    long start = System.nanoTime();
    Result r = DriverJar.run(cfg, IpamProcessIT.message(ar, IpamProcessIT.EMPTY), "ipam", action, "1");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    // the action's deadline, plus the rollback's own budget, plus JVM start-up: still far below oned's 90 s
    assertTrue(seconds <= DEADLINE_SECONDS + RangeLifecycle.ROLLBACK_MILLIS / 1000 + 10, action + " took " + seconds + " s");
    if (r.exit != 0) {
      assertEquals(1, r.errorLines().size(), r.toString());
    }
    return r;
  }

  /** Runs one action with the emulator misbehaving as {@code faults} says, then heals it. */
  static Result underFaults(String faults, Path cfg, String action, Map<String, String> ar) throws Exception {
    emulator.faults(faults);
    try {
      return timed(cfg, action, ar);
    } finally {
      emulator.clearFaults();
    }
  }

  /** Every IP tagged as the cloud's is either a range oned holds or journaled for reconcile. */
  void assertNothingUntracked(String cloud, Set<String> rangesHeldByOned) throws Exception {
    Set<String> journaled = new HashSet<>();
    Set<String> journaledEntries = new HashSet<>();
    Path j = dir.resolve(cloud + "-journal.json");
    if (Files.exists(j)) {
      for (JsonElement e : JsonParser.parseString(Files.readString(j)).getAsJsonObject().getAsJsonArray("entries")) {
        JsonObject o = e.getAsJsonObject();
        journaledEntries.add(o.get("id").getAsString());
        if (o.has("fipId") && !o.get("fipId").isJsonNull()) {
          journaled.add(o.get("fipId").getAsString());
        }
      }
    }
    for (JsonObject fip : emulator.fips()) {
      List<String> tags = IpamProcessIT.tags(fip);
      if (!tags.contains("scw-flexip:cloud=" + cloud)) {
        continue;
      }
      String id = fip.get("id").getAsString();
      String entry = tags.stream().filter(t -> t.startsWith("scw-flexip:entry=")).map(t -> t.substring(17)).findFirst().orElse("");
      assertTrue(rangesHeldByOned.contains(id) || journaled.contains(id) || journaledEntries.contains(entry),
          "Flexible IP " + id + " is neither in a range nor in the journal");
    }
  }

  /**
   * Two register/unregister rounds under the faults. The faults are ones a client must ride out,
   * so every action has to succeed: a retry test that passed on a failed register would prove
   * nothing.
   */
  void scenario(String cloud, String faults) throws Exception {
    Path cfg = config(cloud);
    Set<String> held = new HashSet<>();
    for (int i = 0; i < 2; i++) {
      Result reg = underFaults(faults, cfg, "register_address_range", NEW_RANGE);
      assertEquals(0, reg.exit, "register under " + faults + " must succeed: " + reg);
      Map<String, String> ar = reg.exit == 0 ? OnedTemplate.vector(reg.stdout, "AR") : null;
      if (ar != null) {
        held.add(ar.get("SCW_FLEXIP_ID"));
      }
      assertNothingUntracked(cloud, held);
      if (ar != null) {
        Result unreg = underFaults(faults, cfg, "unregister_address_range", new LinkedHashMap<>(ar));
        assertEquals(0, unreg.exit, "unregister under " + faults + " must succeed: " + unreg);
        held.remove(ar.get("SCW_FLEXIP_ID"));
        assertEquals(null, emulator.fip(ar.get("SCW_FLEXIP_ID")), "unregister succeeded but the IP is still there");
        assertNothingUntracked(cloud, held);
      }
    }
  }

  @Test
  void rateLimitBurstsAreRetried() throws Exception {
    scenario("fault-429", "{\"rate_limit\":3}");
  }

  @Test
  void rateLimitWithRetryAfterIsHonoured() throws Exception {
    scenario("fault-429ra", "{\"rate_limit\":2,\"retry_after\":1}");
  }

  @Test
  void serverErrorsAreRetried() throws Exception {
    scenario("fault-5xx", "{\"server_error\":3}");
  }

  @Test
  void slowAnswersStayWithinTheDeadline() throws Exception {
    scenario("fault-slow", "{\"slow\":2,\"slow_ms\":3000}");
  }

  @Test
  void droppedConnectionsOnCreateDoNotDuplicateTheIp() throws Exception {
    scenario("fault-drop", "{\"drop\":1,\"fail_paths\":\"POST /flexible-ip/v1alpha1/zones/fr-par-1/fips\"}");
    scenario("fault-drop-any", "{\"drop\":2}");
  }

  @Test
  void anApiThatStaysDownFailsWithOneLineAndLeaksNothing() throws Exception {
    Path cfg = config("fault-down");
    Result reg = underFaults("{\"server_error\":100000}", cfg, "register_address_range", NEW_RANGE);
    assertTrue(reg.exit != 0, reg.toString());
    assertTrue(reg.stderr.contains("HTTP 500") || reg.stderr.contains("gave up"), reg.stderr);
    assertNothingUntracked("fault-down", Set.of());
  }

  @Test
  void aFailureAfterTheCreateDeletesTheNewIpAgain() throws Exception {
    Path cfg = config("fault-mac");
    // the create goes through, the virtual MAC cannot be made: the new IP must not stay behind
    Result reg = underFaults("{\"server_error\":100000,\"fail_paths\":\"/mac\"}", cfg, "register_address_range",
        NEW_RANGE);
    assertTrue(reg.exit != 0, reg.toString());
    assertTrue(reg.stderr.contains("deleted again"), reg.stderr);
    for (JsonObject fip : emulator.fips()) {
      assertTrue(!IpamProcessIT.tags(fip).contains("scw-flexip:cloud=fault-mac"), "the half-made IP was left behind");
    }
    assertEquals("{\"version\":1,\"entries\":[]}",
        JsonParser.parseString(Files.readString(dir.resolve("fault-mac-journal.json"))).toString());
  }
}
