package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.cli.Main;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.stats.ActionCounters;
import dev.scwflexip.testsupport.OnedTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** register and unregister are counted beside the journal; the fast actions never touch the counters. */
class IpamCountersTest {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  @TempDir Path dir;
  Emulator emulator;
  Path config;
  Path state;
  String stdout;

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start("127.0.0.1", 0, 0);
    state = dir.resolve("state");
    Files.writeString(dir.resolve("token"), "counters-token");
    config = dir.resolve("config.json");
    Files.writeString(config, "{\"api_url\":\"" + emulator.url() + "\",\"project_id\":\"" + PROJECT
        + "\",\"token_file\":\"" + dir.resolve("token") + "\",\"state_file\":\"" + state.resolve("journal.json")
        + "\",\"cloud\":\"counted\",\"action_deadline_seconds\":5}");
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  int ipam(String action, Map<String, String> ar, String address) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc = new Main(new ByteArrayInputStream(IpamProcessIT.message(ar, address)), new PrintStream(out, true),
        new PrintStream(new ByteArrayOutputStream(), true), Map.of()).run("--config", config.toString(), "ipam",
        action, "1");
    stdout = out.toString(StandardCharsets.UTF_8);
    return rc;
  }

  @Test
  void registerAndUnregisterAreCountedWithTheirFailures() throws Exception {
    Map<String, String> in = Map.of("IPAM_MAD", "scw-flexip", "SIZE", "1", "TYPE", "IP4");
    assertEquals(0, ipam("register_address_range", in, IpamProcessIT.EMPTY));
    Map<String, String> ar = OnedTemplate.vector(stdout, "AR");
    emulator.faults().permissions("none");
    assertEquals(1, ipam("register_address_range", in, IpamProcessIT.EMPTY));
    emulator.faults().clear();
    assertEquals(0, ipam("unregister_address_range", ar, IpamProcessIT.EMPTY));
    Map<String, ActionCounters.Count> counts = ActionCounters.read(state);
    assertEquals(new ActionCounters.Count(2, 1), counts.get("register"));
    assertEquals(new ActionCounters.Count(1, 0), counts.get("unregister"));
  }

  @Test
  void getAllocateAndFreeNeverTouchTheCounters() throws Exception {
    Map<String, String> ar = Map.of("AR_ID", "0", "IP", "51.15.0.10", "IPAM_MAD", "scw-flexip", "SIZE", "1",
        "TYPE", "IP4");
    Files.createDirectories(state);
    assertEquals(0, ipam("get_address", ar, "<ADDRESS><SIZE>1</SIZE></ADDRESS>"));
    assertEquals(0, ipam("allocate_address", ar, "<ADDRESS><IP>51.15.0.10</IP><SIZE>1</SIZE></ADDRESS>"));
    assertEquals(0, ipam("free_address", ar, "<ADDRESS><IP>51.15.0.10</IP><SIZE>1</SIZE></ADDRESS>"));
    try (var files = Files.list(state)) {
      assertTrue(files.findAny().isEmpty(), "a fast action wrote beside the journal");
    }
    assertFalse(Files.exists(state.resolve(ActionCounters.FILE)));
  }
}
