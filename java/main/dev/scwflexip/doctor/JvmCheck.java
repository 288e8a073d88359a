package dev.scwflexip.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running JVM is 17 or newer, and the class-data-sharing archives next to the running JAR
 * ({@value #ARCHIVE} and {@value #IPAM_ARCHIVE}) were built for this JAR and this JVM. The JVM
 * itself silently runs without an archive that does not match (the launcher's
 * {@code -Xshare:auto}), so a stale one costs start-up time on every IPAM action without a word.
 *
 * <p>What was built for is read from the stamp the role writes beside them ({@value #STAMP}). The
 * check is tolerant of its exact format: it reads the lines it recognises and ignores the rest.
 * <ul>
 *   <li>{@code jar_sha256=<hex>}, {@code jar_size=<bytes>}, {@code jar_mtime=<seconds, maybe with
 *       a fraction>}: the JAR as installed (the JVM checks its size and mtime);
 *   <li>{@code java=<path>}: the java binary the archives were built with, compared with this
 *       JVM's {@code java.home/bin/java}, both with links resolved;
 *   <li>{@code java_vm_version=<java.vm.version>}, or else any line holding
 *       {@code (<java.vm.version>)}, as {@code java -Xinternalversion} prints it: the JVM's build;
 *   <li>{@code <path> size=<bytes> mtime=<seconds>}: a file of the runtime image (its
 *       {@code lib/modules}, its default archive), compared with that file now, so an update of
 *       the JDK package shows even when the version string stays.
 * </ul>
 * A missing stamp or archive, or any recognised value that differs, fails the check with the fix
 * "rerun the role (tag one_driver_install)". A stamp that names no JAR, or no runtime, warns.
 */
final class JvmCheck {
  static final String NAME = "jvm";
  static final String STAMP = "scw-flexip.jsa.stamp";
  static final String ARCHIVE = "scw-flexip.jsa";
  static final String IPAM_ARCHIVE = "scw-flexip-ipam.jsa";
  static final String FIX = "rerun the role (tag one_driver_install): it rebuilds the archives for this JAR and JVM";

  /** The JVM running this check. */
  record Runtime(int feature, String vmVersion, Path javaBinary) {
    static Runtime current() {
      return new Runtime(java.lang.Runtime.version().feature(), System.getProperty("java.vm.version", ""),
          Path.of(System.getProperty("java.home", "/nonexistent"), "bin", "java"));
    }
  }

  private JvmCheck() {}

  /** {@code jar}: the JAR this code runs from, or null when it runs from class files (a build tree). */
  static Check run(Runtime runtime, Path jar) {
    String jvm = "Java " + runtime.feature() + " (" + runtime.vmVersion() + ")";
    if (runtime.feature() < 17) {
      return Check.fail(NAME, jvm + " is older than 17", "install Java 17 or newer (the role installs "
          + "openjdk-17-jre-headless) and rerun the role (tag one_driver_install)");
    }
    if (jar == null) {
      return Check.warn(NAME, jvm + "; not running from a JAR, so no class-data-sharing archive is checked",
          "run the installed launcher, /usr/lib/scw-flexip/scw-flexip doctor");
    }
    Path dir = jar.toAbsolutePath().getParent();
    Path stamp = dir.resolve(STAMP);
    List<String> missing = new ArrayList<>();
    for (String archive : List.of(ARCHIVE, IPAM_ARCHIVE)) {
      Path a = dir.resolve(archive);
      try {
        if (!Files.isRegularFile(a) || Files.size(a) == 0) {
          missing.add(archive);
        }
      } catch (IOException e) {
        missing.add(archive);
      }
    }
    if (!missing.isEmpty()) {
      return Check.fail(NAME, jvm + "; no class-data-sharing archive " + String.join(", ", missing) + " in " + dir, FIX);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(stamp, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Check.fail(NAME, jvm + "; no archive stamp " + stamp + ", so the archives' JAR and JVM are unknown", FIX);
    }
    List<String> stale = new ArrayList<>();
    Map<String, String> values = keyValues(lines);
    boolean jarNamed = compareJar(values, jar, stale);
    boolean runtimeNamed = compareRuntime(values, lines, runtime, stale);
    if (!stale.isEmpty()) {
      return Check.fail(NAME, jvm + "; the archives in " + dir + " are stale: " + String.join("; ", stale), FIX);
    }
    if (!jarNamed || !runtimeNamed) {
      return Check.warn(NAME, jvm + "; the stamp " + stamp + " does not name " + (!jarNamed ? "the JAR" : "the Java runtime")
          + ", so the archives may be stale", FIX);
    }
    return Check.ok(NAME, jvm + "; the archives in " + dir + " were built for this JAR and this JVM");
  }

  /** key=value lines whose key is one word; other lines are left to {@link #compareRuntime}. */
  static Map<String, String> keyValues(List<String> lines) {
    Map<String, String> out = new TreeMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return out;
  }

  private static boolean compareJar(Map<String, String> v, Path jar, List<String> stale) {
    boolean named = false;
    try {
      if (v.containsKey("jar_sha256")) {
        named = true;
        if (!v.get("jar_sha256").equalsIgnoreCase(HookFiles.sha256(jar))) {
          stale.add("built for another JAR (sha256 " + abbreviate(v.get("jar_sha256")) + ")");
        }
      }
      if (v.containsKey("jar_size")) {
        named = true;
        if (!number(v.get("jar_size"), Files.size(jar), 0)) {
          stale.add("the JAR's size was " + v.get("jar_size") + ", it is " + Files.size(jar));
        }
      }
      if (v.containsKey("jar_mtime")) {
        named = true;
        long mtime = Files.getLastModifiedTime(jar).toMillis();
        if (!number(v.get("jar_mtime"), mtime / 1000.0, 1)) {
          stale.add("the JAR's modification time was " + v.get("jar_mtime") + ", it is " + mtime / 1000);
        }
      }
    } catch (IOException e) {
      stale.add("the JAR cannot be read (" + e.getMessage() + ")");
    }
    return named;
  }

  private static boolean compareRuntime(Map<String, String> v, List<String> lines, Runtime runtime, List<String> stale) {
    boolean named = false;
    if (v.containsKey("java") && !v.get("java").equals("missing")) {
      named = true;
      String now = real(runtime.javaBinary());
      if (!real(Path.of(v.get("java"))).equals(now)) {
        stale.add("built with " + v.get("java") + ", this JVM is " + now);
      }
    }
    String vm = runtime.vmVersion();
    if (v.containsKey("java_vm_version")) {
      named = true;
      if (!v.get("java_vm_version").equals(vm)) {
        stale.add("built with Java " + v.get("java_vm_version") + ", this JVM is " + vm);
      }
    } else if (!vm.isEmpty() && lines.stream().anyMatch(l -> l.contains("(" + vm + ")"))) {
      named = true;
    } else if (lines.stream().anyMatch(l -> l.contains(" VM (") && l.contains(")"))) {
      named = true;
      stale.add("built with another Java build than this JVM's " + vm);
    }
    for (String line : lines) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 3 && f[0].startsWith("/") && f[1].startsWith("size=") && f[2].startsWith("mtime=")) {
        named = true;
        Path file = Path.of(f[0]);
        try {
          if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            stale.add(f[0] + " is gone");
          } else if (!number(f[1].substring(5), Files.size(file), 0)
              || !number(f[2].substring(6), Files.getLastModifiedTime(file).toMillis() / 1000.0, 1)) {
            stale.add(f[0] + " changed since (a JDK update?)");
          }
        } catch (IOException e) {
          stale.add(f[0] + " cannot be read");
        }
      }
    }
    return named;
  }

  /** Whether the stamp's number is {@code actual} within {@code tolerance}; text that is no number never is. */
  private static boolean number(String stamped, double actual, double tolerance) {
    try {
      return Math.abs(Double.parseDouble(stamped) - actual) <= tolerance;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String real(Path p) {
    try {
      return p.toRealPath().toString();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize().toString();
    }
  }

  private static String abbreviate(String hex) {
    return hex.length() > 12 ? hex.substring(0, 12) + "…" : hex;
  }
}
