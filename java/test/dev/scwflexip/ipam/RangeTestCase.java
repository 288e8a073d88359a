package dev.scwflexip.ipam;

import dev.scwflexip.config.Config;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.RetryPolicy;
import dev.scwflexip.scaleway.ScalewayClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * register and unregister in-process against a fresh emulator with instant transitions, a
 * driver configured for it, and an admin client that plays the operator at Scaleway.
 */
abstract class RangeTestCase {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  static final String TOKEN = "safety-token-7e1f";
  static final String CLOUD = "safety";
  static final String SERVER = "aaaaaaaa-0000-4000-8000-00000000000a";

  @TempDir Path dir;
  Emulator emulator;
  ScalewayClient admin;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.start("127.0.0.1", 0, 0, TOKEN);
    Files.writeString(dir.resolve("token"), TOKEN);
    admin = new ScalewayClient(emulator.url(), "fr-par-1", TOKEN, Deadline.afterSeconds(60), RetryPolicy.standard(), 5000);
  }

  @AfterEach
  void stop() {
    admin.close();
    emulator.close();
  }

  /** The driver, with {@code extra} configuration keys (",\"key\":value…"). */
  RangeLifecycle driver(String extra) throws Exception {
    Path cfg = dir.resolve("config.json");
    Files.writeString(cfg, "{\"api_url\":\"" + emulator.url() + "\",\"project_id\":\"" + PROJECT + "\",\"token_file\":\""
        + dir.resolve("token") + "\",\"state_file\":\"" + dir.resolve("journal.json") + "\",\"cloud\":\"" + CLOUD
        + "\",\"action_deadline_seconds\":10" + extra + "}");
    return RangeLifecycle.forConfig(Config.load(cfg), new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  List<JournalEntry> journal() {
    return new Journal(dir.resolve("journal.json"), 5000).entries();
  }

  /** The IP as the API shows it now; null once it is gone. */
  FlexibleIp fip(String id) {
    try {
      return admin.get(id);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Requests so far on one route relative to /fips, e.g. ("DELETE", "/{fip_id}"). */
  long count(String method, String route) {
    return emulator.requests().count(method, "/flexible-ip/v1alpha1/zones/{zone}/fips" + route);
  }
}
