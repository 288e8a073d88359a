package dev.scwflexip.one;

import java.util.Map;
import java.util.regex.Pattern;

/** Writes OpenNebula template syntax, the form oned parses from a driver's stdout. */
public final class OneTemplate {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

  private OneTemplate() {}

  /**
   * {@code NAME = [\n  K = "V",\n  …\n]\n}. Every value is double-quoted. Inside quotes oned's
   * lexer ends the value at the first {@code "} not preceded by a backslash and unescapes
   * {@code \"}; so a quote is written {@code \"} and a backslash {@code \\} (a lone trailing
   * backslash would otherwise swallow the closing quote). Newlines are legal inside quotes and
   * kept as they are.
   */
  public static String vector(String name, Map<String, String> attrs) {
    StringBuilder b = new StringBuilder(64 + attrs.size() * 32);
    b.append(name).append(" = [");
    boolean first = true;
    for (Map.Entry<String, String> e : attrs.entrySet()) {
      if (!NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("not an OpenNebula attribute name: " + e.getKey());
      }
      b.append(first ? "\n  " : ",\n  ");
      first = false;
      b.append(e.getKey().toUpperCase(java.util.Locale.ROOT)).append(" = ");
      quote(b, e.getValue());
    }
    return b.append(first ? "]\n" : "\n]\n").toString();
  }

  static void quote(StringBuilder b, String v) {
    b.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    b.append('"');
  }
}
