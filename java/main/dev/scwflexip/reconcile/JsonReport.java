package dev.scwflexip.reconcile;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The plan as exactly one JSON object, for the Ansible module and scripts. Streamed, so a plan of
 * twenty thousand actions never becomes one big string.
 */
final class JsonReport {
  private JsonReport() {}

  static void write(Plan plan, boolean applied, Writer out) throws IOException {
    JsonWriter w = new JsonWriter(out);
    w.setHtmlSafe(false);
    w.beginObject();
    w.name("in_sync").value(plan.inSync());
    w.name("applied").value(applied);
    w.name("one_view").value(plan.oneSource);
    w.name("grace_seconds").value(plan.graceSeconds);
    w.name("ips").value(plan.ipCount);
    w.name("journal_entries").value(plan.entryCount);
    w.name("ranges").value(plan.rangeCount);
    int repairs = 0;
    for (Action a : plan.actions) {
      repairs += a.repairs() ? 1 : 0;
    }
    w.name("to_repair").value(repairs);
    w.name("to_report").value(plan.actions.size() - repairs);
    w.name("failed").value(plan.failures());
    w.name("actions");
    actions(w, plan.actions);
    w.name("deferred");
    actions(w, plan.deferred);
    w.name("notes").beginArray();
    for (String n : plan.notes) {
      w.value(n);
    }
    w.endArray();
    w.endObject();
    w.flush();
    out.write('\n');
    out.flush();
  }

  private static void actions(JsonWriter w, List<Action> actions) throws IOException {
    w.beginArray();
    for (Action a : actions) {
      w.beginObject();
      w.name("kind").value(a.kind);
      w.name("fip_id").value(a.fipId);
      w.name("ip").value(a.ip);
      if (a.fipId6 != null) {
        w.name("fip_id6").value(a.fipId6);
        w.name("ip6").value(a.ip6);
      }
      w.name("reason").value(a.reason);
      w.name("fix").value(a.fix());
      if (a.entryId != null) {
        w.name("entry_id").value(a.entryId);
      }
      if (a.range != null) {
        w.name("vnet_id").value(a.range.vnetId);
        w.name("ar_id").value(a.range.arId);
      }
      if (a.targetServer != null) {
        w.name("server_id").value(a.targetServer);
      }
      if (a.result != null) {
        w.name("result").value(a.result);
      }
      w.endObject();
    }
    w.endArray();
  }
}
