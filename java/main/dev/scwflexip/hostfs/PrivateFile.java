package dev.scwflexip.hostfs;

import dev.scwflexip.base.DriverException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A small text file the driver keeps in one of its private directories ({@link PrivateDir}):
 * the journal, the action counters, the record of reconcile's last runs. Every locked read and
 * write happens under an exclusive lock on {@code <file>.lock} (with a timeout); a write goes to a
 * temporary file in the same directory that is fsynced and renamed over the old one, then the
 * directory is fsynced, so a crash leaves the old or the new text, never a torn one. The lock and
 * temporary files are opened without following symlinks, and a symlink in the file's place is
 * refused. When root writes (reconcile from Ansible), the new file keeps the directory's owner,
 * so the driver's account can still read and replace it.
 */
public final class PrivateFile {
  /** FileChannel locks are per process: threads of one JVM queue here first, per file. */
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final String what;
  private final long lockTimeoutMillis;

  /** {@code what} names the file in errors ("journal", "action counters", …). */
  public PrivateFile(Path file, String what, long lockTimeoutMillis) {
    this.file = file.toAbsolutePath().normalize();
    this.what = what;
    this.lockTimeoutMillis = lockTimeoutMillis;
  }

  public Path file() {
    return file;
  }

  /** The new text to write ({@code null}: leave the file as it is) and what to return. */
  public record Outcome<T>(T value, String newText) {}

  /**
   * Under the lock (creating the private directory if needed): reads the text (null when there
   * is no file yet), lets {@code change} decide, and writes its new text atomically.
   */
  public <T> T update(Function<String, Outcome<T>> change) {
    Path dir = PrivateDir.ensure(file.getParent(), what + " directory");
    Path lockFile = dir.resolve(file.getFileName() + ".lock");
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file, k -> new ReentrantLock());
    long start = System.nanoTime();
    boolean held = false;
    try {
      held = inProcess.tryLock(lockTimeoutMillis, TimeUnit.MILLISECONDS);
      if (!held) {
        throw lockTimeout();
      }
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
          FileLock lock = acquire(ch, start)) {
        Outcome<T> outcome = change.apply(read());
        if (outcome.newText() != null) {
          write(dir, outcome.newText());
        }
        return outcome.value();
      }
    } catch (IOException e) {
      throw new DriverException(what + " " + file + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException(what + " " + file + ": interrupted while waiting for its lock");
    } finally {
      if (held) {
        inProcess.unlock();
      }
    }
  }

  /**
   * The text without taking the lock and without creating anything: null when the file (or its
   * directory) does not exist. A write is a rename, so an unlocked read still sees a whole file.
   * For readers that must leave no trace, such as {@code doctor} and {@code metrics}, which may
   * run as another account than the one that owns the directory.
   */
  public String peek() {
    try {
      return read();
    } catch (IOException e) {
      throw new DriverException(what + " " + file + ": cannot read: " + e.getMessage());
    }
  }

  private String read() throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new DriverException(what + " " + file + " is a symbolic link; refusing to use it");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private FileLock acquire(FileChannel ch, long startNanos) throws IOException, InterruptedException {
    long sleep = 5;
    while (true) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock != null) {
        return lock;
      }
      if ((System.nanoTime() - startNanos) / 1_000_000L >= lockTimeoutMillis) {
        throw lockTimeout();
      }
      Thread.sleep(sleep);
      sleep = Math.min(100, sleep * 2);
    }
  }

  private DriverException lockTimeout() {
    return new DriverException(what + " " + file + ": still locked by another scw-flexip process after "
        + (lockTimeoutMillis / 1000) + " s");
  }

  private void write(Path dir, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      if (PrivateDir.ownUid() == 0) {
        Files.setOwner(tmp, Files.getOwner(dir));
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default mode
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(tmp);
      throw new DriverException(what + " " + file + ": its file system cannot rename atomically");
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems refuse to open directories; the rename is still atomic
    }
  }
}
