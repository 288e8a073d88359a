package dev.scwflexip.vnm;

import dev.scwflexip.config.Config;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.util.List;
import java.util.function.Function;

/**
 * The real client, except that attaching one chosen IP to one chosen server is refused with the
 * API's 403 after a pause: a failure that arrives while other NICs are already being attached.
 */
final class FaultyApi extends ForwardingApi {
  private final String refusedId;
  private final String refusedServer;
  private final long pauseMillis;

  FaultyApi(FlexibleIpApi real, String refusedId, String refusedServer, long pauseMillis) {
    super(real);
    this.refusedId = refusedId;
    this.refusedServer = refusedServer;
    this.pauseMillis = pauseMillis;
  }

  /** Openers of the real client for a run's configuration, each wrapped to refuse the one attach. */
  static Function<Config, ApiOpener> openers(String refusedId, String refusedServer, long pauseMillis) {
    return config -> deadline -> new FaultyApi(ApiOpener.scaleway(config).open(deadline), refusedId, refusedServer,
        pauseMillis);
  }

  @Override
  public List<FlexibleIp> attach(List<String> ids, String serverId) {
    if (ids.contains(refusedId) && serverId.equals(refusedServer)) {
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new ApiException("scw-flexip: POST /fips/attach: HTTP 403 permissions_denied: insufficient permissions",
          403, "permissions_denied");
    }
    return real.attach(ids, serverId);
  }
}
