package dev.scwflexip.doctor;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Config;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.onedconf.OnedConfCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a frontend needs: the driver enabled in oned.conf, its five IPAM scripts and three hooks in
 * the remotes (the hooks' digests go to the JSON output, for hypervisors to compare with), and a
 * journal with no work left unfinished past the grace period.
 */
final class FrontendChecks {
  static final List<String> IPAM_SCRIPTS = List.of("register_address_range", "unregister_address_range",
      "allocate_address", "get_address", "free_address");
  /** The address-range attribute the role adds to INHERIT_VNET_ATTR. */
  static final String ATTRIBUTE = "SCW_FLEXIP_ID";

  private FrontendChecks() {}

  static Check onedConf(Config config, Path onedConf) {
    String name = "oned.conf";
    List<String> missing;
    try {
      missing = OnedConfCheck.missing(onedConf, config.ipamName, ATTRIBUTE);
    } catch (DriverException e) {
      return Check.fail(name, e.getMessage(), "repair " + onedConf + "; oned refuses a file it cannot parse too");
    }
    if (!missing.isEmpty()) {
      return Check.fail(name, onedConf + " lacks: " + String.join("; ", missing),
          "scw-flexip oned-conf --file " + onedConf + " --restrict (the role's oned.conf task), then restart oned");
    }
    return Check.ok(name, onedConf + ": " + config.ipamName + " in the IPAM_MAD -i list, " + ATTRIBUTE
        + " inherited and restricted to oneadmin");
  }

  static Check ipamScripts(Config config, Path remotes) {
    String name = "ipam scripts";
    Path dir = remotes.resolve("ipam").resolve(config.ipamName);
    List<String> problems = new ArrayList<>();
    for (String script : IPAM_SCRIPTS) {
      String p = HookFiles.problem(dir.resolve(script));
      if (p != null) {
        problems.add(script + " " + p);
      }
    }
    if (!problems.isEmpty()) {
      return Check.fail(name, dir + ": " + String.join(", ", problems), "rerun the role (it installs the scripts in "
          + dir + ", mode 0755)");
    }
    return Check.ok(name, dir + ": the five scripts are there and executable");
  }

  /** The check, and the digest of each hook found (for the JSON output). */
  record Hooks(Check check, Map<String, String> digests) {}

  static Hooks hooks(Path remotes) {
    String name = "frontend hooks";
    List<String> problems = new ArrayList<>();
    Map<String, String> digests = new LinkedHashMap<>();
    for (String action : HookFiles.ACTIONS) {
      Path hook = HookFiles.hook(remotes, action);
      String p = HookFiles.problem(hook);
      if (p != null) {
        problems.add(hook + " " + p);
        continue;
      }
      try {
        digests.put(action, HookFiles.sha256(hook));
      } catch (IOException e) {
        problems.add(hook + " unreadable (" + e.getMessage() + ")");
      }
    }
    if (!problems.isEmpty()) {
      return new Hooks(Check.fail(name, String.join(", ", problems), "rerun the role, then 'onehost sync --force' as"
          + " oneadmin"), digests);
    }
    return new Hooks(Check.ok(name, remotes.resolve("vnm/bridge") + ": pre, post and clean hooks there and executable"),
        digests);
  }

  /** Work in flight (not {@code active}) that has waited longer than the grace period. */
  static Check journal(Config config, Instant now) {
    String name = "journal";
    List<JournalEntry> entries;
    try {
      entries = new Journal(config.stateFile, config.lockTimeoutSeconds * 1000L).peek();
    } catch (DriverException e) {
      return Check.fail(name, e.getMessage(), "move it aside and run 'scw-flexip reconcile --check'");
    }
    JournalEntry oldest = null;
    Instant oldestAt = null;
    int stale = 0;
    for (JournalEntry e : entries) {
      if (e.state() == JournalEntry.State.ACTIVE) {
        continue;
      }
      Instant at = time(e.updatedAt() != null ? e.updatedAt() : e.createdAt());
      if (at == null || Duration.between(at, now).getSeconds() > config.reconcileGraceSeconds) {
        stale++;
        if (oldest == null || at == null || oldestAt != null && at.isBefore(oldestAt)) {
          oldest = e;
          oldestAt = at;
        }
      }
    }
    if (oldest != null) {
      String age = oldestAt == null ? "of unknown age" : "unchanged for " + Duration.between(oldestAt, now).getSeconds()
          + " s";
      return Check.fail(name, stale + " unfinished entr" + (stale == 1 ? "y" : "ies") + " older than the "
          + config.reconcileGraceSeconds + " s grace period; the oldest: " + oldest + ", " + age,
          "run 'scw-flexip reconcile' (first with --check to see the plan)");
    }
    return Check.ok(name, config.stateFile + ": " + entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies")
        + ", none unfinished past the " + config.reconcileGraceSeconds + " s grace period");
  }

  private static Instant time(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
