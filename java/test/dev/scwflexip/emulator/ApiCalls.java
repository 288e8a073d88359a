package dev.scwflexip.emulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK HTTP client for the emulator tests. */
final class ApiCalls {
  static final String TOKEN = "00000000-0000-4000-8000-00000000beef";
  static final String PROJECT = "105bdce1-64c0-48ab-899d-868455867ecf";
  static final String FIPS = "/flexible-ip/v1alpha1/zones/fr-par-1/fips";

  record Response(int status, String body, HttpHeaders headers) {
    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  ApiCalls(Emulator emulator) {
    this.base = emulator.url();
  }

  Response get(String path) throws IOException {
    return send("GET", path, null, TOKEN);
  }

  Response post(String path, String body) throws IOException {
    return send("POST", path, body, TOKEN);
  }

  Response patch(String path, String body) throws IOException {
    return send("PATCH", path, body, TOKEN);
  }

  Response delete(String path) throws IOException {
    return send("DELETE", path, null, TOKEN);
  }

  /** {@code token} null sends no X-Auth-Token header. */
  Response send(String method, String path, String body, String token) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("X-Auth-Token", token);
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Creates a ready IPv4 in fr-par-1 and returns its id. */
  String create(String tagsJson) throws IOException {
    Response r = post(FIPS, "{\"project_id\":\"" + PROJECT + "\",\"description\":\"\",\"tags\":" + tagsJson
        + ",\"is_ipv6\":false}");
    if (r.status() != 200) {
      throw new AssertionError("create: " + r.status() + " " + r.body());
    }
    return r.json().get("id").getAsString();
  }

  String status(String id) throws IOException {
    return get(FIPS + "/" + id).json().get("status").getAsString();
  }
}
