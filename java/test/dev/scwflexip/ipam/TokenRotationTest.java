package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.testsupport.OnedTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rotated token (the token file rewritten, the old key revoked at Scaleway) is used by the very
 * next action, with no restart of anything: the same configuration object and the same driver
 * object run before and after. Each emulator accepts only one token, so the old one would get 401.
 */
class TokenRotationTest {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  static final String OLD = "old-token-before-rotation-1a2b";
  static final String NEW = "new-token-after-rotation-3c4d";
  @TempDir Path dir;

  @Test
  void theNextActionReadsTheRewrittenTokenFile() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, OLD + "\n");
    Emulator before = Emulator.start("127.0.0.1", 0, 0, OLD);
    int port = before.port();
    Path cfg = dir.resolve("config.json");
    Files.writeString(cfg, "{\"api_url\":\"" + before.url() + "\",\"project_id\":\"" + PROJECT + "\",\"token_file\":\""
        + token + "\",\"state_file\":\"" + dir.resolve("journal.json") + "\",\"action_deadline_seconds\":5}");
    Config config = Config.load(cfg);
    RangeLifecycle driver = RangeLifecycle.forConfig(config, new PrintStream(new ByteArrayOutputStream(), true));
    Map<String, String> in = Map.of("IPAM_MAD", "scw-flexip", "SIZE", "1", "TYPE", "IP4");
    try {
      assertEquals("51.15.0.1", OnedTemplate.vector(driver.register(msg(in)), "AR").get("IP"));
    } finally {
      before.close();
    }

    // the operator rotates the key: a new file content, the old key no longer accepted
    Files.writeString(token, NEW + "\n");
    try (Emulator after = Emulator.start("127.0.0.1", port, 0, NEW)) {
      assertEquals("51.15.0.1", OnedTemplate.vector(driver.register(msg(in)), "AR").get("IP"));
      // and the old token really is refused there: the success above used the new one
      Files.writeString(token, OLD + "\n");
      String refused = assertThrows(DriverException.class, () -> driver.register(msg(in))).getMessage();
      assertTrue(refused.startsWith("Scaleway API: POST /fips: HTTP 401 denied_authentication"), refused);
      assertTrue(!refused.contains(OLD) && !refused.contains(NEW), refused);
    }
  }

  static IpamMessage msg(Map<String, String> ar) {
    return IpamMessage.decode(IpamProcessIT.message(ar, IpamProcessIT.EMPTY));
  }
}
