package dev.scwflexip.doctor;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.stats.PendingDetach;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a hypervisor needs besides its server: the hooks {@code onehost sync} copied, the same as
 * the frontend's, and no detach left pending by a {@code clean} that met an API outage.
 */
final class HypervisorChecks {
  private HypervisorChecks() {}

  /** {@code expected}: the frontend's digests by hook, or null when not given. */
  static Check hooks(Path hostRemotes, Map<String, String> expected) {
    String name = "hypervisor hooks";
    List<String> problems = new ArrayList<>();
    List<String> notCompared = new ArrayList<>();
    for (String action : HookFiles.ACTIONS) {
      Path hook = HookFiles.hook(hostRemotes, action);
      String p = HookFiles.problem(hook);
      if (p != null) {
        problems.add("the " + action + " hook " + hook + " is " + p);
        continue;
      }
      if (expected == null) {
        continue;
      }
      String want = expected.get(action);
      if (want == null) {
        notCompared.add(action);
        continue;
      }
      try {
        String have = HookFiles.sha256(hook);
        if (!have.equals(want)) {
          problems.add("the " + action + " hook differs from the frontend's (sha256 " + have.substring(0, 12)
              + "… here, " + want.substring(0, 12) + "… there)");
        }
      } catch (IOException e) {
        problems.add("the " + action + " hook cannot be read (" + e.getMessage() + ")");
      }
    }
    String where = hostRemotes.resolve("vnm/bridge").toString();
    if (!problems.isEmpty()) {
      return Check.fail(name, where + ": " + String.join("; ", problems),
          "run 'onehost sync --force' as oneadmin on the frontend (the role's sync task)");
    }
    if (expected == null) {
      return Check.ok(name, where + ": pre, post and clean hooks there and executable (contents not compared: pass"
          + " --expect-hooks with the frontend's 'doctor --format json')");
    }
    if (!notCompared.isEmpty()) {
      return Check.warn(name, where + ": hooks there and executable; " + String.join(", ", notCompared)
          + " not compared (the frontend's list lacks it)", "check that the frontend runs the same driver version");
    }
    return Check.ok(name, where + ": pre, post and clean hooks there, executable, the same as the frontend's");
  }

  static Check pendingDetaches(Config config) {
    String name = "pending detaches";
    List<PendingDetach.Note> notes;
    try {
      notes = PendingDetach.list(config.runtimeDir);
    } catch (DriverException e) {
      return Check.warn(name, e.getMessage(), "check runtime_dir");
    }
    if (notes.isEmpty()) {
      return Check.ok(name, "no detach left pending in " + config.runtimeDir);
    }
    List<String> items = new ArrayList<>();
    for (PendingDetach.Note n : notes) {
      items.add(n.fipId() + (n.serverId() == null ? "" : " on server " + n.serverId())
          + (n.since() == null ? "" : " since " + n.since()));
    }
    return Check.warn(name, notes.size() + " detach" + (notes.size() == 1 ? "" : "es") + " left pending by clean while"
        + " the API was out: " + String.join("; ", items), "harmless (the IP's next pre or post moves it); the"
        + " frontend's 'scw-flexip reconcile --repair-only' detaches it if no VM holds it");
  }
}
