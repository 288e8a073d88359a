package dev.scwflexip.reconcile;

import dev.scwflexip.cli.Command;
import dev.scwflexip.cli.DriverException;
import dev.scwflexip.cli.Invocation;

/** Placeholder until this command lands. */
public final class ReconcileCommand implements Command {
  @Override
  public String name() {
    return "reconcile";
  }

  @Override
  public String summary() {
    return "compare Scaleway, the journal and OpenNebula; plan and repair drift";
  }

  @Override
  public int run(Invocation inv, String[] args) {
    throw new DriverException("scw-flexip reconcile: not implemented yet");
  }
}
