package dev.scwflexip.emulator;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;

/**
 * Renders Flexible IPs with the recorded key set (spec §2): all 13 keys, alphabetical,
 * explicit nulls. Write responses carry nanosecond timestamps, reads microsecond ones, as the
 * real API does.
 */
final class FipJson {
  static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private static final DateTimeFormatter NANOS = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
  private static final DateTimeFormatter MICROS = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

  private FipJson() {
  }

  static JsonObject fip(FipView v, boolean write) {
    JsonObject o = new JsonObject();
    o.addProperty("created_at", MICROS.format(v.createdAt()));
    o.addProperty("description", v.description());
    o.addProperty("id", v.id());
    o.addProperty("ip_address", v.ipAddress());
    o.add("mac_address", v.mac() == null ? JsonNull.INSTANCE : mac(v.mac(), write));
    o.addProperty("organization_id", v.organizationId());
    o.addProperty("project_id", v.projectId());
    o.addProperty("reverse", v.reverse());
    o.add("server_id", nullable(v.serverId()));
    o.addProperty("status", v.status());
    o.add("tags", strings(v.tags()));
    o.addProperty("updated_at", time(v.updatedAt(), write));
    o.addProperty("zone", v.zone());
    return o;
  }

  static JsonObject list(List<FipView> fips, int totalCount, boolean write) {
    JsonArray items = new JsonArray(fips.size());
    for (FipView v : fips) {
      items.add(fip(v, write));
    }
    JsonObject o = new JsonObject();
    o.add("flexible_ips", items);
    o.addProperty("total_count", totalCount);
    return o;
  }

  private static JsonObject mac(MacView m, boolean write) {
    JsonObject o = new JsonObject();
    o.addProperty("created_at", time(m.createdAt(), write));
    o.addProperty("id", m.id());
    o.addProperty("mac_address", m.address());
    o.addProperty("mac_type", m.type());
    o.addProperty("status", m.status());
    o.addProperty("updated_at", time(m.updatedAt(), write));
    o.addProperty("zone", m.zone());
    return o;
  }

  static String time(Instant t, boolean write) {
    return (write ? NANOS : MICROS).format(t);
  }

  static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray(values.size());
    for (String s : values) {
      a.add(s);
    }
    return a;
  }

  private static JsonElement nullable(String s) {
    return s == null ? JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(s);
  }
}
