package dev.scwflexip.scaleway;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Flexible IP as the API returns it (docs/scaleway-api.md#objects-and-states). Unknown keys are ignored. */
public final class FlexibleIp {
  public final String id;
  /** The address without any prefix length: IPv4 bare, IPv6 as its network address. */
  public final String ip;
  /** {@code ip_address} exactly as sent: bare IPv4, IPv6 {@code /64}, or a CIDR form. */
  public final String rawIpAddress;
  public final String status;
  public final String serverId;
  public final String projectId;
  public final String organizationId;
  public final String description;
  public final String reverse;
  public final String zone;
  public final String createdAt;
  public final String updatedAt;
  public final List<String> tags;
  public final MacAddress mac;

  public FlexibleIp(String id, String rawIpAddress, String status, String serverId, String projectId,
      String organizationId, String description, String reverse, String zone, String createdAt,
      String updatedAt, List<String> tags, MacAddress mac) {
    this.id = id;
    this.rawIpAddress = rawIpAddress;
    this.ip = stripPrefix(rawIpAddress);
    this.status = status;
    this.serverId = serverId;
    this.projectId = projectId;
    this.organizationId = organizationId;
    this.description = description;
    this.reverse = reverse;
    this.zone = zone;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.tags = Collections.unmodifiableList(new ArrayList<>(tags));
    this.mac = mac;
  }

  public static FlexibleIp fromJson(JsonObject o) {
    List<String> tags = new ArrayList<>();
    JsonElement t = o.get("tags");
    if (t != null && t.isJsonArray()) {
      for (JsonElement e : t.getAsJsonArray()) {
        tags.add(e.getAsString());
      }
    }
    JsonElement m = o.get("mac_address");
    MacAddress mac = m == null || m.isJsonNull() ? null : MacAddress.fromJson(m.getAsJsonObject());
    return new FlexibleIp(str(o, "id"), str(o, "ip_address"), str(o, "status"), str(o, "server_id"),
        str(o, "project_id"), str(o, "organization_id"), str(o, "description"), str(o, "reverse"),
        str(o, "zone"), str(o, "created_at"), str(o, "updated_at"), tags, mac);
  }

  static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  public static String stripPrefix(String address) {
    if (address == null) {
      return null;
    }
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  public boolean isIpv6() {
    return ip != null && ip.indexOf(':') >= 0;
  }

  public boolean isTransient() {
    return "updating".equals(status) || "detaching".equals(status);
  }

  @Override
  public String toString() {
    return id + " (" + ip + ", " + status + (serverId == null ? "" : " on " + serverId) + ")";
  }
}
