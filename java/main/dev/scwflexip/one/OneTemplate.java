package dev.scwflexip.one;

import java.util.Map;

/** Writes OpenNebula template syntax, the form oned parses from a driver's stdout. */
public final class OneTemplate {
  private OneTemplate() {}

  /**
   * {@code NAME = [\n  K = "V",\n  …\n]\n}. Every value is double-quoted. oned's lexer takes a
   * quoted value as any run of non-quote characters or {@code \"} pairs, and its parser then
   * turns each {@code \"} into {@code "} and leaves every other backslash alone
   * (template_parser.l, template_syntax.y). So a quote is written {@code \"}, a backslash is
   * written as itself, and a newline stays a newline. A value ending in a backslash cannot be
   * written at all (the backslash would escape the closing quote), so it is refused.
   */
  public static String vector(String name, Map<String, String> attrs) {
    StringBuilder b = new StringBuilder(64 + attrs.size() * 32);
    b.append(name).append(" = [");
    boolean first = true;
    for (Map.Entry<String, String> e : attrs.entrySet()) {
      if (!isName(e.getKey())) {
        throw new IllegalArgumentException("not an OpenNebula attribute name: " + e.getKey());
      }
      b.append(first ? "\n  " : ",\n  ");
      first = false;
      b.append(e.getKey().toUpperCase(java.util.Locale.ROOT)).append(" = ");
      quote(b, e.getValue());
    }
    return b.append(first ? "]\n" : "\n]\n").toString();
  }

  /** {@code NAME = [ K = "V", … ]\n} on one line, the form used for short replies. */
  public static String vectorOneLine(String name, Map<String, String> attrs) {
    StringBuilder b = new StringBuilder(64);
    b.append(name).append(" = [ ");
    boolean first = true;
    for (Map.Entry<String, String> e : attrs.entrySet()) {
      if (!isName(e.getKey())) {
        throw new IllegalArgumentException("not an OpenNebula attribute name: " + e.getKey());
      }
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(e.getKey().toUpperCase(java.util.Locale.ROOT)).append(" = ");
      quote(b, e.getValue());
    }
    return b.append(" ]\n").toString();
  }

  /** {@code [A-Za-z0-9_]+}, checked by hand: no regex classes on the get_address path. */
  public static boolean isName(String k) {
    if (k.isEmpty()) {
      return false;
    }
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why oned could not take this value back, or null when it can. A value ending in a backslash
   * would escape its closing quote; oned stores attributes in XML CDATA sections, which
   * {@code ]]>} would end early.
   */
  public static String unwritable(String v) {
    if (v.endsWith("\\")) {
      return "it ends with a backslash, which OpenNebula's template syntax cannot carry";
    }
    if (v.contains("]]>")) {
      return "it contains ']]>', which OpenNebula cannot store";
    }
    return null;
  }

  static void quote(StringBuilder b, String v) {
    String why = unwritable(v);
    if (why != null) {
      throw new dev.scwflexip.base.DriverException("a value cannot be written: " + why + ": "
          + (v.length() > 40 ? v.substring(v.length() - 40) : v));
    }
    b.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        b.append('\\');
      }
      b.append(c);
    }
    b.append('"');
  }
}
