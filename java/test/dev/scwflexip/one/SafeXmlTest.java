package dev.scwflexip.one;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scwflexip.base.DriverException;
import org.junit.jupiter.api.Test;

class SafeXmlTest {
  private static XmlElement parse(String s) {
    return SafeXml.parse(s, 1 << 20, "test");
  }

  private static String error(String s) {
    return assertThrows(DriverException.class, () -> parse(s)).getMessage();
  }

  @Test
  void readsElementsTextAndOrder() {
    XmlElement r = parse("<A><B>1</B><C/><B>2</B></A>");
    assertEquals("A", r.name);
    assertEquals(3, r.children.size());
    assertEquals("1", r.childText("B"));
    assertEquals("", r.childText("C"));
    assertEquals(2, r.children("B").size());
  }

  @Test
  void decodesEntitiesCharacterReferencesAndCdata() {
    XmlElement r = parse("<A>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;<![CDATA[<raw & text>]]></A>");
    assertEquals("<>&\"'AB<raw & text>", r.text());
  }

  @Test
  void skipsCommentsAttributesAndDeclaration() {
    XmlElement r = parse("<?xml version=\"1.0\"?>\n<!-- c --><A x='1' y=\"2\"><!-- c --><B>t</B></A>\n");
    assertEquals("t", r.childText("B"));
  }

  @Test
  void refusesDoctypeAndEntityDeclarations() {
    assertTrue(error("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>").contains("DOCTYPE"));
    assertTrue(error("<a><!ENTITY x \"y\"></a>").contains("not accepted"));
    assertTrue(error("<a>&x;</a>").contains("unknown entity"));
  }

  @Test
  void refusesMalformedDocuments() {
    error("<a><b></a>");
    error("<a>");
    error("<a></a><b/>");
    error("text");
    error("<a>&#0;</a>");
    error("<a>&amp</a>");
    error("<a><?pi x?></a>");
  }

  @Test
  void enforcesSizeAndDepthLimits() {
    assertTrue(assertThrows(DriverException.class, () -> SafeXml.parse("<a>xxxxxxxxxx</a>", 10, "msg"))
        .getMessage().contains("too large"));
    String deep = "<a>".repeat(100) + "</a>".repeat(100);
    assertTrue(error(deep).contains("nested too deeply"));
  }

  @Test
  void findsDescendantsAcrossSiblings() {
    XmlElement r = parse("<VM><TEMPLATE><CONTEXT/></TEMPLATE><TEMPLATE><NIC><IP>1</IP></NIC></TEMPLATE>"
        + "<TEMPLATE><NIC><IP>2</IP></NIC><NIC_ALIAS><IP>3</IP></NIC_ALIAS></TEMPLATE></VM>");
    assertEquals(2, r.descendants("NIC").size());
    assertEquals("2", r.descendants("NIC").get(1).childText("IP"));
    assertEquals(1, r.descendants("NIC_ALIAS").size());
  }
}
