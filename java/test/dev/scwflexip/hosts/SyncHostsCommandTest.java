package dev.scwflexip.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.cli.Main;
import dev.scwflexip.oneadmin.ProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a fake onehost written into a temporary directory. The real runuser path needs a
 * oneadmin account, which the test machine does not have and the tests must not create, so it
 * is exercised through a fake runuser that only checks its arguments and runs the rest.
 */
class SyncHostsCommandTest {
  static final int ONEADMIN_UID = 9869;

  @TempDir
  Path dir;
  Path onedConf;
  Path onehost;
  Path calls;
  FakeSystem system;

  static final class FakeSystem implements SystemView {
    int uid = ONEADMIN_UID;
    Optional<Account> oneadmin;
    final Map<String, Path> programs = new HashMap<>();

    FakeSystem(Path home) {
      oneadmin = Optional.of(new Account("oneadmin", ONEADMIN_UID, home.toString()));
    }

    @Override
    public int uid() {
      return uid;
    }

    @Override
    public Optional<Account> account(String name) {
      return name.equals("oneadmin") ? oneadmin : Optional.empty();
    }

    @Override
    public Optional<Path> program(String name) {
      return Optional.ofNullable(programs.get(name));
    }
  }

  record Run(int status, String out, String err) {
    JsonObject json() {
      return JsonParser.parseString(out).getAsJsonObject();
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    onedConf = Files.writeString(dir.resolve("oned.conf"), "IPAM_MAD = [ ARGUMENTS = \"-t 1\" ]\n");
    calls = dir.resolve("calls");
    onehost = script("onehost", "echo \"$@\" >> '" + calls + "'\nenv > '" + dir.resolve("env") + "'\n"
        + "echo 'Syncing remotes' \nexit 0\n");
    system = new FakeSystem(dir.resolve("home"));
  }

