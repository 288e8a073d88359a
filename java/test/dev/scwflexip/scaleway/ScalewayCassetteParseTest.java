package dev.scwflexip.scaleway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scwflexip.testsupport.Cassette;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every Flexible IP answer ever recorded must parse, and errors must map to one line. */
class ScalewayCassetteParseTest {
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Set<String> STATUSES = Set.of("ready", "updating", "attached", "detaching", "error", "locked");
  private static final Set<String> MAC_STATUSES = Set.of("ready", "updating", "used", "deleting", "error");

  private int objects;
  private int lists;
  private int macs;
  private int ipv6;
  private int gone403;
  private int gone404;

  @Test
  void everyRecordedAnswerParses() {
    for (Cassette cassette : Cassette.all()) {
      for (Cassette.Interaction i : cassette.interactions) {
        if (i.isFlexibleIp() && !i.responseBody.isEmpty()) {
          check(cassette.name + " " + i, i);
        }
      }
    }
    assertTrue(objects > 200, "objects " + objects);
    assertTrue(lists >= 19, "lists " + lists);
    assertTrue(macs > 5, "macs " + macs);
    assertTrue(ipv6 > 0 && gone403 > 10 && gone404 > 0, ipv6 + " " + gone403 + " " + gone404);
  }

  private void check(String where, Cassette.Interaction i) {
    if (i.code >= 400) {
      ApiException e = ErrorMapper.toException(i.method + " /fips", i.code, "", i.responseBody);
      assertFalse(e.getMessage().contains("\n"), where);
      assertEquals(i.code, e.status, where);
      assertTrue(e.mightBeGone(), where);
      if (i.code == 403) {
        gone403++;
        assertEquals("permissions_denied", e.type, where);
        assertEquals("Scaleway API: GET /fips: HTTP 403 permissions_denied: insufficient permissions (read flexible-ip)",
            e.getMessage(), where);
      } else {
        gone404++;
        assertEquals("not_found", e.type, where);
        assertTrue(e.getMessage().startsWith("Scaleway API: DELETE /fips: HTTP 404 not_found: resource is not found "
            + "(flexible_ips "), e.getMessage());
      }
      return;
    }
    assertEquals(200, i.code, where);
    JsonObject o = JsonParser.parseString(i.responseBody).getAsJsonObject();
    if (o.has("flexible_ips")) {
      lists++;
      int n = 0;
      for (JsonElement e : o.getAsJsonArray("flexible_ips")) {
        checkFip(where, FlexibleIp.fromJson(e.getAsJsonObject()));
        n++;
      }
      assertTrue(o.get("total_count").getAsInt() >= n, where);
    } else {
      checkFip(where, FlexibleIp.fromJson(o));
    }
  }

