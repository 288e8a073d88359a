package dev.scwflexip.vnm;

import static dev.scwflexip.vnm.HookWorld.SERVER_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.testsupport.DriverJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The per-IP lock across processes, as on a real host: oned runs each hook as its own JVM, so two
 * hooks for one IP meet only through the lock file in the runtime directory.
 */
class FipLockProcessIT {
  private static Process hook(Path config, byte[] stdin, Path out, String... vnm) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", DriverJar.path().toString(), "--config", config.toString(), "vnm"));
    cmd.addAll(List.of(vnm));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    p.getOutputStream().write(stdin);
    p.getOutputStream().close();
    return p;
  }

  @Test
  void aSecondProcessWaitsForTheFirstAndGivesUpAfterItsTimeout() throws Exception {
    try (HookWorld world = HookWorld.start(3000)) {
      Path patient = world.host("kvm-a", SERVER_A, Map.of("lock_timeout_seconds", 20));
      Path hasty = world.host("kvm-a-hasty", SERVER_A, Map.of("lock_timeout_seconds", 1));
      // both configurations share one runtime directory, as every hook on one host does
      Path run = world.dir.resolve("kvm-a").resolve("run");
      String shared = Files.readString(hasty).replace(world.dir.resolve("kvm-a-hasty").resolve("run").toString(),
          run.toString());
      Files.writeString(hasty, shared);
      FlexibleIp pub = world.newOurs();
      byte[] in = HookWorld.stdin("deploy.xml", pub);
      Path lock = run.resolve(pub.id + ".lock");

      Process first = hook(patient, in, world.dir.resolve("first.out"), "pre");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!Files.exists(lock) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(Files.exists(lock), "the first hook never took the lock");
      // the first holds the lock through a three-second attach; the second may wait one second
      Process second = hook(hasty, in, world.dir.resolve("second.out"), "clean", "kvm-a");
      Process third = hook(patient, in, world.dir.resolve("third.out"), "pre");
      assertEquals(1, second.waitFor(), Files.readString(world.dir.resolve("second.out")));
      String said = Files.readString(world.dir.resolve("second.out"));
      assertTrue(said.contains("is locked by another hook on this host"), said);
      assertEquals(0, first.waitFor(), Files.readString(world.dir.resolve("first.out")));
      assertEquals(0, third.waitFor(), Files.readString(world.dir.resolve("third.out")));
      assertTrue(Files.readString(world.dir.resolve("third.out")).contains("already attached to this server"),
          "the third hook ran before the first had finished");
      assertEquals(1, world.count("POST", "/attach"));
      assertEquals("attached", world.get(pub.id).status);
    }
  }
}
