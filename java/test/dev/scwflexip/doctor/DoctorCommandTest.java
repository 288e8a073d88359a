package dev.scwflexip.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.config.Config;
import dev.scwflexip.emulator.ServerDirectory;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.stats.PendingDetach;
import dev.scwflexip.testsupport.InProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor on a healthy host, then each check broken in turn: what it says and the exit status. */
class DoctorCommandTest {
  @TempDir Path dir;
  DoctorHost host;

  @BeforeEach
  void setUp() throws Exception {
    host = new DoctorHost(dir);
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  @Test
  void aHealthyHostPassesEveryCheckInBothRoles() {
    DoctorHost.Json j = host.json();
    assertTrue(j.doc().get("ok").getAsBoolean(), j.doc().toString());
    assertEquals(List.of("jvm", "config", "token file", "api", "clock", "oned.conf", "ipam scripts", "frontend hooks",
        "journal", "server", "hypervisor hooks", "pending detaches"), List.copyOf(j.checks().keySet()));
    assertEquals("[\"frontend\",\"hypervisor\"]", j.doc().get("roles").toString());
    for (String check : j.checks().keySet()) {
      // running from class files, not an installed JAR: the archive check can only warn
      assertEquals(check.equals("jvm") ? "warn" : "ok", j.status(check), check + ": " + j.checks().get(check));
    }
    assertEquals(3, j.doc().getAsJsonObject("hooks").size());
    assertTrue(j.detail("server").contains("emulated-0a0a0a0a, ready"), j.detail("server"));
  }

  @Test
  void theTableHasOneLinePerCheckThenACount() {
    host.emulator.servers().mark(DoctorHost.SERVER, ServerDirectory.State.UNKNOWN);
    InProcess.Run r = host.doctor();
    assertEquals(1, r.rc(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(13, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("warn  jvm "), lines.get(0));
    String server = lines.stream().filter(l -> l.startsWith("fail  server ")).findFirst().orElseThrow();
    assertTrue(server.contains("zone fr-par-1 has no server " + DoctorHost.SERVER) && server.contains("  -> "), server);
    assertEquals("12 checks: 1 failed, 1 warning", lines.get(12));
    assertEquals("", r.err());
  }

  @Test
  void config() throws Exception {
    Files.writeString(host.config, "{\"project_id\": 3}");
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("config"));
    assertTrue(j.detail("config").contains(host.config.toString()) && j.detail("config").contains("must be a string"),
        j.detail("config"));
    assertNull(j.status("api"), "nothing that needs the configuration runs");
  }

  @Test
  void tokenFileMode() throws Exception {
    Files.setPosixFilePermissions(host.token, PosixFilePermissions.fromString("rw-r--r--"));
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("token file"));
    assertTrue(j.detail("token file").contains("mode 0644 lets group or others read it"), j.detail("token file"));
    assertEquals("chmod 0600 " + host.token + ", and replace the key if others may have read it", j.fix("token file"));
    assertEquals("ok", j.status("api"), "a readable token is still tried");
  }

  @Test
  void tokenFileContents() throws Exception {
    Files.writeString(host.token, DoctorHost.TOKEN + "\n" + DoctorHost.TOKEN + "\n");
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("token file"));
    assertTrue(j.detail("token file").endsWith("must hold one token on one line"), j.detail("token file"));
    assertEquals("warn", j.status("api"));
    assertEquals("warn", j.status("server"));
    Files.delete(host.token);
    assertTrue(host.json().detail("token file").endsWith(": not found"));
  }

  @Test
  void tokenFileOwner() throws Exception {
    Config config = Config.load(host.config);
    int owner = (Integer) Files.getAttribute(host.token, "unix:uid");
    Check other = TokenFileCheck.run(config, owner + 4242);
    assertEquals(Check.Status.FAIL, other.status());
    assertTrue(other.detail().contains("not by the account running the driver (uid " + (owner + 4242) + ")"), other.detail());
    assertEquals(Check.Status.OK, TokenFileCheck.run(config, owner).status());
    if (owner != 0) {
      assertEquals(Check.Status.WARN, TokenFileCheck.run(config, 0).status(), "root cannot tell the driver's account");
    }
  }

