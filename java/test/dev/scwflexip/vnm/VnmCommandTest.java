package dev.scwflexip.vnm;

import static dev.scwflexip.vnm.HookWorld.SERVER_A;
import static dev.scwflexip.vnm.HookWorld.run;
import static dev.scwflexip.vnm.HookWorld.stdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.scaleway.FlexibleIp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line and misconfigurations: never a silent exit 0 when a public IP is at stake. */
class VnmCommandTest {
  private static HookWorld world;

  @BeforeAll
  static void start() throws Exception {
    world = HookWorld.start(50);
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  @Test
  void usage() throws Exception {
    Path cfg = world.host("usage", SERVER_A, Map.of());
    assertEquals(2, run(cfg, new byte[0]).rc);
    assertEquals(2, run(cfg, new byte[0], "migrate").rc);
    assertEquals(2, run(cfg, new byte[0], "pre", "--bogus").rc);
    assertEquals(2, run(cfg, new byte[0], "clean", "a", "b", "c").rc);
    HookWorld.Result help = run(cfg, new byte[0], "--help");
    assertEquals(0, help.rc);
    assertTrue(help.out.contains("vnm clean [HOST]"), help.out);
    assertTrue(help.out.contains("vnm post [DEPLOY_ID HOST]"), help.out);
  }

  @Test
  void badStdinIsOneLineExit1() throws Exception {
    Path cfg = world.host("badstdin", SERVER_A, Map.of());
    HookWorld.Result r = run(cfg, "this is not base64!\n".getBytes(), "pre");
    assertEquals(1, r.rc);
    assertEquals("scw-flexip: stdin is not base64 (expected the base64 VM XML)\n", r.errorLines());
    HookWorld.Result x = run(cfg, "PFZNPjxJRD4=\n".getBytes(), "clean", "h");
    assertEquals(1, x.rc);
    assertEquals(1, x.errorLines().lines().count(), x.toString());
  }

  @Test
  void missingServerIdFileFailsLoudly() throws Exception {
    FlexibleIp pub = world.newOurs();
    Path cfg = world.host("no-sid", null, Map.of());
    HookWorld.Result r = run(cfg, stdin("deploy.xml", pub), "pre");
    assertEquals(1, r.rc, r.toString());
    assertTrue(r.errorLines().contains("server id file "), r.toString());
    assertTrue(r.errorLines().contains("file not found"), r.toString());
  }

  @Test
  void unsetServerIdFileFailsLoudly() throws Exception {
    FlexibleIp pub = world.newOurs();
    Path cfg = world.host("unset-sid", SERVER_A, Map.of());
    String json = Files.readString(cfg).replaceAll(",\"server_id_file\":\"[^\"]*\"", "");
    Files.writeString(cfg, json);
    HookWorld.Result r = run(cfg, stdin("deploy.xml", pub), "pre");
    assertEquals(1, r.rc, r.toString());
    assertTrue(r.errorLines().contains("server_id_file is not set"), r.toString());
  }

  @Test
  void garbledServerIdOrMissingTokenFailsLoudly() throws Exception {
    FlexibleIp pub = world.newOurs();
    Path cfg = world.host("garbled", SERVER_A, Map.of());
    Files.writeString(cfg.resolveSibling("server_id"), "not a server\n");
    HookWorld.Result r = run(cfg, stdin("deploy.xml", pub), "pre");
    assertEquals(1, r.rc, r.toString());
    assertTrue(r.errorLines().contains("expected 'zone/uuid' or 'uuid'"), r.toString());

    Path noToken = world.host("no-token", SERVER_A, Map.of());
    Files.delete(noToken.resolveSibling("token"));
    HookWorld.Result t = run(noToken, stdin("deploy.xml", pub), "clean", "h");
    assertEquals(1, t.rc, t.toString());
    assertTrue(t.errorLines().contains("token file "), t.toString());
  }

  @Test
  void bareUuidServerIdIsAccepted() throws Exception {
    FlexibleIp pub = world.newOurs();
    Path cfg = world.host("bare", SERVER_A, Map.of());
    Files.writeString(cfg.resolveSibling("server_id"), SERVER_A);
    HookWorld.Result r = run(cfg, stdin("deploy.xml", pub), "pre");
    assertEquals(0, r.rc, r.toString());
    assertEquals(SERVER_A, world.get(pub.id).serverId);
  }

  @Test
  void aPrivateOnlyVmNeedsNoConfigAtAll() throws Exception {
    Path cfg = world.dir.resolve("nowhere/config.json");
    HookWorld.Result r = run(cfg, stdin("private-only.xml"), "pre");
    assertEquals(0, r.rc, r.toString());
    assertTrue(r.err.contains("nothing to do"), r.err);
  }
}
