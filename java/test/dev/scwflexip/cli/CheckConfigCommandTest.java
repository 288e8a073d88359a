package dev.scwflexip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {
  private static final String VALID = "{\"project_id\": \"11111111-2222-4333-8444-555555555555\","
      + " \"token_file\": \"/var/lib/one/.scw-flexip.token\", \"dns\": [\"1.1.1.1\"]}";

  @TempDir
  Path dir;

  record Run(int status, String out, String err) {
  }

  static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env).run(args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path config(String json) throws IOException {
    return Files.writeString(dir.resolve("scw-flexip.json"), json);
  }

  @Test
  void aValidConfigIsOk() throws IOException {
    Path file = config(VALID);
    Run r = run(Map.of(), "--config", file.toString(), "check-config");
    assertEquals(0, r.status(), r.err());
    assertEquals("config " + file + ": ok\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void aStringWhereAListBelongsFailsInOneLine() throws IOException {
    Path file = config(VALID.replace("[\"1.1.1.1\"]", "\"1.1.1.1\""));
    Run r = run(Map.of(), "--config", file.toString(), "check-config");
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertEquals("scw-flexip: config " + file + ": 'dns' must be a list of strings\n", r.err());
  }

  @Test
  void unreadableOrBrokenFilesFail() throws IOException {
    Run missing = run(Map.of(), "--config", dir.resolve("absent.json").toString(), "check-config");
    assertEquals(1, missing.status());
    assertTrue(missing.err().endsWith(": file not found\n"), missing.err());
    Run broken = run(Map.of(), "--config", config("{\"zone\": ").toString(), "check-config");
    assertEquals(1, broken.status());
    assertEquals(1, broken.err().lines().count(), broken.err());
  }

  @Test
  void withoutConfigItChecksTheEnvironmentsFile() throws IOException {
    Path file = config(VALID);
    Run r = run(Map.of("SCW_FLEXIP_CONFIG", file.toString()), "check-config");
    assertEquals(0, r.status(), r.err());
    assertEquals("config " + file + ": ok\n", r.out());
  }

  @Test
  void isListedInTheHelpAndTakesNoArgument() {
    Run help = run(Map.of(), "--help");
    assertTrue(help.out().contains("\n  check-config  validate the configuration file"), help.out());
    assertEquals(0, run(Map.of(), "check-config", "--help").status());
    assertEquals(2, run(Map.of(), "check-config", "extra").status());
  }
}
