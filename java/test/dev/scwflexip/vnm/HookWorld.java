package dev.scwflexip.vnm;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.cli.Main;
import dev.scwflexip.config.Config;
import dev.scwflexip.config.Tags;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.ScalewayClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An emulated Scaleway zone with hosts around it: each host is a config file, a token file and a
 * server id file in a temporary directory, as the role lays them out. Hooks run in-process
 * through {@link Main}, exactly as the JAR runs them.
 */
final class HookWorld implements AutoCloseable {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  static final String TOKEN = "hook-test-secret-token-0c1d2e";
  static final String CLOUD = "hooktest";
  static final String SERVER_A = "aaaaaaaa-0000-4000-8000-00000000000a";
  static final String SERVER_B = "bbbbbbbb-0000-4000-8000-00000000000b";
  /** Values in the fixtures' CONTEXT and USER_TEMPLATE that no output may ever contain. */
  static final List<String> SECRETS = List.of("do-not-log-s3cr3t-value", "DoNotLogMe", TOKEN);

  final Emulator emulator;
  final Path dir;
  private final ScalewayClient admin;

  private HookWorld(Emulator emulator, Path dir) throws IOException {
    this.emulator = emulator;
    this.dir = dir;
    Path probe = host("admin", SERVER_A, Map.of());
    this.admin = ScalewayClient.open(Config.load(probe), Deadline.afterSeconds(600));
  }

  static HookWorld start(long transitionMs) throws IOException {
    Emulator e = Emulator.start("127.0.0.1", 0, transitionMs);
    return new HookWorld(e, Files.createTempDirectory("scw-flexip-hooks-"));
  }

