package dev.scwflexip.testsupport;

import dev.scwflexip.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code scw-flexip …} through {@link Main} in this JVM, with the environment given. */
public final class InProcess {
  private InProcess() {}

  /** Exit status and both outputs. */
  public record Run(int rc, String out, String err) {
    @Override
    public String toString() {
      return "exit " + rc + "\nstdout: " + out + "\nstderr: " + err;
    }
  }

  public static Run run(Map<String, String> env, String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = new Main(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env).run(argv);
    return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
