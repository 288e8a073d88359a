package dev.scwflexip.onedconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.ipam.ArAttributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code oned-conf --restrict}: the driver's attributes become admin-only, with the same care as the rest. */
class OnedConfRestrictTest extends OnedConfTestCase {
  private static final List<String> ADDED = List.of(
      "VNET_RESTRICTED_ATTR = \"AR/SCW_FLEXIP_ID\"",
      "VNET_RESTRICTED_ATTR = \"AR/SCW_FLEXIP_CREATED\"",
      "VNET_RESTRICTED_ATTR = \"AR/SCW_FLEXIP_ZONE\"",
      "VNET_RESTRICTED_ATTR = \"SCW_FLEXIP_ID\"",
      "VM_RESTRICTED_ATTR = \"NIC/SCW_FLEXIP_ID\"",
      "VM_RESTRICTED_ATTR = \"NIC_ALIAS/SCW_FLEXIP_ID\"");

  /**
   * 7.0: after the last line of each name (the AR/ block, the NIC block); 6.10 excerpt and oneline:
   * after the last INHERIT_VNET_ATTR, the one just added; a file ending without a line break keeps so.
   */
  @ParameterizedTest
  @ValueSource(strings = {"one-6.10", "one-7.0", "one-7.2", "one-7.4", "oneline", "inherit-last-no-eol"})
  void editsFixtureOnceThenLeavesItAlone(String name) throws IOException {
    assertEditsTo(fixture(name + ".conf"), fixture(name + ".restricted.expected"), "--restrict");
  }

  @ParameterizedTest
  @ValueSource(strings = {"one-6.10", "one-7.0"})
  void keepsCrlfAndAMissingFinalNewline(String name) throws IOException {
    assertEditsTo(crlf(fixture(name + ".conf")), crlf(fixture(name + ".restricted.expected")), "--restrict");
    Files.delete(backups().get(0));
    assertEditsTo(chomp(fixture(name + ".conf")), chomp(fixture(name + ".restricted.expected")), "--restrict");
  }

  @Test
  void afterTheDefaultEditAddsOnlyTheRestrictedLines() throws IOException {
    Path file = write("oned.conf", fixture("one-7.0.expected"));
    Run r = json(file, "--restrict");
    assertEquals(0, r.status(), r.err());
    String diff = r.json().get("diff").getAsString();
    List<String> changed = diff.lines().filter(l -> l.matches("[-+][^-+].*")).toList();
    assertEquals(ADDED.stream().map(l -> "+" + l).sorted().toList(), changed.stream().sorted().toList(), diff);
    assertArrayEquals(fixture("one-7.0.restricted.expected"), Files.readAllBytes(file));
  }

  @Test
  void checkModeShowsTheDiffAndWritesNothing() throws IOException {
    byte[] input = fixture("one-7.0.conf");
    Path file = write("oned.conf", input);
    Run r = json(file, "--restrict", "--check");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.json().get("changed").getAsBoolean());
    String diff = r.json().get("diff").getAsString();
    for (String line : ADDED) {
      assertTrue(diff.contains("\n+" + line + "\n"), diff);
    }
    assertEquals(6 + 2, r.json().getAsJsonArray("messages").size(), r.out());
    assertArrayEquals(input, Files.readAllBytes(file));
    assertEquals(List.of("oned.conf"), listing());
  }

  @Test
  void textFormatShowsTheDiff() throws IOException {
    Path file = write("oned.conf", fixture("one-6.10.expected"));
    Run r = run("oned-conf", "--file", file.toString(), "--restrict");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("added VNET_RESTRICTED_ATTR = \"AR/SCW_FLEXIP_ID\" so only oneadmin can set it"), r.out());
    assertTrue(r.out().contains("\n+VM_RESTRICTED_ATTR = \"NIC_ALIAS/SCW_FLEXIP_ID\"\n"), r.out());
  }

  @Test
  void withoutRestrictNoRestrictedLineIsAdded() throws IOException {
    Path file = write("oned.conf", fixture("one-6.10.conf"));
    assertEquals(0, json(file).status());
    assertFalse(Files.readString(file).contains("RESTRICTED_ATTR"));
  }

  @Test
  void theDerivedNamesAreTheDriversOwn() {
    RestrictedAttributes r = RestrictedAttributes.of(ArAttributes.FIP_ID);
    assertEquals(List.of("AR/" + ArAttributes.FIP_ID, "AR/" + ArAttributes.FIP_CREATED, "AR/" + ArAttributes.FIP_ZONE,
        ArAttributes.FIP_ID), r.vnet());
    assertEquals(List.of("NIC/" + ArAttributes.FIP_ID, "NIC_ALIAS/" + ArAttributes.FIP_ID), r.vm());
  }

  @Test
  void followsTheAttributeOption() throws IOException {
    Path file = write("oned.conf", fixture("oneline.conf"));
    assertEquals(0, json(file, "--attribute", "MY_FIP_ID", "--restrict").status());
    String after = Files.readString(file);
    for (String value : new String[] {"AR/MY_FIP_ID", "AR/MY_FIP_CREATED", "AR/MY_FIP_ZONE", "MY_FIP_ID"}) {
      assertTrue(after.contains("\nVNET_RESTRICTED_ATTR = \"" + value + "\"\n"), after);
    }
    assertTrue(after.endsWith("\nVM_RESTRICTED_ATTR = \"NIC_ALIAS/MY_FIP_ID\"\n"), after);
  }

  @Test
  void keepsTheSpacingOfTheLinesItJoins() throws IOException {
    String input = "IPAM_MAD = [ ARGUMENTS = \"-i scw-flexip\" ]\nINHERIT_VNET_ATTR = \"SCW_FLEXIP_ID\"\n"
        + "  vnet_restricted_attr   =  \"AR/SCW_FLEXIP_ID\"\n# end\n";
    Path file = write("oned.conf", input.getBytes(StandardCharsets.UTF_8));
    assertEquals(0, json(file, "--restrict").status());
    String after = Files.readString(file);
    assertTrue(after.contains("  vnet_restricted_attr   =  \"AR/SCW_FLEXIP_ID\"\n"
        + "  vnet_restricted_attr   =  \"AR/SCW_FLEXIP_CREATED\"\n"), after);
    assertEquals(1, after.split("AR/SCW_FLEXIP_ID", -1).length - 1, "a present value is not added again");
  }

  @Test
  void aStanzaOfTheSameNameIsRefused() throws IOException {
    byte[] input = ("IPAM_MAD = [ ARGUMENTS = \"-i scw-flexip\" ]\nINHERIT_VNET_ATTR = \"SCW_FLEXIP_ID\"\n"
        + "VM_RESTRICTED_ATTR = [ NIC = \"MAC\" ]\n").getBytes(StandardCharsets.UTF_8);
    Path file = write("oned.conf", input);
    Run r = json(file, "--restrict");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("VM_RESTRICTED_ATTR on line 3 is a [ ... ] stanza"), r.err());
    assertArrayEquals(input, Files.readAllBytes(file));
  }
}
