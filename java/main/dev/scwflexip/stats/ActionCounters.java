package dev.scwflexip.stats;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.hostfs.PrivateFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often each counted action ran and failed: {@code register} and {@code unregister} (IPAM,
 * on a frontend: the file is beside the journal) and the hooks {@code pre}, {@code post} and
 * {@code clean} (on a hypervisor: in the runtime directory). The file {@value #FILE} holds one
 * line per action, {@code <action> <runs> <failures>}, after a comment line. It is updated under
 * its lock after the action, and a counter that cannot be updated never fails the action: the
 * action logs one {@code INFO:} line and goes on. get_address, allocate_address and free_address
 * are not counted: they run one at a time in oned, and must not wait for a lock or a fsync.
 */
public final class ActionCounters {
  public static final String FILE = "action-counters";
  /** The counted actions, in the order metrics lists them. */
  public static final List<String> ACTIONS = List.of("register", "unregister", "pre", "post", "clean");
  /** Counting must not hold an action up for long. */
  static final long LOCK_TIMEOUT_MILLIS = 2000;
  private static final String HEADER = "# scw-flexip action counters: action runs failures";

  /** Runs of an action, and how many of them failed. */
  public record Count(long runs, long failures) {}

  private ActionCounters() {}

  /** Adds one run of {@code action} (failed unless {@code ok}) to the counters in {@code dir}. */
  public static void record(Path dir, String action, boolean ok, PrintStream log) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("not a counted action: " + action);
    }
    try {
      new PrivateFile(dir.resolve(FILE), "action counters", LOCK_TIMEOUT_MILLIS).update(text -> {
        Map<String, Count> counts = parse(text);
        Count c = counts.getOrDefault(action, new Count(0, 0));
        counts.put(action, new Count(c.runs() + 1, c.failures() + (ok ? 0 : 1)));
        return new PrivateFile.Outcome<>(null, format(counts));
      });
    } catch (RuntimeException e) {
      // DriverException says why in one line; anything else is a bug, but still no reason to fail the action
      log.println("INFO: " + action + " was not counted: " + DriverException.oneLine(String.valueOf(e.getMessage())));
    }
  }

  /** The counters in {@code dir}, read without the lock and without creating anything; empty when none. */
  public static Map<String, Count> read(Path dir) {
    return parse(new PrivateFile(dir.resolve(FILE), "action counters", LOCK_TIMEOUT_MILLIS).peek());
  }

  /** Lines that do not read as {@code action runs failures} are dropped, never fatal. */
  static Map<String, Count> parse(String text) {
    Map<String, Count> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length != 3 || !ACTIONS.contains(f[0])) {
        continue;
      }
      try {
        long runs = Long.parseLong(f[1]);
        long failures = Long.parseLong(f[2]);
        if (runs >= 0 && failures >= 0 && failures <= runs) {
          out.put(f[0], new Count(runs, failures));
        }
      } catch (NumberFormatException e) {
        // a damaged line starts that action from zero again
      }
    }
    return out;
  }

  static String format(Map<String, Count> counts) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (String action : ACTIONS) {
      Count c = counts.get(action);
      if (c != null) {
        sb.append(action).append(' ').append(c.runs()).append(' ').append(c.failures()).append('\n');
      }
    }
    return sb.toString();
  }
}
