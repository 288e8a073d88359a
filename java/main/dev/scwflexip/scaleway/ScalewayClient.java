package dev.scwflexip.scaleway;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Flexible IP API over Apache HttpClient 5 and Gson. Every call is retried inside one
 * {@link Deadline}: 429, 5xx (but 501), connection errors, timeouts and 409
 * {@code transient_state} after a jittered backoff (or the server's {@code Retry-After}); other
 * answers fail at once with one readable line. The token goes only into the
 * {@code X-Auth-Token} header, and is scrubbed from every message this class produces.
 */
public final class ScalewayClient implements FlexibleIpApi {
  static final int PAGE_SIZE = 100;
  /** 1000 pages of 100 is far beyond any account; more means the server is not paging. */
  private static final int MAX_PAGES = 1000;
  private static final long CONNECT_TIMEOUT_MILLIS = 5_000;

  private final String zone;
  private final String token;
  private final Deadline deadline;
  private final RetryPolicy retry;
  private final long callTimeoutMillis;
  private final HttpTransport http;
  /** The longest one attempt took so far, answered or not: how slow the API is right now. */
  private long slowestCallMillis;
  /** The {@code Date} header of the last answer, with the local time it arrived; null before any. */
  private volatile ApiDate lastDate;

  /**
   * @param apiUrl for example {@code https://api.scaleway.com}, without a trailing slash
   * @param callTimeoutMillis how long one attempt may wait for an answer (the connect timeout is
   *     the smaller of this and 5 s); both are cut to what is left of the deadline
   */
  public ScalewayClient(String apiUrl, String zone, String token, Deadline deadline, RetryPolicy retry,
      long callTimeoutMillis) {
    this.zone = zone;
    this.token = token;
    this.deadline = deadline;
    this.retry = retry;
    this.callTimeoutMillis = callTimeoutMillis;
    this.http = new HttpTransport(productUrl(apiUrl, FLEXIBLE_IP, zone), token);
  }

  /** A client for another zonal product of the same API ({@code productPath} as {@link #FLEXIBLE_IP}). */
  private ScalewayClient(String apiUrl, String productPath, String zone, String token, Deadline deadline) {
    this.zone = zone;
    this.token = token;
    this.deadline = deadline;
    this.retry = RetryPolicy.standard();
    this.callTimeoutMillis = 15_000;
    this.http = new HttpTransport(productUrl(apiUrl, productPath, zone), token);
  }

  static final String FLEXIBLE_IP = "/flexible-ip/v1alpha1";

  /** The same retries, deadline and token handling for another product's zonal API, e.g. {@code /baremetal/v1}. */
  static ScalewayClient forProduct(Config config, String productPath, Deadline deadline) {
    return new ScalewayClient(config.apiUrl, productPath, config.zone, config.readToken(), deadline);
  }

  private static String productUrl(String apiUrl, String productPath, String zone) {
    String base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    return base + productPath + "/zones/" + HttpTransport.encode(zone);
  }

  public static ScalewayClient open(Config config, Deadline deadline) {
    return new ScalewayClient(config.apiUrl, config.zone, config.readToken(), deadline, RetryPolicy.standard(),
        15_000);
  }

  // ---- the API --------------------------------------------------------------------------------

  /**
   * Creating is not idempotent: if the answer is lost (connection dropped, timeout, 5xx) the IP
   * may exist already, and sending the POST again would make a second one. So before each retry
   * that follows such a failure we list the IPs carrying this call's journal entry tag
   * ({@code scw-flexip:entry=<id>}, unique per range, and so per create and address family) and
   * return the one found instead of creating again. Without an entry tag nothing can be
   * recognised, so such a failure is not retried at all.
   */
  @Override
  public FlexibleIp create(String projectId, String description, List<String> tags, boolean ipv6) {
    JsonObject body = new JsonObject();
    body.addProperty("project_id", projectId);
    body.addProperty("description", description == null ? "" : description);
    body.add("tags", strings(tags));
    body.addProperty("is_ipv6", ipv6);
    String entryTag = entryTag(tags);
    Call<FlexibleIp> call = new Call<>("POST", "/fips", body.toString(), reply -> FlexibleIp.fromJson(object(reply)));
    call.retryAfterLostAnswer = entryTag != null;
    call.beforeRetryAfterLostAnswer = () -> findCreated(projectId, entryTag, ipv6, call.op);
    return send(call);
  }

  @Override
  public FlexibleIp get(String id) {
    return send(new Call<>("GET", "/fips/" + HttpTransport.encode(id), null, reply -> FlexibleIp.fromJson(object(reply))));
  }

  @Override
  public List<FlexibleIp> list(ListQuery query) {
    String filters = filters(query);
    int pageSize = query.pageSize > 0 ? query.pageSize : PAGE_SIZE;
    List<FlexibleIp> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      if (query.maxPages > 0 && page > query.maxPages) {
        return out;
      }
      if (page > MAX_PAGES) {
        throw fail("GET /fips: still more Flexible IPs after " + MAX_PAGES + " pages; giving up", 0, null, null);
      }
      String path = "/fips?order_by=created_at_asc&page=" + page + "&page_size=" + pageSize + filters;
      Call<JsonObject> call = new Call<>("GET", path, null, this::object);
      call.op = "GET /fips (page " + page + ")";
      JsonObject envelope = send(call);
      List<FlexibleIp> items = fips(envelope, call.op);
      out.addAll(items);
      if (query.progress != null) {
        query.progress.accept(out.size());
      }
      long total = envelope.has("total_count") ? envelope.get("total_count").getAsLong() : -1;
      if (items.isEmpty() || items.size() < pageSize || (total >= 0 && out.size() >= total)) {
        return out;
      }
    }
  }

  @Override
  public FlexibleIp update(String id, String description, List<String> tags) {
    JsonObject body = new JsonObject();
    if (description != null) {
      body.addProperty("description", description);
    }
    if (tags != null) {
      body.add("tags", strings(tags));
    }
    return send(new Call<>("PATCH", "/fips/" + HttpTransport.encode(id), body.toString(),
        reply -> FlexibleIp.fromJson(object(reply))));
  }

  /**
   * A delete retried after a lost answer may be answered 403, whether our first attempt went
   * through or the token lacks rights: the caller tells which with {@link Gone}.
   */
  @Override
  public void delete(String id) {
    send(new Call<>("DELETE", "/fips/" + HttpTransport.encode(id), null, reply -> Boolean.TRUE));
  }

  @Override
  public List<FlexibleIp> attach(List<String> ids, String serverId) {
    JsonObject body = new JsonObject();
    body.add("fips_ids", strings(ids));
    body.addProperty("server_id", serverId);
    Call<List<FlexibleIp>> call = new Call<>("POST", "/fips/attach", body.toString(), null);
    call.parse = reply -> fips(object(reply), call.op);
    return send(call);
  }

  @Override
  public List<FlexibleIp> detach(List<String> ids) {
    JsonObject body = new JsonObject();
    body.add("fips_ids", strings(ids));
    Call<List<FlexibleIp>> call = new Call<>("POST", "/fips/detach", body.toString(), null);
    call.parse = reply -> fips(object(reply), call.op);
    return send(call);
  }

  @Override
  public FlexibleIp generateMac(String id, String macType) {
    JsonObject body = new JsonObject();
    body.addProperty("mac_type", macType);
    return send(new Call<>("POST", "/fips/" + HttpTransport.encode(id) + "/mac", body.toString(),
        reply -> FlexibleIp.fromJson(object(reply))));
  }

  @Override
  public FlexibleIp duplicateMac(String id, String fromId) {
    JsonObject body = new JsonObject();
    body.addProperty("duplicate_from_fip_id", fromId);
    return send(new Call<>("POST", "/fips/" + HttpTransport.encode(id) + "/mac/duplicate", body.toString(),
        reply -> FlexibleIp.fromJson(object(reply))));
  }

  @Override
  public void deleteMac(String id) {
    send(new Call<>("DELETE", "/fips/" + HttpTransport.encode(id) + "/mac", null, reply -> Boolean.TRUE));
  }

  @Override
  public FlexibleIp waitUntil(String id, Predicate<FlexibleIp> done, String what) {
    long start = deadline.clock().nanoTime();
    String last = "no answer yet";
    for (int poll = 0; ; poll++) {
      FlexibleIp fip;
      try {
        fip = get(id);
      } catch (ApiException e) {
        if (e.status != 0) {
          throw e;
        }
        throw fail("timed out after " + seconds(start) + " s waiting for " + what + " on Flexible IP " + id
            + ": last status " + last + "; then " + e.getMessage().replace(ErrorMapper.PREFIX, ""), 0, null, e);
      }
      if (done.test(fip)) {
        return fip;
      }
      last = fip.status + (fip.mac == null ? "" : " (MAC " + fip.mac.status + ")");
      long remaining = deadline.remainingMillis();
      if (remaining <= retry.pollFirstMillis) {
        throw fail("timed out after " + seconds(start) + " s waiting for " + what + " on Flexible IP " + id
            + ": last status " + last, 0, null, null);
      }
      sleep(Math.min(retry.pollMillis(poll), remaining - retry.pollFirstMillis / 2));
    }
  }

  @Override
  public long slowestCallMillis() {
    return slowestCallMillis;
  }

  /**
   * The {@code Date} header of the last answer this client got (any status), and when it
   * arrived by this host's clock; null before the first answer or when it had none.
   */
  public ApiDate lastDate() {
    return lastDate;
  }

  /** {@code GET path} (relative to the product's zone URL) answered as a JSON object; {@code op} names it in errors. */
  JsonObject getObject(String path, String op) {
    Call<JsonObject> call = new Call<>("GET", path, null, this::object);
    call.op = op;
    return send(call);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "ScalewayClient[" + zone + "]";
  }

  // ---- the retry loop -------------------------------------------------------------------------

  private interface Parser<T> {
    T parse(HttpTransport.Reply reply);
  }

  private interface Recovery<T> {
    /** Returns the result if the lost attempt turns out to have worked, else null. */
    T check();
  }

  /** One logical API call and what may be done when an attempt's answer was lost. */
  private static final class Call<T> {
    final String method;
    final String path;
    final String body;
    Parser<T> parse;
    String op;
    boolean retryAfterLostAnswer = true;
    Recovery<T> beforeRetryAfterLostAnswer;

    Call(String method, String path, String body, Parser<T> parse) {
      this.method = method;
      this.path = path;
      this.body = body;
      this.parse = parse;
      this.op = method + " " + path;
    }
  }

  private <T> T send(Call<T> call) {
    long start = deadline.clock().nanoTime();
    int attempts = 0;
    String lastCause = "the deadline had already passed";
    boolean lastLost = false;
    while (true) {
      if (deadline.expired()) {
        throw gaveUp(call, attempts, start, lastCause);
      }
      if (lastLost && call.beforeRetryAfterLostAnswer != null) {
        T found = call.beforeRetryAfterLostAnswer.check();
        if (found != null) {
          return found;
        }
        if (deadline.expired()) {
          throw gaveUp(call, attempts, start, lastCause);
        }
      }
      attempts++;
      long remaining = Math.max(1, deadline.remainingMillis());
      long retryAfter = -1;
      long sent = deadline.clock().nanoTime();
      try {
        HttpTransport.Reply reply;
        try {
          reply = http.execute(
              http.request(call.method, call.path, call.body, Math.min(callTimeoutMillis, remaining)),
              Math.min(Math.min(CONNECT_TIMEOUT_MILLIS, callTimeoutMillis), remaining));
        } finally {
          slowestCallMillis = Math.max(slowestCallMillis, (deadline.clock().nanoTime() - sent) / 1_000_000L);
        }
        if (reply.date() != null) {
          lastDate = new ApiDate(reply.date(), java.time.Instant.now());
        }
        int status = reply.status();
        if (status >= 200 && status < 300) {
          return parse(call, reply);
        }
        ErrorMapper.Parsed error = ErrorMapper.parse(status, reply.reason(), reply.body());
        boolean transientState = status == 409 && "transient_state".equals(error.type());
        boolean serverError = status >= 500 && status != 501;
        if (status != 429 && !transientState && !serverError) {
          throw fail(call.op + ": " + error.detail(), status, error.type(), null);
        }
        lastCause = error.detail();
        // a 5xx may come from a proxy after the request was handled; 429 and 409 were refused
        lastLost = serverError;
        retryAfter = retry.retryAfterMillis(reply.retryAfter());
      } catch (IOException e) {
        NetworkFailure failure = NetworkFailure.of(e, Math.min(callTimeoutMillis, remaining));
        if (!failure.retryable) {
          throw fail(call.op + ": " + failure.text, 0, null, e);
        }
        lastCause = failure.text;
        lastLost = failure.mayHaveReachedServer;
      }
      if (lastLost && !call.retryAfterLostAnswer) {
        throw fail(call.op + ": " + lastCause + "; not retried, as the request may have been carried out", 0,
            null, null);
      }
      long pause = retryAfter >= 0 ? retryAfter : retry.backoffMillis(attempts - 1);
      if (pause >= deadline.remainingMillis()) {
        throw gaveUp(call, attempts, start, lastCause);
      }
      sleep(pause);
    }
  }

  private <T> T parse(Call<T> call, HttpTransport.Reply reply) {
    try {
      return call.parse.parse(reply);
    } catch (RuntimeException e) {
      throw fail(call.op + ": HTTP " + reply.status() + " but the answer is not the expected JSON ("
          + e.getClass().getSimpleName() + ")", reply.status(), null, e);
    }
  }

  /** The IP of this family that the lost create made; a dual-stack range's other IP has the same tag. */
  private FlexibleIp findCreated(String projectId, String entryTag, boolean ipv6, String op) {
    try {
      List<FlexibleIp> found = list(ListQuery.tagged(entryTag).project(projectId));
      for (FlexibleIp fip : found) {
        if (fip.tags.contains(entryTag) && fip.isIpv6() == ipv6) {
          return fip;
        }
      }
      return null;
    } catch (ApiException e) {
      throw fail(op + ": the answer was lost, and looking for an IP tagged " + entryTag + " failed: "
          + e.getMessage().replace(ErrorMapper.PREFIX, ""), e.status, e.type, e);
    }
  }

  private ApiException gaveUp(Call<?> call, int attempts, long startNanos, String lastCause) {
    return fail("gave up on " + call.op + " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
        + " in " + seconds(startNanos) + " s: " + lastCause, 0, null, null);
  }

  /** Every exception message passes through here, so the token cannot leak into one. */
  private ApiException fail(String what, int status, String type, Throwable cause) {
    String msg = ErrorMapper.oneLine(ErrorMapper.PREFIX + what);
    if (!token.isEmpty()) {
      msg = msg.replace(token, "[token]");
    }
    return new ApiException(msg, status, type, cause);
  }

  private void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      deadline.clock().sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail("interrupted", 0, null, e);
    }
  }

  private long seconds(long startNanos) {
    return Math.round((deadline.clock().nanoTime() - startNanos) / 1e9);
  }

  // ---- JSON -----------------------------------------------------------------------------------

  private JsonObject object(HttpTransport.Reply reply) {
    return JsonParser.parseString(reply.body()).getAsJsonObject();
  }

  private List<FlexibleIp> fips(JsonObject envelope, String op) {
    JsonElement list = envelope.get("flexible_ips");
    if (list == null || !list.isJsonArray()) {
      throw fail(op + ": answer has no flexible_ips list", 200, null, null);
    }
    List<FlexibleIp> out = new ArrayList<>();
    for (JsonElement e : (JsonArray) list) {
      out.add(FlexibleIp.fromJson(e.getAsJsonObject()));
    }
    return out;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    if (values != null) {
      for (String v : values) {
        a.add(v);
      }
    }
    return a;
  }

  private static String entryTag(List<String> tags) {
    if (tags != null) {
      for (String t : tags) {
        if (t.startsWith(Tags.ENTRY)) {
          return t;
        }
      }
    }
    return null;
  }

  private static String filters(ListQuery q) {
    StringBuilder sb = new StringBuilder();
    if (q.projectId != null) {
      sb.append("&project_id=").append(HttpTransport.encode(q.projectId));
    }
    for (String t : q.tags) {
      sb.append("&tags=").append(HttpTransport.encode(t));
    }
    for (String s : q.statuses) {
      sb.append("&status=").append(HttpTransport.encode(s));
    }
    for (String s : q.serverIds) {
      sb.append("&server_ids=").append(HttpTransport.encode(s));
    }
    return sb.toString();
  }

  // ---- class-data-sharing training ------------------------------------------------------------

  private static final String SAMPLE_FIP = "{\"created_at\":\"2024-08-28T11:35:44.473875Z\",\"description\":\"\","
      + "\"id\":\"7c715b98-e683-493a-9e62-109d684e4348\",\"ip_address\":\"195.154.148.225\","
      + "\"mac_address\":{\"created_at\":\"2025-01-22T15:18:21.527908821Z\",\"id\":\"4b357c6a-f49b-4c02-b85c-6d32f5d676cf\","
      + "\"mac_address\":\"52:54:00:36:2c:c3\",\"mac_type\":\"kvm\",\"status\":\"used\","
      + "\"updated_at\":\"2025-01-22T15:18:21.576337117Z\",\"zone\":\"fr-par-1\"},"
      + "\"organization_id\":\"564aa517-68b0-4fd7-8c8c-d21c4bcdcbd5\",\"project_id\":\"564aa517-68b0-4fd7-8c8c-d21c4bcdcbd5\","
      + "\"reverse\":\"195-154-148-225.rev.poneytelecom.eu.\",\"server_id\":null,\"status\":\"ready\",\"tags\":[],"
      + "\"updated_at\":\"2026-02-25T09:35:25.816224726Z\",\"zone\":\"fr-par-1\"}";

  /**
   * Loads the HTTP and JSON classes an API action needs, for the class-data-sharing archive:
   * builds one request of each kind and parses sample answers, but sends nothing and prints
   * nothing.
   */
  public static void warmUp() {
    try (ScalewayClient c = new ScalewayClient("http://127.0.0.1:9", "fr-par-1", "00000000-0000-0000-0000-000000000000",
        Deadline.afterSeconds(1), RetryPolicy.standard(), 15_000)) {
      JsonObject body = new JsonObject();
      body.addProperty("project_id", "564aa517-68b0-4fd7-8c8c-d21c4bcdcbd5");
      body.add("tags", strings(List.of(Tags.entry("warmup"))));
      String id = "7c715b98-e683-493a-9e62-109d684e4348";
      c.http.request("POST", "/fips", body.toString(), 1000);
      c.http.request("GET", "/fips/" + HttpTransport.encode(id), null, 1000);
      c.http.request("GET", "/fips?order_by=created_at_asc&page=1&page_size=100" + filters(ListQuery.tagged("t")), null, 1000);
      c.http.request("PATCH", "/fips/" + id, body.toString(), 1000);
      c.http.request("DELETE", "/fips/" + id, null, 1000);
      JsonObject envelope = new JsonObject();
      JsonArray items = new JsonArray();
      items.add(JsonParser.parseString(SAMPLE_FIP));
      envelope.add("flexible_ips", items);
      envelope.addProperty("total_count", 1);
      c.fips(JsonParser.parseString(envelope.toString()).getAsJsonObject(), "warm-up");
      ErrorMapper.parse(403, "Forbidden", "{\"details\":[{\"action\":\"read\",\"resource\":\"flexible-ip\"}],"
          + "\"message\":\"insufficient permissions\",\"type\":\"permissions_denied\"}");
      c.retry.backoffMillis(1);
      c.retry.pollMillis(1);
      NetworkFailure.of(new java.net.SocketTimeoutException("warm-up"), 1000);
    }
  }
}
