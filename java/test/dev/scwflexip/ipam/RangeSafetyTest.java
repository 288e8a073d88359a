package dev.scwflexip.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.config.Tags;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.one.IpamMessage;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.testsupport.OnedTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * register and unregister against a hostile tenant: every attribute of a range is the user's
 * input (onevnet create, addar, updatear), so what is created, adopted, detached or deleted must
 * follow from the configuration and from tags and ids at Scaleway, never from the range.
 */
class RangeSafetyTest extends RangeTestCase {
  static IpamMessage msg(Map<String, String> ar) {
    return IpamMessage.decode(IpamProcessIT.message(ar, IpamProcessIT.EMPTY));
  }

  static Map<String, String> newRange() {
    Map<String, String> in = new LinkedHashMap<>();
    in.put("IPAM_MAD", "scw-flexip");
    in.put("SIZE", "1");
    in.put("TYPE", "IP4");
    return in;
  }

  Map<String, String> register(RangeLifecycle d, Map<String, String> in) {
    return OnedTemplate.vector(d.register(msg(in)), "AR");
  }

  long creates() {
    return emulator.requests().count("POST", "/flexible-ip/v1alpha1/zones/{zone}/fips");
  }

  // ---- 1: unregister decides from tags and the protected IP, not from editable attributes

  @Test
  void unregisterWithAnotherTenantsIdDetachesAndDeletesNothing() throws Exception {
    RangeLifecycle d = driver("");
    Map<String, String> victim = register(d, newRange());
    Map<String, String> mine = register(d, newRange());
    admin.attach(List.of(victim.get("SCW_FLEXIP_ID")), SERVER);
    // onevnet updatear: the attacker points their range at the victim's IP
    Map<String, String> edited = new LinkedHashMap<>(mine);
    edited.put("SCW_FLEXIP_ID", victim.get("SCW_FLEXIP_ID"));
    edited.put("SCW_FLEXIP_CREATED", "YES");
    DriverException e = assertThrows(DriverException.class, () -> d.unregister(msg(edited)));
    assertTrue(e.getMessage().contains("not the range's address " + mine.get("IP")), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was detached or deleted"), e.getMessage());
    FlexibleIp still = fip(victim.get("SCW_FLEXIP_ID"));
    assertNotNull(still, "the victim's IP was deleted");
    assertEquals(SERVER, still.serverId, "the victim's IP was detached");
    assertNotNull(fip(mine.get("SCW_FLEXIP_ID")));
    assertEquals(2, journal().size());
    assertEquals(0, emulator.requests().count("DELETE", "/flexible-ip/v1alpha1/zones/{zone}/fips/{fip_id}"));
  }

  @Test
  void flippingCreatedDoesNotDeleteAnAdoptedIp() throws Exception {
    RangeLifecycle d = driver("");
    FlexibleIp existing = admin.create(PROJECT, "ops", List.of("ops", Tags.adoptable(CLOUD)));
    Map<String, String> in = newRange();
    in.put("IP", existing.ip);
    Map<String, String> ar = register(d, in);
    assertEquals("NO", ar.get("SCW_FLEXIP_CREATED"));
    ar.put("SCW_FLEXIP_CREATED", "YES");
    d.unregister(msg(ar));
    FlexibleIp kept = fip(existing.id);
    assertNotNull(kept, "an adopted IP was deleted because the range said CREATED = YES");
    assertEquals(List.of("ops", Tags.adoptable(CLOUD)), kept.tags, "handed back as it was found");
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("the tags decide"));
  }

  @Test
  void aCreatedIpIsDeletedEvenWhenTheRangeClaimsItWasAdopted() throws Exception {
    RangeLifecycle d = driver("");
    Map<String, String> ar = register(d, newRange());
    ar.put("SCW_FLEXIP_CREATED", "NO");
    d.unregister(msg(ar));
    assertNull(fip(ar.get("SCW_FLEXIP_ID")), "a created IP must not be left behind, billed");
    assertEquals(0, journal().size());
  }

  @Test
  void unregisterOfAnotherCloudsIpIsRefused() throws Exception {
    RangeLifecycle d = driver("");
    FlexibleIp foreign = admin.create(PROJECT, "", List.of(Tags.cloud("elsewhere")));
    Map<String, String> ar = register(d, newRange());
    ar.put("SCW_FLEXIP_ID", foreign.id);
    ar.put("IP", foreign.ip);
    DriverException e = assertThrows(DriverException.class, () -> d.unregister(msg(ar)));
    assertTrue(e.getMessage().contains("is not tagged as cloud " + CLOUD), e.getMessage());
    assertNotNull(fip(foreign.id));
  }

  // ---- 3: input attributes never shadow the driver's own

  @Test
  void inputNamesInAnotherCaseNeverShadowTheDriversAttributes() throws Exception {
    RangeLifecycle d = driver("");
    Map<String, String> in = newRange();
    in.put("mac", "02:00:de:ad:be:ef");
    in.put("Scw_Flexip_Created", "NO");
    in.put("scw_flexip_zone", "nl-ams-1");
    in.put("size", "1");
    in.put("Type", "IP4");
    in.put("Note", "first");
    in.put("NOTE", "second");
    String reply = d.register(msg(in));
    Map<String, String> ar = OnedTemplate.vector(reply, "AR");
    FlexibleIp made = fip(ar.get("SCW_FLEXIP_ID"));
    assertEquals(made.mac.address, ar.get("MAC"));
    assertEquals("YES", ar.get("SCW_FLEXIP_CREATED"));
    assertEquals("fr-par-1", ar.get("SCW_FLEXIP_ZONE"));
    List<String> names = new ArrayList<>();
    for (String line : reply.split("\n")) {
      int eq = line.indexOf(" = ");
      if (line.startsWith("  ") && eq > 0) {
        String name = line.strip().substring(0, line.strip().indexOf(' ')).toUpperCase(Locale.ROOT);
        assertFalse(names.contains(name), "the reply names " + name + " twice: " + reply);
        names.add(name);
      }
    }
    assertTrue(names.contains("NOTE"));
  }

