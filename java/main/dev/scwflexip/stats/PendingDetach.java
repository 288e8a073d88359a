package dev.scwflexip.stats;

import dev.scwflexip.hostfs.PrivateDir;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A detach that {@code clean} could not do because the API was out: one small file per IP in the
 * runtime directory, {@code <id>.detach-pending}, written and removed under the IP's lock. The IP
 * left on this server is harmless (the next {@code pre} or {@code post} elsewhere moves it, and
 * reconcile detaches an IP no VM holds); the file tells the operator, {@code doctor} and
 * {@code metrics} why it is still there. A later successful detach or attach of the IP on this
 * host removes it.
 */
public final class PendingDetach {
  public static final String SUFFIX = ".detach-pending";

  /** One note: the IP, the server it was left on, since when and why (null when unreadable). */
  public record Note(String fipId, String serverId, String since, String reason) {}

  private PendingDetach() {}

  public static void record(Path runtimeDir, String fipId, String serverId, String why) {
    Path dir = PrivateDir.ensure(runtimeDir, "runtime_dir");
    Path file = dir.resolve(fipId + SUFFIX);
    Path tmp = dir.resolve("." + fipId + SUFFIX + ".tmp-" + ProcessHandle.current().pid() + "-"
        + Thread.currentThread().getId());
    String json = "{\"fip_id\":\"" + fipId + "\",\"server_id\":\"" + serverId + "\",\"since\":\"" + Instant.now()
        + "\",\"reason\":\"" + why.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n";
    try {
      Files.deleteIfExists(tmp);
      Files.write(tmp, json.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // the warning line in the VM's log still says it; losing the note loses nothing else
    }
  }

  public static void clear(Path runtimeDir, String fipId) {
    try {
      Files.deleteIfExists(runtimeDir.resolve(fipId + SUFFIX));
    } catch (IOException e) {
      // a stale note names an IP that is fine now; doctor shows its date
    }
  }

  /**
   * The notes in {@code runtimeDir}, oldest first, read without creating anything: none when the
   * directory does not exist. Symlinks are skipped, and a note that cannot be read still counts,
   * named by its file.
   */
  public static List<Note> list(Path runtimeDir) {
    List<Note> out = new ArrayList<>();
    if (!Files.isDirectory(runtimeDir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (Stream<Path> files = Files.list(runtimeDir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(SUFFIX) && !name.startsWith(".") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          out.add(read(f, name.substring(0, name.length() - SUFFIX.length())));
        }
      }
    } catch (IOException e) {
      throw new dev.scwflexip.base.DriverException("runtime_dir " + runtimeDir + ": cannot list it: " + e.getMessage());
    }
    out.sort((a, b) -> String.valueOf(a.since()).compareTo(String.valueOf(b.since())));
    return out;
  }

  private static Note read(Path file, String fipId) {
    try {
      JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      return new Note(fipId, str(o, "server_id"), str(o, "since"), str(o, "reason"));
    } catch (IOException | RuntimeException e) {
      return new Note(fipId, null, null, null);
    }
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }
}
