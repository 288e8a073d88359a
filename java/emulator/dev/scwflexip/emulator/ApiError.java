package dev.scwflexip.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * An API answer other than success: an HTTP status and the Scaleway error body (docs/scaleway-api.md#errors). Keys
 * are added in alphabetical order, as the 2025+ recordings show them.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final transient JsonObject body;

  private ApiError(int status, JsonObject body) {
    super(status + " " + body, null, false, false);
    this.status = status;
    this.body = body;
  }

  static ApiError unauthenticated() {
    JsonObject o = new JsonObject();
    o.addProperty("message", "authentication is denied");
    o.addProperty("method", "api_key");
    o.addProperty("reason", "invalid_argument");
    o.addProperty("type", "denied_authentication");
    return new ApiError(401, o);
  }

  /** What a deleted IP answers: the real API never says 404 for one (docs/scaleway-api.md#errors). */
  static ApiError permissionsDenied(String action) {
    JsonObject detail = new JsonObject();
    detail.addProperty("action", action);
    detail.addProperty("resource", "flexible-ip");
    JsonArray details = new JsonArray();
    details.add(detail);
    JsonObject o = new JsonObject();
    o.add("details", details);
    o.addProperty("message", "insufficient permissions");
    o.addProperty("type", "permissions_denied");
    return new ApiError(403, o);
  }

  static ApiError notFound(String id) {
    JsonObject o = new JsonObject();
    o.addProperty("message", "resource is not found");
    o.addProperty("resource", "flexible_ips");
    o.addProperty("resource_id", id);
    o.addProperty("type", "not_found");
    return new ApiError(404, o);
  }

  /** A path no route answers. */
  static ApiError noRoute() {
    JsonObject o = new JsonObject();
    o.addProperty("message", "resource is not found");
    o.addProperty("type", "not_found");
    return new ApiError(404, o);
  }

  static ApiError methodNotAllowed() {
    JsonObject o = new JsonObject();
    o.addProperty("message", "method not allowed");
    return new ApiError(405, o);
  }

  static ApiError transientState(String id, String currentState) {
    JsonObject o = new JsonObject();
    o.addProperty("current_state", currentState);
    o.addProperty("message", "resource is in a transient state");
    o.addProperty("resource", "flexible_ip");
    o.addProperty("resource_id", id);
    o.addProperty("type", "transient_state");
    return new ApiError(409, o);
  }

  /** reason is one of unknown, required, format, constraint. */
  static ApiError invalid(String argument, String reason, String help) {
    JsonObject detail = new JsonObject();
    detail.addProperty("argument_name", argument);
    detail.addProperty("help_message", help);
    detail.addProperty("reason", reason);
    JsonArray details = new JsonArray();
    details.add(detail);
    JsonObject o = new JsonObject();
    o.add("details", details);
    o.addProperty("message", "invalid argument(s)");
    o.addProperty("type", "invalid_arguments");
    return new ApiError(400, o);
  }

  static ApiError internal() {
    JsonObject o = new JsonObject();
    o.addProperty("message", "internal error");
    return new ApiError(500, o);
  }
}
