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
import dev.scwflexip.hostfs.PrivateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The local write-ahead log of Flexible IP work ({@code state_file}). Every read and write
 * happens under an exclusive lock on {@code <state_file>.lock} (with a timeout); every write
 * goes to a temporary file that is fsynced and renamed over the old one, then the directory is
 * fsynced, so a crash leaves either the old or the new journal, never a torn one (all of that is
 * {@link PrivateFile}). A journal that cannot be parsed is an error: it is never silently reset.
 * Its directory must be private to the driver's account ({@link PrivateDir}), and the lock and
 * temporary files are opened without following symlinks. When root writes it (reconcile from
 * Ansible), the new file keeps the directory's owner, so oneadmin's IPAM actions can still read it.
 */
public final class Journal {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
      .registerTypeAdapterFactory(new OptionalFieldsOmitted()).create();

  private final Path file;
  private final PrivateFile store;

  public Journal(Path file, long lockTimeoutMillis) {
    this.file = file;
    this.store = new PrivateFile(file, "journal", lockTimeoutMillis);
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
    return store.update(text -> {
      Contents contents = parse(text);
      T result = body.apply(contents);
      return new PrivateFile.Outcome<>(result, write ? GSON.toJson(contents) + "\n" : null);
    });
  }

  /**
   * A snapshot read without the lock and without creating the directory or the lock file (a
   * write is a rename, so it still sees a whole journal): for {@code doctor} and {@code metrics},
   * which must change nothing on the host, whichever account runs them. Empty when there is no
   * journal yet; an unreadable journal throws as {@link #entries} does.
   */
  public List<JournalEntry> peek() {
    return parse(store.peek()).entries;
  }

  private Contents parse(String text) {
    if (text == null) {
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
