package dev.scwflexip.reconcile;

import java.io.PrintStream;
import java.util.List;

/** The plan for people: one row per action, then deferred items, notes and a summary line. */
final class TableReport {
  private TableReport() {}

  static void write(Plan plan, boolean applied, PrintStream out) {
    if (!plan.actions.isEmpty()) {
      rows(out, plan.actions, applied);
    }
    if (!plan.deferred.isEmpty()) {
      out.println();
      out.println("Left alone this run:");
      rows(out, plan.deferred, false);
    }
    for (String note : plan.notes) {
      out.println("note: " + note);
    }
    int repairs = 0;
    for (Action a : plan.actions) {
      repairs += a.repairs() ? 1 : 0;
    }
    StringBuilder s = new StringBuilder();
    s.append(plan.inSync() ? "In sync" : "Drift").append(": ")
        .append(plan.ipCount).append(" IPs, ")
        .append(plan.entryCount).append(" journal entries, ")
        .append(plan.rangeCount).append(" ranges (").append(plan.oneSource == null ? "no OpenNebula view" : plan.oneSource).append("); ")
        .append(repairs).append(applied ? " repaired" : " to repair").append(", ")
        .append(plan.actions.size() - repairs).append(" to report, ")
        .append(plan.deferred.size()).append(" deferred");
    if (applied) {
      s.append(", ").append(plan.failures()).append(" failed");
    }
    out.println(s);
  }

  private static void rows(PrintStream out, List<Action> actions, boolean withResult) {
    String fmt = "%-18s %-36s %-15s %-22s %s%n";
    out.printf(fmt, "KIND", "FLEXIBLE IP", "ADDRESS", "FIX", withResult ? "RESULT / REASON" : "REASON");
    for (Action a : actions) {
      String tail = withResult && a.result != null ? a.result + " — " + a.reason : a.reason;
      out.printf(fmt, a.kind, dash(a.fipId), dash(a.ip), a.fix(), tail);
    }
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
