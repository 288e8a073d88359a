package dev.scwflexip.vnm;

import dev.scwflexip.hostfs.PrivateDir;
import dev.scwflexip.journal.Journal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A detach that {@code clean} could not do because the API was out: one small file per IP in the
 * runtime directory, {@code <id>.detach-pending}, written and removed under the IP's lock. The IP
 * left on this server is harmless (the next {@code pre} or {@code post} elsewhere moves it, and
 * reconcile detaches an IP no VM holds); the file tells the operator and {@code doctor} why it is
 * still there. A later successful detach or attach of the IP on this host removes it.
 */
final class PendingDetach {
  private PendingDetach() {}

  static void record(Path runtimeDir, String fipId, String serverId, String why) {
    Path dir = PrivateDir.ensure(runtimeDir, "runtime_dir");
    Path file = dir.resolve(fipId + ".detach-pending");
    Path tmp = dir.resolve("." + fipId + ".detach-pending.tmp-" + ProcessHandle.current().pid() + "-"
        + Thread.currentThread().getId());
    String json = "{\"fip_id\":\"" + fipId + "\",\"server_id\":\"" + serverId + "\",\"since\":\"" + Journal.now()
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

  static void clear(Path runtimeDir, String fipId) {
    try {
      Files.deleteIfExists(runtimeDir.resolve(fipId + ".detach-pending"));
    } catch (IOException e) {
      // a stale note names an IP that is fine now; doctor shows its date
    }
  }
}