  @Test
  void apiRefusesTheToken() throws Exception {
    Files.writeString(host.token, "another-valid-looking-token\n");
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("api"));
    assertTrue(j.detail("api").contains("HTTP 401"), j.detail("api"));
    assertTrue(j.fix("api").startsWith("the API refused the key"), j.fix("api"));
    assertEquals("ok", j.status("clock"), "a 401 still carries the API's Date");
  }

  @Test
  void apiOutageFailsWithinTheShortDeadline() {
    host.emulator.faults().serverError(100000);
    long start = System.nanoTime();
    DoctorHost.Json j = host.json("--role", "frontend");
    assertTrue((System.nanoTime() - start) / 1_000_000_000L < ApiCheck.DEADLINE_SECONDS + 8);
    assertEquals("fail", j.status("api"));
    assertTrue(j.fix("api").startsWith("check that this host reaches "), j.fix("api"));
  }

  @Test
  void aServerUnknownToTheZoneFailsAForbiddenOneWarns() {
    host.emulator.servers().mark(DoctorHost.SERVER, ServerDirectory.State.UNKNOWN);
    DoctorHost.Json gone = host.json();
    assertEquals("fail", gone.status("server"));
    assertFalse(gone.doc().get("ok").getAsBoolean());
    host.emulator.servers().mark(DoctorHost.SERVER, ServerDirectory.State.FORBIDDEN);
    DoctorHost.Json forbidden = host.json();
    assertEquals("warn", forbidden.status("server"));
    assertTrue(forbidden.fix("server").contains("ElasticMetalReadOnly"), forbidden.fix("server"));
    assertTrue(forbidden.doc().get("ok").getAsBoolean(), "a warning does not fail doctor");
  }

  @Test
  void aBadServerIdFileFails() throws Exception {
    Files.writeString(dir.resolve("server"), "fr-par-2/" + DoctorHost.SERVER);
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("server"));
    assertTrue(j.detail("server").contains("server is in zone fr-par-2"), j.detail("server"));
  }

  @Test
  void onedConfMissingTheDriver() throws Exception {
    Files.write(host.onedConf, getClass().getResourceAsStream("/oned/one-7.4.expected").readAllBytes());
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("oned.conf"));
    assertTrue(j.detail("oned.conf").contains("lacks: VNET_RESTRICTED_ATTR = \"AR/SCW_FLEXIP_ID\""), j.detail("oned.conf"));
    assertTrue(j.fix("oned.conf").contains("--restrict"), j.fix("oned.conf"));
  }

  @Test
  void ipamScriptsAndFrontendHooks() throws Exception {
    Files.setPosixFilePermissions(host.remotes.resolve("ipam/scw-flexip/get_address"),
        PosixFilePermissions.fromString("rw-r--r--"));
    Files.delete(HookFiles.hook(host.remotes, "post"));
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("ipam scripts"));
    assertTrue(j.detail("ipam scripts").endsWith("get_address not executable"), j.detail("ipam scripts"));
    assertEquals("fail", j.status("frontend hooks"));
    assertTrue(j.detail("frontend hooks").contains("post.d/scw-flexip missing"), j.detail("frontend hooks"));
    assertEquals(2, j.doc().getAsJsonObject("hooks").size());
  }

  @Test
  void hypervisorHooksAreComparedByContentWithTheFrontends() throws Exception {
    Path frontend = dir.resolve("frontend.json");
    Files.writeString(frontend, host.doctor("--format", "json", "--role", "frontend").out());
    assertEquals("ok", host.json("--role", "hypervisor", "--expect-hooks", frontend.toString()).status("hypervisor hooks"));
    DoctorHost.executable(HookFiles.hook(host.hostRemotes, "clean"), "#!/bin/sh\necho an older clean\n");
    DoctorHost.Json j = host.json("--role", "hypervisor", "--expect-hooks", frontend.toString());
    assertEquals("fail", j.status("hypervisor hooks"));
    assertTrue(j.detail("hypervisor hooks").contains("the clean hook differs from the frontend's"),
        j.detail("hypervisor hooks"));
    assertFalse(j.detail("hypervisor hooks").contains("the pre hook"), j.detail("hypervisor hooks"));
    assertTrue(j.fix("hypervisor hooks").contains("onehost sync --force"));

    Path lines = dir.resolve("hooks.txt");
    Files.writeString(lines, "# from the frontend\npre " + HookFiles.sha256(HookFiles.hook(host.remotes, "pre")) + "\n");
    DoctorHost.Json partial = host.json("--role", "hypervisor", "--expect-hooks", lines.toString());
    assertEquals("warn", partial.status("hypervisor hooks"), partial.detail("hypervisor hooks"));
    Files.writeString(lines, "pre not-a-digest\n");
    assertEquals(2, host.doctor("--expect-hooks", lines.toString()).rc());
  }

  @Test
  void journalWorkLeftPastTheGracePeriod() {
    Journal journal = new Journal(dir.resolve("state/journal.json"), 1000);
    journal.update(es -> es.add(JournalEntry.beginCreate("e-old-active", "fr-par-1", "2020-01-01T00:00:00Z")
        .created("2cb5dcf5-6344-4f17-af12-0fa7a00530f2", "51.15.0.9", "2020-01-01T00:00:00Z")
        .active("52:54:00:00:00:01", "2020-01-01T00:00:00Z")));
    journal.update(es -> es.add(JournalEntry.beginCreate("e-fresh", "fr-par-1", Journal.now())));
    assertEquals("ok", host.json().status("journal"), "an active entry is a registered range, not work in flight");
    journal.update(es -> es.add(JournalEntry.beginCreate("e-stuck", "fr-par-1", "2021-06-01T00:00:00Z")));
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("journal"));
    assertTrue(j.detail("journal").contains("1 unfinished entry") && j.detail("journal").contains("entry e-stuck (creating"),
        j.detail("journal"));
    assertTrue(j.fix("journal").startsWith("run 'scw-flexip reconcile'"), j.fix("journal"));
  }

  @Test
  void anUnreadableJournalFails() throws Exception {
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/journal.json"), "{broken");
    DoctorHost.Json j = host.json();
    assertEquals("fail", j.status("journal"));
    assertTrue(j.detail("journal").contains("cannot be parsed"), j.detail("journal"));
  }

  @Test
  void pendingDetachesWarn() {
    PendingDetach.record(dir.resolve("state/run"), "2cb5dcf5-6344-4f17-af12-0fa7a00530f2", DoctorHost.SERVER,
        "Scaleway API: gave up on POST /fips/detach");
    DoctorHost.Json j = host.json();
    assertEquals("warn", j.status("pending detaches"));
    assertTrue(j.detail("pending detaches").contains("1 detach left pending")
        && j.detail("pending detaches").contains("2cb5dcf5-6344-4f17-af12-0fa7a00530f2 on server " + DoctorHost.SERVER),
        j.detail("pending detaches"));
    assertTrue(j.doc().get("ok").getAsBoolean());
  }

  @Test
  void rolesFollowTheHost() throws Exception {
    Files.delete(host.onedConf);
    DoctorHost.Json hypervisor = host.json();
    assertEquals("[\"hypervisor\"]", hypervisor.doc().get("roles").toString());
    assertNull(hypervisor.status("journal"));
    assertFalse(hypervisor.doc().has("hooks"));
    host.writeConfig("");
    Files.writeString(host.config, Files.readString(host.config).replaceAll(",\"server_id_file\":\"[^\"]*\"", ""));
    DoctorHost.Json neither = host.json();
    assertEquals("[]", neither.doc().get("roles").toString());
    assertEquals("warn", neither.status("role"));
    DoctorHost.Json forced = host.json("--role", "frontend");
    assertEquals("fail", forced.status("oned.conf"), forced.detail("oned.conf"));
    assertTrue(forced.detail("oned.conf").endsWith("no such file"), forced.detail("oned.conf"));
  }

  @Test
  void usage() {
    assertEquals(2, host.doctor("--format", "yaml").rc());
    assertEquals(2, host.doctor("--role", "node").rc());
    assertEquals(2, host.doctor("--expect-hooks", dir.resolve("none").toString()).rc());
    InProcess.Run help = host.doctor("--help");
    assertEquals(0, help.rc());
    assertTrue(help.out().contains("--expect-hooks"), help.out());
  }
}
