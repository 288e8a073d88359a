package dev.scwflexip.vnm;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.hostfs.PrivateDir;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Exclusive use of some Flexible IPs on this host, so that hooks of different VMs running at the
 * same time never interleave attach and detach calls on one IP. Each IP has a lock file
 * {@code <runtime_dir>/<id>.lock}, locked with a file lock. The directory must be private to the
 * driver's account ({@link PrivateDir}) and lock files are opened without following symlinks, so
 * another local account can neither squat nor redirect them. File locks belong to the whole
 * process, so inside one JVM a semaphore per id comes first. Ids are always taken in sorted
 * order, so two holders of overlapping sets cannot deadlock.
 */
final class FipLock implements AutoCloseable {
  private static final ConcurrentHashMap<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 50;

  private final List<Held> held = new ArrayList<>();

  private static final class Held {
    final Semaphore semaphore;
    FileChannel channel;
    FileLock lock;

    Held(Semaphore semaphore) {
      this.semaphore = semaphore;
    }
  }

  private FipLock() {}

  /** Locks every id, waiting at most {@code timeoutMillis} in all. */
  static FipLock acquire(Path dir, List<String> ids, long timeoutMillis) {
    List<String> sorted = new ArrayList<>(ids);
    Collections.sort(sorted);
    Path safe = PrivateDir.ensure(dir, "runtime_dir");
    long end = System.nanoTime() + timeoutMillis * 1_000_000L;
    FipLock all = new FipLock();
    try {
      for (String id : sorted) {
        all.lockOne(safe, id, end);
      }
      return all;
    } catch (RuntimeException e) {
      all.close();
      throw e;
    }
  }

  private void lockOne(Path dir, String id, long end) {
    Semaphore s = IN_PROCESS.get(id);
    if (s == null) {
      Semaphore fresh = new Semaphore(1);
      s = IN_PROCESS.putIfAbsent(id, fresh);
      if (s == null) {
        s = fresh;
      }
    }
    try {
      if (!s.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw timeout(id);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("scw-flexip: interrupted while waiting for the lock on Flexible IP " + id);
    }
    Held h = new Held(s);
    held.add(h);
    Path file = dir.resolve(id + ".lock");
    try {
      h.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new DriverException("scw-flexip: lock file " + file + " is not a regular file; refusing to use it");
      }
      while (true) {
        h.lock = h.channel.tryLock();
        if (h.lock != null) {
          return;
        }
        if (System.nanoTime() >= end) {
          throw timeout(id);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (IOException e) {
      throw new DriverException("scw-flexip: cannot lock " + file + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("scw-flexip: interrupted while waiting for the lock on Flexible IP " + id);
    }
  }

  private static DriverException timeout(String id) {
    return new DriverException("scw-flexip: Flexible IP " + id
        + " is locked by another hook on this host (lock_timeout_seconds passed)");
  }

  @Override
  public void close() {
    for (int i = held.size() - 1; i >= 0; i--) {
      Held h = held.get(i);
      try {
        if (h.lock != null) {
          h.lock.release();
        }
        if (h.channel != null) {
          h.channel.close();
        }
      } catch (IOException e) {
        // closing the channel releases the lock; nothing more to do
      } finally {
        h.semaphore.release();
      }
    }
    held.clear();
  }
}
