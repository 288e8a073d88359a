package dev.scwflexip.reconcile;

import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One reconcile run: read the three views, plan, and apply unless only checking. */
public final class Reconciler {
  private final FlexibleIpApi readApi;
  private final ApiOpener actionApis;
  private final int actionDeadlineSeconds;
  private final Journal journal;
  private final String projectId;
  private final String cloud;
  private final String macType;
  private final Map<String, String> hostServers;
  private int attempts = 3;
  private long backoffMillis = 1000;
  private boolean repairOnly;
  private java.util.function.IntConsumer progress;

  public Reconciler(FlexibleIpApi readApi, ApiOpener actionApis, int actionDeadlineSeconds, Journal journal,
      String projectId, String cloud, String macType, Map<String, String> hostServers) {
    this.readApi = readApi;
    this.actionApis = actionApis;
    this.actionDeadlineSeconds = actionDeadlineSeconds;
    this.journal = journal;
    this.projectId = projectId;
    this.cloud = cloud;
    this.macType = macType;
    this.hostServers = hostServers;
  }

  public Reconciler retries(int attempts, long backoffMillis) {
    this.attempts = attempts;
    this.backoffMillis = backoffMillis;
    return this;
  }

  /**
   * Only the attachment repairs ({@link Action#ATTACHMENT_KINDS}): what the periodic repair runs.
   * Nothing is deleted and the journal is left alone; everything else is for a full reconcile.
   */
  public Reconciler repairOnly(boolean on) {
    this.repairOnly = on;
    return this;
  }

  /** Told how many IPs were read so far, page by page. */
  public Reconciler progress(java.util.function.IntConsumer listener) {
    this.progress = listener;
    return this;
  }

  public Plan run(OneView one, VmHosts vmHosts, long graceSeconds, boolean check) {
    // IPs first, journal second: a create is journaled before it is sent, so every IP of ours in
    // the list already has its entry in the journal read afterwards.
    ScalewayView scaleway = ScalewayView.load(readApi, projectId, cloud, progress);
    List<JournalEntry> entries = journal.entries();
    Plan plan = new Planner(scaleway, entries, one, readApi, projectId, hostServers, vmHosts, graceSeconds,
        Instant.now()).plan();
    if (repairOnly) {
      int before = plan.actions.size();
      plan.actions.removeIf(a -> !Action.ATTACHMENT_KINDS.contains(a.kind));
      plan.deferred.removeIf(a -> !Action.ATTACHMENT_KINDS.contains(a.kind));
      if (before > plan.actions.size()) {
        plan.notes.add((before - plan.actions.size()) + " other finding(s) left for a full reconcile (repair-only run)");
      }
    }
    if (!check) {
      new Applier(actionApis, projectId, actionDeadlineSeconds, journal, macType, attempts, backoffMillis).apply(plan);
    }
    return plan;
  }
}
