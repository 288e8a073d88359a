package dev.scwflexip.one;

import java.util.ArrayList;
import java.util.List;

/** An element of the small XML documents oned sends: a name, its text and its children. */
public final class XmlElement {
  public final String name;
  final StringBuilder text = new StringBuilder();
  public final List<XmlElement> children = new ArrayList<>();

  XmlElement(String name) {
    this.name = name;
  }

  /** The element's own character data (CDATA included), not its children's. */
  public String text() {
    return text.toString();
  }

  public XmlElement child(String childName) {
    for (XmlElement c : children) {
      if (c.name.equals(childName)) {
        return c;
      }
    }
    return null;
  }

  public List<XmlElement> children(String childName) {
    List<XmlElement> out = new ArrayList<>();
    for (XmlElement c : children) {
      if (c.name.equals(childName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The text of the named child, or null when there is no such child. */
  public String childText(String childName) {
    XmlElement c = child(childName);
    return c == null ? null : c.text();
  }

  /** Every descendant (not this element) with the given name, in document order. */
  public List<XmlElement> descendants(String descendantName) {
    List<XmlElement> out = new ArrayList<>();
    collect(descendantName, out);
    return out;
  }

  private void collect(String n, List<XmlElement> out) {
    for (XmlElement c : children) {
      if (c.name.equals(n)) {
        out.add(c);
      }
      c.collect(n, out);
    }
  }
}
