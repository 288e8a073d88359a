package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.testsupport.DriverJar.Result;
import dev.scwflexip.testsupport.DriverJar;
import dev.scwflexip.testsupport.EmulatorProcess;
import dev.scwflexip.testsupport.OnedTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five actions run the way one_ipam runs them: the built JAR as a separate process, argv
 * {@code [request-id]}, the base64 message on stdin with no trailing newline, against the
 * emulator running as its own process. After each step the Flexible IP, its MAC, its tags and
 * the journal are checked.
 */
class IpamProcessIT {
  static final String PROJECT = "11111111-2222-4333-8444-555555555555";
  static final String TOKEN = EmulatorProcess.TOKEN;
  static EmulatorProcess emulator;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    emulator = EmulatorProcess.start(300);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  Path config(String cloud) throws Exception {
    Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Path c = dir.resolve("config-" + cloud + ".json");
    Files.writeString(c, "{\"api_url\":\"" + emulator.url + "\",\"zone\":\"fr-par-1\",\"project_id\":\"" + PROJECT
        + "\",\"token_file\":\"" + dir.resolve("token") + "\",\"state_file\":\"" + dir.resolve("journal.json")
        + "\",\"cloud\":\"" + cloud + "\",\"gateway\":\"62.210.0.1\",\"dns\":[\"192.0.2.53\",\"192.0.2.54\"],"
        + "\"action_deadline_seconds\":30}");
    return c;
  }

  static byte[] message(Map<String, String> ar, String address) {
    StringBuilder x = new StringBuilder("<IPAM_DRIVER_ACTION_DATA><AR>");
    for (Map.Entry<String, String> e : new TreeMap<>(ar).entrySet()) {
      x.append('<').append(e.getKey()).append('>').append(escape(e.getValue())).append("</").append(e.getKey()).append('>');
    }
    x.append("</AR>").append(address).append("</IPAM_DRIVER_ACTION_DATA>");
    return Base64.getEncoder().encode(x.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static final String EMPTY ="<ADDRESS><MAC/><IP/><IP6_GLOBAL/><IP6_ULA/><IP6/><SIZE/></ADDRESS>";

  Result ipam(Path cfg, String action, byte[] stdin) throws Exception {
    Result r = DriverJar.run(cfg, stdin, "ipam", action, "7");
    assertFalse(r.stdout.contains(TOKEN) || r.stderr.contains(TOKEN), "the token was printed");
    return r;
  }

  static void assertOneLineFailure(Result r) {
    assertTrue(r.exit != 0, r.toString());
    assertEquals(1, r.errorLines().size(), r.toString());
  }

  JsonArray journal() throws Exception {
    return JsonParser.parseString(Files.readString(dir.resolve("journal.json"))).getAsJsonObject().getAsJsonArray("entries");
  }

  static List<String> tags(JsonObject fip) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : fip.getAsJsonArray("tags")) {
      out.add(e.getAsString());
    }
    return out;
  }

