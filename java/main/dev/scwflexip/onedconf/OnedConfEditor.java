package dev.scwflexip.onedconf;

import java.util.ArrayList;
import java.util.List;

/**
 * Works out the smallest edits that enable an IPAM driver in oned.conf: the driver name in the
 * {@code -i} list of the first IPAM_MAD stanza (the only one oned reads), and an
 * {@code INHERIT_VNET_ATTR} line for the address-range attribute the vnm hooks need.
 */
final class OnedConfEditor {
  /** What {@link #edit} decided: the new text (equal to the old one when nothing changes). */
  record Outcome(String before, String after, List<TextEdit> edits, List<String> messages) {
    boolean changed() {
      return !edits.isEmpty();
    }
  }

  /** The file cannot be edited safely; the message is meant for the operator. */
  static final class EditException extends Exception {
    private static final long serialVersionUID = 1L;

    EditException(String message) {
      super(message);
    }
  }

  private final String driver;
  private final String attribute;

  OnedConfEditor(String driver, String attribute) {
    this.driver = driver;
    this.attribute = attribute;
  }

  Outcome edit(String text) throws EditException {
    List<ConfAttribute> entries;
    try {
      entries = OnedConfParser.parse(text);
    } catch (ConfSyntaxException e) {
      throw new EditException("cannot parse: " + e.getMessage());
    }
    List<TextEdit> edits = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    ipamList(text, entries, edits, messages);
    inheritAttribute(text, entries, edits, messages);
    return new Outcome(text, TextEdit.apply(text, edits), edits, messages);
  }

  private void ipamList(String text, List<ConfAttribute> entries, List<TextEdit> edits, List<String> messages)
      throws EditException {
    ConfAttribute ipam = entries.stream().filter(a -> a.isNamed("IPAM_MAD")).findFirst()
        .orElseThrow(() -> new EditException("no IPAM_MAD stanza (is this oned.conf?)"));
    int line = OnedConfParser.lineOf(text, ipam.nameStart());
    if (!ipam.isVector()) {
      throw new EditException("IPAM_MAD on line " + line + " is not a [ ... ] stanza");
    }
    List<ConfAttribute.Pair> arguments = ipam.pairs("ARGUMENTS");
    if (arguments.size() > 1) {
      throw new EditException("the IPAM_MAD stanza on line " + line + " has ARGUMENTS twice");
    }
    if (arguments.isEmpty()) {
      messages.add("the IPAM_MAD stanza has no ARGUMENTS: one_ipam enables every driver directory, "
          + driver + " included; left as it is");
      return;
    }
    ConfValue value = arguments.get(0).value();
    String raw = text.substring(value.contentStart(), value.contentEnd());
    IpamArguments.Result result;
    try {
      result = IpamArguments.ensureDriver(raw, driver);
    } catch (IllegalArgumentException e) {
      throw new EditException(e.getMessage() + " (line " + OnedConfParser.lineOf(text, value.start()) + ")");
    }
    messages.addAll(result.messages());
    if (!result.arguments().equals(raw)) {
      edits.add(minimal(value.contentStart(), raw, result.arguments()));
    }
  }

  /** Trims the common head and tail so that the edit covers only the characters that differ. */
  private static TextEdit minimal(int offset, String old, String updated) {
    int head = 0;
    while (head < old.length() && head < updated.length() && old.charAt(head) == updated.charAt(head)) {
      head++;
    }
    int tail = 0;
    while (tail < old.length() - head && tail < updated.length() - head
        && old.charAt(old.length() - 1 - tail) == updated.charAt(updated.length() - 1 - tail)) {
      tail++;
    }
    return new TextEdit(offset + head, offset + old.length() - tail, updated.substring(head, updated.length() - tail));
  }

  private void inheritAttribute(String text, List<ConfAttribute> entries, List<TextEdit> edits, List<String> messages)
      throws EditException {
    ConfAttribute last = null;
    for (ConfAttribute a : entries) {
      if (!a.isNamed("INHERIT_VNET_ATTR")) {
        continue;
      }
      if (a.isVector()) {
        throw new EditException("INHERIT_VNET_ATTR on line " + OnedConfParser.lineOf(text, a.nameStart())
            + " is a [ ... ] stanza; expected NAME = \"VALUE\"");
      }
      if (a.value().text().strip().equalsIgnoreCase(attribute)) {
        messages.add(attribute + " is already in INHERIT_VNET_ATTR");
        return;
      }
      last = a;
    }
    String eol = lineEnding(text, last == null ? text.length() : last.end());
    if (last != null) {
      edits.add(afterLine(text, last, eol));
    } else {
      edits.add(atEnd(text, eol));
    }
    messages.add("added INHERIT_VNET_ATTR = \"" + attribute + "\" so NICs carry the address range's " + attribute);
  }

  /** A new line right after the last INHERIT_VNET_ATTR line, written the way that line is. */
  private TextEdit afterLine(String text, ConfAttribute last, String eol) {
    int lineStart = text.lastIndexOf('\n', last.nameStart()) + 1;
    String indent = text.substring(lineStart, last.nameStart());
    if (!indent.isBlank()) {
      indent = "";
    }
    String between = text.substring(last.nameStart() + last.name().length(), last.value().start());
    String assign = between.contains("\n") || between.contains("\r") ? " = " : between;
    String line = indent + last.name() + assign + "\"" + attribute + "\"";
    int newline = text.indexOf('\n', last.end());
    if (newline < 0) {
      // The last line has no line break: keep the file ending without one.
      return new TextEdit(text.length(), text.length(), eol + line);
    }
    return new TextEdit(newline + 1, newline + 1, line + eol);
  }

  private TextEdit atEnd(String text, String eol) {
    StringBuilder add = new StringBuilder();
    boolean endsWithBreak = text.isEmpty() || text.endsWith("\n");
    if (!endsWithBreak) {
      add.append(eol);
    }
    if (!text.isEmpty() && !lastLineBlank(text)) {
      add.append(eol);
    }
    add.append("# INHERIT_VNET_ATTR for ").append(driver).append(": the vnm hooks read the address range's ")
        .append(attribute).append(" from the NIC").append(eol);
    add.append("INHERIT_VNET_ATTR = \"").append(attribute).append("\"");
    if (endsWithBreak) {
      add.append(eol);
    }
    return new TextEdit(text.length(), text.length(), add.toString());
  }

  private static boolean lastLineBlank(String text) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    int start = body.lastIndexOf('\n') + 1;
    return body.substring(start).isBlank();
  }

  /** The line break used at or after {@code near}, else the file's first one, else "\n". */
  private static String lineEnding(String text, int near) {
    int at = text.indexOf('\n', Math.min(near, text.length()));
    if (at < 0) {
      at = text.indexOf('\n');
    }
    return at > 0 && text.charAt(at - 1) == '\r' ? "\r\n" : "\n";
  }
}
