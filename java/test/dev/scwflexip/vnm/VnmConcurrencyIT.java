package dev.scwflexip.vnm;

import static dev.scwflexip.vnm.HookWorld.SERVER_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scwflexip.scaleway.FlexibleIp;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Twenty hook processes (the built JAR, one JVM each) for twenty VMs deployed on one host at the
 * same moment, as the kvm driver's parallel actions run them; then twenty cleans.
 */
class VnmConcurrencyIT {
  private static final int VMS = 20;

  private static Path jar() {
    String p = System.getProperty("scwflexip.jar", "target/scw-flexip.jar");
    Path jar = Path.of(p);
    // under surefire (mvn test -Dtest='Vnm*') the JAR is not built yet; failsafe runs after package
    assumeTrue(Files.exists(jar), "no " + jar + ": runs after mvn package");
    return jar;
  }

  private static List<Process> launch(Path jar, Path config, Path dir, List<byte[]> inputs, String... args)
      throws Exception {
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar.toString(), "--config", config.toString(), "vnm"));
      cmd.addAll(List.of(args));
      Path in = dir.resolve("vm-" + i + ".b64");
      Files.write(in, inputs.get(i));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.redirectInput(in.toFile());
      pb.redirectOutput(dir.resolve("vm-" + i + "." + args[0] + ".out").toFile());
      pb.redirectError(dir.resolve("vm-" + i + "." + args[0] + ".err").toFile());
      procs.add(pb.start());
    }
    return procs;
  }

  private static void awaitAll(List<Process> procs, Path dir, String action) throws Exception {
    for (int i = 0; i < procs.size(); i++) {
      Process p = procs.get(i);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "hook " + i + " did not finish");
      String err = Files.readString(dir.resolve("vm-" + i + "." + action + ".err"), StandardCharsets.UTF_8);
      for (String secret : HookWorld.SECRETS) {
        assertFalse(err.contains(secret), "hook " + i + " leaked a secret: " + err);
      }
      assertEquals(0, p.exitValue(), "hook " + i + " " + action + ": " + err);
    }
  }

  @Test
  void twentyVmsOnOneHostAtOnce() throws Exception {
    Path jar = jar();
    try (HookWorld world = HookWorld.start(1000)) {
      // by-address matching on, so that both ways of finding a NIC's IP run at once
      Path config = world.host("kvm-a", SERVER_A, Map.of("match_nics_by_address", true));
      Path dir = world.dir.resolve("procs");
      Files.createDirectories(dir);
      List<FlexibleIp> fips = new ArrayList<>();
      List<byte[]> inputs = new ArrayList<>();
      for (int i = 0; i < VMS; i++) {
        FlexibleIp f = world.newOurs();
        fips.add(f);
        // every other VM finds its IP by address (no SCW_FLEXIP_ID), so both paths run at once
        String fixture = i % 2 == 0 ? "deploy.xml" : "two-public-one-private.xml";
        inputs.add(i % 2 == 0 ? HookWorld.stdin(fixture, f) : HookWorld.stdin(fixture, world.newOurs(), f));
      }
      long start = System.nanoTime();
      awaitAll(launch(jar, config, dir, inputs, "pre"), dir, "pre");
      long preMillis = (System.nanoTime() - start) / 1_000_000L;
      for (FlexibleIp f : fips) {
        FlexibleIp now = world.get(f.id);
        assertEquals("attached", now.status, f.ip);
        assertEquals(SERVER_A, now.serverId, f.ip);
      }
      System.out.println("20 concurrent pre processes: " + preMillis + " ms");

      awaitAll(launch(jar, config, dir, inputs, "clean", "kvm-a"), dir, "clean");
      for (FlexibleIp f : fips) {
        assertNull(world.get(f.id).serverId, f.ip);
      }
      assertTrue(new File(world.dir.resolve("kvm-a/run").toString()).isDirectory());
    }
  }
}