  @Test
  void theFiveActionsThroughACreatedRange() throws Exception {
    Path cfg = config("it-create");
    Map<String, String> in = new LinkedHashMap<>();
    in.put("IPAM_MAD", "scw-flexip");
    in.put("SIZE", "1");
    in.put("TYPE", "IP4");
    in.put("USER_NOTE", "keep \"me\" & <this>\nsecond line");
    in.put("GATEWAY", "51.15.0.1");
    Result reg = ipam(cfg, "register_address_range", message(in, EMPTY));
    assertEquals(0, reg.exit, reg.toString());
    Map<String, String> ar = OnedTemplate.vector(reg.stdout, "AR");
    assertNotNull(ar, reg.stdout);
    assertEquals("keep \"me\" & <this>\nsecond line", ar.get("USER_NOTE"));
    assertEquals("51.15.0.1", ar.get("GATEWAY"), "a gateway set in the range wins over the configured one");
    assertEquals("255.255.255.255", ar.get("NETWORK_MASK"));
    assertEquals("192.0.2.53 192.0.2.54", ar.get("DNS"));
    assertEquals("1", ar.get("SIZE"));
    assertEquals("IP4", ar.get("TYPE"));
    assertEquals("scw-flexip", ar.get("IPAM_MAD"));
    assertEquals("YES", ar.get("SCW_FLEXIP_CREATED"));
    assertEquals("fr-par-1", ar.get("SCW_FLEXIP_ZONE"));

    JsonObject fip = emulator.fip(ar.get("SCW_FLEXIP_ID"));
    assertNotNull(fip);
    assertEquals(ar.get("IP"), fip.get("ip_address").getAsString().split("/")[0]);
    assertEquals(ar.get("MAC"), fip.getAsJsonObject("mac_address").get("mac_address").getAsString());
    assertEquals("kvm", fip.getAsJsonObject("mac_address").get("mac_type").getAsString());
    assertTrue(tags(fip).contains("scw-flexip:cloud=it-create"), tags(fip).toString());
    JsonObject entry = journal().get(0).getAsJsonObject();
    assertEquals(1, journal().size());
    assertEquals("active", entry.get("state").getAsString());
    assertTrue(entry.get("created").getAsBoolean());
    assertEquals(fip.get("id").getAsString(), entry.get("fipId").getAsString());
    assertEquals(ar.get("MAC"), entry.get("mac").getAsString());
    assertTrue(tags(fip).contains("scw-flexip:entry=" + entry.get("id").getAsString()));

    // what oned stores and sends back later: the reply plus AR_ID, in sorted order, form B
    Map<String, String> stored = new LinkedHashMap<>(ar);
    stored.put("AR_ID", "0");
    String formB = "<MAC_END>" + ar.get("MAC") + "</MAC_END><IP_END>" + ar.get("IP") + "</IP_END><USED_LEASES>0</USED_LEASES>";
    byte[] getMsg = withFormB(stored, formB, "<ADDRESS><SIZE>1</SIZE></ADDRESS>");
    String before = emulator.requestCounters();
    Result get = ipam(cfg, "get_address", getMsg);
    assertEquals(0, get.exit, get.toString());
    assertEquals("ADDRESS = [ IP = \"" + ar.get("IP") + "\", SIZE = \"1\" ]\n", get.stdout);
    String good = "<ADDRESS><MAC>" + ar.get("MAC") + "</MAC><IP>" + ar.get("IP") + "</IP><SIZE>1</SIZE></ADDRESS>";
    Result alloc = ipam(cfg, "allocate_address", withFormB(stored, formB, good));
    assertEquals(0, alloc.exit, alloc.toString());
    assertEquals("", alloc.stdout);
    Result bad = ipam(cfg, "allocate_address",
        withFormB(stored, formB, "<ADDRESS><MAC>02:00:c0:00:02:0b</MAC><IP>192.0.2.11</IP><SIZE>1</SIZE></ADDRESS>"));
    assertOneLineFailure(bad);
    Result free = ipam(cfg, "free_address", withFormB(stored, formB, good));
    assertEquals(0, free.exit, free.toString());
    assertEquals(before, emulator.requestCounters(), "get/allocate/free made an API call");

    Result unreg = ipam(cfg, "unregister_address_range", message(stored, EMPTY));
    assertEquals(0, unreg.exit, unreg.toString());
    assertNull(emulator.fip(ar.get("SCW_FLEXIP_ID")), "the Flexible IP still exists after unregister");
    assertEquals(0, journal().size());
    Result again = ipam(cfg, "unregister_address_range", message(stored, EMPTY));
    assertEquals(0, again.exit, "an IP already gone counts as released: " + again);
  }

