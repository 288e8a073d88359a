package dev.scwflexip.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built JAR as a separate process, the way one_ipam and the vnm driver do. */
public final class DriverJar {
  private DriverJar() {}

  public static Path path() {
    String p = System.getProperty("scwflexip.jar", "target/scw-flexip.jar");
    if (!Files.exists(Path.of(p))) {
      throw new IllegalStateException(p + " not built: these tests run after 'mvn package' (mvn verify)");
    }
    return Path.of(p);
  }

  public static final class Result {
    public final int exit;
    public final String stdout;
    public final String stderr;

    Result(int exit, String stdout, String stderr) {
      this.exit = exit;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /** stderr lines that are not INFO:/DEBUG: diagnostics: what oned shows the user. */
    public List<String> errorLines() {
      List<String> out = new ArrayList<>();
      for (String l : stderr.split("\n")) {
        if (!l.isBlank() && !l.matches("^(ERROR|INFO|WARN|DEBUG):.*")) {
          out.add(l);
        }
      }
      return out;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
  }

  public static Result run(List<String> jvmFlags, List<String> args, byte[] stdin, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("java");
    cmd.addAll(jvmFlags);
    cmd.add("-jar");
    cmd.add(path().toString());
    cmd.addAll(args);
    Path out = Files.createTempFile("drv", ".out");
    Path err = Files.createTempFile("drv", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().write(stdin);
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException("scw-flexip " + args + " did not finish within " + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  public static Result run(Path config, byte[] stdin, String... args) throws IOException, InterruptedException {
    List<String> a = new ArrayList<>();
    a.add("--config");
    a.add(config.toString());
    a.addAll(List.of(args));
    return run(List.of(), a, stdin, 120);
  }
}
