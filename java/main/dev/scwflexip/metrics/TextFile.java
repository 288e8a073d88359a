package dev.scwflexip.metrics;

import dev.scwflexip.base.DriverException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the file the node_exporter textfile collector reads, so it never sees half of one: a
 * temporary file in the same directory (named with a leading dot and no {@code .prom} suffix, so
 * the collector ignores it), created new without following symlinks, fsynced, made readable by
 * others (the exporter runs as its own account), then renamed over the old file, which replaces
 * whatever is there (a symlink included) without following it. The directory must exist.
 */
final class TextFile {
  private TextFile() {}

  static void write(Path file, String text) {
    Path abs = file.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new DriverException("--textfile " + file + ": the directory " + dir + " does not exist");
    }
    if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new DriverException("--textfile " + file + " is a directory");
    }
    Path tmp = dir.resolve("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new DriverException("--textfile " + file + ": its file system cannot rename atomically");
    } catch (IOException | UnsupportedOperationException e) {
      throw new DriverException("--textfile " + file + ": cannot write: " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // nothing more to do: the temporary name is not one the collector reads
      }
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems refuse to open directories; the rename is still atomic
    }
  }
}