  static byte[] withFormB(Map<String, String> ar, String computed, String address) {
    String a = new String(Base64.getDecoder().decode(message(ar, "")), StandardCharsets.UTF_8);
    String xml = a.replace("</AR></IPAM_DRIVER_ACTION_DATA>", computed + "</AR>" + address + "</IPAM_DRIVER_ACTION_DATA>");
    return Base64.getEncoder().encode(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void adoptsAnExistingIpByAddressAndKeepsItOnUnregister() throws Exception {
    Path cfg = config("it-adopt");
    JsonObject made = JsonParser.parseString(emulator.api("POST", "/fips",
        "{\"project_id\":\"" + PROJECT + "\",\"description\":\"made by hand\",\"tags\":[\"ops\",\"scw-flexip:adoptable=it-adopt\"],"
        + "\"is_ipv6\":false}").body())
        .getAsJsonObject();
    String ip = made.get("ip_address").getAsString();
    Map<String, String> in = new LinkedHashMap<>();
    in.put("IP", ip);
    in.put("IPAM_MAD", "scw-flexip");
    in.put("SIZE", "1");
    in.put("TYPE", "IP4");
    Result reg = ipam(cfg, "register_address_range", message(in, EMPTY));
    assertEquals(0, reg.exit, reg.toString());
    Map<String, String> ar = OnedTemplate.vector(reg.stdout, "AR");
    assertEquals(made.get("id").getAsString(), ar.get("SCW_FLEXIP_ID"));
    assertEquals("NO", ar.get("SCW_FLEXIP_CREATED"));
    JsonObject fip = emulator.fip(made.get("id").getAsString());
    assertTrue(tags(fip).containsAll(List.of("ops", "scw-flexip:cloud=it-adopt", "scw-flexip:adopted")), tags(fip).toString());
    assertFalse(tags(fip).contains("scw-flexip:adoptable=it-adopt"), tags(fip).toString());
    assertFalse(fip.get("mac_address").isJsonNull(), "adopting gives the IP a virtual MAC");
    // the same IP cannot back two ranges
    assertOneLineFailure(ipam(cfg, "register_address_range", message(in, EMPTY)));

    Result unreg = ipam(cfg, "unregister_address_range", message(ar, EMPTY));
    assertEquals(0, unreg.exit, unreg.toString());
    JsonObject kept = emulator.fip(made.get("id").getAsString());
    assertNotNull(kept, "an adopted IP must not be deleted");
    assertEquals(List.of("ops", "scw-flexip:adoptable=it-adopt"), tags(kept), "handed back as the operator left it");
    assertEquals(0, journal().size());
  }

  @Test
  void adoptsByIdAndRefusesAnotherCloudsIp() throws Exception {
    Path cfg = config("it-byid");
    JsonObject other = JsonParser.parseString(emulator.api("POST", "/fips",
        "{\"project_id\":\"" + PROJECT + "\",\"description\":\"\",\"tags\":[\"scw-flexip:cloud=elsewhere\"],\"is_ipv6\":false}")
        .body()).getAsJsonObject();
    Map<String, String> in = new LinkedHashMap<>();
    in.put("IPAM_MAD", "scw-flexip");
    in.put("SCW_FLEXIP_ID", other.get("id").getAsString());
    in.put("SIZE", "1");
    Result r = ipam(cfg, "register_address_range", message(in, EMPTY));
    assertOneLineFailure(r);
    assertTrue(r.stderr.contains("elsewhere"), r.stderr);

    in.put("SCW_FLEXIP_ID", "00000000-0000-4000-8000-00000000dead");
    assertOneLineFailure(ipam(cfg, "register_address_range", message(in, EMPTY)));
  }

  @Test
  void badInputFailsWithOneLineAndCreatesNothing() throws Exception {
    Path cfg = config("it-bad");
    int before = emulator.fips().size();
    Map<String, String> big = new LinkedHashMap<>();
    big.put("IPAM_MAD", "scw-flexip");
    big.put("SIZE", "4");
    big.put("TYPE", "IP4");
    Map<String, String> v6 = new LinkedHashMap<>(big);
    v6.put("SIZE", "1");
    v6.put("TYPE", "IP6");
    for (byte[] junk : List.of("not base64 at all!!".getBytes(), "PHg+".getBytes(), new byte[0],
        message(big, EMPTY), message(v6, EMPTY))) {
      assertOneLineFailure(ipam(cfg, "register_address_range", junk));
    }
    assertEquals(before, emulator.fips().size());
    assertFalse(Files.exists(dir.resolve("journal.json")) && journal().size() > 0, "bad input touched the journal");
  }

  @Test
  void configurationProblemsAreOneClearLine() throws Exception {
    Map<String, String> in = Map.of("IPAM_MAD", "scw-flexip", "SIZE", "1", "TYPE", "IP4");
    Result missing = DriverJar.run(dir.resolve("nope.json"), message(in, EMPTY), "ipam", "register_address_range", "1");
    assertOneLineFailure(missing);
    assertTrue(missing.stderr.contains("nope.json") && missing.stderr.contains("not found"), missing.stderr);
    Path cfg = config("it-token");
    Files.writeString(dir.resolve("token"), "");
    Result empty = ipam(cfg, "register_address_range", message(in, EMPTY));
    assertOneLineFailure(empty);
    assertTrue(empty.stderr.contains("token file") && empty.stderr.contains("empty"), empty.stderr);
  }

  @Test
  void theFastActionsLoadNoHttpOrJsonClasses() throws Exception {
    Map<String, String> ar = Map.of("AR_ID", "0", "IP", "51.15.0.10", "IPAM_MAD", "scw-flexip", "SIZE", "1", "TYPE", "IP4");
    Path log = dir.resolve("classes.log");
    for (String action : List.of("get_address", "allocate_address", "free_address")) {
      String addr = action.equals("get_address") ? "<ADDRESS><SIZE>1</SIZE></ADDRESS>"
          : "<ADDRESS><IP>51.15.0.10</IP><SIZE>1</SIZE></ADDRESS>";
      Result r = DriverJar.run(List.of("-Xlog:class+load=info:file=" + log), List.of("ipam", action, "3"),
          message(ar, addr), 60);
      assertEquals(0, r.exit, r.toString());
      String loaded = Files.readString(log);
      assertTrue(loaded.contains("dev.scwflexip.ipam.IpamCommand"), "class log not written");
      for (String forbidden : List.of("org.apache.hc.", "java.net.http.", "com.google.gson.", "javax.xml.", "org.apache.commons.cli.")) {
        assertFalse(loaded.contains(" " + forbidden), action + " loaded " + forbidden + " classes");
      }
    }
  }
}
