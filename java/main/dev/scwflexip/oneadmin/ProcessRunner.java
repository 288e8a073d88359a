package dev.scwflexip.oneadmin;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command with exactly the environment given (nothing inherited), stdin from
 * /dev/null, both outputs captured, and a time limit after which the command and its
 * children are killed. Used to run the OpenNebula tools as oneadmin without passing on any
 * variable of ours, so nothing secret reaches them.
 */
public final class ProcessRunner {
  public ProcessOutcome run(List<String> command, Map<String, String> environment, Duration timeout) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().clear();
    pb.environment().putAll(environment);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = pb.start();
    Capture out = new Capture(process.getInputStream());
    Capture err = new Capture(process.getErrorStream());
    out.start();
    err.start();
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        // runuser/su stay in between: kill what they started too.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      out.join(10_000);
      err.join(10_000);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + command.get(0));
    }
    return new ProcessOutcome(finished ? process.exitValue() : -1, out.text(), err.text(), !finished);
  }

  /** Drains one output stream so the child never blocks on a full pipe. */
  private static final class Capture extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Capture(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (InputStream s = in) {
        s.transferTo(buffer);
      } catch (IOException e) {
        // The stream closes when the child is killed; keep what was read.
      }
    }

    String text() {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }
}
