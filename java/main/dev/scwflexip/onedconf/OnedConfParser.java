package dev.scwflexip.onedconf;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the oned.conf syntax (OpenNebula's template syntax) without changing a byte:
 * {@code NAME = value} and {@code NAME = [ K = V, ... ]} entries, on one line or several,
 * {@code #} comments to the end of a line, quoted values with backslash escapes, and unquoted
 * values (numbers, bare words). Every entry keeps the offsets of its parts.
 *
 * <p>The whole file must parse: oned refuses a broken file too, and after a syntax error (an
 * unterminated quote, say) nobody can tell where the following stanzas begin.
 */
final class OnedConfParser {
  private final String text;
  private int pos;

  private OnedConfParser(String text) {
    this.text = text;
  }

  static List<ConfAttribute> parse(String text) throws ConfSyntaxException {
    return new OnedConfParser(text).attributes();
  }

  /** The 1-based line of an offset. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private List<ConfAttribute> attributes() throws ConfSyntaxException {
    List<ConfAttribute> result = new ArrayList<>();
    skipBlanks();
    while (pos < text.length()) {
      result.add(attribute());
      skipBlanks();
    }
    return result;
  }

  private ConfAttribute attribute() throws ConfSyntaxException {
    int nameStart = pos;
    String name = name("an attribute name");
    skipSpaces();
    expect('=');
    skipSpaces();
    if (peek() == '[') {
      pos++;
      List<ConfAttribute.Pair> pairs = vector(nameStart);
      return new ConfAttribute(name, nameStart, pos, null, pairs);
    }
    ConfValue value = value(false);
    return new ConfAttribute(name, nameStart, pos, value, null);
  }

  /** After the opening bracket: pairs up to and including the closing one. */
  private List<ConfAttribute.Pair> vector(int stanzaStart) throws ConfSyntaxException {
    List<ConfAttribute.Pair> pairs = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (pos >= text.length()) {
        throw error(stanzaStart, "the '[' of this stanza is never closed");
      }
      if (peek() == ']') {
        pos++;
        return pairs;
      }
      int keyStart = pos;
      String key = name("a key inside [ ... ]");
      skipSpaces();
      expect('=');
      skipSpaces();
      ConfValue value = value(true);
      pairs.add(new ConfAttribute.Pair(key, keyStart, value));
      skipBlanks();
      if (pos >= text.length()) {
        throw error(stanzaStart, "the '[' of this stanza is never closed");
      }
      if (peek() == ',') {
        pos++;
      } else if (peek() != ']') {
        String opened = text.substring(value.start(), value.end()).indexOf('\n') < 0 ? ""
            : " (its quoted value opens on line " + lineOf(text, value.start()) + " and never closes there)";
        throw error(pos, "expected ',' or ']' after " + key + opened);
      }
    }
  }

  private ConfValue value(boolean inVector) throws ConfSyntaxException {
    int start = pos;
    if (peek() == '"') {
      return quoted(start);
    }
    // Unquoted (a number, a bare word): up to the end of the line or a comment, and inside a
    // vector up to ',' or ']'. A quote, '[' or '=' in it means a missing ',' or a broken line.
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n' || c == '\r' || c == '#' || c == '"' || c == '[' || c == '='
          || (inVector && (c == ',' || c == ']'))) {
        break;
      }
      pos++;
    }
    int end = pos;
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (pos < text.length() && "\"[=".indexOf(text.charAt(pos)) >= 0) {
      throw error(pos, "unexpected '" + text.charAt(pos) + "' in a value");
    }
    return new ConfValue(start, end, start, end, false, text.substring(start, end));
  }

  private ConfValue quoted(int start) throws ConfSyntaxException {
    pos++;
    StringBuilder content = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\' && pos + 1 < text.length()) {
        content.append(text.charAt(pos + 1));
        pos += 2;
      } else if (c == '"') {
        pos++;
        return new ConfValue(start, pos, start + 1, pos - 1, true, content.toString());
      } else {
        content.append(c);
        pos++;
      }
    }
    throw error(start, "the quoted value is never closed");
  }

  private String name(String what) throws ConfSyntaxException {
    int start = pos;
    while (pos < text.length() && isNameChar(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw error(pos, "expected " + what + " but found " + describe(pos));
    }
    return text.substring(start, pos);
  }

  private static boolean isNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
        || c == '.';
  }

  private void expect(char c) throws ConfSyntaxException {
    if (peek() != c) {
      throw error(pos, "expected '" + c + "' but found " + describe(pos));
    }
    pos++;
  }

  /** Spaces and tabs only: a name, its '=' and its value share a line. */
  private void skipSpaces() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }

  /** Whitespace, line breaks and comments. */
  private void skipBlanks() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private String describe(int at) {
    if (at >= text.length()) {
      return "the end of the file";
    }
    char c = text.charAt(at);
    return c == '\n' || c == '\r' ? "the end of the line" : "'" + c + "'";
  }

  private ConfSyntaxException error(int at, String message) {
    return new ConfSyntaxException(lineOf(text, at), message);
  }
}
