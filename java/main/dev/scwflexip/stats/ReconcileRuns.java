package dev.scwflexip.stats;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.scwflexip.hostfs.PrivateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How reconcile's last runs ended, one record per kind of run: full or repair-only, check or
 * apply (so an operator's {@code --check} does not hide when the periodic repair last applied).
 * The file {@value #FILE} beside the journal is JSON:
 * <pre>{"version":1,"runs":[{"mode":"repair-only","check":false,"time":"2026-…Z","result":"in_sync",
 *   "actions":0,"failures":0,"error":null}, …]}</pre>
 * {@code result} is {@code in_sync}, {@code drift} (check: drift found), {@code repaired} (apply:
 * every action done), {@code failed} (apply: an action failed) or {@code error} (the run itself
 * failed; {@code error} holds its one line).
 */
public final class ReconcileRuns {
  public static final String FILE = "reconcile-runs.json";
  public static final String FULL = "full";
  public static final String REPAIR_ONLY = "repair-only";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

  /** One run. */
  public record Run(String mode, boolean check, String time, String result, int actions, int failures, String error) {}

  private static final class Contents {
    int version = 1;
    List<Run> runs = new ArrayList<>();
  }

  private ReconcileRuns() {}

  /** Replaces the record of the same mode and check-or-apply with {@code run}. */
  public static void record(Path dir, Run run, long lockTimeoutMillis) {
    new PrivateFile(dir.resolve(FILE), "reconcile run record", lockTimeoutMillis).update(text -> {
      Contents c = parse(text);
      c.runs.removeIf(r -> r == null || r.mode().equals(run.mode()) && r.check() == run.check());
      c.runs.add(run);
      return new PrivateFile.Outcome<>(null, GSON.toJson(c) + "\n");
    });
  }

  /** The recorded runs, read without lock or side effect; empty when none (or unreadable as JSON). */
  public static List<Run> read(Path dir) {
    return parse(new PrivateFile(dir.resolve(FILE), "reconcile run record", 1000).peek()).runs;
  }

  private static Contents parse(String text) {
    if (text == null) {
      return new Contents();
    }
    try {
      Contents c = GSON.fromJson(text, Contents.class);
      if (c == null || c.runs == null) {
        return new Contents();
      }
      c.runs.removeIf(r -> r == null || r.mode() == null || r.time() == null || r.result() == null);
      return c;
    } catch (JsonParseException e) {
      // only a record of past runs: a damaged one is started afresh rather than stop reconcile
      return new Contents();
    }
  }
}
