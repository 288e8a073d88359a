package dev.scwflexip.onedconf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Replaces a configuration file the careful way: under an exclusive lock on a lock file beside
 * it (the file itself is replaced by a rename, so it cannot carry the lock), with a backup of
 * the old bytes, through a temporary file in the same directory that gets the original's mode,
 * owner and group, is synced, and is renamed over the original.
 */
final class ConfFileStore {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Duration lockTimeout;

  ConfFileStore(Clock clock, Duration lockTimeout) {
    this.clock = clock;
    this.lockTimeout = lockTimeout;
  }

  static Path lockFileFor(Path file) {
    return file.resolveSibling(file.getFileName() + ".scw-flexip.lock");
  }

  /** Waits for the lock; closing the result releases it. */
  HeldLock lock(Path file) throws IOException {
    FileChannel channel = FileChannel.open(lockFileFor(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    try {
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // held by another thread of this JVM
        }
        if (lock != null) {
          return new HeldLock(channel);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("timed out after " + lockTimeout.toSeconds() + " s waiting for the lock "
              + lockFileFor(file));
        }
        Thread.sleep(100);
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    } catch (InterruptedException e) {
      channel.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the lock " + lockFileFor(file));
    }
  }

  /** Copies {@code content} (the bytes last read) next to the file or into {@code backupDir}. */
  Path backup(Path file, byte[] content, Path backupDir) throws IOException {
    Path dir = backupDir != null ? backupDir : file.toAbsolutePath().getParent();
    String base = file.getFileName() + ".scw-flexip." + STAMP.format(clock.instant());
    PosixFileAttributes original = attributes(file);
    for (int n = 0; ; n++) {
      Path backup = dir.resolve(n == 0 ? base + ".bak" : base + "-" + n + ".bak");
      try {
        Files.createFile(backup, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        continue;
      }
      writeSynced(backup, content);
      copyOwnership(original, backup);
      return backup;
    }
  }

  /** Atomically replaces {@code file} with {@code content}, keeping its mode, owner and group. */
  void replace(Path file, byte[] content) throws IOException {
    PosixFileAttributes original = attributes(file);
    Path dir = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".scw-flexip.tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      writeSynced(temp, content);
      copyOwnership(original, temp);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename a file over " + file + " atomically", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    syncDirectory(dir);
  }

  private static PosixFileAttributes attributes(Path file) throws IOException {
    return Files.readAttributes(file, PosixFileAttributes.class);
  }

  private static void writeSynced(Path path, byte[] content) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    }
  }

  /** Owner first: on Linux, chown clears set-id bits, so the mode is set last. */
  private static void copyOwnership(PosixFileAttributes original, Path target) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributes current = view.readAttributes();
    UserPrincipal owner = original.owner();
    GroupPrincipal group = original.group();
    if (!current.owner().equals(owner)) {
      view.setOwner(owner);
    }
    if (!current.group().equals(group)) {
      view.setGroup(group);
    }
    view.setPermissions(original.permissions());
  }

  /** Makes the rename itself durable. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory; the rename has happened all the same.
    }
  }

  /** Closing the channel releases the lock on it. */
  static final class HeldLock implements AutoCloseable {
    private final FileChannel channel;

    private HeldLock(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
