package dev.scwflexip.scaleway;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.scwflexip.config.Config;

/**
 * The one Elastic Metal read the driver makes: {@code GET /baremetal/v1/zones/{zone}/servers/{id}},
 * with which {@code doctor} checks that a hypervisor's server id names a server of the zone
 * (docs/scaleway-api.md#elastic-metal-servers). It shares the Flexible IP client's retries,
 * deadline and token handling; no IPAM action or hook loads it.
 */
public final class ElasticMetalServers implements AutoCloseable {
  static final String BAREMETAL = "/baremetal/v1";

  /** The fields doctor shows; the API answers many more. */
  public record Server(String id, String name, String status, String zone) {}

  private final ScalewayClient client;

  private ElasticMetalServers(ScalewayClient client) {
    this.client = client;
  }

  public static ElasticMetalServers open(Config config, Deadline deadline) {
    return new ElasticMetalServers(ScalewayClient.forProduct(config, BAREMETAL, deadline));
  }

  /**
   * The server, or an {@link ApiException}: 404 when the zone has no such server (observed for a
   * deleted one), 403 {@code permissions_denied} when the token may not read Elastic Metal.
   */
  public Server get(String serverId) {
    JsonObject o = client.getObject("/servers/" + HttpTransport.encode(serverId), "GET /servers/" + serverId);
    return new Server(str(o, "id"), str(o, "name"), str(o, "status"), str(o, "zone"));
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
  }

  @Override
  public void close() {
    client.close();
  }
}
