package dev.scwflexip.onedconf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A unified diff of two texts, line by line, with three lines of context (Myers' O(ND)
 * algorithm: an oned.conf edit changes a handful of lines, so D stays tiny). Lines are compared
 * with their line break, so a new final line break shows up as it does in {@code diff -u}.
 */
final class UnifiedDiff {
  private static final int CONTEXT = 3;

  /** One line of the edit script: ' ' kept, '-' removed, '+' added. */
  private record Op(char tag, String line, int oldIndex, int newIndex) {
  }

  private UnifiedDiff() {
  }

  /** The diff with {@code ---}/{@code +++} headers, or "" when the texts are equal. */
  static String of(String before, String after, String label) {
    if (before.equals(after)) {
      return "";
    }
    List<Op> ops = script(lines(before), lines(after));
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(label).append(" (before)\n");
    out.append("+++ ").append(label).append(" (after)\n");
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i).tag() == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      // Extend the hunk while the next change is close enough for the contexts to touch.
      int lastChange = i;
      for (int j = i; j < ops.size(); j++) {
        if (ops.get(j).tag() != ' ') {
          if (j - lastChange > 2 * CONTEXT) {
            break;
          }
          lastChange = j;
        }
      }
      int end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      hunk(out, ops.subList(start, end));
      i = end;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Op> ops) {
    int oldCount = 0;
    int newCount = 0;
    for (Op op : ops) {
      oldCount += op.tag() == '+' ? 0 : 1;
      newCount += op.tag() == '-' ? 0 : 1;
    }
    Op first = ops.get(0);
    out.append("@@ -").append(range(first.oldIndex(), oldCount)).append(" +")
        .append(range(first.newIndex(), newCount)).append(" @@\n");
    for (Op op : ops) {
      String line = op.line();
      boolean broken = line.endsWith("\n");
      String body = broken ? line.substring(0, line.length() - (line.endsWith("\r\n") ? 2 : 1)) : line;
      out.append(op.tag()).append(body).append('\n');
      if (!broken) {
        out.append("\\ No newline at end of file\n");
      }
    }
  }

  /** diff -u numbering: 1-based start, ",count" unless 1; an empty range names the line before. */
  private static String range(int index, int count) {
    int start = count == 0 ? index : index + 1;
    return count == 1 ? Integer.toString(start) : start + "," + count;
  }

  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }

  private static List<Op> script(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int max = n + m;
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      trace.add(Arrays.copyOf(v, v.length));
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
            : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
      }
    }
    List<Op> reversed = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = found; d >= 0; d--) {
      int[] prev = trace.get(d);
      int k = x - y;
      int prevK = (k == -d || (k != d && prev[offset + k - 1] < prev[offset + k + 1])) ? k + 1 : k - 1;
      int prevX = d == 0 ? 0 : prev[offset + prevK];
      int prevY = d == 0 ? 0 : prevX - prevK;
      while (x > prevX && y > prevY) {
        x--;
        y--;
        reversed.add(new Op(' ', a.get(x), x, y));
      }
      if (d > 0) {
        if (x == prevX) {
          reversed.add(new Op('+', b.get(prevY), prevX, prevY));
        } else {
          reversed.add(new Op('-', a.get(prevX), prevX, prevY));
        }
      }
      x = prevX;
      y = prevY;
    }
    List<Op> ops = new ArrayList<>(reversed.size());
    for (int i = reversed.size() - 1; i >= 0; i--) {
      ops.add(reversed.get(i));
    }
    return ops;
  }
}