  private void checkFip(String where, FlexibleIp f) {
    objects++;
    assertTrue(UUID.matcher(f.id).matches(), where);
    assertTrue(UUID.matcher(f.projectId).matches(), where);
    assertTrue(STATUSES.contains(f.status), where + " " + f.status);
    assertFalse(f.ip.contains("/"), where);
    assertNotNull(f.tags, where);
    assertNotNull(f.description, where);
    if (f.isIpv6()) {
      ipv6++;
      assertTrue(f.rawIpAddress.endsWith("/64"), where);
    } else {
      assertEquals(f.rawIpAddress, f.ip, where);
      assertTrue(f.ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), where);
    }
    if ("attached".equals(f.status)) {
      assertNotNull(f.serverId, where);
    }
    if (f.mac != null) {
      macs++;
      assertTrue(UUID.matcher(f.mac.id).matches(), where);
      assertTrue(f.mac.address.matches("52:54:00(:[0-9a-f]{2}){3}"), where);
      assertEquals("kvm", f.mac.type, where);
      assertTrue(MAC_STATUSES.contains(f.mac.status), where);
    }
  }

  @Test
  void knownAnswersHaveTheRecordedFields() {
    FlexibleIp v4 = first("flexible-ip-basic.cassette.yaml", "POST");
    assertEquals("7c715b98-e683-493a-9e62-109d684e4348", v4.id);
    assertEquals("195.154.148.225", v4.ip);
    assertEquals("ready", v4.status);
    assertNull(v4.serverId);
    assertNull(v4.mac);
    assertEquals(List.of(), v4.tags);
    assertEquals("195-154-148-225.rev.poneytelecom.eu.", v4.reverse);

    FlexibleIp v6 = first("flexible-ip-ipv6.cassette.yaml", "POST");
    assertEquals("2001:bc8:702:6b7::", v6.ip);
    assertEquals("2001:bc8:702:6b7::/64", v6.rawIpAddress);
    assertTrue(v6.isIpv6());

    Cassette mac = Cassette.load("flexible-ipmac-address-basic.cassette.yaml");
    FlexibleIp withMac = mac.interactions.stream().filter(i -> i.isFlexibleIp() && i.path.endsWith("/mac")
        && i.method.equals("POST")).map(i -> FlexibleIp.fromJson(JsonParser.parseString(i.responseBody).getAsJsonObject()))
        .findFirst().orElseThrow();
    assertEquals("kvm", withMac.mac.type);
    assertEquals("ready", withMac.mac.status);
    assertFalse(withMac.mac.id.equals(withMac.id));

    Cassette tagged = Cassette.load("data-source-flexible-ips-basic.cassette.yaml");
    boolean sawTags = tagged.interactions.stream().filter(i -> i.isFlexibleIp() && i.method.equals("POST"))
        .map(i -> FlexibleIp.fromJson(JsonParser.parseString(i.responseBody).getAsJsonObject()))
        .anyMatch(f -> f.tags.equals(List.of("minimal", "first")));
    assertTrue(sawTags);
  }

  private static FlexibleIp first(String cassette, String method) {
    return Cassette.load(cassette).interactions.stream()
        .filter(i -> i.isFlexibleIp() && i.method.equals(method))
        .map(i -> FlexibleIp.fromJson(JsonParser.parseString(i.responseBody).getAsJsonObject()))
        .findFirst().orElseThrow();
  }

  @Test
  void otherEnvelopesMapToOneShortLine() {
    assertEquals("HTTP 409 transient_state: resource is in a transient state (flexible_ips abc is updating)",
        ErrorMapper.parse(409, "Conflict", "{\"current_state\":\"updating\",\"message\":\"resource is in a transient state\","
            + "\"resource\":\"flexible_ips\",\"resource_id\":\"abc\",\"type\":\"transient_state\"}").detail());
    assertEquals("HTTP 403 quotas_exceeded: quota(s) exceeded for this resource (flexible_ip 10 of 10 used)",
        ErrorMapper.parse(403, "Forbidden", "{\"details\":[{\"current\":10,\"quota\":10,\"resource\":\"flexible_ip\"}],"
            + "\"message\":\"quota(s) exceeded for this resource\",\"type\":\"quotas_exceeded\"}").detail());
    assertFalse(ErrorMapper.toException("POST /fips", 403, "Forbidden", "{\"type\":\"quotas_exceeded\"}").mightBeGone());
    assertEquals("HTTP 500: internal error", ErrorMapper.parse(500, "Internal Server Error", "{\"message\":\"internal error\"}").detail());
    assertEquals("HTTP 502 Bad Gateway", ErrorMapper.parse(502, "Bad Gateway", "<html>\n<h1>oops</h1></html>").detail());
    assertEquals("HTTP 429 Too Many Requests", ErrorMapper.parse(429, "Too Many Requests", "").detail());
    String huge = ErrorMapper.parse(400, "Bad Request", "{\"message\":\"" + "x".repeat(5000) + "\"}").detail();
    assertTrue(huge.length() <= 300);
  }
}
