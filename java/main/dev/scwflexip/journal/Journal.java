package dev.scwflexip.journal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.hostfs.PrivateDir;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The local write-ahead log of Flexible IP work ({@code state_file}). Every read and write
 * happens under an exclusive lock on {@code <state_file>.lock} (with a timeout); every write
 * goes to a temporary file that is fsynced and renamed over the old one, then the directory is
 * fsynced, so a crash leaves either the old or the new journal, never a torn one. A journal that
 * cannot be parsed is an error: it is never silently reset. Its directory must be private to the
 * driver's account ({@link PrivateDir}), and the lock and temporary files are opened without
 * following symlinks. When root writes it (reconcile from Ansible), the new file keeps the
 * directory's owner, so oneadmin's IPAM actions can still read it.
 */
public final class Journal {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
      .registerTypeAdapterFactory(new OptionalFieldsOmitted()).create();
  /** FileChannel locks are per process: threads of one JVM queue here first. */
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();

  private final Path file;
  private final long lockTimeoutMillis;

  public Journal(Path file, long lockTimeoutMillis) {
    this.file = file;
    this.lockTimeoutMillis = lockTimeoutMillis;
  }

  public Path file() {
    return file;
  }

  /** The on-disk shape: versioned so a later format can be recognised. */
  static final class Contents {
    int version = 1;
    List<JournalEntry> entries = new ArrayList<>();
  }

  /** A consistent snapshot of the entries. */
  public List<JournalEntry> entries() {
    return locked(contents -> contents.entries, false);
  }

  /**
   * Reads the journal, lets {@code change} modify the entry list in place, and writes the result
   * atomically, all under the lock. Returns what {@code change} returns.
   */
  public <T> T update(Function<List<JournalEntry>, T> change) {
    return locked(contents -> change.apply(contents.entries), true);
  }

  public static String now() {
    return Instant.now().toString();
  }

  private <T> T locked(Function<Contents, T> body, boolean write) {
    Path dir = PrivateDir.ensure(file.toAbsolutePath().getParent(), "journal directory");
    Path lockFile = dir.resolve(file.getFileName() + ".lock");
    long start = System.nanoTime();
    boolean inProcess = false;
    try {
      inProcess = IN_PROCESS.tryLock(lockTimeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (!inProcess) {
        throw lockTimeout();
      }
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
          FileLock lock = acquire(ch, start)) {
        Contents contents = read();
        T result = body.apply(contents);
        if (write) {
          write(contents);
        }
        return result;
      }
    } catch (IOException e) {
      throw new DriverException("journal " + file + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("journal " + file + ": interrupted while waiting for its lock");
    } finally {
      if (inProcess) {
        IN_PROCESS.unlock();
      }
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
    return new DriverException("journal " + file + ": still locked by another scw-flexip process after "
        + (lockTimeoutMillis / 1000) + " s");
  }

  private Contents read() throws IOException {
    String text;
    try {
      if (Files.isSymbolicLink(file)) {
        throw new DriverException("journal " + file + " is a symbolic link; refusing to use it");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Contents();
    }
    Contents c;
    try {
      c = GSON.fromJson(text, Contents.class);
    } catch (JsonParseException e) {
      throw new DriverException("journal " + file + " cannot be parsed (" + firstLine(e.getMessage())
          + "); nothing was changed: repair it or move it aside and run 'scw-flexip reconcile'");
    }
    if (c == null || c.entries == null) {
      throw new DriverException("journal " + file + " is empty or has no 'entries' list; nothing was changed:"
          + " repair it or move it aside and run 'scw-flexip reconcile'");
    }
    if (c.version != 1) {
      throw new DriverException("journal " + file + " has format version " + c.version + ", this driver reads version 1");
    }
    c.entries.removeIf(e -> e == null);
    return c;
  }

  private void write(Contents contents) throws IOException {
    byte[] bytes = (GSON.toJson(contents) + "\n").getBytes(StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
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
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
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
      throw new DriverException("journal " + file + ": its file system cannot rename atomically");
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems refuse to open directories; the rename is still atomic
    }
  }

  /** Leaves {@link JournalEntry#OPTIONAL_FIELDS} out of an entry when they are null. */
  private static final class OptionalFieldsOmitted implements TypeAdapterFactory {
    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      if (type.getRawType() != JournalEntry.class) {
        return null;
      }
      TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
      TypeAdapter<JsonElement> tree = gson.getAdapter(JsonElement.class);
      return new TypeAdapter<T>() {
        @Override
        public void write(JsonWriter out, T value) throws IOException {
          JsonElement e = delegate.toJsonTree(value);
          if (e.isJsonObject()) {
            for (String name : JournalEntry.OPTIONAL_FIELDS) {
              if (e.getAsJsonObject().has(name) && e.getAsJsonObject().get(name).isJsonNull()) {
                e.getAsJsonObject().remove(name);
              }
            }
          }
          tree.write(out, e);
        }

        @Override
        public T read(JsonReader in) throws IOException {
          return delegate.read(in);
        }
      };
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
