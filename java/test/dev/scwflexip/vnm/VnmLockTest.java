package dev.scwflexip.vnm;

import static dev.scwflexip.vnm.HookWorld.SERVER_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.scaleway.FlexibleIp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Per-Flexible-IP locks: hooks for the same IP on one host take turns, with a timeout. */
class VnmLockTest {
  @Test
  void aHeldLockTimesOutWithOneLine() throws Exception {
    Path dir = Files.createTempDirectory("locks-").resolve("run");
    try (FipLock held = FipLock.acquire(dir, List.of("id-1"), 1000)) {
      long start = System.nanoTime();
      DriverException e = assertThrows(DriverException.class, () -> FipLock.acquire(dir, List.of("id-2", "id-1"), 300));
      long ms = (System.nanoTime() - start) / 1_000_000L;
      assertTrue(ms >= 250 && ms < 2000, "waited " + ms + " ms");
      assertTrue(e.getMessage().contains("is locked by another hook"), e.getMessage());
    }
    // released on close, including id-2 taken before the timeout
    try (FipLock again = FipLock.acquire(dir, List.of("id-1", "id-2"), 100)) {
      assertTrue(Files.exists(dir.resolve("id-1.lock")));
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
  }

  @Test
  void aLockFileSymlinkIsNeverFollowed() throws Exception {
    Path dir = Files.createTempDirectory("locks-").resolve("run");
    try (FipLock first = FipLock.acquire(dir, List.of("id-0"), 1000)) {
      // the directory exists now; another account plants a link where a lock file will go
      Path victim = Files.writeString(dir.getParent().resolve("victim"), "untouched");
      Files.createSymbolicLink(dir.resolve("id-9.lock"), victim);
      DriverException e = assertThrows(DriverException.class, () -> FipLock.acquire(dir, List.of("id-9"), 300));
      assertTrue(e.getMessage().contains("cannot lock"), e.getMessage());
      assertEquals("untouched", Files.readString(victim));
    }
  }

  @Test
  void twoPreRunsForTheSameVmAtOnceAttachOnce() throws Exception {
    try (HookWorld world = HookWorld.start(1000)) {
      Path host = world.host("kvm-a", SERVER_A, Map.of());
      FlexibleIp pub = world.newOurs();
      byte[] in = HookWorld.stdin("deploy.xml", pub);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Callable<HookWorld.Result> pre = new Callable<HookWorld.Result>() {
          @Override
          public HookWorld.Result call() {
            return HookWorld.run(host, in, "pre");
          }
        };
        Future<HookWorld.Result> a = pool.submit(pre);
        Future<HookWorld.Result> b = pool.submit(pre);
        assertEquals(0, a.get().rc, a.get().toString());
        assertEquals(0, b.get().rc, b.get().toString());
      } finally {
        pool.shutdownNow();
      }
      assertEquals(1, world.count("POST", "/attach"), "the second run must see the first one's attach");
      assertEquals(SERVER_A, world.get(pub.id).serverId);
    }
  }
}
