package dev.scwflexip.hosts;

import dev.scwflexip.base.DriverException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line and environment that run {@code onehost sync --force} as oneadmin, who must
 * run it: onehost refuses root. The environment is built from nothing, so no SCW_* secret (or
 * anything else of the caller's) reaches the child.
 */
record SyncPlan(List<String> command, Map<String, String> environment) {
  static final String ONEADMIN = "oneadmin";
  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  static SyncPlan decide(SystemView system, String onehost, String lang) {
    Account oneadmin = system.account(ONEADMIN)
        .orElseThrow(() -> new DriverException("scw-flexip sync-hosts: there is no oneadmin user on this frontend"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", PATH);
    env.put("HOME", oneadmin.home());
    env.put("LANG", lang == null || lang.isBlank() ? "C.UTF-8" : lang);
    env.put("USER", ONEADMIN);
    env.put("LOGNAME", ONEADMIN);
    int uid = system.uid();
    if (uid == oneadmin.uid()) {
      return new SyncPlan(List.of(onehost, "sync", "--force"), env);
    }
    if (uid != 0) {
      throw new DriverException("scw-flexip sync-hosts: run as root or oneadmin, not as uid " + uid);
    }
    Optional<Path> runuser = system.program("runuser");
    if (runuser.isPresent()) {
      return new SyncPlan(List.of(runuser.get().toString(), "-u", ONEADMIN, "--", onehost, "sync", "--force"), env);
    }
    Optional<Path> su = system.program("su");
    if (su.isPresent()) {
      return new SyncPlan(List.of(su.get().toString(), "-s", "/bin/sh", ONEADMIN, "-c",
          shellQuote(onehost) + " sync --force"), env);
    }
    throw new DriverException("scw-flexip sync-hosts: neither runuser nor su found to switch to oneadmin");
  }

  /** One word for /bin/sh whatever it contains. */
  static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
