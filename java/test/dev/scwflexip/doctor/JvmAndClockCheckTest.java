package dev.scwflexip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.scaleway.ApiDate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM and archive check on a version directory laid out as the role lays it out; the clock check. */
class JvmAndClockCheckTest {
  @TempDir Path dir;
  Path jar;
  Path modules;
  JvmCheck.Runtime runtime;

  @BeforeEach
  void install() throws Exception {
    jar = dir.resolve("0123456789ab/scw-flexip.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[] {1, 2, 3, 4});
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-24T10:00:00Z")));
    Files.writeString(jar.resolveSibling(JvmCheck.ARCHIVE), "archive");
    Files.writeString(jar.resolveSibling(JvmCheck.IPAM_ARCHIVE), "ipam archive");
    Path home = dir.resolve("jdk");
    Path java = home.resolve("bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\n");
    modules = home.resolve("lib/modules");
    Files.createDirectories(modules.getParent());
    Files.writeString(modules, "modules");
    runtime = new JvmCheck.Runtime(17, "17.0.15+6-Debian-1deb12u1", java);
  }

  /** The stamp the role writes: key=value lines, java -Xinternalversion, stat lines of the runtime. */
  void stamp(String... extra) throws Exception {
    StringBuilder s = new StringBuilder();
    s.append("jar_sha256=").append(HookFiles.sha256(jar)).append('\n');
    s.append("jar_size=").append(Files.size(jar)).append('\n');
    s.append("jar_mtime=").append(Files.getLastModifiedTime(jar).toMillis() / 1000).append(".123456\n");
    s.append("java=").append(runtime.javaBinary()).append('\n');
    s.append("OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1) for linux-amd64 JRE (17.0.15+6-Debian-1deb12u1),"
        + " built on Apr 16 2025 by \"unknown\" with gcc 12.2.0\n");
    s.append(modules).append(" size=").append(Files.size(modules)).append(" mtime=")
        .append(Files.getLastModifiedTime(modules).toMillis() / 1000).append('\n');
    for (String e : extra) {
      s.append(e).append('\n');
    }
    Files.writeString(jar.resolveSibling(JvmCheck.STAMP), s.toString());
  }

  @Test
  void archivesBuiltForThisJarAndJvmPass() throws Exception {
    stamp("some_future_key=whatever", "a line the check does not know");
    Check c = JvmCheck.run(runtime, jar);
    assertEquals(Check.Status.OK, c.status(), c.detail());
  }

  @Test
  void aJarReplacedOrTouchedMakesTheArchivesStale() throws Exception {
    stamp();
    Files.write(jar, new byte[] {9, 9, 9, 9, 9});
    Check replaced = JvmCheck.run(runtime, jar);
    assertEquals(Check.Status.FAIL, replaced.status());
    assertTrue(replaced.detail().contains("built for another JAR"), replaced.detail());
    assertEquals("rerun the role (tag one_driver_install): it rebuilds the archives for this JAR and JVM", replaced.fix());
    stamp();
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-25T10:00:00Z")));
    Check touched = JvmCheck.run(runtime, jar);
    assertEquals(Check.Status.FAIL, touched.status());
    assertTrue(touched.detail().contains("modification time"), touched.detail());
  }

  @Test
  void anotherJvmBuildOrAnUpdatedRuntimeMakesThemStale() throws Exception {
    stamp();
    Check other = JvmCheck.run(new JvmCheck.Runtime(17, "17.0.16+8-Debian-1deb12u1", runtime.javaBinary()), jar);
    assertEquals(Check.Status.FAIL, other.status());
    assertTrue(other.detail().contains("another Java build"), other.detail());
    Files.writeString(modules, "modules, updated by the package");
    Check updated = JvmCheck.run(runtime, jar);
    assertEquals(Check.Status.FAIL, updated.status());
    assertTrue(updated.detail().contains("changed since"), updated.detail());
    stamp("java_vm_version=17.0.14+7");
    assertEquals(Check.Status.FAIL, JvmCheck.run(runtime, jar).status(), "an explicit version wins");
  }

  @Test
  void aMissingArchiveOrStampFailsAnOldJvmFailsNoJarWarns() throws Exception {
    Check noStamp = JvmCheck.run(runtime, jar);
    assertEquals(Check.Status.FAIL, noStamp.status());
    assertTrue(noStamp.detail().contains("no archive stamp"), noStamp.detail());
    stamp();
    Files.delete(jar.resolveSibling(JvmCheck.IPAM_ARCHIVE));
    Check noArchive = JvmCheck.run(runtime, jar);
    assertEquals(Check.Status.FAIL, noArchive.status());
    assertTrue(noArchive.detail().contains("no class-data-sharing archive scw-flexip-ipam.jsa"), noArchive.detail());
    assertEquals(Check.Status.FAIL, JvmCheck.run(new JvmCheck.Runtime(11, "11.0.2", runtime.javaBinary()), jar).status());
    assertEquals(Check.Status.WARN, JvmCheck.run(runtime, null).status());
  }

  @Test
  void aStampThatNamesNeitherJarNorRuntimeWarns() throws Exception {
    Files.writeString(jar.resolveSibling(JvmCheck.STAMP), "built=yes\n");
    Check c = JvmCheck.run(runtime, jar);
    assertEquals(Check.Status.WARN, c.status(), c.detail());
  }

  @Test
  void theClockIsComparedWithTheApisDate() {
    Instant now = Instant.parse("2026-11-24T10:00:00.400Z");
    assertEquals(Check.Status.OK, ClockCheck.run(new ApiDate("Tue, 24 Nov 2026 10:00:00 GMT", now)).status());
    assertEquals(Check.Status.OK, ClockCheck.run(new ApiDate("Tue, 24 Nov 2026 09:59:56 GMT", now)).status());
    Check ahead = ClockCheck.run(new ApiDate("Tue, 24 Nov 2026 09:59:30 GMT", now));
    assertEquals(Check.Status.FAIL, ahead.status());
    assertTrue(ahead.detail().startsWith("this host's clock is 30 s ahead of the API's"), ahead.detail());
    Check behind = ClockCheck.run(new ApiDate("Tue, 24 Nov 2026 10:02:00 GMT", now));
    assertEquals(Check.Status.FAIL, behind.status());
    assertTrue(behind.detail().contains("119 s behind"), behind.detail());
    assertEquals(Check.Status.WARN, ClockCheck.run(null).status());
    assertEquals(Check.Status.WARN, ClockCheck.run(new ApiDate("garbage", now)).status());
  }
}
