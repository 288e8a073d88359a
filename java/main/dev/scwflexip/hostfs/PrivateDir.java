package dev.scwflexip.hostfs;

import dev.scwflexip.base.DriverException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory the driver keeps its files in (locks, the journal), made safe against other local
 * accounts: it must not be a symlink, must belong to the account running the driver (root may
 * use oneadmin's), must not be writable by group or others, and its parent must not let anyone
 * else replace it. Files inside are then opened without following symlinks.
 */
public final class PrivateDir {
  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;
  private static volatile Integer ownUid;

  private PrivateDir() {}

  /** Creates {@code dir} (mode 0700, and any missing parent) if needed, then {@link #check}s it. */
  public static Path ensure(Path dir, String what) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      try {
        createPrivate(abs);
      } catch (FileAlreadyExistsException e) {
        // made by another process in the meantime; checked below like any other
      } catch (IOException | UnsupportedOperationException e) {
        throw new DriverException(what + " " + abs + ": cannot create it: " + e.getMessage());
      }
    }
    check(abs, what);
    return abs;
  }

  private static void createPrivate(Path dir) throws IOException {
    Path parent = dir.getParent();
    if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
      createPrivate(parent);
    }
    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /** Fails with one line unless {@code dir} is safe to keep the driver's files in. */
  public static void check(Path dir, String what) {
    check(dir, what, ownUid());
  }

  /** As {@link #check(Path, String)}, for a process running as {@code me}. */
  static void check(Path dir, String what, int me) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      if (Files.isSymbolicLink(abs)) {
        throw unsafe(what, abs, "is a symbolic link");
      }
      if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
        throw unsafe(what, abs, "is not a directory");
      }
      int uid = (Integer) Files.getAttribute(abs, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) Files.getAttribute(abs, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (uid != me && me != 0) {
        throw unsafe(what, abs, "belongs to uid " + uid + ", not to this account (uid " + me + ")");
      }
      if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
        throw unsafe(what, abs, "is writable by group or others (mode " + Integer.toOctalString(mode & 07777) + ")");
      }
      Path parent = abs.getParent();
      if (parent != null) {
        Path real = parent.toRealPath();
        int puid = (Integer) Files.getAttribute(real, "unix:uid");
        int pmode = (Integer) Files.getAttribute(real, "unix:mode");
        boolean stickyRoot = puid == 0 && (pmode & STICKY) != 0;
        if (puid != 0 && puid != me && me != 0 || (pmode & GROUP_OR_OTHER_WRITE) != 0 && !stickyRoot) {
          throw unsafe(what, abs, "has a parent another account could replace it in (" + real + ", uid " + puid
              + ", mode " + Integer.toOctalString(pmode & 07777) + ")");
        }
      }
    } catch (IOException | UnsupportedOperationException | ClassCastException e) {
      throw new DriverException(what + " " + abs + ": cannot inspect it: " + e.getMessage());
    }
  }

  /** The account the driver runs as. */
  public static int ownUid() {
    Integer uid = ownUid;
    if (uid == null) {
      try {
        // /proc/self belongs to the process's effective uid
        uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      } catch (IOException | UnsupportedOperationException e) {
        throw new DriverException("cannot tell which account this process runs as: " + e.getMessage());
      }
      ownUid = uid;
    }
    return uid;
  }

  private static DriverException unsafe(String what, Path dir, String why) {
    return new DriverException(what + " " + dir + " " + why + "; refusing to use it (see SECURITY.md)");
  }
}
