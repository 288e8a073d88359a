package dev.scwflexip.one;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.testsupport.OnedTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneTemplateTest {
  @Test
  void oneLineAddressReplyIsByteForByteTheRecordedOne() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("IP", "192.0.2.10");
    a.put("SIZE", "1");
    String recorded = new String(Base64.getDecoder().decode("QUREUkVTUyA9IFsgSVAgPSAiMTkyLjAuMi4xMCIsIFNJWkUgPSAiMSIgXQo="),
        StandardCharsets.UTF_8);
    assertEquals(recorded, OneTemplate.vectorOneLine("ADDRESS", a));
  }

  @Test
  void multiLineVectorLayout() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("TYPE", "IP4");
    a.put("ip", "192.0.2.10");
    assertEquals("AR = [\n  TYPE = \"IP4\",\n  IP = \"192.0.2.10\"\n]\n", OneTemplate.vector("AR", a));
  }

  @Test
  void valuesSurviveOnedsParserUnchanged() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("QUOTES", "keep \"me\"");
    a.put("BACKSLASH", "C:\\temp\\x");
    a.put("BACKSLASH_QUOTE", "a\\\"b");
    a.put("NEWLINES", "line one\nline two\r\n");
    a.put("PUNCT", "a = b, [c] # d");
    a.put("EMPTY", "");
    a.put("UNICODE", "réseau ✓");
    Map<String, String> parsed = OnedTemplate.vector(OneTemplate.vector("AR", a), "AR");
    assertEquals(a, parsed);
    assertEquals(a, OnedTemplate.vector(OneTemplate.vectorOneLine("AR", a), "AR"));
  }

  @Test
  void refusesWhatOnedCannotCarry() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("TRAILING", "ends with \\");
    assertThrows(DriverException.class, () -> OneTemplate.vector("AR", a));
    Map<String, String> b = new LinkedHashMap<>();
    b.put("BAD-NAME", "x");
    assertThrows(IllegalArgumentException.class, () -> OneTemplate.vector("AR", b));
  }
}
