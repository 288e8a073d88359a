package dev.scwflexip.cli;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import dev.scwflexip.ipam.IpamCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

/**
 * {@code scw-flexip [--config FILE] <command> [args]}. {@link #main} only wires the process
 * streams; everything else is {@link #run} so tests call it without exiting.
 */
public final class Main {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  /** {@code env} null: the process environment, read only if a command needs it. */
  public Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true);
    int status = new Main(System.in, out, err, null).run(args);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** The subcommands, in the order the help lists them. */
  static final String[] COMMANDS = {
    "ipam", "vnm", "reconcile", "ranges", "oned-conf", "sync-hosts", "check-config", "doctor", "metrics", "emulator", "warmup"
  };

  /**
   * Creates only the chosen command, with a plain switch: no lambdas, so an IPAM action pays
   * for no invokedynamic bootstrap at start-up.
   */
  static Command create(String name) {
    switch (name) {
      case "ipam": return new IpamCommand();
      case "vnm": return new dev.scwflexip.vnm.VnmCommand();
      case "reconcile": return new dev.scwflexip.reconcile.ReconcileCommand();
      case "ranges": return new dev.scwflexip.reconcile.RangesCommand();
      case "oned-conf": return new dev.scwflexip.onedconf.OnedConfCommand();
      case "sync-hosts": return new dev.scwflexip.hosts.SyncHostsCommand();
      case "check-config": return new CheckConfigCommand();
      case "doctor": return new dev.scwflexip.doctor.DoctorCommand();
      case "metrics": return new dev.scwflexip.metrics.MetricsCommand();
      case "emulator": return emulator();
      case "warmup": return new WarmupCommand();
      default: return null;
    }
  }

  /**
   * The emulator is a test and demo tool built from its own source tree (java/emulator), which
   * the driver's code cannot import: only this dispatch starts it, by name.
   */
  private static Command emulator() {
    try {
      return (Command) Class.forName("dev.scwflexip.emulator.EmulatorCommand").getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new DriverException("the emulator is not part of this build (" + e.getClass().getSimpleName() + ")");
    }
  }

  public int run(String... args) {
    try {
      return dispatch(args);
    } catch (UsageException e) {
      err.println("scw-flexip: " + e.getMessage() + " (try --help)");
      return ExitCode.USAGE;
    } catch (DriverException e) {
      String line = DriverException.oneLine(e.getMessage());
      err.println(line.startsWith("scw-flexip") ? line : "scw-flexip: " + line);
      return ExitCode.FAILURE;
    } catch (RuntimeException e) {
      // A bug, not an operator error: still one line, with enough to file it.
      err.println("scw-flexip: internal error: " + DriverException.oneLine(String.valueOf(e)));
      return ExitCode.FAILURE;
    } catch (Exception e) {
      err.println("scw-flexip: " + DriverException.oneLine(String.valueOf(e.getMessage())));
      return ExitCode.FAILURE;
    }
  }

  private int dispatch(String[] args) throws Exception {
    int ipam = ipamCommandIndex(args);
    if (ipam >= 0) {
      // oned's hot path: skip Commons CLI, whose lambdas alone cost more start-up time than the
      // whole get_address action.
      Invocation inv = new Invocation(in, out, err, env, ipam == 2 ? args[1] : null);
      return new IpamCommand().run(inv, Arrays.copyOfRange(args, ipam + 1, args.length));
    }
    if (args.length == 2 && args[0].equals("warmup") && args[1].equals("--ipam-only")) {
      // trains the fast path's own archive: Commons CLI must not end up in it either
      return new WarmupCommand().run(new Invocation(in, out, err, env, null), new String[] {args[1]});
    }
    GlobalOptions global = GlobalOptions.parse(args);
    if (global.version) {
      out.println("scw-flexip " + version());
      return ExitCode.OK;
    }
    String[] rest = global.rest;
    if (global.help || rest.length == 0) {
      GlobalOptions.printHelp(out);
      return global.help ? ExitCode.OK : ExitCode.USAGE;
    }
    Command command = create(rest[0]);
    if (command == null) {
      throw new UsageException("unknown command '" + rest[0] + "'");
    }
    Invocation inv = new Invocation(in, out, err, env, global.config);
    return command.run(inv, Arrays.copyOfRange(rest, 1, rest.length));
  }

  /** Where "ipam" stands in {@code [ipam …]} or {@code [--config FILE ipam …]}; -1 otherwise. */
  static int ipamCommandIndex(String[] args) {
    if (args.length >= 1 && args[0].equals("ipam")) {
      return 0;
    }
    if (args.length >= 3 && args[0].equals("--config") && args[2].equals("ipam")) {
      return 2;
    }
    return -1;
  }

  static String version() {
    Properties p = new Properties();
    try (InputStream s = Main.class.getResourceAsStream("/dev/scwflexip/version.properties")) {
      if (s != null) {
        p.load(s);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

}
