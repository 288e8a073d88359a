package dev.scwflexip.reconcile;

import dev.scwflexip.cli.DriverException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the OpenNebula command-line tools as oneadmin ({@code runuser -u oneadmin --} when we are
 * root) with a minimal environment: no variable of ours, so nothing secret, reaches them.
 */
final class OneTools {
  private static final long TIMEOUT_SECONDS = 120;
  private final Map<String, String> env;

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
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> childEnv = pb.environment();
    childEnv.clear();
    childEnv.put("PATH", env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    childEnv.put("LANG", "C.UTF-8");
    for (String keep : new String[] {"HOME", "ONE_XMLRPC", "ONE_AUTH"}) {
      if (env.containsKey(keep)) {
        childEnv.put(keep, env.get(keep));
      }
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      Process p = pb.start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread drain = new Thread(() -> copy(p.getErrorStream(), err));
      drain.setDaemon(true);
      drain.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DriverException(String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      drain.join(1000);
      if (p.exitValue() != 0) {
        String msg = err.toString(StandardCharsets.UTF_8).strip().replace('\n', ' ');
        throw new DriverException(String.join(" ", args) + " failed (exit " + p.exitValue() + "): "
            + (msg.length() > 300 ? msg.substring(0, 300) : msg));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DriverException("cannot run " + String.join(" ", args) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted while running " + String.join(" ", args));
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // the exit status tells the story
    }
  }
}
