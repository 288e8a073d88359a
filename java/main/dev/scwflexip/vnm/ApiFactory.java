package dev.scwflexip.vnm;

import dev.scwflexip.config.Config;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.ScalewayClient;

/** Opens an API client bound to a deadline; tests may substitute their own. */
public interface ApiFactory {
  FlexibleIpApi open(Config config, Deadline deadline);

  /** The real Scaleway client. */
  final class Scaleway implements ApiFactory {
    @Override
    public FlexibleIpApi open(Config config, Deadline deadline) {
      return ScalewayClient.open(config, deadline);
    }
  }
}
