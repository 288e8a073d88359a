package dev.scwflexip.scaleway;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Scaleway error answer (docs/scaleway-api.md#errors: {@code type}, {@code message} and type-specific
 * fields) into one short readable line such as
 * {@code HTTP 403 permissions_denied: insufficient permissions (read flexible-ip)}.
 */
public final class ErrorMapper {
  static final String PREFIX = "Scaleway API: ";
  private static final int MAX_DETAIL = 300;

  /** The envelope's {@code type} (or null) and the one-line description. */
  public record Parsed(String type, String detail) {}

  private ErrorMapper() {}

  public static ApiException toException(String op, int status, String reason, String body) {
    Parsed p = parse(status, reason, body);
    return new ApiException(PREFIX + op + ": " + p.detail(), status, p.type());
  }

  public static Parsed parse(int status, String reason, String body) {
    JsonObject o = object(body);
    StringBuilder sb = new StringBuilder("HTTP ").append(status);
    String type = o == null ? null : str(o, "type");
    String message = o == null ? null : str(o, "message");
    if (type != null) {
      sb.append(' ').append(type);
    }
    if (message != null) {
      sb.append(": ").append(message);
    } else if (type == null && reason != null && !reason.isBlank()) {
      sb.append(' ').append(reason);
    }
    String extra = o == null ? null : extra(type, o);
    if (extra != null && !extra.isEmpty()) {
      sb.append(" (").append(extra).append(')');
    }
    return new Parsed(type, oneLine(sb.toString()));
  }

  private static String extra(String type, JsonObject o) {
    if (type == null) {
      return str(o, "help_message");
    }
    switch (type) {
      case "permissions_denied":
        return joinDetails(o, d -> join(" ", str(d, "action"), str(d, "resource")));
      case "not_found":
      case "locked":
        return join(" ", str(o, "resource"), str(o, "resource_id"));
      case "transient_state":
        String state = str(o, "current_state");
        return join(" ", str(o, "resource"), str(o, "resource_id"), state == null ? null : "is " + state);
      case "invalid_arguments":
        return joinDetails(o, d -> join(": ", str(d, "argument_name"), str(d, "reason"), str(d, "help_message")));
      case "quotas_exceeded":
        return joinDetails(o, d -> join(" ", str(d, "resource"),
            str(d, "current") == null ? null : str(d, "current") + " of " + str(d, "quota") + " used"));
      case "denied_authentication":
        return join(" ", join(": ", str(o, "method"), str(o, "reason")), "- check the token file");
      case "precondition_failed":
        return join(": ", str(o, "precondition"), str(o, "help_message"));
      default:
        return str(o, "help_message");
    }
  }

  private interface DetailFormat {
    String format(JsonObject detail);
  }

  private static String joinDetails(JsonObject o, DetailFormat f) {
    JsonElement e = o.get("details");
    if (e == null || !e.isJsonArray()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonElement d : (JsonArray) e) {
      if (d.isJsonObject()) {
        String s = f.format(d.getAsJsonObject());
        if (s != null && !s.isEmpty()) {
          parts.add(s);
        }
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static String join(String sep, String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p != null && !p.isEmpty()) {
        if (sb.length() > 0) {
          sb.append(sep);
        }
        sb.append(p);
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonElement e = JsonParser.parseString(body);
      return e.isJsonObject() ? e.getAsJsonObject() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    return e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  /** Control characters become spaces, runs of blanks one space; long text is cut. */
  static String oneLine(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean blank = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean isBlank = c <= ' ' || Character.isISOControl(c);
      if (isBlank) {
        if (!blank && sb.length() > 0) {
          sb.append(' ');
        }
      } else {
        sb.append(c);
      }
      blank = isBlank;
    }
    String out = sb.toString().strip();
    return out.length() <= MAX_DETAIL ? out : out.substring(0, MAX_DETAIL - 3) + "...";
  }
}
