package dev.scwflexip.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.journal.JournalEntry.State;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal entry's state machine, and the format the first release wrote. */
class JournalEntryTest {
  @TempDir Path dir;

  /** An entry in {@code state}, reached by the intents alone. */
  static JournalEntry in(State state) {
    switch (state) {
      case CREATING:
        return JournalEntry.beginCreate("e", "fr-par-1", "t0");
      case CREATED:
        return in(State.CREATING).created("f", "51.15.0.1", "t1");
      case ACTIVE:
        return in(State.CREATED).active("52:54:00:00:00:01", "t2");
      default:
        return in(State.ACTIVE).beginRelease("t3");
    }
  }

  /** Each intent, and the state it leads to. */
  static final Map<State, BiConsumer<JournalEntry, String>> INTENTS = Map.of(
      State.CREATED, (e, now) -> e.created("f", "51.15.0.1", now),
      State.ACTIVE, (e, now) -> e.active("52:54:00:00:00:01", now),
      State.RELEASING, (e, now) -> e.beginRelease(now));

  @Test
  void everyTransitionOfTheTableIsAllowedAndEveryOtherRefused() {
    for (State from : State.values()) {
      for (Map.Entry<State, BiConsumer<JournalEntry, String>> intent : INTENTS.entrySet()) {
        JournalEntry e = in(from);
        boolean allowed = JournalEntry.TRANSITIONS.get(from).contains(intent.getKey());
        if (allowed) {
          intent.getValue().accept(e, "later");
          assertEquals(intent.getKey(), e.state(), from + " → " + intent.getKey());
          assertEquals("later", e.updatedAt());
        } else {
          String before = e.updatedAt();
          IllegalStateException x = assertThrows(IllegalStateException.class, () -> intent.getValue().accept(e, "later"),
              from + " → " + intent.getKey() + " must be refused");
          assertTrue(x.getMessage().contains("cannot go from '" + from.word + "'"), x.getMessage());
          assertEquals(from, e.state(), "a refused transition changed the state");
          assertEquals(before, e.updatedAt());
        }
      }
    }
  }

  @Test
  void theTableIsWhatTheDesignSays() {
    assertEquals(EnumSet.of(State.CREATED, State.ACTIVE), JournalEntry.TRANSITIONS.get(State.CREATING));
    assertEquals(EnumSet.of(State.ACTIVE, State.RELEASING), JournalEntry.TRANSITIONS.get(State.CREATED));
    assertEquals(EnumSet.of(State.RELEASING), JournalEntry.TRANSITIONS.get(State.ACTIVE));
    assertEquals(EnumSet.of(State.RELEASING), JournalEntry.TRANSITIONS.get(State.RELEASING));
  }

  @Test
  void reconcileCompletesAnUnfinishedRegisterWithoutOverwritingWhatIsKnown() {
    JournalEntry creating = JournalEntry.beginCreate("e", "fr-par-1", "t0").completed("f", "51.15.0.1", "t1");
    assertEquals(State.ACTIVE, creating.state());
    assertEquals("f", creating.fipId());
    JournalEntry created = in(State.CREATED).completed("other", "192.0.2.1", "t2");
    assertEquals("f", created.fipId());
    assertEquals("51.15.0.1", created.ip());
    assertThrows(IllegalStateException.class, () -> in(State.ACTIVE).completed("f", "51.15.0.1", "t3"));
  }

  @Test
  void adoptionsAndUnrecordedReleasesStartWhereTheyBelong() {
    JournalEntry adopted = JournalEntry.beginAdopt("a", "f", "51.15.0.2", "fr-par-1", "t0");
    assertEquals(State.CREATED, adopted.state());
    assertFalse(adopted.created());
    JournalEntry release = JournalEntry.beginUnrecordedRelease("r", "f", "51.15.0.2", "fr-par-1", true, "t0");
    assertEquals(State.RELEASING, release.state());
    assertTrue(release.created());
  }

