package dev.scwflexip.reconcile;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.oneadmin.ProcessOutcome;
import dev.scwflexip.oneadmin.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the OpenNebula command-line tools as oneadmin ({@code runuser -u oneadmin --} when we are
 * root) with a minimal environment: no variable of ours, so nothing secret, reaches them.
 * Unlike sync-hosts (which insists on root or oneadmin and only trusts the system directories),
 * a non-root caller runs the tools as itself from its PATH: reconcile only reads through them.
 */
final class OneTools {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private final Map<String, String> env;
  private final ProcessRunner runner = new ProcessRunner();

  OneTools(Map<String, String> env) {
    this.env = env;
  }

  /** True when {@code bin} is an executable on PATH. */
  boolean available(String bin) {
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, bin))) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code args} and returns its stdout; a non-zero exit is a one-line error. */
  String run(List<String> args) {
    List<String> cmd = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name")) && available("runuser")) {
      cmd.add("runuser");
      cmd.add("-u");
      cmd.add("oneadmin");
      cmd.add("--");
    }
    cmd.addAll(args);
    Map<String, String> childEnv = new LinkedHashMap<>();
    childEnv.put("PATH", env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    childEnv.put("LANG", "C.UTF-8");
    for (String keep : new String[] {"HOME", "ONE_XMLRPC", "ONE_AUTH"}) {
      if (env.containsKey(keep)) {
        childEnv.put(keep, env.get(keep));
      }
    }
    ProcessOutcome outcome;
    try {
      outcome = runner.run(cmd, childEnv, TIMEOUT);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new DriverException("interrupted while running " + String.join(" ", args));
      }
      throw new DriverException("cannot run " + String.join(" ", args) + ": " + e.getMessage());
    }
    if (outcome.timedOut()) {
      throw new DriverException(String.join(" ", args) + " did not finish within " + TIMEOUT.toSeconds() + " s");
    }
    if (outcome.rc() != 0) {
      String msg = outcome.stderr().strip().replace('\n', ' ');
      throw new DriverException(String.join(" ", args) + " failed (exit " + outcome.rc() + "): "
          + (msg.length() > 300 ? msg.substring(0, 300) : msg));
    }
    return outcome.stdout();
  }
}
