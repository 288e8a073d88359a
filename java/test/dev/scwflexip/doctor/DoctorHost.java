package dev.scwflexip.doctor;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.emulator.Emulator;
import dev.scwflexip.testsupport.InProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host laid out as the role lays it out, in a temporary directory, healthy to begin with: the
 * configuration, the token (0600), oned.conf with the driver enabled and restricted, the remotes
 * with the five IPAM scripts and three hooks, the hooks synced to the hypervisor's remotes, a
 * server id, and an emulator that accepts only this host's token.
 */
final class DoctorHost implements AutoCloseable {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  static final String SERVER = "0a0a0a0a-1111-4222-8333-444455556666";
  static final String TOKEN = "doctor-token-must-never-show-9f8e";

  final Path dir;
  final Emulator emulator;
  final Path config;
  final Path token;
  final Path onedConf;
  final Path remotes;
  final Path hostRemotes;

  DoctorHost(Path dir) throws IOException {
    this.dir = dir;
    emulator = Emulator.start("127.0.0.1", 0, 0, TOKEN);
    token = dir.resolve("token");
    Files.writeString(token, TOKEN + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("server"), "fr-par-1/" + SERVER + "\n");
    config = dir.resolve("config.json");
    writeConfig("");
    onedConf = dir.resolve("oned.conf");
    try (InputStream in = DoctorHost.class.getResourceAsStream("/oned/one-7.4.restricted.expected")) {
      Files.write(onedConf, in.readAllBytes());
    }
    remotes = dir.resolve("remotes");
    hostRemotes = dir.resolve("var-tmp-one");
    for (String script : FrontendChecks.IPAM_SCRIPTS) {
      executable(remotes.resolve("ipam/scw-flexip/" + script), "#!/bin/sh\nexec scw-flexip ipam " + script + " \"$@\"\n");
    }
    for (String action : HookFiles.ACTIONS) {
      String hook = "#!/bin/sh\nexec /usr/lib/scw-flexip/scw-flexip vnm " + action + " \"$@\"\n";
      executable(HookFiles.hook(remotes, action), hook);
      executable(HookFiles.hook(hostRemotes, action), hook);
    }
  }

  /** The configuration, with {@code extra} JSON members (",\"k\":v…") appended. */
  void writeConfig(String extra) throws IOException {
    Files.writeString(config, "{\"api_url\":\"" + emulator.url() + "\",\"project_id\":\"" + PROJECT + "\","
        + "\"token_file\":\"" + token + "\",\"state_file\":\"" + dir.resolve("state/journal.json") + "\","
        + "\"runtime_dir\":\"" + dir.resolve("state/run") + "\",\"server_id_file\":\"" + dir.resolve("server")
        + "\",\"action_deadline_seconds\":5" + extra + "}");
  }

  static void executable(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  InProcess.Run doctor(String... args) {
    List<String> argv = new ArrayList<>(List.of("--config", config.toString(), "doctor", "--oned-conf",
        onedConf.toString(), "--remotes", remotes.toString(), "--host-remotes", hostRemotes.toString()));
    argv.addAll(List.of(args));
    InProcess.Run r = InProcess.run(Map.of("PATH", "/nonexistent"), argv.toArray(new String[0]));
    if ((r.out() + r.err()).contains(TOKEN)) {
      throw new AssertionError("doctor printed the token: " + r);
    }
    return r;
  }

  /** doctor --format json, as {check name: [status, detail, fix]} plus the whole document. */
  record Json(JsonObject doc, Map<String, List<String>> checks) {
    String status(String check) {
      List<String> c = checks.get(check);
      return c == null ? null : c.get(0);
    }

    String detail(String check) {
      return checks.get(check).get(1);
    }

    String fix(String check) {
      return checks.get(check).get(2);
    }
  }

  Json json(String... args) {
    List<String> a = new ArrayList<>(List.of("--format", "json"));
    a.addAll(List.of(args));
    InProcess.Run r = doctor(a.toArray(new String[0]));
    JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
    if (doc.get("ok").getAsBoolean() != (r.rc() == 0)) {
      throw new AssertionError("ok and the exit status disagree: " + r);
    }
    Map<String, List<String>> checks = new LinkedHashMap<>();
    for (JsonElement e : (JsonArray) doc.get("checks")) {
      JsonObject c = e.getAsJsonObject();
      checks.put(c.get("name").getAsString(), List.of(c.get("status").getAsString(), c.get("detail").getAsString(),
          c.get("fix").getAsString()));
    }
    return new Json(doc, checks);
  }

  @Override
  public void close() {
    emulator.close();
  }
}
