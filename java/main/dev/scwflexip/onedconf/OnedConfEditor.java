package dev.scwflexip.onedconf;

import java.util.ArrayList;
import java.util.List;

/**
 * Works out the smallest edits that enable an IPAM driver in oned.conf: the driver name in the
 * {@code -i} list of the first IPAM_MAD stanza (the only one oned reads), an
 * {@code INHERIT_VNET_ATTR} line for the address-range attribute the vnm hooks need and, when
 * asked, the {@code *_RESTRICTED_ATTR} lines that keep that attribute out of users' hands.
 */
final class OnedConfEditor implements ConfChange {
  /**
   * What {@link #edit} decided: the new text (equal to the old one when nothing changes), the
   * messages for the operator, and {@code needed}, one short phrase per change (what the file
   * lacked, or for a removal what it held), for {@code doctor}.
   */
  record Outcome(String before, String after, List<TextEdit> edits, List<String> messages, List<String> needed) {
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

  static final String INHERIT = "INHERIT_VNET_ATTR";

  private final String driver;
  private final String attribute;
  private final boolean restrict;

  /** {@code restrict}: also make the driver's attributes admin-only (see {@link RestrictedAttributes}). */
  OnedConfEditor(String driver, String attribute, boolean restrict) {
    this.driver = driver;
    this.attribute = attribute;
    this.restrict = restrict;
  }

  @Override
  public Outcome edit(String text) throws EditException {
    List<ConfAttribute> entries = parse(text);
    List<TextEdit> edits = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    List<String> needed = new ArrayList<>();
    ipamList(text, entries, edits, messages, needed);
    int before = edits.size();
    inheritAttribute(text, entries, edits, messages);
    if (edits.size() > before) {
      needed.add(INHERIT + " = \"" + attribute + "\"");
    }
    if (restrict) {
      restrict(text, entries, edits, messages, needed);
    }
    return new Outcome(text, TextEdit.apply(text, edits), edits, messages, needed);
  }

  static List<ConfAttribute> parse(String text) throws EditException {
    try {
      return OnedConfParser.parse(text);
    } catch (ConfSyntaxException e) {
      throw new EditException("cannot parse: " + e.getMessage());
    }
  }

  /**
   * The ARGUMENTS value of the first IPAM_MAD stanza, the only one oned reads; null when it has
   * none (one_ipam then enables every driver directory).
   */
  static ConfValue ipamArguments(String text, List<ConfAttribute> entries) throws EditException {
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
    return arguments.isEmpty() ? null : arguments.get(0).value();
  }

  private void ipamList(String text, List<ConfAttribute> entries, List<TextEdit> edits, List<String> messages,
      List<String> needed) throws EditException {
    ConfValue value = ipamArguments(text, entries);
    if (value == null) {
      messages.add("the IPAM_MAD stanza has no ARGUMENTS: one_ipam enables every driver directory, "
          + driver + " included; left as it is");
      return;
    }
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
      needed.add(driver + " in the first IPAM_MAD -i list (a list oned splits on no blank)");
    }
  }

  /** Trims the common head and tail so that the edit covers only the characters that differ. */
  static TextEdit minimal(int offset, String old, String updated) {
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
    if (present(text, entries, INHERIT, attribute)) {
      messages.add(attribute + " is already in INHERIT_VNET_ATTR");
      return;
    }
    ConfAttribute last = last(entries, INHERIT);
    if (last != null) {
      edits.add(afterLine(text, last, INHERIT, attribute));
    } else {
      edits.add(atEnd(text, lineEnding(text, text.length())));
    }
    messages.add("added INHERIT_VNET_ATTR = \"" + attribute + "\" so NICs carry the address range's " + attribute);
  }

