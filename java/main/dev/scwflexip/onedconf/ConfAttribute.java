package dev.scwflexip.onedconf;

import java.util.List;
import java.util.Locale;

/**
 * One top-level entry of oned.conf: {@code NAME = value} (then {@link #vector} is null) or
 * {@code NAME = [ K = V, ... ]} (then {@link #value} is null). Offsets point into the text the
 * parser read, so an edit can replace exactly the bytes it means to.
 */
record ConfAttribute(String name, int nameStart, int end, ConfValue value, List<Pair> vector) {

  /** One {@code K = V} of a vector stanza. */
  record Pair(String key, int keyStart, ConfValue value) {
  }

  /** oned upper-cases attribute names, so {@code ipam_mad} is the same stanza as {@code IPAM_MAD}. */
  boolean isNamed(String other) {
    return name.equalsIgnoreCase(other);
  }

  boolean isVector() {
    return vector != null;
  }

  List<Pair> pairs(String key) {
    String upper = key.toUpperCase(Locale.ROOT);
    return vector.stream().filter(p -> p.key().toUpperCase(Locale.ROOT).equals(upper)).toList();
  }
}
