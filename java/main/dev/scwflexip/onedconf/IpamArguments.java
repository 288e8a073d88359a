package dev.scwflexip.onedconf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code -i} list inside the IPAM_MAD ARGUMENTS string. The one_ipam wrapper passes the
 * string through an unquoted {@code $*}, so it is split on whitespace: {@code -i dummy, aws}
 * reaches one_ipam.rb as {@code -i "dummy,"} plus a stray {@code aws}. Only the list itself is
 * ever rewritten; every other character of ARGUMENTS stays as it is.
 */
final class IpamArguments {
  /** The new ARGUMENTS content (the same string when nothing changes) and what was done. */
  record Result(String arguments, List<String> messages) {
  }

  private record Word(int start, int end) {
  }

  private IpamArguments() {
  }

  static Result ensureDriver(String arguments, String driver) {
    List<String> messages = new ArrayList<>();
    List<Word> words = words(arguments);
    int[] span = listSpan(arguments, words);
    if (span == null) {
      messages.add("IPAM_MAD ARGUMENTS has no -i list: one_ipam enables every driver directory, "
          + driver + " included; left as it is");
      return new Result(arguments, messages);
    }
    if (span[0] == span[1]) {
      throw new IllegalArgumentException("IPAM_MAD ARGUMENTS ends with -i and no list of drivers");
    }
    String list = arguments.substring(span[0], span[1]);
    Set<String> names = new LinkedHashSet<>();
    for (String name : list.split(",", -1)) {
      if (!name.strip().isEmpty()) {
        names.add(name.strip());
      }
    }
    boolean broken = !list.equals(String.join(",", names));
    boolean present = names.contains(driver);
    names.add(driver);
    String fixed = String.join(",", names);
    if (broken) {
      messages.add("repaired the IPAM_MAD -i list \"" + list + "\" to \"" + fixed + "\": oned splits ARGUMENTS on "
          + "spaces, so a space or an empty entry in the list disables the drivers after it");
    } else if (present) {
      messages.add(driver + " is already in the IPAM_MAD -i list");
      return new Result(arguments, messages);
    } else {
      messages.add("added " + driver + " to the IPAM_MAD -i list: \"" + fixed + "\"");
    }
    return new Result(arguments.substring(0, span[0]) + fixed + arguments.substring(span[1]), messages);
  }

  /**
   * The inverse of {@link #ensureDriver}: the list without {@code driver} (every occurrence, with
   * one comma each), every other character of ARGUMENTS as it was. A list that would be left
   * empty is left alone: {@code -i} with nothing after it is not a list.
   */
  static Result removeDriver(String arguments, String driver) {
    List<String> messages = new ArrayList<>();
    int[] span = listSpan(arguments, words(arguments));
    if (span == null || span[0] == span[1]) {
      messages.add("IPAM_MAD ARGUMENTS has no -i list, so " + driver + " is not listed there; left as it is");
      return new Result(arguments, messages);
    }
    List<String> pieces = new ArrayList<>(List.of(arguments.substring(span[0], span[1]).split(",", -1)));
    boolean listed = pieces.removeIf(p -> p.strip().equals(driver));
    if (!listed) {
      messages.add(driver + " is not in the IPAM_MAD -i list");
      return new Result(arguments, messages);
    }
    if (pieces.stream().allMatch(String::isBlank)) {
      messages.add("the IPAM_MAD -i list holds only " + driver + ": removing it would leave no list; left as it is");
      return new Result(arguments, messages);
    }
    String fixed = String.join(",", pieces);
    messages.add("removed " + driver + " from the IPAM_MAD -i list: \"" + fixed + "\"");
    return new Result(arguments.substring(0, span[0]) + fixed + arguments.substring(span[1]), messages);
  }

  /**
   * Start and end of the text the last {@code -i} (or {@code --ipam-types}) option takes —
   * GetoptLong keeps the last one — stretched over words joined by a comma on either side of a
   * space; null when there is no such option.
   */
  private static int[] listSpan(String arguments, List<Word> words) {
    int[] span = null;
    for (int i = 0; i < words.size(); i++) {
      String word = text(arguments, words.get(i));
      int start;
      int next = i;
      if (word.equals("-i") || word.equals("--ipam-types")) {
        next = i + 1;
        if (next >= words.size()) {
          span = new int[] {arguments.length(), arguments.length()};
          continue;
        }
        start = words.get(next).start();
      } else if (word.startsWith("--ipam-types=")) {
        start = words.get(i).start() + "--ipam-types=".length();
      } else if (word.startsWith("-i") && !word.startsWith("--")) {
        start = words.get(i).start() + 2;
      } else {
        continue;
      }
      int last = next;
      while (last + 1 < words.size() && continues(arguments, words.get(last), words.get(last + 1))) {
        last++;
      }
      span = new int[] {start, words.get(last).end()};
      i = last;
    }
    return span;
  }

  private static boolean continues(String arguments, Word current, Word following) {
    String next = text(arguments, following);
    return !next.startsWith("-") && (text(arguments, current).endsWith(",") || next.startsWith(","));
  }

  private static List<Word> words(String s) {
    List<Word> words = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(new Word(start, i));
      }
    }
    return words;
  }

  private static String text(String s, Word w) {
    return s.substring(w.start(), w.end());
  }
}
