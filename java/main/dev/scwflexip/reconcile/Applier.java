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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
          case Action.DELETE_IP: deleteIps(api, a.ids()); break;
          case Action.DROP_ENTRY: dropEntry(a); break;
          case Action.MARK_ACTIVE: markActive(a); break;
          case Action.MOVE_IP: moveIps(api, a.ids(), a.targetServer); break;
          case Action.GENERATE_MAC: generateMac(api, a.fipId); break;
          case Action.DETACH_IP: detachFrom(api, a.ids(), a.targetServer); break;
          case Action.JOIN_MAC: joinMac(api, a.fipId, a.fipId6); break;
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
  private void deleteIps(FlexibleIpApi api, List<String> ids) {
    List<FlexibleIp> here = settled(api, ids);
    detach(api, here, f -> f.serverId != null || "attached".equals(f.status));
    for (FlexibleIp f : here) {
      Gone.delete(api, projectId, f.id);
    }
  }

  /** The IPs that still exist, each once no operation is in flight on it. */
  private List<FlexibleIp> settled(FlexibleIpApi api, List<String> ids) {
    List<FlexibleIp> out = new ArrayList<>();
    for (String id : ids) {
      FlexibleIp f = Gone.getOrNull(api, projectId, id);
      if (f != null && f.isTransient()) {
        FlexibleIp was = f;
        f = api.waitUntil(id, x -> !x.isTransient(), "IP " + id + " to leave " + was.status);
      }
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Detaches those of {@code fips} that {@code which} selects, one call per MAC group (a pair's
   * two IPs leave together), and waits; an IP found gone meanwhile counts as detached. Returns
   * the detach answers.
   */
  private List<FlexibleIp> detach(FlexibleIpApi api, List<FlexibleIp> fips, Predicate<FlexibleIp> which) {
    Map<String, List<String>> calls = new LinkedHashMap<>();
    for (FlexibleIp f : fips) {
      if (which.test(f)) {
        calls.computeIfAbsent(f.mac == null ? "fip:" + f.id : "mac:" + f.mac.id, k -> new ArrayList<>()).add(f.id);
      }
    }
    List<FlexibleIp> answers = new ArrayList<>();
    for (List<String> call : calls.values()) {
      try {
        answers.addAll(api.detach(call));
      } catch (ApiException e) {
        if (!Gone.confirmed(api, projectId, call.get(0), e)) {
          throw e;
        }
      }
      for (String id : call) {
        try {
          api.waitUntil(id, x -> x.serverId == null && !x.isTransient(), "IP " + id + " to detach");
        } catch (ApiException e) {
          if (!Gone.confirmed(api, projectId, id, e)) {
            throw e;
          }
        }
      }
    }
    return answers;
  }

  /**
   * Detaches the IPs if they are still on the server the plan saw them on, checked right before;
   * if the detach answer shows one had moved elsewhere in the meantime, they are attached back
   * there.
   */
  private void detachFrom(FlexibleIpApi api, List<String> ids, String server) {
    List<FlexibleIp> now = settled(api, ids);
    for (FlexibleIp after : detach(api, now, f -> server.equalsIgnoreCase(String.valueOf(f.serverId)))) {
      if (after.serverId != null && !after.serverId.equalsIgnoreCase(server)) {
        attach(api, settled(api, ids), after.serverId);
        return;
      }
    }
  }

  /** Moves the IPs (a pair as one) to {@code server}, and makes a pair one MAC group there. */
  private void moveIps(FlexibleIpApi api, List<String> ids, String server) {
    List<FlexibleIp> now = settled(api, ids);
    detach(api, now, f -> f.serverId != null && !server.equalsIgnoreCase(f.serverId));
    attach(api, settled(api, ids), server);
    if (ids.size() == 2) {
      joinMac(api, ids.get(0), ids.get(1));
    }
  }

  private void attach(FlexibleIpApi api, List<FlexibleIp> fips, String server) {
    Map<String, List<String>> calls = new LinkedHashMap<>();
    for (FlexibleIp f : fips) {
      if (!server.equalsIgnoreCase(String.valueOf(f.serverId))) {
        calls.computeIfAbsent(f.mac == null ? "fip:" + f.id : "mac:" + f.mac.id, k -> new ArrayList<>()).add(f.id);
      }
    }
    for (List<String> call : calls.values()) {
      api.attach(call, server);
    }
    for (List<String> call : calls.values()) {
      for (String id : call) {
        api.waitUntil(id, x -> "attached".equals(x.status) && server.equalsIgnoreCase(String.valueOf(x.serverId)),
            "IP " + id + " to attach to server " + server);
      }
    }
  }

  /**
   * Gives a pair's IPv6 its IPv4's MAC, checked right before: only when both are attached to one
   * server (the API's condition) and the IPv6 has no MAC of its own.
   */
  private void joinMac(FlexibleIpApi api, String v4Id, String v6Id) {
    List<FlexibleIp> now = settled(api, List.of(v4Id, v6Id));
    if (now.size() < 2) {
      return;
    }
    FlexibleIp v4 = now.get(0);
    FlexibleIp v6 = now.get(1);
    if (v4.mac == null || v6.mac != null || v4.serverId == null || !v4.serverId.equals(v6.serverId)) {
      return;
    }
    api.duplicateMac(v6Id, v4Id);
    api.waitUntil(v6Id, x -> !x.isTransient() && x.mac != null && v4.mac.id.equals(x.mac.id),
        "IP " + v6Id + " to share the MAC of " + v4Id);
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
          e.completedPair(a.fipId, a.ip, a.fipId6, a.ip6, Journal.now());
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