  Path script(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Invocation inv = new Invocation(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("SCW_SECRET_KEY", "must-not-leak", "LANG", "en_US.UTF-8"), dir.resolve("config.json").toString());
    int status = dispatch(inv, args);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Main's mapping of exceptions to exit statuses, around the command built with the fakes. */
  int dispatch(Invocation inv, String[] args) {
    try {
      return new SyncHostsCommand(system, new ProcessRunner()).run(inv, args);
    } catch (dev.scwflexip.base.UsageException e) {
      inv.err.println(e.getMessage());
      return ExitCode.USAGE;
    } catch (dev.scwflexip.base.DriverException e) {
      inv.err.println(DriverException.oneLine(e.getMessage()));
      return ExitCode.FAILURE;
    }
  }

  String[] args(String... more) {
    List<String> all = new java.util.ArrayList<>(List.of("--format", "json", "--oned-conf", onedConf.toString(),
        "--onehost", onehost.toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void notAFrontendDoesNothing() throws IOException {
    Files.delete(onedConf);
    Run r = run(args());
    assertEquals(0, r.status(), r.err());
    assertFalse(r.json().get("changed").getAsBoolean());
    assertTrue(r.json().get("message").getAsString().startsWith("not a frontend"));
    assertFalse(Files.exists(calls));
  }

  @Test
  void checkModeSaysWhatWouldRunAndRunsNothing() {
    Run r = run(args("--check"));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.json().get("changed").getAsBoolean());
    assertEquals("[\"" + onehost + "\",\"sync\",\"--force\"]", r.json().get("command").toString());
    assertFalse(Files.exists(calls));
  }

  @Test
  void asOneadminRunsOnehostDirectlyWithACleanEnvironment() throws IOException {
    Run r = run(args());
    assertEquals(0, r.status(), r.err());
    JsonObject json = r.json();
    assertTrue(json.get("changed").getAsBoolean());
    assertEquals(0, json.get("rc").getAsInt());
    assertEquals("Syncing remotes\n", json.get("stdout").getAsString());
    assertEquals("sync --force\n", Files.readString(calls));

    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("env"))) {
      int eq = line.indexOf('=');
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    Set<String> keys = new TreeSet<>(env.keySet());
    keys.removeAll(Set.of("PWD", "SHLVL", "_", "OLDPWD")); // set by /bin/sh itself
    assertEquals(new TreeSet<>(Set.of("HOME", "LANG", "LOGNAME", "PATH", "USER")), keys);
    assertEquals(dir.resolve("home").toString(), env.get("HOME"));
    assertEquals("oneadmin", env.get("USER"));
    assertEquals("oneadmin", env.get("LOGNAME"));
    assertEquals("en_US.UTF-8", env.get("LANG"));
    assertEquals(SyncPlan.PATH, env.get("PATH"));
  }

  @Test
  void asRootGoesThroughRunuser() throws IOException {
    system.uid = 0;
    Path runuser = script("runuser", "echo \"runuser $*\" >> '" + calls + "'\n"
        + "[ \"$1 $2 $3\" = '-u oneadmin --' ] || exit 99\nshift 3\nexec \"$@\"\n");
    system.programs.put("runuser", runuser);
    system.programs.put("su", dir.resolve("su-not-used"));
    Run r = run(args());
    assertEquals(0, r.status(), r.err());
    assertEquals(List.of(runuser.toString(), "-u", "oneadmin", "--", onehost.toString(), "sync", "--force"),
        r.json().getAsJsonArray("command").asList().stream().map(e -> e.getAsString()).toList());
    assertEquals("runuser -u oneadmin -- " + onehost + " sync --force\nsync --force\n", Files.readString(calls));
  }

  @Test
  void asRootWithoutRunuserFallsBackToSu() {
    system.uid = 0;
    system.programs.put("su", Path.of("/usr/bin/su"));
    Run r = run(args("--check"));
    assertEquals(0, r.status(), r.err());
    assertEquals(List.of("/usr/bin/su", "-s", "/bin/sh", "oneadmin", "-c", "'" + onehost + "' sync --force"),
        r.json().getAsJsonArray("command").asList().stream().map(e -> e.getAsString()).toList());
  }

  @Test
  void anyOtherUserIsRefused() {
    system.uid = 1234;
    Run r = run(args("--check"));
    assertEquals(1, r.status());
    assertEquals("scw-flexip sync-hosts: run as root or oneadmin, not as uid 1234", r.err().strip());
  }

  @Test
  void aFrontendWithoutOneadminIsAnError() {
    system.oneadmin = Optional.empty();
    Run r = run(args());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("no oneadmin user"), r.err());
  }

  @Test
  void aFailingSyncIsOneLineWithTheLastErrorLine() throws IOException {
    onehost = script("onehost", "echo 'first problem' >&2\necho 'ERROR: host node3 unreachable' >&2\nexit 3\n");
    Run r = run(args());
    assertEquals(1, r.status());
    assertEquals("scw-flexip sync-hosts: onehost sync --force failed (exit 3): ERROR: host node3 unreachable",
        r.err().strip());
    assertEquals(3, r.json().get("rc").getAsInt());
    assertTrue(r.json().get("stderr").getAsString().contains("first problem"));
  }

  @Test
  void aHangingSyncIsKilledAfterTheTimeout() throws IOException {
    onehost = script("onehost", "sleep 60\n");
    long start = System.nanoTime();
    Run r = run(args("--timeout", "1"));
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(1, r.status());
    assertTrue(r.err().contains("did not finish within 1 s"), r.err());
    assertTrue(seconds < 15, "took " + seconds + " s");
  }

  @Test
  void aMissingOnehostIsAnError() {
    onehost = dir.resolve("no-such-onehost");
    Run r = run(args());
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("scw-flexip sync-hosts: cannot run " + onehost), r.err());
  }

  @Test
  void textOutputNamesTheCommand() {
    Run r = run("--oned-conf", onedConf.toString(), "--onehost", onehost.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("ran: " + onehost + " sync --force\nexit status 0\n"), r.out());
  }

  @Test
  void usageErrors() {
    assertEquals(2, run(args("--timeout", "0")).status());
    assertEquals(2, run(args("--timeout", "soon")).status());
    assertEquals(2, run("--format", "xml").status());
    assertEquals(2, run("extra").status());
    assertEquals(0, run("--help").status());
  }

  @Test
  void shellQuoteKeepsOneWord() {
    assertEquals("'/opt/one/bin/onehost'", SyncPlan.shellQuote("/opt/one/bin/onehost"));
    assertEquals("'it'\\''s'", SyncPlan.shellQuote("it's"));
  }

  @Test
  void localSystemReadsPasswdAndItsOwnUid() throws IOException {
    Path passwd = Files.writeString(dir.resolve("passwd"),
        "root:x:0:0:root:/root:/bin/bash\noneadmin:x:9869:9869::/var/lib/one:/bin/bash\n");
    LocalSystem local = new LocalSystem(passwd);
    assertEquals(Optional.of(new Account("oneadmin", 9869, "/var/lib/one")), local.account("oneadmin"));
    assertEquals(Optional.empty(), local.account("nobody-here"));
    assertEquals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"), local.uid());
    assertTrue(local.program("sh").isPresent());
  }
}
