package dev.scwflexip.onedconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.Invocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnedConfCommandTest extends OnedConfTestCase {
  @ParameterizedTest
  @ValueSource(strings = {"one-6.10", "one-7.0", "one-7.2", "one-7.4", "oneline", "odd-spacing", "commented-stanza",
      "two-stanzas", "broken-list", "no-i-list", "attribute-present", "inherit-last-no-eol"})
  void editsFixtureOnceThenLeavesItAlone(String name) throws IOException {
    assertEditsTo(fixture(name + ".conf"), fixture(name + ".expected"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"one-6.10", "oneline"})
  void keepsCrlfLineEndings(String name) throws IOException {
    byte[] expected = crlf(fixture(name + ".expected"));
    assertEditsTo(crlf(fixture(name + ".conf")), expected);
    assertFalse(new String(expected, StandardCharsets.UTF_8).matches("(?s).*[^\r]\n.*"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"one-6.10", "oneline"})
  void keepsAMissingFinalNewline(String name) throws IOException {
    assertEditsTo(chomp(fixture(name + ".conf")), chomp(fixture(name + ".expected")));
  }

  @Test
  void driverAndAttributeAlreadyPresentChangeNothing() throws IOException {
    byte[] input = fixture("already-done.conf");
    Path file = write("oned.conf", input);
    for (int i = 0; i < 2; i++) {
      Run r = json(file);
      assertEquals(0, r.status(), r.err());
      assertFalse(r.json().get("changed").getAsBoolean());
      assertEquals(2, r.json().getAsJsonArray("messages").size());
    }
    assertArrayEquals(input, Files.readAllBytes(file));
    assertTrue(backups().isEmpty());
  }

  @Test
  void checkModeReportsTheDiffAndWritesNothing() throws IOException {
    byte[] input = fixture("one-7.0.conf");
    Path file = write("oned.conf", input);
    Run r = json(file, "--check");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.json().get("changed").getAsBoolean());
    assertTrue(r.json().get("diff").getAsString().contains("+    ARGUMENTS  = \"-t 1 -i dummy,aws,equinix,vultr,scaleway,scw-flexip\""));
    assertTrue(r.json().get("backup").isJsonNull());
    assertArrayEquals(input, Files.readAllBytes(file));
    assertEquals(List.of("oned.conf"), listing(), "no lock, temporary or backup file in check mode");
  }

  @Test
  void keepsModeAndWritesTheBackupWithTheSameMode() throws IOException {
    Path file = write("oned.conf", fixture("one-6.10.conf"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Run r = json(file);
    assertEquals(0, r.status(), r.err());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(backups().get(0))));
    assertEquals(Files.getOwner(dir), Files.getOwner(file));
  }

  @Test
  void putsTheBackupInBackupDir() throws IOException {
    Path file = write("oned.conf", fixture("oneline.conf"));
    Path backupDir = Files.createDirectory(dir.resolve("backups"));
    Run r = json(file, "--backup-dir", backupDir.toString());
    assertEquals(0, r.status(), r.err());
    Path backup = Path.of(r.json().get("backup").getAsString());
    assertEquals(backupDir, backup.getParent());
    assertTrue(backup.getFileName().toString().matches("oned\\.conf\\.scw-flexip\\.\\d{8}T\\d{6}\\.\\d{3}Z\\.bak"));
    assertArrayEquals(fixture("oneline.conf"), Files.readAllBytes(backup));
  }

  @Test
  void editsTheTargetOfASymlinkAndKeepsTheLink() throws IOException {
    Path real = write("real.conf", fixture("oneline.conf"));
    Path link = Files.createSymbolicLink(dir.resolve("oned.conf"), real.getFileName());
    Run r = json(link);
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(fixture("oneline.expected"), Files.readAllBytes(real));
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-ipam", "unparseable"})
  void failsWithOneLineAndLeavesTheFileAlone(String name) throws IOException {
    byte[] input = fixture(name + ".conf");
    Path file = write("oned.conf", input);
    for (String mode : new String[] {"--check", "--format=json"}) {
      Run r = run("oned-conf", "--file", file.toString(), mode);
      assertEquals(1, r.status());
      assertEquals("", r.out());
      assertEquals(1, r.err().strip().split("\n").length, r.err());
      assertTrue(r.err().contains(file.toString()), r.err());
    }
    assertArrayEquals(input, Files.readAllBytes(file));
    assertTrue(backups().isEmpty());
  }

  @Test
  void namesTheProblemsLine() throws IOException {
    Run noIpam = json(write("a.conf", fixture("no-ipam.conf")));
    assertTrue(noIpam.err().contains("no IPAM_MAD stanza"), noIpam.err());
    Run broken = json(write("b.conf", fixture("unparseable.conf")));
    assertTrue(broken.err().contains("line 5") && broken.err().contains("line 3"), broken.err());
  }

  @Test
  void missingFileIsOneLineFailure() {
    Run r = json(dir.resolve("absent.conf"));
    assertEquals(1, r.status());
    assertEquals("scw-flexip oned-conf: " + dir.resolve("absent.conf") + ": no such file", r.err().strip());
  }

  @Test
  void textFormatSummarisesAndShowsTheDiff() throws IOException {
    Path file = write("oned.conf", fixture("broken-list.conf"));
    Run r = run("oned-conf", "--file", file.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith(file + ": changed; backup in "), r.out());
    assertTrue(r.out().contains("repaired the IPAM_MAD -i list \"dummy, aws\""), r.out());
    assertTrue(r.out().contains("\n-    ARGUMENTS  = \"-t 1 -i dummy, aws\"\n+    ARGUMENTS  = \"-t 1 -i dummy,aws,scw-flexip\"\n"));
    Run again = run("oned-conf", "--file", file.toString());
    assertTrue(again.out().startsWith(file + ": already up to date"), again.out());
  }

  @Test
  void driverAndAttributeCanBeChosen() throws IOException {
    Path file = write("oned.conf", fixture("oneline.conf"));
    Run r = json(file, "--driver", "my-ipam", "--attribute", "MY_ID");
    assertEquals(0, r.status(), r.err());
    String after = Files.readString(file);
    assertTrue(after.contains("-i dummy,aws,equinix,vultr,my-ipam\""), after);
    assertTrue(after.endsWith("INHERIT_VNET_ATTR = \"MY_ID\"\n"), after);
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path file = write("oned.conf", fixture("oneline.conf"));
    assertEquals(2, run("oned-conf").status());
    assertEquals(2, run("oned-conf", "--file", file.toString(), "--format", "yaml").status());
    assertEquals(2, run("oned-conf", "--file", file.toString(), "--driver", "a b").status());
    assertEquals(2, run("oned-conf", "--file", file.toString(), "--attribute", "X-Y").status());
    assertEquals(2, run("oned-conf", "--file", file.toString(), "extra").status());
    assertEquals(2, run("oned-conf", "--bogus").status());
    Run help = run("oned-conf", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("--backup-dir"));
    assertArrayEquals(fixture("oneline.conf"), Files.readAllBytes(file));
  }

  @Test
  void waitsForTheLockThenGivesUpWithoutWriting() throws IOException {
    byte[] input = fixture("oneline.conf");
    Path file = write("oned.conf", input);
    OnedConfCommand command = new OnedConfCommand(Clock.systemUTC(), Duration.ofMillis(300));
    Invocation inv = new Invocation(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), Map.of(), dir.resolve("unused.json").toString());
    try (FileChannel ch = FileChannel.open(ConfFileStore.lockFileFor(file), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = ch.lock()) {
      DriverException e = assertThrows(DriverException.class,
          () -> command.run(inv, new String[] {"--file", file.toString()}));
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }
    assertArrayEquals(input, Files.readAllBytes(file));
    assertEquals(0, command.run(inv, new String[] {"--file", file.toString()}));
    assertArrayEquals(fixture("oneline.expected"), Files.readAllBytes(file));
  }
}
