package dev.scwflexip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  @TempDir Path dir;

  Config parse(String json) {
    return Config.parse(dir.resolve("c.json"), json);
  }

  String error(String json) {
    String m = assertThrows(DriverException.class, () -> parse(json)).getMessage();
    assertTrue(m.startsWith("config " + dir.resolve("c.json") + ": "), m);
    assertTrue(!m.contains("\n"), m);
    return m;
  }

  @Test
  void defaults() {
    Config c = parse("{\"project_id\":\"" + PROJECT + "\",\"token_file\":\"/t\"}");
    assertEquals("https://api.scaleway.com", c.apiUrl);
    assertEquals("fr-par-1", c.zone);
    assertEquals("kvm", c.macType);
    assertEquals("255.255.255.255", c.networkMask);
    assertEquals(List.of(), c.dns);
    assertNull(c.serverIdFile);
    assertEquals("scw-flexip:cloud=opennebula", c.cloudTag());
    assertEquals("scw-flexip", c.ipamName);
    assertEquals("tagged", c.adoption);
    assertEquals(false, c.matchNicsByAddress);
    assertEquals(300, c.reconcileDeadlineSeconds);
    assertEquals(Path.of("/var/lib/one/scw-flexip/run"), c.runtimeDir, "not under a world-writable parent");
    assertEquals("", c.gateway6);
  }

  @Test
  void gateway6IsAnIpv6LinkLocalAddress() {
    String p = "\"project_id\":\"" + PROJECT + "\",\"token_file\":\"/t\",";
    assertEquals("fe80::1", parse("{" + p + "\"gateway6\":\"fe80::1\"}").gateway6);
    for (String bad : List.of("2001:bc8::1", "62.210.0.1", "fe80::1/64", "localhost", "fe80::g", "fe80::1%eth0")) {
      String m = error("{" + p + "\"gateway6\":\"" + bad + "\"}");
      assertTrue(m.contains("gateway6 must be an IPv6 link-local address"), m);
    }
  }

  @Test
  void theSafetyKeysAreTypedStrictly() {
    String p = "\"project_id\":\"" + PROJECT + "\",\"token_file\":\"/t\",";
    Config c = parse("{" + p + "\"ipam_name\":\"flexip\",\"adoption\":\"any\",\"match_nics_by_address\":true,"
        + "\"reconcile_deadline_seconds\":60,\"host_servers\":{\"kvm1\":\"fr-par-1/AAAAAAAA-0000-4000-8000-00000000000A\"}}");
    assertEquals("flexip", c.ipamName);
    assertEquals("any", c.adoption);
    assertTrue(c.matchNicsByAddress);
    assertEquals(60, c.reconcileDeadlineSeconds);
    assertEquals("aaaaaaaa-0000-4000-8000-00000000000a", c.hostServers.get("kvm1"));
    assertTrue(error("{" + p + "\"adoption\":\"yes\"}").contains("adoption must be"));
    assertTrue(error("{" + p + "\"match_nics_by_address\":\"true\"}").contains("must be true or false"));
    assertTrue(error("{" + p + "\"ipam_name\":\"a b\"}").contains("ipam_name"));
    assertTrue(error("{" + p + "\"action_deadline_seconds\":\"50\"}").contains("whole number"));
    assertTrue(error("{" + p + "\"host_servers\":{\"kvm1\":\"nl-ams-1/aaaaaaaa-0000-4000-8000-00000000000a\"}}")
        .contains("must map to a server id in zone fr-par-1"));
    assertTrue(error("{" + p + "\"host_servers\":{\"kvm1\":7}}").contains("object of strings"));
    assertTrue(error("{" + p + "\"runtime_dir\":\"run\"}").contains("absolute path"));
  }

  @Test
  void everyKey() {
    Config c = parse("{\"api_url\":\"http://127.0.0.1:8080/\",\"zone\":\"nl-ams-1\",\"project_id\":\"" + PROJECT
        + "\",\"token_file\":\"/t\",\"state_file\":\"/s.json\",\"mac_type\":\"vmware\",\"network_mask\":\"255.255.255.0\","
        + "\"gateway\":\"10.0.0.1\",\"dns\":[\"1.1.1.1\",\"9.9.9.9\"],\"server_id_file\":\"/sid\",\"cloud\":\"prod-1\"}");
    assertEquals("http://127.0.0.1:8080", c.apiUrl);
    assertEquals("nl-ams-1", c.zone);
    assertEquals(List.of("1.1.1.1", "9.9.9.9"), c.dns);
    assertEquals(Path.of("/sid"), c.serverIdFile);
    assertEquals("scw-flexip:cloud=prod-1", c.cloudTag());
  }

  @Test
  void problemsNameTheFileAndTheKey() {
    assertTrue(error("{").contains("not valid JSON"));
    assertTrue(error("[]").contains("JSON object"));
    assertTrue(error("{\"token_file\":\"/t\"}").contains("'project_id' is required"));
    String p = "\"project_id\":\"" + PROJECT + "\",\"token_file\":\"/t\",";
    assertTrue(error("{" + p + "\"zone\":\"fr-par-3\"}").contains("zone 'fr-par-3'"));
    assertTrue(error("{" + p + "\"mac_type\":\"hyperv\"}").contains("mac_type"));
    assertTrue(error("{" + p + "\"dns\":\"1.1.1.1\"}").contains("'dns' must be a list"));
    assertTrue(error("{" + p + "\"gateway\":\"x\"}").contains("gateway"));
    assertTrue(error("{" + p + "\"colud\":\"x\"}").contains("unknown key 'colud'"));
    assertTrue(error("{\"project_id\":\"nope\",\"token_file\":\"/t\"}").contains("UUID"));
  }

  @Test
  void missingFile() {
    String m = assertThrows(DriverException.class, () -> Config.load(dir.resolve("none.json"))).getMessage();
    assertEquals("config " + dir.resolve("none.json") + ": file not found", m);
  }

  @Test
  void tokenFileProblemsNameTheFileButNeverTheToken() throws IOException {
    Path t = dir.resolve("token");
    Config c = parse("{\"project_id\":\"" + PROJECT + "\",\"token_file\":\"" + t + "\"}");
    assertEquals("token file " + t + ": file not found", assertThrows(DriverException.class, c::readToken).getMessage());
    Files.writeString(t, "  \n");
    assertEquals("token file " + t + ": empty", assertThrows(DriverException.class, c::readToken).getMessage());
    Files.writeString(t, "secret-one\nsecret-two\n");
    String m = assertThrows(DriverException.class, c::readToken).getMessage();
    assertTrue(!m.contains("secret"), m);
    Files.writeString(t, "abc-123\n");
    assertEquals("abc-123", c.readToken());
  }

  @Test
  void serverIdFileAcceptsZoneSlashUuidOrUuid() throws IOException {
    Path s = dir.resolve("sid");
    Config c = parse("{\"project_id\":\"" + PROJECT + "\",\"token_file\":\"/t\",\"server_id_file\":\"" + s + "\"}");
    Files.writeString(s, "fr-par-1/AAAAAAAA-0000-4000-8000-00000000000A\n");
    assertEquals("aaaaaaaa-0000-4000-8000-00000000000a", c.readServerId());
    Files.writeString(s, "bbbbbbbb-0000-4000-8000-00000000000b");
    assertEquals("bbbbbbbb-0000-4000-8000-00000000000b", c.readServerId());
    Files.writeString(s, "nl-ams-1/bbbbbbbb-0000-4000-8000-00000000000b");
    assertTrue(assertThrows(DriverException.class, c::readServerId).getMessage().contains("zone nl-ams-1"));
    Files.writeString(s, "server-1");
    assertThrows(DriverException.class, c::readServerId);
    Config none = parse("{\"project_id\":\"" + PROJECT + "\",\"token_file\":\"/t\"}");
    assertTrue(assertThrows(DriverException.class, none::readServerId).getMessage().contains("server_id_file is not set"));
  }

  @Test
  void frontendNameIsOptionalAndOneWord() {
    String p = "\"project_id\":\"" + PROJECT + "\",\"token_file\":\"/t\"";
    assertNull(parse("{" + p + "}").frontendName);
    assertEquals("one-fe-2", parse("{" + p + ",\"frontend_name\":\"one-fe-2\"}").frontendName);
    assertTrue(error("{" + p + ",\"frontend_name\":\"two words\"}").contains("frontend_name"));
    assertTrue(error("{" + p + ",\"frontend_name\":\"\"}").contains("frontend_name"));
    assertTrue(error("{" + p + ",\"frontend_name\":3}").contains("'frontend_name' must be a string"));
  }
}