  @Test
  void aJournalWrittenByTheFirstReleaseIsReadAndRewrittenUnchanged() throws Exception {
    Path file = dir.resolve("journal.json");
    try (InputStream in = getClass().getResourceAsStream("/journal/written-by-0.1.0.json")) {
      Files.write(file, in.readAllBytes());
    }
    Journal journal = new Journal(file, 2000);
    List<JournalEntry> entries = journal.entries();
    assertEquals(4, entries.size());
    assertEquals(List.of(State.ACTIVE, State.CREATING, State.CREATED, State.RELEASING),
        entries.stream().map(JournalEntry::state).toList());
    JournalEntry active = entries.get(0);
    assertEquals("64d85223-91b3-477d-94a0-ed61dac29f49", active.fipId());
    assertEquals("51.15.0.1", active.ip());
    assertEquals("52:54:00:00:00:00", active.mac());
    assertTrue(active.created());
    assertNull(entries.get(1).fipId());
    assertFalse(entries.get(2).created());
    // rewriting it keeps every field the first release wrote, with the same names and words
    com.google.gson.JsonArray before = entriesJson(file);
    journal.update(es -> es.get(1).created("f", "51.15.0.9", "2026-12-02T15:00:00Z"));
    com.google.gson.JsonArray after = entriesJson(file);
    assertEquals(before.get(0), after.get(0));
    assertEquals(before.get(2), after.get(2));
    assertEquals(before.get(3), after.get(3));
    assertEquals(before.get(1).getAsJsonObject().keySet(), after.get(1).getAsJsonObject().keySet());
    assertEquals("created", after.get(1).getAsJsonObject().get("state").getAsString());
    assertEquals("f", after.get(1).getAsJsonObject().get("fipId").getAsString());
  }

  private static com.google.gson.JsonArray entriesJson(Path file) throws Exception {
    return com.google.gson.JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonArray("entries");
  }

  @Test
  void aDualStackEntryRecordsItsIpv6WhileCreatedAndWritesTheNewFieldsOnlyWhenSet() throws Exception {
    assertThrows(IllegalStateException.class,
        () -> in(State.CREATING).secondCreated("f6", "2001:bc8:7100:1::", "t"), "before the IPv4 exists");
    assertThrows(IllegalStateException.class, () -> in(State.ACTIVE).secondCreated("f6", "2001:bc8:7100:1::", "t"));
    JournalEntry pair = in(State.CREATED).secondCreated("f6", "2001:bc8:7100:1::", "t5");
    assertEquals(State.CREATED, pair.state());
    assertEquals("t5", pair.updatedAt());
    assertTrue(pair.names("F6") && pair.names("f") && !pair.names("g"));

    Path file = dir.resolve("journal.json");
    Journal journal = new Journal(file, 2000);
    journal.update(es -> {
      es.add(JournalEntry.beginCreate("v4only", "fr-par-1", "t0"));
      es.add(pair);
      return null;
    });
    com.google.gson.JsonArray written = entriesJson(file);
    assertFalse(written.get(0).getAsJsonObject().has("fipId6"), "an IPv4 entry looks as the first release wrote it");
    assertTrue(written.get(0).getAsJsonObject().has("fipId"), "old fields keep their nulls");
    assertEquals("f6", written.get(1).getAsJsonObject().get("fipId6").getAsString());
    assertEquals("2001:bc8:7100:1::", journal.entries().get(1).ip6());
    // the first release's reader (the same class without the new fields) takes it as its IPv4
    assertEquals("f", journal.entries().get(1).fipId());
  }

  @Test
  void aStateThisReleaseDoesNotKnowSurvivesARewrite() throws Exception {
    Path file = dir.resolve("journal.json");
    Files.writeString(file, "{\"version\":1,\"entries\":[{\"id\":\"x\",\"state\":\"migrating\",\"created\":true}]}");
    Journal journal = new Journal(file, 2000);
    assertNull(journal.entries().get(0).state());
    journal.update(es -> es.add(JournalEntry.beginCreate("y", "fr-par-1", "t")));
    assertTrue(Files.readString(file).contains("\"state\": \"migrating\""));
  }
}
