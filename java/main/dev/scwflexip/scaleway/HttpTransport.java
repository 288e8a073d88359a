package dev.scwflexip.scaleway;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One pooled HttpClient for the zone's Flexible IP URL. It does no retrying, redirecting or
 * cookie handling of its own: {@link ScalewayClient} decides what to retry. It belongs to the
 * thread that first sends with it (the connect timeout of the next call lives in a field), and
 * refuses any other: code that works on several Flexible IPs at once opens one client per
 * thread.
 */
final class HttpTransport implements AutoCloseable {
  /** Bigger answers are refused rather than buffered: 100 Flexible IPs take about 50 KB. */
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** What came back: status line, the one header we use, and the body as text. */
  record Reply(int status, String reason, String retryAfter, String body) {}

  private final String zoneUrl;
  private final String token;
  private final CloseableHttpClient client;
  private volatile Timeout connectTimeout = Timeout.ofSeconds(5);
  private final java.util.concurrent.atomic.AtomicReference<Thread> owner = new java.util.concurrent.atomic.AtomicReference<>();

  HttpTransport(String zoneUrl, String token) {
    this.zoneUrl = zoneUrl;
    this.token = token;
    PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(4)
        .setMaxConnPerRoute(4)
        .setConnectionConfigResolver(route -> ConnectionConfig.custom()
            .setConnectTimeout(connectTimeout)
            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
            .build())
        .build();
    client = HttpClients.custom()
        .setConnectionManager(pool)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent("scw-flexip")
        .build();
  }

  /** Builds a request for {@code path} (relative to the zone URL, query included); does no I/O. */
  HttpUriRequestBase request(String method, String path, String jsonBody, long responseTimeoutMillis) {
    HttpUriRequestBase req = new HttpUriRequestBase(method, java.net.URI.create(zoneUrl + path));
    req.setHeader("X-Auth-Token", token);
    req.setHeader("Accept", "application/json");
    if (jsonBody != null) {
      req.setEntity(new StringEntity(jsonBody, ContentType.APPLICATION_JSON));
    }
    req.setConfig(RequestConfig.custom()
        .setConnectionRequestTimeout(Timeout.ofMilliseconds(Math.max(1, responseTimeoutMillis)))
        .setResponseTimeout(Timeout.ofMilliseconds(Math.max(1, responseTimeoutMillis)))
        .build());
    return req;
  }

  Reply execute(HttpUriRequestBase request, long connectTimeoutMillis) throws IOException {
    Thread me = Thread.currentThread();
    if (!owner.compareAndSet(null, me) && owner.get() != me) {
      throw new IllegalStateException("an API client is used by thread " + me.getName() + " while it belongs to "
          + owner.get().getName() + ": open one client per thread");
    }
    connectTimeout = Timeout.of(Math.max(1, connectTimeoutMillis), TimeUnit.MILLISECONDS);
    return client.execute(request, response -> {
      HttpEntity entity = response.getEntity();
      String body = "";
      if (entity != null) {
        body = new String(EntityUtils.toByteArray(entity, MAX_BODY_BYTES), StandardCharsets.UTF_8);
      }
      Header retryAfter = response.getFirstHeader("Retry-After");
      return new Reply(response.getCode(), response.getReasonPhrase(),
          retryAfter == null ? null : retryAfter.getValue(), body);
    });
  }

  /** Percent-encodes one path segment or query value. */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }

  @Override
  public String toString() {
    return "HttpTransport[" + zoneUrl + "]";
  }
}
