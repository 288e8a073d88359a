package dev.scwflexip.testsupport;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled emulator run from the built JAR as its own process, as the end-to-end tests and
 * operators use it, plus a small HTTP client to look at its state.
 */
public final class EmulatorProcess implements AutoCloseable {
  public static final String ZONE = "fr-par-1";
  /**
   * The only token the emulator accepts: drivers under test must read it from their token file
   * and send it, or every call they make fails with 401.
   */
  public static final String TOKEN = "e2e-secret-token-4b1d";
  private final Process process;
  public final String url;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private EmulatorProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  public static EmulatorProcess start(long transitionMs) throws IOException {
    java.nio.file.Path tokenFile = java.nio.file.Files.createTempFile("emulator-token", "");
    java.nio.file.Files.writeString(tokenFile, TOKEN);
    tokenFile.toFile().deleteOnExit();
    Process p = new ProcessBuilder("java", "-jar", DriverJar.path().toString(), "emulator", "--listen", "127.0.0.1:0",
        "--transition-ms", Long.toString(transitionMs), "--token-file", tokenFile.toString())
        .redirectErrorStream(true).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    Matcher m = line == null ? null : Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)").matcher(line);
    if (m == null || !m.find()) {
      p.destroyForcibly();
      throw new IOException("emulator did not announce its address: " + line);
    }
    Thread drain = new Thread(() -> {
      try {
        while (r.readLine() != null) {
          // keep the pipe from filling up
        }
      } catch (IOException e) {
        // process ended
      }
    });
    drain.setDaemon(true);
    drain.start();
    return new EmulatorProcess(p, m.group(1));
  }

  public HttpResponse<String> call(String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(20))
        .header("X-Auth-Token", TOKEN).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> api(String method, String path, String body) {
    return call(method, "/flexible-ip/v1alpha1/zones/" + ZONE + path, body);
  }

  /** Every Flexible IP in the zone, all pages. */
  public List<JsonObject> fips() {
    List<JsonObject> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonObject o = JsonParser.parseString(api("GET", "/fips?page_size=100&page=" + page, null).body()).getAsJsonObject();
      JsonArray a = o.getAsJsonArray("flexible_ips");
      for (JsonElement e : a) {
        out.add(e.getAsJsonObject());
      }
      if (a.size() == 0 || out.size() >= o.get("total_count").getAsInt()) {
        return out;
      }
    }
  }

  public JsonObject fip(String id) {
    HttpResponse<String> r = api("GET", "/fips/" + id, null);
    return r.statusCode() == 200 ? JsonParser.parseString(r.body()).getAsJsonObject() : null;
  }

  /** The request counters, as text: equal before and after means no API call was made. */
  public String requestCounters() {
    return call("GET", "/_emulator/requests", null).body();
  }

  public void faults(String json) {
    HttpResponse<String> r = call("POST", "/_emulator/faults", json);
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("emulator refused faults " + json + ": " + r.statusCode() + " " + r.body());
    }
  }

  public void clearFaults() {
    call("DELETE", "/_emulator/faults", null);
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
