package dev.scwflexip.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileRunsTest {
  @TempDir Path tmp;

  @Test
  void oneRecordPerModeAndCheckOrApplyTheLatestWins() {
    ReconcileRuns.record(tmp, new ReconcileRuns.Run("full", false, "2026-01-01T00:00:00Z", "repaired", 2, 0, null), 1000);
    ReconcileRuns.record(tmp, new ReconcileRuns.Run("full", true, "2026-01-01T01:00:00Z", "drift", 1, 0, null), 1000);
    ReconcileRuns.record(tmp, new ReconcileRuns.Run("repair-only", false, "2026-01-01T02:00:00Z", "in_sync", 0, 0,
        null), 1000);
    ReconcileRuns.record(tmp, new ReconcileRuns.Run("full", false, "2026-01-01T03:00:00Z", "error", 0, 0,
        "Scaleway API: gave up"), 1000);
    List<ReconcileRuns.Run> runs = ReconcileRuns.read(tmp);
    assertEquals(3, runs.size());
    ReconcileRuns.Run apply = runs.stream().filter(r -> r.mode().equals("full") && !r.check()).findFirst().get();
    assertEquals("error", apply.result());
    assertEquals("Scaleway API: gave up", apply.error());
    assertEquals("2026-01-01T03:00:00Z", apply.time());
  }

  @Test
  void aDamagedRecordIsStartedAfresh() throws Exception {
    Files.writeString(tmp.resolve(ReconcileRuns.FILE), "{not json");
    assertTrue(ReconcileRuns.read(tmp).isEmpty());
    ReconcileRuns.record(tmp, new ReconcileRuns.Run("full", true, "t", "in_sync", 0, 0, null), 1000);
    assertEquals(1, ReconcileRuns.read(tmp).size());
    assertTrue(ReconcileRuns.read(tmp.resolve("none")).isEmpty());
  }
}