  /** A host whose server id file names {@code serverId} ("fr-par-1/uuid" form); returns its config path. */
  Path host(String name, String serverId, Map<String, Object> extra) throws IOException {
    Path h = dir.resolve(name);
    Files.createDirectories(h);
    Files.writeString(h.resolve("token"), TOKEN);
    if (serverId != null) {
      Files.writeString(h.resolve("server_id"), "fr-par-1/" + serverId + "\n");
    }
    StringBuilder json = new StringBuilder("{");
    json.append("\"api_url\":\"").append(emulator.url()).append("\",");
    json.append("\"zone\":\"fr-par-1\",\"project_id\":\"").append(PROJECT).append("\",");
    json.append("\"cloud\":\"").append(CLOUD).append("\",");
    json.append("\"token_file\":\"").append(h.resolve("token")).append("\",");
    json.append("\"state_file\":\"").append(h.resolve("journal.json")).append("\",");
    json.append("\"runtime_dir\":\"").append(h.resolve("run")).append("\",");
    json.append("\"server_id_file\":\"").append(h.resolve("server_id")).append("\"");
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      json.append(",\"").append(e.getKey()).append("\":");
      Object v = e.getValue();
      json.append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v));
    }
    json.append("}");
    Path config = h.resolve("config.json");
    Files.writeString(config, json.toString());
    return config;
  }

  /** A Flexible IP as register_address_range leaves it: tagged as this cloud's, with a virtual MAC. */
  FlexibleIp newOurs() {
    FlexibleIp f = admin.create(PROJECT, "test", List.of(Tags.cloud(CLOUD), Tags.entry("t-" + System.nanoTime())));
    return admin.generateMac(f.id, "kvm");
  }

  /**
   * A dual-stack range's two IPs as register leaves them: an IPv4 with its virtual MAC and an
   * IPv6 without one, both this cloud's, tied by pair tags. Returns {IPv4, IPv6}.
   */
  FlexibleIp[] newPair() {
    String entry = Tags.entry("t-" + System.nanoTime());
    FlexibleIp v4 = admin.create(PROJECT, "test", List.of(Tags.cloud(CLOUD), entry));
    FlexibleIp v6 = admin.create(PROJECT, "test", List.of(Tags.cloud(CLOUD), entry, Tags.pair(v4.id)), true);
    admin.update(v4.id, null, List.of(Tags.cloud(CLOUD), entry, Tags.pair(v6.id)));
    return new FlexibleIp[] {admin.generateMac(v4.id, "kvm"), v6};
  }

  /** An IPv6-only range's IP: a /64 with a virtual MAC of its own. */
  FlexibleIp newIpv6Only() {
    FlexibleIp f = admin.create(PROJECT, "test", List.of(Tags.cloud(CLOUD), Tags.entry("t-" + System.nanoTime())), true);
    return admin.generateMac(f.id, "kvm");
  }

  /** A fixture whose NIC 0 is a dual-stack NIC of {@code pair} (SCW_FLEXIP_ID6 = {@code id6}, none if null). */
  static byte[] stdinDual(String xml, FlexibleIp[] pair, String id6) {
    String withId6 = xml.replace("<SCW_FLEXIP_ID><![CDATA[${FIP0}]]></SCW_FLEXIP_ID>",
        "<SCW_FLEXIP_ID><![CDATA[${FIP0}]]></SCW_FLEXIP_ID>"
            + (id6 == null ? "" : "<SCW_FLEXIP_ID6><![CDATA[" + id6 + "]]></SCW_FLEXIP_ID6>"));
    return stdinClaimingXml(withId6, pair[0].ip, pair[0].mac.address, pair[0].id);
  }

  /** A Flexible IP of the same project that this cloud does not own. */
  FlexibleIp newForeign() {
    FlexibleIp f = admin.create(PROJECT, "someone else's", List.of("other-team"));
    return admin.generateMac(f.id, "kvm");
  }

  /** API requests so far on one route, e.g. ("POST", "/attach"); the route is relative to /fips. */
  long count(String method, String fipsRoute) {
    return emulator.requests().count(method, "/flexible-ip/v1alpha1/zones/{zone}/fips" + fipsRoute);
  }

  FlexibleIp get(String id) {
    return admin.get(id);
  }

  void detachAndWait(String id) {
    admin.detach(List.of(id));
    admin.waitUntil(id, f -> f.serverId == null && "ready".equals(f.status), "detached");
  }

  void attachTo(String id, String serverId) {
    admin.attach(List.of(id), serverId);
    admin.waitUntil(id, new AttachedTo(serverId), "attached");
  }

  /** Fills a fixture's ${IPn}/${MACn}/${FIPn} from the given IPs and base64s it as oned does. */
  static byte[] stdin(String fixture, FlexibleIp... fips) throws IOException {
    String xml = fixture(fixture);
    for (int i = 0; i < fips.length; i++) {
      xml = xml.replace("${IP" + i + "}", fips[i].ip).replace("${FIP" + i + "}", fips[i].id)
          .replace("${MAC" + i + "}", fips[i].mac.address);
    }
    return (Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** A fixture whose NIC {@code n} claims {@code fipId} while its own address is {@code ip}. */
  static byte[] stdinClaiming(String fixture, String ip, String mac, String fipId) throws IOException {
    return stdinClaimingXml(fixture(fixture), ip, mac, fipId);
  }

  static byte[] stdinClaimingXml(String template, String ip, String mac, String fipId) {
    String xml = template.replace("${IP0}", ip).replace("${MAC0}", mac).replace("${FIP0}", fipId);
    return (Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = HookWorld.class.getResourceAsStream("/vm/" + name)) {
      if (in == null) {
        throw new IOException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code scw-flexip --config CONFIG vnm ARGS} in-process. */
  static Result run(Path config, byte[] stdin, String... vnmArgs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = new String[vnmArgs.length + 3];
    argv[0] = "--config";
    argv[1] = config.toString();
    argv[2] = "vnm";
    System.arraycopy(vnmArgs, 0, argv, 3, vnmArgs.length);
    long start = System.nanoTime();
    int rc = new Main(new ByteArrayInputStream(stdin), new PrintStream(out, true), new PrintStream(err, true),
        Map.of()).run(argv);
    Result r = new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - start) / 1_000_000L);
    r.assertNoSecrets();
    return r;
  }

  /** Runs the command with substitute API openers; the same streams and exit codes as Main. */
  static Result runWith(Function<Config, ApiOpener> openers, Path config, byte[] in, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true);
    Invocation inv = new Invocation(new ByteArrayInputStream(in), new PrintStream(out, true), errStream, Map.of(), config.toString());
    long start = System.nanoTime();
    int rc;
    try {
      rc = new VnmCommand(openers).run(inv, args);
    } catch (DriverException e) {
      errStream.println(e.getMessage());
      rc = 1;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    Result r = new Result(rc, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000L);
    r.assertNoSecrets();
    return r;
  }

  static final class Result {
    final int rc;
    final String out;
    final String err;
    final long millis;

    Result(int rc, String out, String err, long millis) {
      this.rc = rc;
      this.out = out;
      this.err = err;
      this.millis = millis;
    }

    /** stderr without the INFO/WARN lines (oned logs those): what oned shows the user as the error. */
    String errorLines() {
      StringBuilder b = new StringBuilder();
      for (String line : err.split("\n")) {
        if (!line.isEmpty() && !line.startsWith("INFO: ") && !line.startsWith("WARN: ")) {
          b.append(line).append('\n');
        }
      }
      return b.toString();
    }

    void assertNoSecrets() {
      for (String s : SECRETS) {
        assertFalse(out.contains(s) || err.contains(s), "output leaks a secret: " + this);
      }
      assertFalse(err.contains("<VM>") || err.contains("<CONTEXT>"), "output contains the VM XML: " + this);
    }

    @Override
    public String toString() {
      return "rc " + rc + " in " + millis + " ms, stdout [" + out + "], stderr [" + err + "]";
    }
  }

  static final class AttachedTo implements java.util.function.Predicate<FlexibleIp> {
    private final String server;

    AttachedTo(String server) {
      this.server = server;
    }

    @Override
    public boolean test(FlexibleIp f) {
      return "attached".equals(f.status) && server.equals(f.serverId);
    }
  }

  @Override
  public void close() {
    admin.close();
    emulator.close();
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = new java.util.ArrayList<>();
      walk.forEach(all::add);
      java.util.Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
