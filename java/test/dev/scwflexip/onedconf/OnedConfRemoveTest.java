package dev.scwflexip.onedconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code oned-conf --remove}: the exact undo of the add, with the add's care (atomic, backup, idempotent). */
class OnedConfRemoveTest extends OnedConfTestCase {
  static final String[] VERSIONS = {"one-6.10", "one-7.0", "one-7.2", "one-7.4"};

  /** add (with options), then remove: the original bytes, a backup of each step, then a no-op. */
  void assertRoundTrip(byte[] original, String... addOptions) throws IOException {
    Path file = write("oned.conf", original);
    Run add = json(file, addOptions);
    assertEquals(0, add.status(), add.err());
    assertTrue(add.json().get("changed").getAsBoolean());
    byte[] added = Files.readAllBytes(file);

    Run remove = json(file, "--remove");
    assertEquals(0, remove.status(), remove.err());
    assertTrue(remove.json().get("changed").getAsBoolean(), remove.out());
    assertEquals(new String(original, StandardCharsets.UTF_8), Files.readString(file));
    assertArrayEquals(original, Files.readAllBytes(file));
    assertArrayEquals(added, Files.readAllBytes(Path.of(remove.json().get("backup").getAsString())),
        "the backup holds the file as it was before the removal");
    assertEquals(2, backups().size());

    Run again = json(file, "--remove");
    assertEquals(0, again.status(), again.err());
    assertFalse(again.json().get("changed").getAsBoolean(), again.out());
    assertEquals("", again.json().get("diff").getAsString());
    assertTrue(again.json().get("backup").isJsonNull());
    assertEquals(2, backups().size(), "no backup when nothing changes");
    assertArrayEquals(original, Files.readAllBytes(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"one-6.10", "one-7.0", "one-7.2", "one-7.4"})
  void removeAfterAddGivesBackTheOriginalBytes(String name) throws IOException {
    assertRoundTrip(fixture(name + ".conf"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"one-6.10", "one-7.0", "one-7.2", "one-7.4"})
  void removeAfterAddWithRestrictGivesBackTheOriginalBytes(String name) throws IOException {
    assertRoundTrip(fixture(name + ".conf"), "--restrict");
  }

  @ParameterizedTest
  @ValueSource(strings = {"one-6.10", "one-7.4"})
  void keepsCrlfAndAMissingFinalNewline(String name) throws IOException {
    assertRoundTrip(crlf(fixture(name + ".conf")), "--restrict");
    for (Path b : backups()) {
      Files.delete(b);
    }
    assertRoundTrip(chomp(fixture(name + ".conf")), "--restrict");
  }

  /** Shapes where the add appends at the end of the file, or joins lines written oddly. */
  @ParameterizedTest
  @ValueSource(strings = {"oneline", "inherit-last-no-eol", "odd-spacing", "commented-stanza", "two-stanzas"})
  void otherShapesRoundTripToo(String name) throws IOException {
    assertRoundTrip(fixture(name + ".conf"), "--restrict");
  }

  @Test
  void aFileWithoutNewlineAndWithoutInheritLinesKeepsEndingWithout() throws IOException {
    assertRoundTrip(chomp(fixture("oneline.conf")), "--restrict");
  }

  /** The one case the add leaves ambiguous: it writes the same text for "A\n" and for "A\n\n". */
  @Test
  void aFileEndingInABlankLineWithNoInheritLineComesBackWithoutIt() throws IOException {
    byte[] blankEnd = (new String(fixture("oneline.conf"), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
    Path file = write("oned.conf", blankEnd);
    assertEquals(0, json(file, "--restrict").status());
    assertEquals(0, json(file, "--remove").status());
    assertArrayEquals(fixture("oneline.conf"), Files.readAllBytes(file));
  }

  @Test
  void removingFromTheExpectedFilesGivesTheInputs() throws IOException {
    for (String name : VERSIONS) {
      Path file = write(name, fixture(name + ".restricted.expected"));
      assertEquals(0, json(file, "--remove").status());
      assertArrayEquals(fixture(name + ".conf"), Files.readAllBytes(file), name);
    }
  }

  @Test
  void checkModeShowsWhatWouldGoAndWritesNothing() throws IOException {
    byte[] input = fixture("one-7.2.restricted.expected");
    Path file = write("oned.conf", input);
    Run r = json(file, "--remove", "--check");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.json().get("changed").getAsBoolean());
    String diff = r.json().get("diff").getAsString();
    assertTrue(diff.contains("\n-INHERIT_VNET_ATTR       = \"SCW_FLEXIP_ID\"\n"), diff);
    assertTrue(diff.contains("\n-VM_RESTRICTED_ATTR = \"NIC_ALIAS/SCW_FLEXIP_ID\"\n"), diff);
    assertTrue(diff.contains("\n+    ARGUMENTS  = \"-t 1 -i dummy,aws,equinix,vultr,scaleway\"\n"), diff);
    List<String> removed = diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).toList();
    assertEquals(8, removed.size(), diff);
    assertTrue(r.out().contains("removed scw-flexip from the IPAM_MAD -i list"), r.out());
    assertArrayEquals(input, Files.readAllBytes(file));
    assertEquals(List.of("oned.conf"), listing());
  }

  @Test
  void theDriverLeavesTheListWhereverItStandsAndOtherLinesKeepTheirComments() throws IOException {
    String input = "IPAM_MAD = [ ARGUMENTS = \"-t 1 -i scw-flexip,dummy,aws\" ]\n"
        + "INHERIT_VNET_ATTR = \"SCW_FLEXIP_ID\"   # for the hooks\n"
        + "INHERIT_VNET_ATTR = \"GATEWAY\" # stays\n";
    Path file = write("oned.conf", input.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, json(file, "--remove").status());
    assertEquals("IPAM_MAD = [ ARGUMENTS = \"-t 1 -i dummy,aws\" ]\nINHERIT_VNET_ATTR = \"GATEWAY\" # stays\n",
        Files.readString(file));
  }

  @Test
  void aListOfTheDriverAloneIsLeftAsItIs() throws IOException {
    String input = "IPAM_MAD = [ ARGUMENTS = \"-t 1 -i scw-flexip\" ]\nINHERIT_VNET_ATTR = \"SCW_FLEXIP_ID\"\n";
    Path file = write("oned.conf", input.getBytes(StandardCharsets.UTF_8));
    Run r = json(file, "--remove");
    assertEquals(0, r.status(), r.err());
    assertEquals("IPAM_MAD = [ ARGUMENTS = \"-t 1 -i scw-flexip\" ]\n", Files.readString(file));
    assertTrue(r.out().contains("holds only scw-flexip"), r.out());
  }

  @Test
  void usageBrokenFilesAndAFileWithoutTheDriver() throws IOException {
    Path file = write("oned.conf", fixture("one-7.4.conf"));
    assertEquals(2, json(file, "--remove", "--restrict").status());
    Run nothing = json(file, "--remove");
    assertEquals(0, nothing.status(), nothing.err());
    assertFalse(nothing.json().get("changed").getAsBoolean());
    assertTrue(backups().isEmpty());
    Path broken = write("broken.conf", fixture("unparseable.conf"));
    Run r = json(broken, "--remove");
    assertEquals(1, r.status());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertArrayEquals(fixture("unparseable.conf"), Files.readAllBytes(broken));
  }

  // ---- the check doctor makes -----------------------------------------------------------------

  @Test
  void theCheckListsWhatTheAddWouldStillDo() throws IOException {
    Path plain = write("plain.conf", fixture("one-7.4.conf"));
    assertEquals(List.of("scw-flexip in the first IPAM_MAD -i list (a list oned splits on no blank)",
        "INHERIT_VNET_ATTR = \"SCW_FLEXIP_ID\"",
        "VNET_RESTRICTED_ATTR = \"AR/SCW_FLEXIP_ID\"", "VNET_RESTRICTED_ATTR = \"AR/SCW_FLEXIP_CREATED\"",
        "VNET_RESTRICTED_ATTR = \"AR/SCW_FLEXIP_ZONE\"", "VNET_RESTRICTED_ATTR = \"SCW_FLEXIP_ID\"",
        "VM_RESTRICTED_ATTR = \"NIC/SCW_FLEXIP_ID\"", "VM_RESTRICTED_ATTR = \"NIC_ALIAS/SCW_FLEXIP_ID\""),
        OnedConfCheck.missing(plain, "scw-flexip", "SCW_FLEXIP_ID"));
    Path unrestricted = write("unrestricted.conf", fixture("one-7.4.expected"));
    assertEquals(6, OnedConfCheck.missing(unrestricted, "scw-flexip", "SCW_FLEXIP_ID").size());
    Path done = write("done.conf", fixture("one-7.4.restricted.expected"));
    assertTrue(OnedConfCheck.missing(done, "scw-flexip", "SCW_FLEXIP_ID").isEmpty());
    assertEquals(List.of("my-ipam in the first IPAM_MAD -i list (a list oned splits on no blank)"),
        OnedConfCheck.missing(done, "my-ipam", "SCW_FLEXIP_ID"));
    assertArrayEquals(fixture("one-7.4.conf"), Files.readAllBytes(plain), "the check wrote");
    assertEquals(List.of("done.conf", "plain.conf", "unrestricted.conf"), listing());
    String broken = assertThrows(DriverException.class, () -> OnedConfCheck.missing(
        write("broken.conf", fixture("unparseable.conf")), "scw-flexip", "SCW_FLEXIP_ID")).getMessage();
    assertTrue(broken.contains("cannot parse"), broken);
    assertThrows(DriverException.class, () -> OnedConfCheck.missing(dir.resolve("none"), "scw-flexip", "X"));
  }
}
