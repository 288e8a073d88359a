package dev.scwflexip.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The test-control endpoints under {@code /_emulator/}: no token, not counted, never faulted.
 * <pre>
 *   GET|POST|DELETE /_emulator/faults     see, arm (replacing all), clear {@link Faults}
 *   POST   /_emulator/seed                {"count","zone","project_id","tags","age_seconds","status","server_id"}
 *   GET    /_emulator/requests            {"by_route":{"METHOD route":n},"total":n}
 *   POST   /_emulator/reset               empties store, faults and counters
 *   DELETE /_emulator/servers/{id}        the server is gone: its IPs detach (as Elastic Metal does)
 * </pre>
 */
final class AdminHandler implements HttpHandler {
  static final String PREFIX = "/_emulator/";

  private final Emulator emulator;

  AdminHandler(Emulator emulator) {
    this.emulator = emulator;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String what = ex.getRequestURI().getPath().substring(PREFIX.length());
    try {
      JsonElement answer = dispatch(method, what, ex);
      HttpIo.sendJson(ex, 200, answer);
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
      JsonObject o = new JsonObject();
      o.addProperty("message", String.valueOf(e.getMessage()));
      HttpIo.sendJson(ex, 400, o);
    } catch (ApiError e) {
      HttpIo.sendJson(ex, e.status, e.body);
    }
  }

  private JsonElement dispatch(String method, String what, HttpExchange ex) throws IOException {
    String key = method + " " + what;
    if (key.equals("GET faults")) {
      return emulator.faults().remaining();
    }
    if (key.equals("POST faults")) {
      emulator.faults().configure(HttpIo.jsonObject(HttpIo.body(ex)));
      return emulator.faults().remaining();
    }
    if (key.equals("DELETE faults")) {
      emulator.faults().clear();
      return emulator.faults().remaining();
    }
    if (key.equals("POST seed")) {
      return count(emulator.store().seed(seed(HttpIo.jsonObject(HttpIo.body(ex)))));
    }
    if (key.equals("GET requests")) {
      return emulator.requests().toJson();
    }
    if (key.equals("POST reset")) {
      emulator.reset();
      return new JsonObject();
    }
    if (method.equals("DELETE") && what.startsWith("servers/")) {
      String serverId = what.substring("servers/".length());
      return count(emulator.store().serverDeleted(serverId));
    }
    throw ApiError.noRoute();
  }

  private static Seed seed(JsonObject o) {
    List<String> tags = new ArrayList<>();
    if (o.has("tags")) {
      o.getAsJsonArray("tags").forEach(t -> tags.add(t.getAsString()));
    }
    return new Seed(str(o, "zone"), o.has("count") ? o.get("count").getAsInt() : 1, str(o, "project_id"),
        tags, o.has("age_seconds") ? o.get("age_seconds").getAsLong() : 0, str(o, "status"),
        str(o, "server_id"));
  }

  private static String str(JsonObject o, String key) {
    return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
  }

  private static JsonObject count(int n) {
    JsonObject o = new JsonObject();
    o.addProperty("count", n);
    return o;
  }
}
