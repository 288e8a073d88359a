package dev.scwflexip.doctor;

import dev.scwflexip.config.Config;
import dev.scwflexip.scaleway.ApiDate;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.ListQuery;
import dev.scwflexip.scaleway.ScalewayClient;

/**
 * The API answers and accepts the token for a read in this project: one page of one Flexible IP
 * of the project, with a short deadline. The answer's {@code Date} header is kept for the clock
 * check.
 */
final class ApiCheck {
  static final String NAME = "api";
  static final int DEADLINE_SECONDS = 10;

  /** The check, and the Date of the last answer (null when none came). */
  record Result(Check check, ApiDate date) {}

  private ApiCheck() {}

  static Result run(Config config) {
    long start = System.nanoTime();
    try (ScalewayClient client = ScalewayClient.open(config, Deadline.afterSeconds(DEADLINE_SECONDS))) {
      try {
        client.list(new ListQuery().project(config.projectId).firstPageOnly(1));
        long ms = (System.nanoTime() - start) / 1_000_000L;
        return new Result(Check.ok(NAME, config.apiUrl + " answered in " + ms + " ms and let the token list the"
            + " Flexible IPs of project " + config.projectId), client.lastDate());
      } catch (ApiException e) {
        return new Result(failure(config, e), client.lastDate());
      }
    }
  }

  static Check failure(Config config, ApiException e) {
    if (e.status == 401) {
      return Check.fail(NAME, e.getMessage(), "the API refused the key: put a valid secret key in " + config.tokenFile);
    }
    if (e.status == 403) {
      return Check.fail(NAME, e.getMessage(), "give the key's IAM policy access to Elastic Metal Flexible IPs in project "
          + config.projectId + " (e.g. ElasticMetalFullAccess)");
    }
    if (e.isOutage()) {
      return Check.fail(NAME, e.getMessage(), "check that this host reaches " + config.apiUrl
          + " (DNS, proxy, firewall) and the Scaleway status page");
    }
    return Check.fail(NAME, e.getMessage(), "check api_url, zone and project_id in the configuration");
  }
}
