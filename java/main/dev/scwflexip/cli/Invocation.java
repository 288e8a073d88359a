package dev.scwflexip.cli;

import dev.scwflexip.config.Config;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs with: its streams, its environment and the path of the configuration
 * file. The configuration is loaded only when a command asks for it, so the fast IPAM actions
 * that need none never read it.
 */
public final class Invocation {
  public final InputStream in;
  public final PrintStream out;
  public final PrintStream err;
  public final Map<String, String> env;
  private final Path configPath;
  private Config config;

  public Invocation(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path configPath) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
    this.configPath = configPath;
  }

  public Path configPath() {
    return configPath;
  }

  public Config config() {
    if (config == null) {
      config = Config.load(configPath);
    }
    return config;
  }

  /** A diagnostic for oned.log: tagged lines never become part of the user-facing error. */
  public void info(String message) {
    err.println("INFO: " + message);
  }
}
