package dev.scwflexip.ipam;

import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIpApi;

/** Opens an API client bound to a deadline; tests substitute their own. */
public interface ApiOpener {
  FlexibleIpApi open(Deadline deadline);
}
