package dev.scwflexip.reconcile;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.journal.Journal;
import dev.scwflexip.journal.JournalEntry;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.Gone;
import java.util.List;

/**
 * Carries out a plan, one action at a time, each with a few attempts and its own API deadline
 * (a fresh client per attempt). Steps run in order and stop at the first failure, so an entry is
 * never dropped while its IP could not be deleted. Every journal change goes through
 * {@link Journal#update} and only applies if the entry is still in the state the plan saw.
 */
public final class Applier {
  private final ApiOpener opener;
  private final String projectId;
  private final int actionDeadlineSeconds;
  private final Journal journal;
  private final String macType;
  private final int attempts;
  private final long backoffMillis;

  public Applier(ApiOpener opener, String projectId, int actionDeadlineSeconds, Journal journal, String macType,
      int attempts, long backoffMillis) {
    this.opener = opener;
    this.projectId = projectId;
    this.actionDeadlineSeconds = actionDeadlineSeconds;
    this.journal = journal;
    this.macType = macType;
    this.attempts = attempts;
    this.backoffMillis = backoffMillis;
  }

  public void apply(Plan plan) {
    for (Action a : plan.actions) {
      a.result = a.repairs() ? attempt(a) : "reported";
    }
  }

  private String attempt(Action a) {
    String last = null;
    for (int i = 1; i <= attempts; i++) {
      try {
        return run(a);
      } catch (DriverException e) {
        last = e.getMessage();
      }
      if (i < attempts) {
        sleep(backoffMillis * i);
      }
    }
    return "failed: " + last + " (after " + attempts + " attempts)";
  }

  private String run(Action a) {
    if (a.entryId != null && !entryUnchanged(a)) {
      return "skipped: journal entry " + a.entryId + " changed since the plan was made";
    }
    FlexibleIpApi api = null;
    try {
      for (String step : a.steps) {
        if (!step.equals(Action.DROP_ENTRY) && !step.equals(Action.MARK_ACTIVE) && api == null) {
          api = opener.open(Deadline.afterSeconds(actionDeadlineSeconds));
        }
        switch (step) {
          case Action.DELETE_IP: deleteIp(api, a.fipId); break;
          case Action.DROP_ENTRY: dropEntry(a); break;
          case Action.MARK_ACTIVE: markActive(a); break;
          case Action.MOVE_IP: moveIp(api, a.fipId, a.targetServer); break;
          case Action.GENERATE_MAC: generateMac(api, a.fipId); break;
          case Action.DETACH_IP: detachFrom(api, a.fipId, a.targetServer); break;
          default: throw new IllegalStateException("unknown step " + step);
        }
      }
      return "done";
    } finally {
      if (api != null) {
        api.close();
      }
    }
  }

  /** Detach first (and wait), then delete; an IP that is confirmed gone counts as deleted. */
  private void deleteIp(FlexibleIpApi api, String id) {
    try {
      FlexibleIp f = Gone.getOrNull(api, projectId, id);
      if (f == null) {
        return;
      }
      if (f.isTransient()) {
        f = api.waitUntil(id, x -> !x.isTransient(), "IP " + id + " to leave " + f.status);
      }
      if (f.serverId != null || "attached".equals(f.status)) {
        api.detach(List.of(id));
        api.waitUntil(id, x -> x.serverId == null && !x.isTransient(), "IP " + id + " to detach");
      }
      Gone.delete(api, projectId, id);
    } catch (ApiException e) {
      if (!Gone.confirmed(api, projectId, id, e)) {
        throw e;
      }
    }
  }

  /**
   * Detaches the IP if it is still on the server the plan saw it on, checked right before; if
   * the detach answer shows it had moved elsewhere in the meantime, it is attached back there.
   */
  private void detachFrom(FlexibleIpApi api, String id, String server) {
    FlexibleIp f = Gone.getOrNull(api, projectId, id);
    if (f != null && f.isTransient()) {
      f = api.waitUntil(id, x -> !x.isTransient(), "IP " + id + " to settle");
    }
    if (f == null || !server.equalsIgnoreCase(String.valueOf(f.serverId))) {
      return;
    }
    for (FlexibleIp after : api.detach(List.of(id))) {
      if (after.serverId != null && !after.serverId.equalsIgnoreCase(server)) {
        api.waitUntil(id, x -> x.serverId == null && !x.isTransient(), "IP " + id + " to detach");
        api.attach(List.of(id), after.serverId);
        api.waitUntil(id, x -> "attached".equals(x.status) && after.serverId.equals(x.serverId),
            "IP " + id + " to attach back to server " + after.serverId);
        return;
      }
    }
    api.waitUntil(id, x -> !server.equalsIgnoreCase(String.valueOf(x.serverId)) && !x.isTransient(),
        "IP " + id + " to detach from server " + server);
  }

  private void moveIp(FlexibleIpApi api, String id, String server) {
    FlexibleIp f = api.get(id);
    if (f.isTransient()) {
      f = api.waitUntil(id, x -> !x.isTransient(), "IP " + id + " to leave " + f.status);
    }
    if (server.equalsIgnoreCase(String.valueOf(f.serverId))) {
      return;
    }
    if (f.serverId != null) {
      api.detach(List.of(id));
      api.waitUntil(id, x -> x.serverId == null && !x.isTransient(), "IP " + id + " to detach");
    }
    api.attach(List.of(id), server);
    api.waitUntil(id, x -> "attached".equals(x.status) && server.equalsIgnoreCase(String.valueOf(x.serverId)),
        "IP " + id + " to attach to server " + server);
  }

  private void generateMac(FlexibleIpApi api, String id) {
    FlexibleIp f = api.get(id);
    if (f.mac != null || f.isTransient()) {
      return;
    }
    api.generateMac(id, macType);
    api.waitUntil(id, x -> x.mac != null && !x.isTransient(), "IP " + id + " to get its MAC");
  }

  private boolean entryUnchanged(Action a) {
    for (JournalEntry e : journal.entries()) {
      if (a.entryId.equals(e.id())) {
        return a.entryState == null || a.entryState.equals(e.stateWord());
      }
    }
    // gone already: only a drop is still meaningful, and it is then a no-op
    return !a.steps.contains(Action.MARK_ACTIVE);
  }

  private void dropEntry(Action a) {
    journal.update(entries -> entries.removeIf(e -> a.entryId.equals(e.id()) && a.entryState.equals(e.stateWord())));
  }

  private void markActive(Action a) {
    journal.update(entries -> {
      for (JournalEntry e : entries) {
        if (a.entryId.equals(e.id()) && a.entryState.equals(e.stateWord())) {
          e.completed(a.fipId, a.ip, Journal.now());
        }
      }
      return null;
    });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException("interrupted");
    }
  }
}
