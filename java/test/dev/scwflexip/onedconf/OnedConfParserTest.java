package dev.scwflexip.onedconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnedConfParserTest {
  @Test
  void readsSingleAndVectorAttributesWithOffsets() throws Exception {
    String text = "PORT = 2633\nIPAM_MAD = [ EXECUTABLE = \"one_ipam\",\n  ARGUMENTS = \"-t 1 -i dummy\" ]\n";
    List<ConfAttribute> entries = OnedConfParser.parse(text);
    assertEquals(2, entries.size());
    assertEquals("2633", entries.get(0).value().text());
    assertNull(entries.get(0).vector());
    ConfAttribute ipam = entries.get(1);
    assertTrue(ipam.isNamed("ipam_mad"));
    ConfValue args = ipam.pairs("arguments").get(0).value();
    assertEquals("\"-t 1 -i dummy\"", text.substring(args.start(), args.end()));
    assertEquals("-t 1 -i dummy", text.substring(args.contentStart(), args.contentEnd()));
    assertEquals(text.length() - 1, ipam.end());
  }

  @Test
  void ignoresCommentsEvenWhenTheyLookLikeStanzas() throws Exception {
    String text = "# IPAM_MAD = [ ARGUMENTS = \"x\" ]\nA = 1 # IPAM_MAD = [\n#]\nB = [ K = \"v\" # c\n ]\n";
    List<ConfAttribute> entries = OnedConfParser.parse(text);
    assertEquals(List.of("A", "B"), entries.stream().map(ConfAttribute::name).toList());
    assertEquals("1", entries.get(0).value().text());
  }

  @Test
  void resolvesEscapesAndKeepsHashesInsideQuotes() throws Exception {
    String text = "X = \"a \\\"b\\\" # c\"\nY = \"two\nlines\"\n";
    List<ConfAttribute> entries = OnedConfParser.parse(text);
    assertEquals("a \"b\" # c", entries.get(0).value().text());
    assertEquals("two\nlines", entries.get(1).value().text());
  }

  @Test
  void acceptsTightSpacingNegativeNumbersAndATrailingComma() throws Exception {
    List<ConfAttribute> entries = OnedConfParser.parse("F=[ZONE_ID=0,SERVER_ID=-1,MASTER_ONED=\"\",]");
    assertEquals("-1", entries.get(0).pairs("SERVER_ID").get(0).value().text());
    assertEquals("", entries.get(0).pairs("MASTER_ONED").get(0).value().text());
  }

  @Test
  void reportsTheLineOfASyntaxError() {
    assertEquals(3, assertThrows(ConfSyntaxException.class,
        () -> OnedConfParser.parse("A = 1\n\nB = [ K = \"v\"\n")).line);
    assertEquals(2, assertThrows(ConfSyntaxException.class,
        () -> OnedConfParser.parse("A = 1\nB = \"open\n")).line);
    assertEquals(1, assertThrows(ConfSyntaxException.class, () -> OnedConfParser.parse("= 1\n")).line);
    assertEquals(1, assertThrows(ConfSyntaxException.class,
        () -> OnedConfParser.parse("V = [ A = 1 B = 2 ]")).line);
  }
}
