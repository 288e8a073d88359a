package dev.scwflexip.base;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command runs with: its streams, its environment and the path of the configuration
 * file. Commands load the configuration themselves, and only when they need it, so the fast
 * IPAM actions that need none never read it.
 */
public final class Invocation {
  /** Where the configuration is when neither {@code --config} nor the environment says. */
  public static final String DEFAULT_CONFIG = "/etc/one/scw-flexip.json";

  public final InputStream in;
  public final PrintStream out;
  public final PrintStream err;
  private Map<String, String> env;
  private final String givenConfig;

  /**
   * {@code env} null means the process environment, read only when first asked for (the fast
   * IPAM actions never ask); {@code givenConfig} is the {@code --config} value or null.
   */
  public Invocation(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, String givenConfig) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
    this.givenConfig = givenConfig;
  }

  public Map<String, String> env() {
    if (env == null) {
      env = System.getenv();
    }
    return env;
  }

  /** {@code --config}, else {@code $SCW_FLEXIP_CONFIG}, else {@link #DEFAULT_CONFIG}. */
  public Path configPath() {
    if (givenConfig != null) {
      return Path.of(givenConfig);
    }
    String fromEnv = env().get("SCW_FLEXIP_CONFIG");
    return Path.of(fromEnv == null || fromEnv.isEmpty() ? DEFAULT_CONFIG : fromEnv);
  }

  /** A diagnostic for oned.log: tagged lines never become part of the user-facing error. */
  public void info(String message) {
    err.println("INFO: " + message);
  }
}
