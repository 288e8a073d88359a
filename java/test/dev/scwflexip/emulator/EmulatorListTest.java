package dev.scwflexip.emulator;

import static dev.scwflexip.emulator.ApiCalls.FIPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmulatorListTest extends EmulatorTestCase {
  private static final String OTHER_PROJECT = "33333333-3333-4333-8333-333333333333";
  private static final String SERVER = "44444444-4444-4444-8444-444444444444";

  @Test
  void emptyListHasTheEnvelope() throws IOException {
    ApiCalls.Response r = api.get(FIPS + "?order_by=created_at_asc");
    assertEquals(200, r.status());
    assertEquals("{\"flexible_ips\":[],\"total_count\":0}", r.body());
  }

  @Test
  void pagesAreInCreationOrderAndCountAllMatches() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      ids.add(api.create("[]"));
    }
    JsonObject first = api.get(FIPS).json();
    assertEquals(45, first.get("total_count").getAsInt());
    assertEquals(ids.subList(0, 20), idsOf(first), "default page size 20, created_at ascending");
    assertEquals(ids.subList(40, 45), idsOf(api.get(FIPS + "?page=3").json()));
    assertEquals(List.of(), idsOf(api.get(FIPS + "?page=4").json()));
    List<String> reversed = new ArrayList<>(ids);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed.subList(0, 10), idsOf(api.get(FIPS + "?order_by=created_at_desc&page_size=10").json()));
    assertEquals(45, idsOf(api.get(FIPS + "?page_size=100").json()).size());
  }

  @Test
  void filtersCombine() throws Exception {
    String a = api.create("[\"minimal\",\"first\"]");
    String b = api.create("[\"minimal\",\"second\"]");
    String c = api.create("[\"other\"]");
    api.post(FIPS, "{\"project_id\":\"" + OTHER_PROJECT + "\",\"tags\":[\"minimal\"]}");
    api.post(FIPS + "/attach", "{\"fips_ids\":[\"" + c + "\"],\"server_id\":\"" + SERVER + "\"}");
    api.get(FIPS + "/" + c); // transition time 0: settled from the next request on

    assertEquals(Set.of(a, b), new HashSet<>(idsOf(api.get(FIPS + "?tags=minimal&project_id=" + ApiCalls.PROJECT).json())));
    assertEquals(Set.of(a, c), new HashSet<>(idsOf(api.get(FIPS + "?tags=first&tags=other").json())));
    assertEquals(List.of(c), idsOf(api.get(FIPS + "?server_ids=" + SERVER).json()));
    assertEquals(List.of(c), idsOf(api.get(FIPS + "?status=attached").json()));
    assertEquals(3, api.get(FIPS + "?status=attached&status=ready&organization_id=" + ApiCalls.PROJECT).json()
        .get("total_count").getAsInt());
    JsonObject paged = api.get(FIPS + "?tags=minimal&page_size=1&page=2").json();
    assertEquals(3, paged.get("total_count").getAsInt());
    assertEquals(List.of(b), idsOf(paged));
    assertEquals(0, api.get("/flexible-ip/v1alpha1/zones/fr-par-2/fips?tags=minimal").json()
        .get("total_count").getAsInt());
  }

  @Test
  void pagingLimitsAreChecked() throws IOException {
    for (String q : new String[] {"page=0", "page=-1", "page_size=0", "page_size=101", "page=x",
        "order_by=name", "status=gone", "server_ids=nope", "project_id=nope", "unknown=1"}) {
      ApiCalls.Response r = api.get(FIPS + "?" + q);
      assertEquals(400, r.status(), q);
      assertEquals("invalid_arguments", r.json().get("type").getAsString(), q);
    }
    assertEquals(200, api.get(FIPS + "?page_size=100&page=1").status());
  }

  @Test
  void twentyThousandIpsListFast() throws IOException {
    emulator.store().seed(new Seed("fr-par-1", 20_000, ApiCalls.PROJECT, List.of("one"), 86_400, "ready", null));
    ApiCalls warm = api;
    warm.get(FIPS + "?page_size=100");
    long start = System.nanoTime();
    Set<String> seen = new HashSet<>();
    for (int page = 1; page <= 200; page++) {
      JsonObject o = api.get(FIPS + "?order_by=created_at_asc&page_size=100&page=" + page).json();
      assertEquals(20_000, o.get("total_count").getAsInt());
      seen.addAll(idsOf(o));
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(20_000, seen.size());
    assertTrue(ms < 8_000, "200 pages took " + ms + " ms");
    long filtered = System.nanoTime();
    for (int page = 1; page <= 200; page++) {
      api.get(FIPS + "?tags=one&page_size=100&page=" + page);
    }
    long filteredMs = (System.nanoTime() - filtered) / 1_000_000;
    assertTrue(filteredMs < 8_000, "200 filtered pages took " + filteredMs + " ms");
  }

  static List<String> idsOf(JsonObject list) {
    List<String> out = new ArrayList<>();
    JsonArray a = list.getAsJsonArray("flexible_ips");
    for (JsonElement e : a) {
      out.add(e.getAsJsonObject().get("id").getAsString());
    }
    return out;
  }
}
