package dev.scwflexip.doctor;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.config.Config;
import dev.scwflexip.hostfs.PrivateDir;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code scw-flexip doctor}: checks that this host can run the driver, and says what to do about
 * each problem (docs/operations.md#doctor). Every host: the JVM and its archives, the
 * configuration, the token file, the API and the clock. A frontend (oned.conf exists): oned.conf,
 * the IPAM scripts and hooks in the remotes, the journal. A hypervisor (server_id_file set): its
 * server, the synced hooks, pending detaches. Exit 0 when no check fails (warnings allowed), 1
 * when one does, 2 on a usage error. It changes nothing on the host and never prints the token.
 */
public final class DoctorCommand implements Command {
  static final String ONED_CONF = "/etc/one/oned.conf";
  static final String REMOTES = "/var/lib/one/remotes";
  static final String HOST_REMOTES = "/var/tmp/one";

  @Override
  public String name() {
    return "doctor";
  }

  @Override
  public String summary() {
    return "check this host's driver setup and say what to fix (exit 1 when a check fails)";
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("format").hasArg().argName("table|json").desc("output (default table)").build());
    o.addOption(Option.builder().longOpt("role").hasArg().argName("frontend|hypervisor|auto")
        .desc("which checks to run (default auto: frontend when oned.conf exists, hypervisor when server_id_file is"
            + " set, or both)").build());
    o.addOption(Option.builder().longOpt("expect-hooks").hasArg().argName("FILE")
        .desc("the frontend's 'doctor --format json' (or lines '<hook> <sha256>'): a hypervisor's hooks must have"
            + " the same contents").build());
    o.addOption(Option.builder().longOpt("oned-conf").hasArg().argName("FILE")
        .desc("oned.conf to check (default " + ONED_CONF + ")").build());
    o.addOption(Option.builder().longOpt("remotes").hasArg().argName("DIR")
        .desc("the frontend's remotes (default " + REMOTES + ")").build());
    o.addOption(Option.builder().longOpt("host-remotes").hasArg().argName("DIR")
        .desc("the remotes onehost sync copies to a hypervisor (default " + HOST_REMOTES + ")").build());
    o.addOption(CommandOptions.help());
    return o;
  }

  @Override
  public int run(Invocation inv, String[] args) {
    CommandLine cl = CommandOptions.parse(options(), args, "scw-flexip doctor [options]",
        "Check that this host can run the driver: one line per check, with what to do.",
        "\nExit status: 0 no check failed (warnings allowed), 1 a check failed, 2 usage.", inv.out);
    if (cl == null) {
      return ExitCode.OK;
    }
    String format = cl.getOptionValue("format", "table");
    if (!format.equals("table") && !format.equals("json")) {
      throw new UsageException("--format must be table or json");
    }
    String role = cl.getOptionValue("role", "auto");
    if (!List.of("auto", "frontend", "hypervisor").contains(role)) {
      throw new UsageException("--role must be frontend, hypervisor or auto");
    }
    Map<String, String> expected = cl.hasOption("expect-hooks")
        ? HookFiles.expected(Path.of(cl.getOptionValue("expect-hooks"))) : null;
    Path onedConf = Path.of(cl.getOptionValue("oned-conf", ONED_CONF));
    Path remotes = Path.of(cl.getOptionValue("remotes", REMOTES));
    Path hostRemotes = Path.of(cl.getOptionValue("host-remotes", HOST_REMOTES));

    List<Check> checks = new ArrayList<>();
    checks.add(JvmCheck.run(JvmCheck.Runtime.current(), runningJar()));
    ConfigCheck.Result loaded = ConfigCheck.run(inv.configPath());
    checks.add(loaded.check());
    Config config = loaded.config();
    boolean frontend = role.equals("frontend") || role.equals("auto") && Files.exists(onedConf);
    boolean hypervisor = role.equals("hypervisor") || role.equals("auto") && config != null && config.serverIdFile != null;
    List<String> roles = new ArrayList<>();
    if (frontend) {
      roles.add("frontend");
    }
    if (hypervisor) {
      roles.add("hypervisor");
    }
    Map<String, String> hooks = null;
    if (config != null) {
      Check token = TokenFileCheck.run(config, PrivateDir.ownUid());
      checks.add(token);
      boolean tokenUsable = usable(config);
      if (tokenUsable) {
        ApiCheck.Result api = ApiCheck.run(config);
        checks.add(api.check());
        checks.add(ClockCheck.run(api.date()));
      } else {
        checks.add(Check.warn(ApiCheck.NAME, "not checked: no usable token", "fix the token file check first"));
      }
      if (frontend) {
        checks.add(FrontendChecks.onedConf(config, onedConf));
        checks.add(FrontendChecks.ipamScripts(config, remotes));
        FrontendChecks.Hooks frontendHooks = FrontendChecks.hooks(remotes);
        checks.add(frontendHooks.check());
        hooks = frontendHooks.digests();
        checks.add(FrontendChecks.journal(config, Instant.now()));
      }
      if (hypervisor) {
        checks.add(ServerCheck.run(config, tokenUsable));
        checks.add(HypervisorChecks.hooks(hostRemotes, expected));
        checks.add(HypervisorChecks.pendingDetaches(config));
      }
      if (!frontend && !hypervisor) {
        checks.add(Check.warn("role", "neither a frontend (no " + onedConf + ") nor a hypervisor (server_id_file is"
            + " not set): only the checks every host needs were made", "pass --role, or --oned-conf"));
      }
    }
    inv.out.print(format.equals("json") ? Report.json(checks, roles, hooks) : Report.table(checks));
    inv.out.flush();
    return Report.ok(checks) ? ExitCode.OK : ExitCode.FAILURE;
  }

  private static boolean usable(Config config) {
    try {
      config.readToken();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The JAR this class was loaded from, or null when it runs from class files. */
  static Path runningJar() {
    try {
      CodeSource source = DoctorCommand.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return null;
      }
      Path p = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? p : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
