package dev.scwflexip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.testsupport.DriverJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built JAR in a version directory with archives and a stamp written the way the role writes
 * them (key=value lines, the output of java -Xinternalversion, stat lines of the runtime): doctor
 * finds the JAR it runs from and judges the archives by the stamp.
 */
class DoctorJarIT {
  @TempDir Path dir;

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
    }
    return out;
  }

  JsonObject jvmCheck(Path jar) throws Exception {
    String out = run("java", "-cp", jar.toString(), "dev.scwflexip.cli.Main", "--config", dir.resolve("none.json").toString(),
        "doctor", "--format", "json", "--role", "hypervisor");
    for (JsonElement e : JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("checks")) {
      if (e.getAsJsonObject().get("name").getAsString().equals("jvm")) {
        return e.getAsJsonObject();
      }
    }
    throw new AssertionError("no jvm check in " + out);
  }

  @Test
  void theArchivesOfTheRunningJarAreJudgedByTheRolesStamp() throws Exception {
    Path jar = dir.resolve("0123456789ab/scw-flexip.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(DriverJar.path(), jar);
    Files.writeString(jar.resolveSibling("scw-flexip.jsa"), "not really an archive");
    Files.writeString(jar.resolveSibling("scw-flexip-ipam.jsa"), "not really an archive");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
    Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
    String stamp = "jar_sha256=" + HookFiles.sha256(jar) + "\n"
        + "jar_size=" + Files.size(jar) + "\n"
        + "jar_mtime=" + Files.getLastModifiedTime(jar).toMillis() / 1000.0 + "\n"
        + "java=" + java + "\n"
        + run(java.toString(), "-Xinternalversion")
        + modules.toRealPath() + " size=" + Files.size(modules) + " mtime="
        + Files.getLastModifiedTime(modules).toMillis() / 1000 + "\n";
    Files.writeString(jar.resolveSibling("scw-flexip.jsa.stamp"), stamp);

    JsonObject fresh = jvmCheck(jar);
    assertEquals("ok", fresh.get("status").getAsString(), fresh.toString());
    assertTrue(fresh.get("detail").getAsString().contains(jar.getParent().toString()), fresh.toString());

    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(3600)));
    JsonObject stale = jvmCheck(jar);
    assertEquals("fail", stale.get("status").getAsString(), stale.toString());
    assertEquals("rerun the role (tag one_driver_install): it rebuilds the archives for this JAR and JVM",
        stale.get("fix").getAsString());
  }
}
