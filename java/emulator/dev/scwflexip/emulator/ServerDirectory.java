package dev.scwflexip.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Elastic Metal servers the emulator answers for ({@code GET /baremetal/v1/zones/{zone}/servers/{id}}).
 * Every well-formed id names a server that exists, is ready and belongs to the zone asked about,
 * unless a test marked it: {@code unknown} answers 404 (what the API answers for a deleted server),
 * {@code forbidden} answers 403 permissions_denied (a token without Elastic Metal rights). A server
 * deleted through {@code DELETE /_emulator/servers/{id}} becomes unknown too.
 */
public final class ServerDirectory {
  /** What a server id answers. */
  public enum State {
    OK, UNKNOWN, FORBIDDEN;

    static State parse(String word) {
      try {
        return valueOf(word.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("state must be ok, unknown or forbidden, got '" + word + "'");
      }
    }
  }

  private final Map<String, State> marked = new ConcurrentHashMap<>();

  public void mark(String serverId, State state) {
    Uuids.require("server_id", serverId);
    String id = serverId.toLowerCase(Locale.ROOT);
    if (state == State.OK) {
      marked.remove(id);
    } else {
      marked.put(id, state);
    }
  }

  void reset() {
    marked.clear();
  }

  /** The server object, or the error the real API would give. */
  String get(String zone, String serverId) {
    Uuids.require("server_id", serverId);
    String id = serverId.toLowerCase(Locale.ROOT);
    State state = marked.getOrDefault(id, State.OK);
    if (state == State.UNKNOWN) {
      throw ApiError.serverNotFound();
    }
    if (state == State.FORBIDDEN) {
      throw ApiError.permissionsDenied("read", "elastic-metal");
    }
    // A minimal server: the keys of a recorded answer that anyone may read, with made-up values.
    JsonObject o = new JsonObject();
    String now = Instant.now().toString();
    o.addProperty("created_at", now);
    o.addProperty("description", "");
    o.addProperty("id", id);
    o.add("ips", new JsonArray());
    o.addProperty("name", "emulated-" + id.substring(0, 8));
    o.addProperty("offer_name", "EM-EMULATED");
    o.addProperty("organization_id", "00000000-0000-4000-8000-000000000000");
    o.addProperty("ping_status", "ping_status_up");
    o.addProperty("project_id", "00000000-0000-4000-8000-000000000000");
    o.addProperty("status", "ready");
    o.add("tags", new JsonArray());
    o.addProperty("updated_at", now);
    o.addProperty("zone", zone);
    return FipJson.GSON.toJson(o);
  }
}
