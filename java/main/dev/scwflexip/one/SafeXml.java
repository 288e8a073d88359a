package dev.scwflexip.one;

import dev.scwflexip.base.DriverException;

/**
 * A deliberately small XML reader for what oned sends: elements, attributes (ignored), text,
 * CDATA, comments and the five predefined entities plus character references. There is no DTD
 * processing at all: a DOCTYPE, an entity declaration or an unknown entity is an error, so no
 * external entity can ever be fetched and no entity expansion can blow up. It also loads a
 * handful of classes instead of the JDK's whole XML stack, which matters for start-up.
 */
public final class SafeXml {
  private final String s;
  private int pos;
  private int depth;
  private static final int MAX_DEPTH = 64;

  private SafeXml(String s) {
    this.s = s;
  }

  /** Parses a whole document; {@code what} names it in error messages. */
  public static XmlElement parse(String doc, int maxChars, String what) {
    if (doc.length() > maxChars) {
      throw new DriverException(what + " is too large (" + doc.length() + " characters, limit " + maxChars + ")");
    }
    SafeXml p = new SafeXml(doc);
    try {
      p.skipProlog();
      if (!p.startsWith("<")) {
        throw p.error("expected an element");
      }
      XmlElement root = p.element();
      p.skipMisc();
      if (p.pos != p.s.length()) {
        throw p.error("content after the root element");
      }
      return root;
    } catch (XmlError e) {
      throw new DriverException(what + " is not valid XML: " + e.getMessage());
    }
  }

  private static final class XmlError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    XmlError(String m) {
      super(m, null, false, false);
    }
  }

  private XmlError error(String m) {
    return new XmlError(m + " at offset " + pos);
  }

  private boolean startsWith(String t) {
    return s.startsWith(t, pos);
  }

  private void skipSpace() {
    while (pos < s.length() && isSpace(s.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private void skipProlog() {
    if (startsWith("\uFEFF")) {
      pos++;
    }
    skipSpace();
    if (startsWith("<?xml")) {
      int end = s.indexOf("?>", pos);
      if (end < 0) {
        throw error("unterminated XML declaration");
      }
      pos = end + 2;
    }
    skipMisc();
  }

  private void skipMisc() {
    while (true) {
      skipSpace();
      if (startsWith("<!--")) {
        skipComment();
      } else if (startsWith("<!")) {
        throw error("DOCTYPE and declarations are not accepted");
      } else if (startsWith("<?")) {
        throw error("processing instructions are not accepted");
      } else {
        return;
      }
    }
  }

  private void skipComment() {
    int end = s.indexOf("-->", pos + 4);
    if (end < 0) {
      throw error("unterminated comment");
    }
    pos = end + 3;
  }

  private String name() {
    int start = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':') {
        pos++;
      } else {
        break;
      }
    }
    if (pos == start) {
      throw error("expected a name");
    }
    return s.substring(start, pos);
  }

  private XmlElement element() {
    if (++depth > MAX_DEPTH) {
      throw error("elements nested too deeply");
    }
    pos++; // '<'
    XmlElement e = new XmlElement(name());
    // attributes: read and dropped; oned's documents carry none that matter
    while (true) {
      skipSpace();
      if (pos >= s.length()) {
        throw error("unterminated start tag <" + e.name + ">");
      }
      char c = s.charAt(pos);
      if (c == '/') {
        if (!startsWith("/>")) {
          throw error("malformed empty tag");
        }
        pos += 2;
        depth--;
        return e;
      }
      if (c == '>') {
        pos++;
        break;
      }
      name();
      skipSpace();
      if (pos >= s.length() || s.charAt(pos) != '=') {
        throw error("attribute without a value");
      }
      pos++;
      skipSpace();
      char q = pos < s.length() ? s.charAt(pos) : 0;
      if (q != '"' && q != '\'') {
        throw error("unquoted attribute value");
      }
      int end = s.indexOf(q, pos + 1);
      if (end < 0) {
        throw error("unterminated attribute value");
      }
      decodeText(pos + 1, end, new StringBuilder());
      pos = end + 1;
    }
    while (true) {
      if (pos >= s.length()) {
        throw error("element <" + e.name + "> is not closed");
      }
      char c = s.charAt(pos);
      if (c != '<') {
        int next = s.indexOf('<', pos);
        if (next < 0) {
          next = s.length();
        }
        decodeText(pos, next, e.text);
        pos = next;
      } else if (startsWith("</")) {
        pos += 2;
        String closing = name();
        if (!closing.equals(e.name)) {
          throw error("</" + closing + "> closes <" + e.name + ">");
        }
        skipSpace();
        if (pos >= s.length() || s.charAt(pos) != '>') {
          throw error("malformed end tag");
        }
        pos++;
        depth--;
        return e;
      } else if (startsWith("<![CDATA[")) {
        int end = s.indexOf("]]>", pos + 9);
        if (end < 0) {
          throw error("unterminated CDATA section");
        }
        e.text.append(s, pos + 9, end);
        pos = end + 3;
      } else if (startsWith("<!--")) {
        skipComment();
      } else if (startsWith("<!") || startsWith("<?")) {
        throw error("declarations and processing instructions are not accepted");
      } else {
        e.children.add(element());
      }
    }
  }

  private void decodeText(int from, int to, StringBuilder out) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (c == '&') {
        int semi = s.indexOf(';', i);
        if (semi < 0 || semi > to || semi - i > 12) {
          pos = i;
          throw error("malformed entity reference");
        }
        String ent = s.substring(i + 1, semi);
        switch (ent) {
          case "lt": out.append('<'); break;
          case "gt": out.append('>'); break;
          case "amp": out.append('&'); break;
          case "quot": out.append('"'); break;
          case "apos": out.append('\''); break;
          default:
            if (ent.startsWith("#")) {
              int cp;
              try {
                cp = ent.startsWith("#x") || ent.startsWith("#X")
                    ? Integer.parseInt(ent.substring(2), 16)
                    : Integer.parseInt(ent.substring(1));
              } catch (NumberFormatException nfe) {
                pos = i;
                throw error("malformed character reference");
              }
              if (!Character.isValidCodePoint(cp) || cp == 0) {
                pos = i;
                throw error("invalid character reference");
              }
              out.appendCodePoint(cp);
            } else {
              pos = i;
              throw error("unknown entity &" + ent + ";");
            }
        }
        i = semi + 1;
      } else {
        out.append(c);
        i++;
      }
    }
  }
}
