package dev.scwflexip.hostfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What another local account could do to the driver's directories, and the refusals. */
class PrivateDirTest {
  @TempDir Path tmp;

  private String refusal(Path dir, int me) {
    return assertThrows(DriverException.class, () -> PrivateDir.check(dir, "runtime_dir", me)).getMessage();
  }

  @Test
  void createsAMissingDirectoryPrivate() throws Exception {
    Path run = tmp.resolve("scw-flexip").resolve("run");
    PrivateDir.ensure(run, "runtime_dir");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
    PrivateDir.ensure(run, "runtime_dir");
  }

  @Test
  void aSymlinkPlantedInItsPlaceIsRefused() throws Exception {
    Path target = Files.createDirectory(tmp.resolve("elsewhere"));
    Path run = Files.createSymbolicLink(tmp.resolve("run"), target);
    String e = assertThrows(DriverException.class, () -> PrivateDir.ensure(run, "runtime_dir")).getMessage();
    assertTrue(e.contains("is a symbolic link; refusing to use it"), e);
  }

  @Test
  void aDirectoryOthersMayWriteIsRefused() throws Exception {
    Path run = Files.createDirectory(tmp.resolve("run"));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertTrue(refusal(run, PrivateDir.ownUid()).contains("writable by group or others (mode 777)"));
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwx---"));
    assertTrue(refusal(run, PrivateDir.ownUid()).contains("writable by group or others"));
  }

  @Test
  void aDirectorySquattedByAnotherAccountIsRefused() throws Exception {
    Path run = Files.createDirectory(tmp.resolve("run"));
    int owner = (Integer) Files.getAttribute(run, "unix:uid");
    // seen by an account other than its owner (the hooks run as oneadmin)
    String e = refusal(run, owner + 4242);
    assertTrue(e.contains("belongs to uid " + owner + ", not to this account"), e);
  }

  @Test
  void aParentOthersMayWriteIsRefused() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path run = Files.createDirectory(open.resolve("run"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    assertTrue(refusal(run, PrivateDir.ownUid()).contains("has a parent another account could replace it in"));
  }

  @Test
  void aFileInsteadOfADirectoryIsRefused() throws Exception {
    Path run = Files.writeString(tmp.resolve("run"), "");
    assertTrue(refusal(run, PrivateDir.ownUid()).contains("is not a directory"));
  }
}
