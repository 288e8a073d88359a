package dev.scwflexip.scaleway;

/**
 * Whether a Flexible IP no longer exists. The API answers a deleted IP with 403
 * permissions_denied, which is also what a token without rights gets; so a 403 only counts as
 * "gone" once a list of the project confirms the id is absent. Taking every 403 as gone would
 * let a read-only token report IPs as released (and drop their journal entries) while they live
 * on. A 404 is an id the API never had.
 */
public final class Gone {
  private Gone() {}

  /**
   * True when {@code failure} (from a call on {@code id}) means the IP is gone. A list that itself
   * fails throws: then nobody can tell, and the caller must not act as if the IP were gone.
   */
  public static boolean confirmed(FlexibleIpApi api, String projectId, String id, ApiException failure) {
    if (failure.status == 404) {
      return true;
    }
    if (!failure.mightBeGone()) {
      return false;
    }
    for (FlexibleIp f : api.list(new ListQuery().project(projectId))) {
      if (id.equalsIgnoreCase(f.id)) {
        return false;
      }
    }
    return true;
  }

  /** {@code GET /fips/{id}}, or null when the IP is confirmed gone. */
  public static FlexibleIp getOrNull(FlexibleIpApi api, String projectId, String id) {
    try {
      return api.get(id);
    } catch (ApiException e) {
      if (confirmed(api, projectId, id, e)) {
        return null;
      }
      throw e;
    }
  }

  /** Deletes the IP; one that is confirmed gone already counts as deleted. */
  public static void delete(FlexibleIpApi api, String projectId, String id) {
    try {
      api.delete(id);
    } catch (ApiException e) {
      if (!confirmed(api, projectId, id, e)) {
        throw e;
      }
    }
  }
}
