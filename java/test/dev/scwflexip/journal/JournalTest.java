package dev.scwflexip.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;

  @Test
  void missingFileIsEmptyAndUpdatesPersist() {
    Journal j = new Journal(dir.resolve("sub/journal.json"), 2000);
    assertEquals(0, j.entries().size());
    j.update(es -> es.add(JournalEntry.beginCreate("e1", "fr-par-1", Journal.now())));
    j.update(es -> es.get(0).created("f1", "51.15.0.1", Journal.now()).active("52:54:00:00:00:01", Journal.now()));
    List<JournalEntry> again = new Journal(dir.resolve("sub/journal.json"), 2000).entries();
    assertEquals(1, again.size());
    assertEquals("f1", again.get(0).fipId());
    assertEquals(JournalEntry.State.ACTIVE, again.get(0).state());
  }

  @Test
  void writesAreAtomicWithOwnerOnlyMode() throws Exception {
    Path f = dir.resolve("journal.json");
    Journal j = new Journal(f, 2000);
    j.update(es -> es.add(JournalEntry.beginCreate("e1", "fr-par-1", Journal.now())));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    try (var s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temporary file left behind");
    }
    assertTrue(Files.readString(f).contains("\"version\": 1"));
  }

  @Test
  void plantedSymlinksAreNeverFollowed() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim"), "untouched");
    Path state = Files.createDirectory(dir.resolve("state"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    Journal j = new Journal(state.resolve("journal.json"), 2000);
    Files.createSymbolicLink(state.resolve("journal.json.lock"), victim);
    assertThrows(DriverException.class, () -> j.update(es -> es.add(JournalEntry.beginCreate("e", "z", "t"))));
    Files.delete(state.resolve("journal.json.lock"));
    Files.createSymbolicLink(state.resolve(".journal.json.tmp-" + ProcessHandle.current().pid()), victim);
    j.update(es -> es.add(JournalEntry.beginCreate("e", "z", "t")));
    assertEquals("untouched", Files.readString(victim), "a write went through a planted link");
    assertTrue(!Files.isSymbolicLink(state.resolve("journal.json")));
    Files.delete(state.resolve("journal.json"));
    Files.createSymbolicLink(state.resolve("journal.json"), victim);
    String m = assertThrows(DriverException.class, j::entries).getMessage();
    assertTrue(m.contains("symbolic link"), m);
  }

  @Test
  void aJournalDirectoryOthersMayWriteIsRefused() throws Exception {
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    String m = assertThrows(DriverException.class, () -> new Journal(open.resolve("journal.json"), 2000).entries())
        .getMessage();
    assertTrue(m.contains("writable by group or others"), m);
  }

  @Test
  void anUnreadableJournalIsAnErrorAndIsNotReset() throws Exception {
    Path f = dir.resolve("journal.json");
    Files.writeString(f, "{\"version\":1,\"entries\":[{\"id\":\"e1\"");
    Journal j = new Journal(f, 2000);
    String m = assertThrows(DriverException.class,
        () -> j.update(es -> es.add(JournalEntry.beginCreate("e2", "z", "t")))).getMessage();
    assertTrue(m.contains("cannot be parsed") && m.contains("nothing was changed"), m);
    assertEquals("{\"version\":1,\"entries\":[{\"id\":\"e1\"", Files.readString(f));
    Files.writeString(f, "");
    assertThrows(DriverException.class, j::entries);
    Files.writeString(f, "{\"version\":9,\"entries\":[]}");
    assertTrue(assertThrows(DriverException.class, j::entries).getMessage().contains("version 9"));
  }

  @Test
  void aHeldLockTimesOutWithOneLine() throws Exception {
    Path f = dir.resolve("journal.json");
    Journal j = new Journal(f, 300);
    j.entries();
    // hold the lock from a separate process (FileChannel locks are per process) with the same
    // kind of lock Java takes on Linux: a POSIX record lock, not flock(2)
    Process holder = new ProcessBuilder("python3", "-c",
        "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True);"
            + " time.sleep(5)",
        dir.resolve("journal.json.lock").toString()).start();
    // wait until the other process really holds it, however slow its start on a busy machine
    assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine());
    try {
      String m = assertThrows(DriverException.class, j::entries).getMessage();
      assertTrue(m.contains("still locked"), m);
    } finally {
      holder.destroyForcibly().waitFor();
    }
    assertEquals(0, j.entries().size());
  }

  @Test
  void concurrentUpdatesLoseNothing() throws Exception {
    Path f = dir.resolve("journal.json");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String id = "e" + i;
      fs.add(pool.submit(() -> new Journal(f, 10_000)
          .update(es -> es.add(JournalEntry.beginCreate(id, "z", "t")))));
    }
    for (Future<?> x : fs) {
      x.get();
    }
    pool.shutdown();
    assertEquals(64, new Journal(f, 1000).entries().size());
  }

  @Test
  void lockFileIsSeparateFromTheJournal() throws Exception {
    Path f = dir.resolve("journal.json");
    new Journal(f, 1000).entries();
    try (FileChannel ch = FileChannel.open(dir.resolve("journal.json.lock"), StandardOpenOption.WRITE);
        FileLock l = ch.tryLock()) {
      assertTrue(l != null);
    }
  }
}