  /**
   * Each restricted attribute that is missing goes after the last line of the same name, else after
   * the last INHERIT_VNET_ATTR (which the edit above has just added if the file had none), else at
   * the end. Insertions at one place keep the order they are made in.
   */
  private void restrict(String text, List<ConfAttribute> entries, List<TextEdit> edits, List<String> messages,
      List<String> needed) throws EditException {
    RestrictedAttributes restricted = RestrictedAttributes.of(attribute);
    restrictAll(text, entries, RestrictedAttributes.VNET_NAME, restricted.vnet(), edits, messages, needed);
    restrictAll(text, entries, RestrictedAttributes.VM_NAME, restricted.vm(), edits, messages, needed);
  }

  private void restrictAll(String text, List<ConfAttribute> entries, String name, List<String> values,
      List<TextEdit> edits, List<String> messages, List<String> needed) throws EditException {
    ConfAttribute anchor = last(entries, name);
    if (anchor == null) {
      anchor = last(entries, INHERIT);
    }
    for (String value : values) {
      if (present(text, entries, name, value)) {
        messages.add(value + " is already in " + name);
        continue;
      }
      edits.add(anchor != null ? afterLine(text, anchor, name, value) : endLine(text, name, value));
      messages.add("added " + name + " = \"" + value + "\" so only oneadmin can set it");
      needed.add(name + " = \"" + value + "\"");
    }
  }

  /** Whether a {@code name = "value"} line exists; a {@code name = [ ... ]} stanza before it is refused. */
  static boolean present(String text, List<ConfAttribute> entries, String name, String value)
      throws EditException {
    for (ConfAttribute a : entries) {
      if (!a.isNamed(name)) {
        continue;
      }
      if (a.isVector()) {
        throw new EditException(name + " on line " + OnedConfParser.lineOf(text, a.nameStart())
            + " is a [ ... ] stanza; expected NAME = \"VALUE\"");
      }
      if (a.value().text().strip().equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  private static ConfAttribute last(List<ConfAttribute> entries, String name) {
    ConfAttribute last = null;
    for (ConfAttribute a : entries) {
      if (a.isNamed(name)) {
        last = a;
      }
    }
    return last;
  }

  /**
   * A new line right after {@code anchor}'s line, with its indent, and with its name and spacing
   * around '=' when it has the same name.
   */
  private static TextEdit afterLine(String text, ConfAttribute anchor, String name, String value) {
    int lineStart = text.lastIndexOf('\n', anchor.nameStart()) + 1;
    String indent = text.substring(lineStart, anchor.nameStart());
    if (!indent.isBlank()) {
      indent = "";
    }
    String written = name;
    String assign = " = ";
    if (anchor.isNamed(name)) {
      written = anchor.name();
      String between = text.substring(anchor.nameStart() + anchor.name().length(), anchor.value().start());
      assign = between.contains("\n") || between.contains("\r") ? " = " : between;
    }
    String line = indent + written + assign + "\"" + value + "\"";
    String eol = lineEnding(text, anchor.end());
    int newline = text.indexOf('\n', anchor.end());
    if (newline < 0) {
      // The last line has no line break: keep the file ending without one.
      return new TextEdit(text.length(), text.length(), eol + line);
    }
    return new TextEdit(newline + 1, newline + 1, line + eol);
  }

  /** A plain line at the end of the file, which keeps ending with a line break or without one. */
  private static TextEdit endLine(String text, String name, String value) {
    String eol = lineEnding(text, text.length());
    String line = name + " = \"" + value + "\"";
    boolean endsWithBreak = text.isEmpty() || text.endsWith("\n");
    return new TextEdit(text.length(), text.length(), endsWithBreak ? line + eol : eol + line);
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
    add.append(inheritComment(driver, attribute)).append(eol);
    add.append("INHERIT_VNET_ATTR = \"").append(attribute).append("\"");
    if (endsWithBreak) {
      add.append(eol);
    }
    return new TextEdit(text.length(), text.length(), add.toString());
  }

  /** The comment line written above an INHERIT_VNET_ATTR added at the end of the file. */
  static String inheritComment(String driver, String attribute) {
    return "# INHERIT_VNET_ATTR for " + driver + ": the vnm hooks read the address range's " + attribute + " from the NIC";
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
