package dev.scwflexip.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a vector attribute the way oned does (template_parser.l / template_syntax.y): names
 * upper-cased; values either quoted — the longest run of non-quote characters or {@code \"}
 * pairs, then every {@code \"} turned into {@code "} and nothing else unescaped — or bare text
 * without blanks and {@code = # , [ ]}; a repeated key keeps its first value.
 */
public final class OnedTemplate {
  private static final Pattern PAIR = Pattern.compile(
      "\\s*([A-Za-z0-9_]+)[ \\t]*=[ \\t]*(?:\"((?:[^\"]|\\\\\")*)\"|([^=#\\s,\\[\\]]+))\\s*(,|\\])");

  private OnedTemplate() {}

  public static Map<String, String> vector(String text, String name) {
    Matcher head = Pattern.compile("(?m)^\\s*" + name + "\\s*=\\s*\\[").matcher(text);
    if (!head.find()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    int pos = head.end();
    Matcher m = PAIR.matcher(text);
    while (m.find(pos) && m.start() == pos) {
      String key = m.group(1).toUpperCase(java.util.Locale.ROOT);
      String value = m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(3);
      out.putIfAbsent(key, value);
      pos = m.end();
      if (m.group(4).equals("]")) {
        return out;
      }
    }
    throw new IllegalArgumentException("oned would not parse this vector at offset " + pos + ": "
        + text.substring(pos, Math.min(text.length(), pos + 40)));
  }
}
