package dev.scwflexip.scaleway;

import com.google.gson.JsonObject;

/** The virtual MAC of a Flexible IP (docs/scaleway-api.md#objects-and-states). */
public final class MacAddress {
  public final String id;
  public final String address;
  public final String type;
  public final String status;
  public final String zone;
  public final String createdAt;
  public final String updatedAt;

  public MacAddress(String id, String address, String type, String status, String zone, String createdAt,
      String updatedAt) {
    this.id = id;
    this.address = address;
    this.type = type;
    this.status = status;
    this.zone = zone;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public static MacAddress fromJson(JsonObject o) {
    return new MacAddress(FlexibleIp.str(o, "id"), FlexibleIp.str(o, "mac_address"), FlexibleIp.str(o, "mac_type"),
        FlexibleIp.str(o, "status"), FlexibleIp.str(o, "zone"), FlexibleIp.str(o, "created_at"),
        FlexibleIp.str(o, "updated_at"));
  }
}
