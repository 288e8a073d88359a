package dev.scwflexip.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionCountersTest {
  @TempDir Path tmp;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(log, true, StandardCharsets.UTF_8);

  @Test
  void runsAndFailuresAddUpPerAction() throws Exception {
    Path dir = tmp.resolve("state");
    ActionCounters.record(dir, "register", true, err);
    ActionCounters.record(dir, "register", false, err);
    ActionCounters.record(dir, "clean", true, err);
    Map<String, ActionCounters.Count> c = ActionCounters.read(dir);
    assertEquals(new ActionCounters.Count(2, 1), c.get("register"));
    assertEquals(new ActionCounters.Count(1, 0), c.get("clean"));
    assertEquals(2, c.size());
    assertEquals("# scw-flexip action counters: action runs failures\nregister 2 1\nclean 1 0\n",
        Files.readString(dir.resolve(ActionCounters.FILE)));
    assertEquals("", log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void concurrentRunsLoseNoCount() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean ok = i % 4 != 0;
      fs.add(pool.submit(() -> ActionCounters.record(tmp, "pre", ok, err)));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    assertEquals(new ActionCounters.Count(40, 10), ActionCounters.read(tmp).get("pre"));
  }

  @Test
  void aCounterThatCannotBeWrittenIsOneInfoLineNotAFailure() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    ActionCounters.record(open, "unregister", true, err);
    String line = log.toString(StandardCharsets.UTF_8);
    assertTrue(line.startsWith("INFO: unregister was not counted: ") && line.contains("writable by group or others"),
        line);
    assertEquals(1, line.strip().lines().count());
  }

  @Test
  void damagedLinesStartFromZeroAndUnknownActionsAreRefused() throws Exception {
    Files.writeString(tmp.resolve(ActionCounters.FILE), "register 5 2\npost x 1\nclean 1 3\nfoo 1 0\n");
    Map<String, ActionCounters.Count> c = ActionCounters.read(tmp);
    assertEquals(Map.of("register", new ActionCounters.Count(5, 2)), c);
    assertThrows(IllegalArgumentException.class, () -> ActionCounters.record(tmp, "get_address", true, err));
    assertTrue(ActionCounters.read(tmp.resolve("none")).isEmpty());
  }
}
