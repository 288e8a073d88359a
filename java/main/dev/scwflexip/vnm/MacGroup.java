package dev.scwflexip.vnm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flexible IPs that share one virtual MAC. The API moves them only together (one attach or detach
 * call listing all of them); an IP with no MAC, or its own, is a group of one.
 */
final class MacGroup {
  final List<Target> members = new ArrayList<>();

  static List<MacGroup> of(List<Target> targets) {
    Map<String, MacGroup> groups = new LinkedHashMap<>();
    for (Target t : targets) {
      MacGroup g = groups.get(t.macGroupKey());
      if (g == null) {
        g = new MacGroup();
        groups.put(t.macGroupKey(), g);
      }
      g.members.add(t);
    }
    return new ArrayList<>(groups.values());
  }

  List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Target t : members) {
      ids.add(t.fip.id);
    }
    return ids;
  }

  Target member(String id) {
    for (Target t : members) {
      if (t.fip.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException(id);
  }

  /** "51.15.0.10" or "51.15.0.10 + 51.15.0.11". */
  String addresses() {
    StringBuilder b = new StringBuilder();
    for (Target t : members) {
      if (b.length() > 0) {
        b.append(" + ");
      }
      b.append(t.fip.ip);
    }
    return b.toString();
  }
}
