package dev.scwflexip.doctor;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * doctor's two outputs. The table is for people: one line per check (status, name, detail, and
 * what to do after an arrow), then a count. The JSON is for machines (the Ansible module, a
 * hypervisor's {@code --expect-hooks}): {@code {"ok", "roles", "checks": [{"name", "status",
 * "detail", "fix"}], "hooks"}}, {@code hooks} (the frontend's hook digests) only on a frontend.
 */
final class Report {
  private Report() {}

  static boolean ok(List<Check> checks) {
    return checks.stream().noneMatch(Check::failed);
  }

  static String table(List<Check> checks) {
    int width = 0;
    for (Check c : checks) {
      width = Math.max(width, c.name().length());
    }
    StringBuilder out = new StringBuilder();
    int warnings = 0;
    int failures = 0;
    for (Check c : checks) {
      out.append(String.format("%-4s  %-" + width + "s  %s", c.status().word, c.name(), c.detail()));
      if (!c.fix().isEmpty()) {
        out.append("  -> ").append(c.fix());
      }
      out.append('\n');
      warnings += c.status() == Check.Status.WARN ? 1 : 0;
      failures += c.failed() ? 1 : 0;
    }
    out.append(checks.size()).append(" checks: ").append(failures).append(" failed, ").append(warnings)
        .append(warnings == 1 ? " warning" : " warnings").append('\n');
    return out.toString();
  }

  static String json(List<Check> checks, List<String> roles, Map<String, String> hooks) {
    JsonObject o = new JsonObject();
    o.addProperty("ok", ok(checks));
    JsonArray r = new JsonArray();
    roles.forEach(r::add);
    o.add("roles", r);
    JsonArray list = new JsonArray();
    for (Check c : checks) {
      JsonObject j = new JsonObject();
      j.addProperty("name", c.name());
      j.addProperty("status", c.status().word);
      j.addProperty("detail", c.detail());
      j.addProperty("fix", c.fix());
      list.add(j);
    }
    o.add("checks", list);
    if (hooks != null) {
      JsonObject h = new JsonObject();
      hooks.forEach(h::addProperty);
      o.add("hooks", h);
    }
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
  }
}
