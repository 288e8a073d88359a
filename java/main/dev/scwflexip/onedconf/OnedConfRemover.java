package dev.scwflexip.onedconf;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact undo of {@link OnedConfEditor} (with or without {@code --restrict}), for uninstalling:
 * the driver leaves the first IPAM_MAD {@code -i} list (with the comma the add put before it),
 * and the lines the add wrote go, each with its line break: {@code INHERIT_VNET_ATTR = "<attr>"}
 * (with the comment and blank line written above it when it was added at the end of the file)
 * and the {@code VNET_RESTRICTED_ATTR} and {@code VM_RESTRICTED_ATTR} lines of
 * {@link RestrictedAttributes}. Every other byte stays, so removing after adding gives back the
 * original file, with one exception: a file with no INHERIT_VNET_ATTR at all that ended in a
 * blank line comes back without that blank line (the add wrote the same text for both).
 *
 * <p>A line that holds something besides the attribute (another attribute) loses only the
 * attribute; a trailing comment goes with the line. When the removed lines end the file and the
 * last of them had no line break, the line break before them goes too, so such a file keeps
 * ending without one.
 */
final class OnedConfRemover implements ConfChange {
  private final String driver;
  private final String attribute;

  OnedConfRemover(String driver, String attribute) {
    this.driver = driver;
    this.attribute = attribute;
  }

  @Override
  public OnedConfEditor.Outcome edit(String text) throws OnedConfEditor.EditException {
    List<ConfAttribute> entries = OnedConfEditor.parse(text);
    List<TextEdit> edits = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    ipamList(text, entries, edits, messages, removed);
    Lines lines = new Lines(text);
    removeLines(text, entries, OnedConfEditor.INHERIT, List.of(attribute), lines, edits, messages, removed);
    RestrictedAttributes restricted = RestrictedAttributes.of(attribute);
    removeLines(text, entries, RestrictedAttributes.VNET_NAME, restricted.vnet(), lines, edits, messages, removed);
    removeLines(text, entries, RestrictedAttributes.VM_NAME, restricted.vm(), lines, edits, messages, removed);
    edits.addAll(lines.edits());
    return new OnedConfEditor.Outcome(text, TextEdit.apply(text, edits), edits, messages, removed);
  }

  private void ipamList(String text, List<ConfAttribute> entries, List<TextEdit> edits, List<String> messages,
      List<String> removed) throws OnedConfEditor.EditException {
    ConfValue value = OnedConfEditor.ipamArguments(text, entries);
    if (value == null) {
      messages.add("the IPAM_MAD stanza has no ARGUMENTS, so " + driver + " is not listed there; left as it is");
      return;
    }
    String raw = text.substring(value.contentStart(), value.contentEnd());
    IpamArguments.Result result = IpamArguments.removeDriver(raw, driver);
    messages.addAll(result.messages());
    if (!result.arguments().equals(raw)) {
      edits.add(OnedConfEditor.minimal(value.contentStart(), raw, result.arguments()));
      removed.add(driver + " in the first IPAM_MAD -i list");
    }
  }

  private void removeLines(String text, List<ConfAttribute> entries, String name, List<String> values, Lines lines,
      List<TextEdit> edits, List<String> messages, List<String> removed) throws OnedConfEditor.EditException {
    for (String value : values) {
      if (!OnedConfEditor.present(text, entries, name, value)) {
        messages.add(value + " is not in " + name);
        continue;
      }
      for (ConfAttribute a : entries) {
        if (a.isNamed(name) && a.value().text().strip().equalsIgnoreCase(value)) {
          int line = lines.indexOf(a.nameStart());
          if (lines.holdsOnly(line, a)) {
            lines.drop(line);
            if (name.equals(OnedConfEditor.INHERIT) && line > 0
                && lines.text(line - 1).equals(OnedConfEditor.inheritComment(driver, attribute))) {
              lines.drop(line - 1);
              if (line > 1 && lines.text(line - 2).isBlank()) {
                lines.drop(line - 2);
              }
            }
          } else {
            edits.add(new TextEdit(a.nameStart(), a.end(), ""));
          }
        }
      }
      messages.add("removed " + name + " = \"" + value + "\"");
      removed.add(name + " = \"" + value + "\"");
    }
  }

  /** The file's lines, each with its line break, and which of them to drop. */
  private static final class Lines {
    private final String text;
    private final List<int[]> spans = new ArrayList<>();
    private final boolean[] dropped;

    Lines(String text) {
      this.text = text;
      int start = 0;
      while (start < text.length()) {
        int nl = text.indexOf('\n', start);
        int end = nl < 0 ? text.length() : nl + 1;
        spans.add(new int[] {start, end});
        start = end;
      }
      dropped = new boolean[spans.size()];
    }

    int indexOf(int offset) {
      for (int i = 0; i < spans.size(); i++) {
        if (offset < spans.get(i)[1]) {
          return i;
        }
      }
      return spans.size() - 1;
    }

    /** The line's text without its line break. */
    String text(int line) {
      String s = text.substring(spans.get(line)[0], spans.get(line)[1]);
      return s.endsWith("\n") ? s.substring(0, s.length() - (s.endsWith("\r\n") ? 2 : 1)) : s;
    }

    /** Nothing but blanks before the attribute, and blanks or a comment after it. */
    boolean holdsOnly(int line, ConfAttribute a) {
      int[] span = spans.get(line);
      if (a.end() > span[1] || !text.substring(span[0], a.nameStart()).isBlank()) {
        return false;
      }
      String after = text.substring(a.end(), span[1]).strip();
      return after.isEmpty() || after.startsWith("#");
    }

    void drop(int line) {
      dropped[line] = true;
    }

    /** One edit per run of dropped lines; a run that ends the file also takes the line break before it when the file ended without one. */
    List<TextEdit> edits() {
      List<TextEdit> out = new ArrayList<>();
      for (int i = 0; i < spans.size(); i++) {
        if (!dropped[i]) {
          continue;
        }
        int first = i;
        while (i + 1 < spans.size() && dropped[i + 1]) {
          i++;
        }
        int start = spans.get(first)[0];
        int end = spans.get(i)[1];
        if (end == text.length() && !text.endsWith("\n") && start > 0) {
          start = start >= 2 && text.startsWith("\r\n", start - 2) ? start - 2 : start - 1;
        }
        out.add(new TextEdit(start, end, ""));
      }
      return out;
    }
  }
}
