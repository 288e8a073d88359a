package dev.scwflexip.scaleway;

import dev.scwflexip.config.Config;

/** Opens an API client bound to a deadline; tests substitute their own. */
public interface ApiOpener {
  FlexibleIpApi open(Deadline deadline);

  /** The real Scaleway client for this configuration. */
  static ApiOpener scaleway(Config config) {
    return deadline -> ScalewayClient.open(config, deadline);
  }
}
