package dev.scwflexip.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading requests and writing JSON answers on a {@link HttpExchange}. */
final class HttpIo {
  private HttpIo() {
  }

  static String body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A JSON object body; anything else is 400 invalid_arguments. */
  static JsonObject jsonObject(String body) {
    JsonElement e;
    try {
      e = JsonParser.parseString(body.isBlank() ? "{}" : body);
    } catch (JsonParseException | IllegalStateException ex) {
      throw ApiError.invalid("body", "format", "the request body is not valid JSON");
    }
    if (!e.isJsonObject()) {
      throw ApiError.invalid("body", "format", "the request body must be a JSON object");
    }
    return e.getAsJsonObject();
  }

  /** Repeated keys collect in order: {@code tags=a&tags=b}. */
  static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  static void sendJson(HttpExchange ex, int status, JsonElement body) throws IOException {
    sendJson(ex, status, FipJson.GSON.toJson(body));
  }

  static void sendJson(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** 204, and the bare 429 of the gateway: no body at all. */
  static void sendEmpty(HttpExchange ex, int status) throws IOException {
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }
}
