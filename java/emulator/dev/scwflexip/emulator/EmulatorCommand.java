package dev.scwflexip.emulator;

import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code scw-flexip emulator --listen 127.0.0.1:PORT [--transition-ms N]}: runs the offline API
 * in the foreground until the process is killed (or, in tests, the thread interrupted).
 */
public final class EmulatorCommand implements Command {
  static final long DEFAULT_TRANSITION_MS = 2000;

  @Override
  public String name() {
    return "emulator";
  }

  @Override
  public String summary() {
    return "offline Scaleway Flexible IP API on a loopback port";
  }

  @Override
  public int run(Invocation inv, String[] args) throws Exception {
    CommandLine cl = CommandOptions.parse(options(), args,
        "scw-flexip emulator --listen 127.0.0.1:PORT [--transition-ms N] [--token-file FILE]",
        "Serves the Scaleway Flexible IP API from memory, for tests. Test controls under /_emulator/.", "", inv.out);
    if (cl == null) {
      return 0;
    }
    if (!cl.hasOption("listen")) {
      throw new UsageException("--listen 127.0.0.1:PORT is required");
    }
    String listen = cl.getOptionValue("listen");
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new UsageException("--listen needs HOST:PORT, got '" + listen + "'");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = number(listen.substring(colon + 1), "--listen port", 65535);
    long transitionMs = cl.hasOption("transition-ms")
        ? number(cl.getOptionValue("transition-ms"), "--transition-ms", Integer.MAX_VALUE)
        : DEFAULT_TRANSITION_MS;

    String token = cl.hasOption("token-file") ? token(cl.getOptionValue("token-file")) : null;

    Emulator emulator;
    try {
      emulator = Emulator.start(host, port, transitionMs, token);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } catch (java.net.UnknownHostException e) {
      throw new UsageException("unknown host '" + host + "'");
    }
    Thread onKill = new Thread(emulator::close);
    Runtime.getRuntime().addShutdownHook(onKill);
    inv.out.println("scw-flexip emulator listening on " + emulator.url());
    inv.out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onKill);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook closes the emulator
    }
    emulator.close();
    return 0;
  }

  /** The one token to accept, read from a file so it never shows in argv. */
  private static String token(String file) {
    String t;
    try {
      t = java.nio.file.Files.readString(java.nio.file.Path.of(file), java.nio.charset.StandardCharsets.UTF_8).strip();
    } catch (java.io.IOException e) {
      throw new UsageException("--token-file " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    if (t.isEmpty()) {
      throw new UsageException("--token-file " + file + " is empty");
    }
    return t;
  }

  private static int number(String s, String what, int max) {
    try {
      int n = Integer.parseInt(s);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the usage error
    }
    throw new UsageException(what + " must be a number from 0 to " + max + ", got '" + s + "'");
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("listen").hasArg().argName("HOST:PORT")
        .desc("loopback address and port to listen on; port 0 picks a free one").build());
    o.addOption(Option.builder().longOpt("transition-ms").hasArg().argName("N")
        .desc("how long updating/detaching states last (default " + DEFAULT_TRANSITION_MS + ")").build());
    o.addOption(Option.builder().longOpt("token-file").hasArg().argName("FILE")
        .desc("accept only the token in FILE (default: any non-blank token)").build());
    o.addOption(CommandOptions.help());
    return o;
  }
}
