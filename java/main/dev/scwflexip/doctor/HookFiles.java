package dev.scwflexip.doctor;

import dev.scwflexip.base.UsageException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bridge hooks the driver installs, {@code vnm/bridge/{pre,post,clean}.d/scw-flexip} under a
 * remotes directory, and their sha256, by which a hypervisor's copies are compared with the
 * frontend's: contents, never dates, since {@code onehost sync} does not keep them.
 */
final class HookFiles {
  static final List<String> ACTIONS = List.of("pre", "post", "clean");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private HookFiles() {}

  static Path hook(Path remotes, String action) {
    return remotes.resolve("vnm/bridge/" + action + ".d/scw-flexip");
  }

  /** Why the file will not run as a hook, or null when it is a regular, executable file. */
  static String problem(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return "missing";
    }
    if (!Files.isRegularFile(file)) {
      return "not a regular file";
    }
    if (!Files.isExecutable(file)) {
      return "not executable";
    }
    return null;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    StringBuilder hex = new StringBuilder();
    for (byte b : md.digest()) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  /**
   * The frontend's hook digests from {@code --expect-hooks FILE}: {@code doctor --format json}
   * output of the frontend (its {@code "hooks"} object), or lines {@code <action> <sha256>}
   * ({@code #} comments and blank lines allowed). Anything else is a usage error.
   */
  static Map<String, String> expected(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("--expect-hooks " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (text.strip().startsWith("{")) {
      try {
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        JsonElement hooks = o.has("hooks") ? o.get("hooks") : o;
        for (Map.Entry<String, JsonElement> e : hooks.getAsJsonObject().entrySet()) {
          out.put(e.getKey(), e.getValue().getAsString());
        }
      } catch (RuntimeException e) {
        throw new UsageException("--expect-hooks " + file + ": not the JSON of 'doctor --format json' nor lines"
            + " '<hook> <sha256>'");
      }
    } else {
      for (String line : text.split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String[] f = l.split("\\s+");
        if (f.length != 2) {
          throw new UsageException("--expect-hooks " + file + ": expected lines '<hook> <sha256>', got '" + l + "'");
        }
        out.put(f[0], f[1].toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (out.isEmpty()) {
      throw new UsageException("--expect-hooks " + file + ": names no hook");
    }
    for (Map.Entry<String, String> e : out.entrySet()) {
      if (!ACTIONS.contains(e.getKey()) || !SHA256.matcher(e.getValue()).matches()) {
        throw new UsageException("--expect-hooks " + file + ": '" + e.getKey() + " " + e.getValue()
            + "' is not a hook (pre, post, clean) and a sha256");
      }
    }
    return out;
  }
}
