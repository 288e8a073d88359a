package dev.scwflexip.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * What the planner found: drift to act on or report ({@link #actions}), things left alone this
 * run because they may be in flight ({@link #deferred}), and notes about the views themselves.
 */
public final class Plan {
  public final List<Action> actions = new ArrayList<>();
  public final List<Action> deferred = new ArrayList<>();
  public final List<String> notes = new ArrayList<>();
  public int ipCount;
  public int entryCount;
  public int rangeCount;
  public String oneSource;
  public long graceSeconds;

  public boolean inSync() {
    return actions.isEmpty();
  }

  public int failures() {
    int n = 0;
    for (Action a : actions) {
      if (a.failed()) {
        n++;
      }
    }
    return n;
  }
}
