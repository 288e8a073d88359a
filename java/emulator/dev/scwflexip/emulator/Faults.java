package dev.scwflexip.emulator;

import com.google.gson.JsonObject;

/**
 * Failures armed by tests at run time. Each counter covers the next N API requests (only those
 * whose {@code "METHOD /path"} contains {@code failPaths}, when set). One request can be both
 * slowed and failed; of the failures, drop wins over rate limit, which wins over server error.
 */
public final class Faults {
  /** What to do with one request. */
  public enum Action { ANSWER, DROP, RATE_LIMIT, SERVER_ERROR }

  /** {@code retryAfterSeconds} is null when no Retry-After header is to be sent. */
  public record Decision(long delayMs, Action action, Integer retryAfterSeconds) {
  }

  private int rateLimit;
  private Integer retryAfter;
  private int serverError;
  private int slow;
  private long slowMs;
  private int drop;
  private String failPaths;
  /** What the token may do: "all" (default), "read_only" (GET only), "none". Not a counter. */
  private String permissions = "all";

  /** The next {@code n} requests answer a bare 429, with Retry-After only if the seconds are given. */
  public synchronized Faults rateLimit(int n, Integer retryAfterSeconds) {
    rateLimit = n;
    retryAfter = retryAfterSeconds;
    return this;
  }

  public synchronized Faults serverError(int n) {
    serverError = n;
    return this;
  }

  public synchronized Faults slow(int n, long ms) {
    slow = n;
    slowMs = ms;
    return this;
  }

  /** The next {@code n} requests get their connection closed without any answer. */
  public synchronized Faults drop(int n) {
    drop = n;
    return this;
  }

  /** Restricts faults to requests whose "METHOD /path" contains this; null for all. */
  public synchronized Faults onlyFor(String methodAndPathPart) {
    failPaths = methodAndPathPart;
    return this;
  }

  /**
   * Makes the token lack rights until cleared: "read_only" answers every write with 403
   * permissions_denied, "none" every request, as the real API does for a token without the
   * Flexible IP permission set (the same answer a deleted IP gets).
   */
  public synchronized Faults permissions(String what) {
    if (!what.equals("all") && !what.equals("read_only") && !what.equals("none")) {
      throw new IllegalArgumentException("permissions must be all, read_only or none");
    }
    permissions = what;
    return this;
  }

  synchronized void checkPermission(String method) {
    if (permissions.equals("none") || permissions.equals("read_only") && !method.equals("GET")) {
      throw ApiError.permissionsDenied(method.equals("GET") ? "read" : "write");
    }
  }

  public synchronized void clear() {
    rateLimit = 0;
    retryAfter = null;
    serverError = 0;
    slow = 0;
    slowMs = 0;
    drop = 0;
    failPaths = null;
    permissions = "all";
  }

  /** Replaces every setting by those of a JSON object; absent keys are off. */
  public synchronized void configure(JsonObject o) {
    clear();
    rateLimit = intOf(o, "rate_limit");
    serverError = intOf(o, "server_error");
    slow = intOf(o, "slow");
    slowMs = intOf(o, "slow_ms");
    drop = intOf(o, "drop");
    retryAfter = o.has("retry_after") && !o.get("retry_after").isJsonNull() ? intOf(o, "retry_after") : null;
    failPaths = o.has("fail_paths") && !o.get("fail_paths").isJsonNull() ? o.get("fail_paths").getAsString() : null;
    if (o.has("permissions") && !o.get("permissions").isJsonNull()) {
      permissions(o.get("permissions").getAsString());
    }
    if (slow > 0 && slowMs <= 0) {
      throw new IllegalArgumentException("slow needs slow_ms");
    }
  }

  public synchronized JsonObject remaining() {
    JsonObject o = new JsonObject();
    o.addProperty("drop", drop);
    o.addProperty("permissions", permissions);
    if (failPaths != null) {
      o.addProperty("fail_paths", failPaths);
    }
    o.addProperty("rate_limit", rateLimit);
    if (retryAfter != null) {
      o.addProperty("retry_after", retryAfter);
    }
    o.addProperty("server_error", serverError);
    o.addProperty("slow", slow);
    o.addProperty("slow_ms", slowMs);
    return o;
  }

  /** Takes this request's share of the armed faults. */
  synchronized Decision next(String methodAndPath) {
    if (failPaths != null && !methodAndPath.contains(failPaths)) {
      return new Decision(0, Action.ANSWER, null);
    }
    long delay = 0;
    if (slow > 0) {
      slow--;
      delay = slowMs;
    }
    if (drop > 0) {
      drop--;
      return new Decision(delay, Action.DROP, null);
    }
    if (rateLimit > 0) {
      rateLimit--;
      return new Decision(delay, Action.RATE_LIMIT, retryAfter);
    }
    if (serverError > 0) {
      serverError--;
      return new Decision(delay, Action.SERVER_ERROR, null);
    }
    return new Decision(delay, Action.ANSWER, null);
  }

  private static int intOf(JsonObject o, String key) {
    if (!o.has(key) || o.get(key).isJsonNull()) {
      return 0;
    }
    int n = o.get(key).getAsInt();
    if (n < 0) {
      throw new IllegalArgumentException(key + " must not be negative");
    }
    return n;
  }
}
