package dev.scwflexip.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int main(String... args) {
    return new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(args);
  }

  @Test
  void usageErrorsExit2WithOneLine() {
    String[][] bad = {
      {"emulator"},
      {"emulator", "--listen", "127.0.0.1"},
      {"emulator", "--listen", "127.0.0.1:99999"},
      {"emulator", "--listen", "127.0.0.1:0", "--transition-ms", "-5"},
      {"emulator", "--listen", "127.0.0.1:0", "--bogus"},
      {"emulator", "--listen", "0.0.0.0:0"},
      {"emulator", "--listen", "10.1.2.3:8080"},
      {"emulator", "--listen", "127.0.0.1:0", "extra"},
      {"emulator", "--listen", "127.0.0.1:0", "--token-file", "/nonexistent/token"},
    };
    for (String[] args : bad) {
      err.reset();
      assertEquals(ExitCode.USAGE, main(args), String.join(" ", args));
      String e = err.toString(StandardCharsets.UTF_8);
      assertTrue(e.startsWith("scw-flexip: "), e);
      assertEquals(1, e.strip().lines().count(), e);
    }
  }

  @Test
  void refusesNonLoopbackWithAClearMessage() {
    assertEquals(ExitCode.USAGE, main("emulator", "--listen", "0.0.0.0:0"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("not a loopback address"));
  }

  @Test
  void helpExits0() {
    assertEquals(ExitCode.OK, main("emulator", "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("--listen"));
    assertTrue(help.contains("--transition-ms"));
  }

  @Test
  void runsInTheForegroundAndAnnouncesItsRealPort() throws Exception {
    PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
    Invocation inv = new Invocation(new ByteArrayInputStream(new byte[0]), printed, printed, Map.of(), "/nonexistent");
    AtomicInteger status = new AtomicInteger(-1);
    Thread foreground = new Thread(() -> {
      try {
        status.set(new EmulatorCommand().run(inv, new String[] {"--listen", "127.0.0.1:0", "--transition-ms", "10"}));
      } catch (Exception e) {
        status.set(99);
      }
    });
    foreground.start();
    Pattern line = Pattern.compile("^scw-flexip emulator listening on (http://127\\.0\\.0\\.1:(\\d+))$", Pattern.MULTILINE);
    Matcher m = line.matcher("");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!m.reset(out.toString(StandardCharsets.UTF_8)).find() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(m.reset(out.toString(StandardCharsets.UTF_8)).find(), out.toString(StandardCharsets.UTF_8));
    assertFalse(m.group(2).equals("0"));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(m.group(1)
        + "/flexible-ip/v1alpha1/zones/fr-par-1/fips")).header("X-Auth-Token", "t").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    foreground.interrupt();
    foreground.join(5000);
    assertFalse(foreground.isAlive());
    assertEquals(0, status.get());
  }
}
