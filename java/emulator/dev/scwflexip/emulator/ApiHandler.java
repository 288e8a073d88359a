package dev.scwflexip.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Flexible IP API routes (docs/scaleway-api.md#calls). Per request, in this order: count it, apply armed
 * faults, check the token, route, check the zone, validate the input, call the store.
 *
 * <p>An unknown zone answers 400 invalid_arguments on {@code zone} (the SDKs treat the zone as
 * an argument; the real answer is unverified). The token value is never logged or echoed.
 */
final class ApiHandler implements HttpHandler {
  static final String PREFIX = "/flexible-ip/v1alpha1/zones/";

  private final FipStore store;
  private final Faults faults;
  private final RequestCounter requests;
  /** The only token accepted, or null for any non-blank one. */
  private final String token;

  ApiHandler(FipStore store, Faults faults, RequestCounter requests, String token) {
    this.store = store;
    this.faults = faults;
    this.requests = requests;
    this.token = token;
  }

  /** A parsed path: {@code rest} is what follows {@code /zones/{zone}/fips}. */
  private record Route(String zone, String template, List<String> rest) {
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    Route route = parse(path);
    requests.count(method + " " + (route == null ? path : route.template()));
    String zone = route != null && FipStore.ZONES.contains(route.zone()) ? route.zone() : "unknown";
    Headers h = ex.getResponseHeaders();
    h.set("Server", "Scaleway API Gateway (" + zone + ";emulator)");

    Faults.Decision fault = faults.next(method + " " + path);
    if (fault.delayMs() > 0 && !sleep(fault.delayMs())) {
      ex.close();
      return;
    }
    switch (fault.action()) {
      case DROP:
        // No headers were sent, so closing the exchange closes the socket: the client reads EOF.
        ex.close();
        return;
      case RATE_LIMIT:
        h.set("x-envoy-ratelimited", "true");
        if (fault.retryAfterSeconds() != null) {
          h.set("Retry-After", String.valueOf(fault.retryAfterSeconds()));
        }
        HttpIo.sendEmpty(ex, 429);
        return;
      default:
        break;
    }
    h.set("X-Request-Id", RandomIds.uuid());
    try {
      if (fault.action() == Faults.Action.SERVER_ERROR) {
        throw ApiError.internal();
      }
      String sent = ex.getRequestHeaders().getFirst("X-Auth-Token");
      if (sent == null || sent.isBlank() || token != null && !token.equals(sent)) {
        throw ApiError.unauthenticated();
      }
      if (route == null) {
        throw ApiError.noRoute();
      }
      faults.checkPermission(method);
      if (!FipStore.ZONES.contains(route.zone())) {
        throw ApiError.invalid("zone", "constraint",
            "zone must be one of fr-par-1, fr-par-2, nl-ams-1, nl-ams-2, pl-waw-2, pl-waw-3");
      }
      String answer = dispatch(method, route, ex);
      if (answer == null) {
        h.set("Content-Type", "application/json");
        HttpIo.sendEmpty(ex, 204);
      } else {
        HttpIo.sendJson(ex, 200, answer);
      }
    } catch (ApiError e) {
      HttpIo.sendJson(ex, e.status, e.body);
    } catch (RuntimeException e) {
      // an emulator bug: answer like the API's own internal errors rather than drop the connection
      HttpIo.sendJson(ex, 500, ApiError.internal().body);
    }
  }

  /** The answer body, or null for 204. */
  private String dispatch(String method, Route r, HttpExchange ex) throws IOException {
    String zone = r.zone();
    List<String> rest = r.rest();
    if (rest.isEmpty()) {
      if (method.equals("GET")) {
        FipStore.Page page = store.list(zone, ListFilter.parse(HttpIo.query(ex.getRequestURI().getRawQuery())));
        return FipJson.list(page.fips(), page.totalCount(), false);
      }
      requireMethod(method, "POST");
      return FipJson.fip(store.create(zone, newFip(body(ex))), true);
    }
    String first = rest.get(0);
    if (rest.size() == 1 && (first.equals("attach") || first.equals("detach"))) {
      requireMethod(method, "POST");
      JsonObject b = body(ex);
      List<String> ids = uuidList(b, "fips_ids");
      List<FipView> fips = first.equals("attach")
          ? store.attach(zone, ids, Uuids.require("server_id", string(b, "server_id")))
          : store.detach(zone, ids);
      return FipJson.list(fips, fips.size(), true);
    }
    String id = Uuids.require("fip_id", first);
    if (rest.size() == 1) {
      switch (method) {
        case "GET":
          return FipJson.fip(store.get(zone, id), false);
        case "PATCH":
          JsonObject b = body(ex);
          String description = string(b, "description");
          checkDescription(description);
          return FipJson.fip(store.update(zone, id, description, stringList(b, "tags"), string(b, "reverse")), true);
        case "DELETE":
          store.delete(zone, id);
          return null;
        default:
          throw ApiError.methodNotAllowed();
      }
    }
    if (rest.size() == 2) {
      if (method.equals("DELETE")) {
        store.deleteMac(zone, id);
        return null;
      }
      requireMethod(method, "POST");
      String macType = string(body(ex), "mac_type");
      if (macType == null || !FipStore.MAC_TYPES.contains(macType)) {
        throw ApiError.invalid("mac_type", macType == null ? "required" : "constraint", "must be kvm, xen or vmware");
      }
      return FipJson.fip(store.generateMac(zone, id, macType), true);
    }
    requireMethod(method, "POST");
    JsonObject b = body(ex);
    if (rest.get(2).equals("duplicate")) {
      String source = Uuids.require("duplicate_from_fip_id", string(b, "duplicate_from_fip_id"));
      return FipJson.fip(store.duplicateMac(zone, id, source), true);
    }
    String destination = Uuids.require("dst_fip_id", string(b, "dst_fip_id"));
    return FipJson.fip(store.moveMac(zone, id, destination), true);
  }

  /** Recognises the 11 routes' shapes; null for any other path. */
  private static Route parse(String path) {
    if (!path.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    if (parts.length < 2 || !parts[1].equals("fips")) {
      return null;
    }
    List<String> rest = new ArrayList<>(List.of(parts).subList(2, parts.length));
    String base = PREFIX + "{zone}/fips";
    String template;
    if (rest.isEmpty()) {
      template = base;
    } else if (rest.size() == 1 && (rest.get(0).equals("attach") || rest.get(0).equals("detach"))) {
      template = base + "/" + rest.get(0);
    } else if (rest.size() == 1) {
      template = base + "/{fip_id}";
    } else if (rest.size() == 2 && rest.get(1).equals("mac")) {
      template = base + "/{fip_id}/mac";
    } else if (rest.size() == 3 && rest.get(1).equals("mac")
        && (rest.get(2).equals("duplicate") || rest.get(2).equals("move"))) {
      template = base + "/{fip_id}/mac/" + rest.get(2);
    } else {
      return null;
    }
    if (rest.contains("")) {
      return null;
    }
    return new Route(parts[0], template, rest);
  }

  private static NewFip newFip(JsonObject b) {
    String projectId = string(b, "project_id");
    if (projectId == null || projectId.isEmpty()) {
      throw ApiError.invalid("project_id", "required", "project_id is required");
    }
    Uuids.require("project_id", projectId);
    String description = string(b, "description");
    checkDescription(description);
    String serverId = string(b, "server_id");
    if (serverId != null) {
      Uuids.require("server_id", serverId);
    }
    List<String> tags = stringList(b, "tags");
    JsonElement ipv6 = b.get("is_ipv6");
    boolean isIpv6;
    try {
      isIpv6 = ipv6 != null && !ipv6.isJsonNull() && ipv6.getAsBoolean();
    } catch (RuntimeException e) {
      throw ApiError.invalid("is_ipv6", "format", "must be a boolean");
    }
    return new NewFip(projectId, description == null ? "" : description, tags == null ? List.of() : tags,
        serverId, string(b, "reverse"), isIpv6);
  }

  private static void checkDescription(String description) {
    if (description != null && description.length() > 255) {
      throw ApiError.invalid("description", "constraint", "must be at most 255 characters");
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw ApiError.methodNotAllowed();
    }
  }

  private static JsonObject body(HttpExchange ex) throws IOException {
    return HttpIo.jsonObject(HttpIo.body(ex));
  }

  /** A string field; null when absent or JSON null. */
  private static String string(JsonObject b, String key) {
    JsonElement e = b.get(key);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw ApiError.invalid(key, "format", "must be a string");
    }
    return e.getAsString();
  }

  /** A list of strings; null when absent or JSON null (Go sends null for no tags). */
  private static List<String> stringList(JsonObject b, String key) {
    JsonElement e = b.get(key);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonArray()) {
      throw ApiError.invalid(key, "format", "must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonElement item : (JsonArray) e) {
      if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
        throw ApiError.invalid(key, "format", "must be an array of strings");
      }
      out.add(item.getAsString());
    }
    return out;
  }

  private static List<String> uuidList(JsonObject b, String key) {
    List<String> ids = stringList(b, key);
    if (ids == null || ids.isEmpty()) {
      throw ApiError.invalid(key, "required", key + " must list at least one flexible IP");
    }
    for (String id : ids) {
      Uuids.require(key, id);
    }
    return ids;
  }

  private static boolean sleep(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
