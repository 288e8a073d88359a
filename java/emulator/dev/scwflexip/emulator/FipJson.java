package dev.scwflexip.emulator;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;

/**
 * Renders Flexible IPs with the recorded key set (docs/scaleway-api.md#objects-and-states): all 13 keys, alphabetical,
 * explicit nulls. Write responses carry nanosecond timestamps, reads microsecond ones, as the
 * real API does. Streams the text (no element tree): a reconcile lists 20,000 IPs page by page.
 */
final class FipJson {
  static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private static final DateTimeFormatter NANOS = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
  private static final DateTimeFormatter MICROS = new DateTimeFormatterBuilder().appendInstant(6).toFormatter();

  private FipJson() {
  }

  static String fip(FipView v, boolean write) {
    StringWriter out = new StringWriter(512);
    try (JsonWriter w = writer(out)) {
      fip(w, v, write);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String list(List<FipView> fips, int totalCount, boolean write) {
    StringWriter out = new StringWriter(64 + 480 * fips.size());
    try (JsonWriter w = writer(out)) {
      w.beginObject();
      w.name("flexible_ips").beginArray();
      for (FipView v : fips) {
        fip(w, v, write);
      }
      w.endArray();
      w.name("total_count").value(totalCount);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static JsonWriter writer(StringWriter out) {
    JsonWriter w = new JsonWriter(out);
    w.setSerializeNulls(true);
    w.setHtmlSafe(false);
    return w;
  }

  private static void fip(JsonWriter w, FipView v, boolean write) throws IOException {
    w.beginObject();
    w.name("created_at").value(MICROS.format(v.createdAt()));
    w.name("description").value(v.description());
    w.name("id").value(v.id());
    w.name("ip_address").value(v.ipAddress());
    w.name("mac_address");
    if (v.mac() == null) {
      w.nullValue();
    } else {
      mac(w, v.mac(), write);
    }
    w.name("organization_id").value(v.organizationId());
    w.name("project_id").value(v.projectId());
    w.name("reverse").value(v.reverse());
    w.name("server_id").value(v.serverId());
    w.name("status").value(v.status());
    w.name("tags").beginArray();
    for (String t : v.tags()) {
      w.value(t);
    }
    w.endArray();
    w.name("updated_at").value(time(v.updatedAt(), write));
    w.name("zone").value(v.zone());
    w.endObject();
  }

  private static void mac(JsonWriter w, MacView m, boolean write) throws IOException {
    w.beginObject();
    w.name("created_at").value(time(m.createdAt(), write));
    w.name("id").value(m.id());
    w.name("mac_address").value(m.address());
    w.name("mac_type").value(m.type());
    w.name("status").value(m.status());
    w.name("updated_at").value(time(m.updatedAt(), write));
    w.name("zone").value(m.zone());
    w.endObject();
  }

  static String time(Instant t, boolean write) {
    return (write ? NANOS : MICROS).format(t);
  }
}
