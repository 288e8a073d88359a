package dev.scwflexip.doctor;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.ElasticMetalServers;

/**
 * A hypervisor's server id file names a server that exists in the zone
 * ({@code GET /baremetal/v1/zones/{zone}/servers/{id}}). A 404 fails: the hooks would attach IPs
 * to nothing. A 403 is only a warning: the driver never needs this read, and a key limited to
 * Flexible IPs is a sound choice; it names the permission set that would allow the check.
 */
final class ServerCheck {
  static final String NAME = "server";
  static final String READ_PERMISSION = "ElasticMetalReadOnly";

  private ServerCheck() {}

  /** {@code apiUsable}: false when there is no usable token, so only the file is checked. */
  static Check run(Config config, boolean apiUsable) {
    String id;
    try {
      id = config.readServerId();
    } catch (DriverException e) {
      return Check.fail(NAME, e.getMessage(), "write this host's Elastic Metal server id ('" + config.zone
          + "/uuid') to the server id file; the role writes it from scw_server_id");
    }
    if (!apiUsable) {
      return Check.warn(NAME, "server " + id + " (from " + config.serverIdFile + ") not looked up: no usable token",
          "fix the token file check first");
    }
    try (ElasticMetalServers servers = ElasticMetalServers.open(config, Deadline.afterSeconds(ApiCheck.DEADLINE_SECONDS))) {
      ElasticMetalServers.Server s = servers.get(id);
      return Check.ok(NAME, "server " + id + " (" + s.name() + ", " + s.status() + ") exists in " + config.zone);
    } catch (ApiException e) {
      if (e.status == 404) {
        return Check.fail(NAME, "zone " + config.zone + " has no server " + id + " (" + e.getMessage() + ")",
            "put this host's own server id in " + config.serverIdFile + " (scw_server_id in the inventory)");
      }
      if (e.status == 403 && !"quotas_exceeded".equals(e.type)) {
        return Check.warn(NAME, "server " + id + " not checked: the key may not read Elastic Metal servers ("
            + e.getMessage() + ")", "to check it, add the permission set " + READ_PERMISSION + " for this project to"
            + " the key's policy; the driver itself does not need it");
      }
      return Check.fail(NAME, "server " + id + " could not be read: " + e.getMessage(), "fix the api check first");
    } catch (DriverException e) {
      return Check.fail(NAME, e.getMessage(), "fix the token file check first");
    }
  }
}
