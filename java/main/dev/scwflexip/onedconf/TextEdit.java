package dev.scwflexip.onedconf;

import java.util.Comparator;
import java.util.List;

/** Replace the characters [start, end) with {@code replacement}; an insertion has start == end. */
record TextEdit(int start, int end, String replacement) {

  /** Applies non-overlapping edits, given in any order. */
  static String apply(String text, List<TextEdit> edits) {
    List<TextEdit> sorted = edits.stream().sorted(Comparator.comparingInt(TextEdit::start)).toList();
    StringBuilder out = new StringBuilder(text.length() + 64);
    int at = 0;
    for (TextEdit e : sorted) {
      if (e.start() < at) {
        throw new IllegalStateException("overlapping edits at offset " + e.start());
      }
      out.append(text, at, e.start()).append(e.replacement());
      at = e.end();
    }
    return out.append(text, at, text.length()).toString();
  }
}