  // ---- 9: nothing is created for input oned could not take back

  @Test
  void unwritableInputIsRefusedBeforeAnyIpIsCreated() throws Exception {
    RangeLifecycle d = driver("");
    List<Map<String, String>> bad = new ArrayList<>();
    Map<String, String> backslash = newRange();
    backslash.put("NOTE", "C:\\");
    bad.add(backslash);
    Map<String, String> cdata = newRange();
    cdata.put("NOTE", "a ]]> b");
    bad.add(cdata);
    Map<String, String> name = newRange();
    name.put("MY-NOTE", "x");
    bad.add(name);
    Map<String, String> gateway = newRange();
    gateway.put("GATEWAY", "62.210.0.1\\");
    bad.add(gateway);
    for (Map<String, String> in : bad) {
      long before = creates();
      DriverException e = assertThrows(DriverException.class, () -> d.register(msg(in)), in.toString());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertTrue(e.getMessage().contains("nothing was created"), e.getMessage());
      assertEquals(before, creates(), "an IP was created for " + in);
    }
    assertEquals(0, admin.list(new dev.scwflexip.scaleway.ListQuery()).size());
    assertEquals(0, journal().size());
  }

  // ---- 10: a 403 is "gone" only when the project list agrees

  @Test
  void aReadOnlyTokenNeverReportsAnIpAsReleased() throws Exception {
    RangeLifecycle d = driver("");
    Map<String, String> ar = register(d, newRange());
    admin.attach(List.of(ar.get("SCW_FLEXIP_ID")), SERVER);
    emulator.faults().permissions("read_only");
    DriverException e = assertThrows(DriverException.class, () -> d.unregister(msg(ar)));
    assertTrue(e.getMessage().contains("403"), e.getMessage());
    emulator.faults().permissions("none");
    assertThrows(DriverException.class, () -> d.unregister(msg(ar)));
    emulator.faults().clear();
    assertNotNull(fip(ar.get("SCW_FLEXIP_ID")), "the IP lives on");
    assertEquals(1, journal().size(), "its journal entry must stay for reconcile");
    assertEquals(JournalEntry.State.RELEASING, journal().get(0).state());
    // deleted by hand meanwhile: now the 403 is confirmed by the list, and that is a release
    admin.detach(List.of(ar.get("SCW_FLEXIP_ID")));
    admin.delete(ar.get("SCW_FLEXIP_ID"));
    d.unregister(msg(ar));
    assertEquals(0, journal().size());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("is already gone"));
  }

  // ---- adoption is the operator's decision

  @Test
  void onlyIpsTheOperatorMarkedMayBeAdopted() throws Exception {
    RangeLifecycle d = driver("");
    FlexibleIp unmarked = admin.create(PROJECT, "the frontend's own address", List.of("infra"));
    Map<String, String> in = newRange();
    in.put("IP", unmarked.ip);
    DriverException e = assertThrows(DriverException.class, () -> d.register(msg(in)));
    assertTrue(e.getMessage().contains("the operator must tag it '" + Tags.adoptable(CLOUD) + "'"), e.getMessage());
    assertEquals(List.of("infra"), fip(unmarked.id).tags);
    assertEquals(0, journal().size());

    FlexibleIp marked = admin.create(PROJECT, "", List.of(Tags.adoptable(CLOUD)));
    Map<String, String> byId = newRange();
    byId.put("SCW_FLEXIP_ID", marked.id);
    Map<String, String> ar = register(d, byId);
    assertEquals(marked.ip, ar.get("IP"));
    assertFalse(fip(marked.id).tags.contains(Tags.adoptable(CLOUD)), "an adopted IP is no longer up for adoption");
  }

  @Test
  void anIpAnyRangeAlreadyUsesIsNeverAdoptedEvenWithAdoptionAny() throws Exception {
    RangeLifecycle d = driver(",\"adoption\":\"any\"");
    Map<String, String> victim = register(d, newRange());
    // a fresh journal, as on another HA frontend: only the tags can tell
    Files.delete(dir.resolve("journal.json"));
    for (String key : new String[] {"IP", "SCW_FLEXIP_ID"}) {
      Map<String, String> in = newRange();
      in.put(key, victim.get(key));
      DriverException e = assertThrows(DriverException.class, () -> d.register(msg(in)));
      assertTrue(e.getMessage().contains("already managed by scw-flexip"), e.getMessage());
    }
    FlexibleIp untouched = fip(victim.get("SCW_FLEXIP_ID"));
    assertTrue(Tags.isCreatedHere(untouched.tags, CLOUD), untouched.tags.toString());
  }

  @Test
  void adoptionOffRefusesEveryExistingIp() throws Exception {
    RangeLifecycle d = driver(",\"adoption\":\"off\"");
    FlexibleIp marked = admin.create(PROJECT, "", List.of(Tags.adoptable(CLOUD)));
    Map<String, String> in = newRange();
    in.put("IP", marked.ip);
    DriverException e = assertThrows(DriverException.class, () -> d.register(msg(in)));
    assertTrue(e.getMessage().contains("adoption = off"), e.getMessage());
  }
}
