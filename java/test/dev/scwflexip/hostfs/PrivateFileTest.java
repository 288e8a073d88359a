package dev.scwflexip.hostfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFileTest {
  @TempDir Path tmp;

  @Test
  void anUpdateWritesAPrivateFileAndLeavesNoTemporaryOne() throws Exception {
    PrivateFile f = new PrivateFile(tmp.resolve("state").resolve("counters"), "action counters", 1000);
    assertEquals("first", f.update(text -> new PrivateFile.Outcome<>(text == null ? "first" : "again", "a 1\n")));
    assertEquals("again", f.update(text -> new PrivateFile.Outcome<>(text == null ? "first" : "again", null)));
    assertEquals("a 1\n", Files.readString(f.file()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.file())));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.file().getParent())));
    try (Stream<Path> s = Files.list(f.file().getParent())) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
    }
  }

  @Test
  void peekCreatesNothingAndSeesWhatWasWritten() throws Exception {
    Path dir = tmp.resolve("absent");
    PrivateFile f = new PrivateFile(dir.resolve("counters"), "action counters", 1000);
    assertNull(f.peek());
    assertFalse(Files.exists(dir), "peek made the directory");
    f.update(text -> new PrivateFile.Outcome<>(null, "x"));
    Files.delete(dir.resolve("counters.lock"));
    assertEquals("x", f.peek());
    assertFalse(Files.exists(dir.resolve("counters.lock")), "peek took the lock");
  }

  @Test
  void aSymlinkInTheFilesPlaceIsRefused() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("d"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    Files.writeString(tmp.resolve("elsewhere"), "secret");
    Files.createSymbolicLink(dir.resolve("counters"), tmp.resolve("elsewhere"));
    PrivateFile f = new PrivateFile(dir.resolve("counters"), "action counters", 1000);
    String m = assertThrows(DriverException.class, f::peek).getMessage();
    assertTrue(m.contains("action counters") && m.contains("symbolic link"), m);
    assertThrows(DriverException.class, () -> f.update(t -> new PrivateFile.Outcome<>(null, "y")));
    assertEquals("secret", Files.readString(tmp.resolve("elsewhere")));
  }
}
