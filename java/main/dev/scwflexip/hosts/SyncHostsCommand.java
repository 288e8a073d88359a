package dev.scwflexip.hosts;

import dev.scwflexip.cli.Command;
import dev.scwflexip.cli.DriverException;
import dev.scwflexip.cli.Invocation;

/** Placeholder until this command lands. */
public final class SyncHostsCommand implements Command {
  @Override
  public String name() {
    return "sync-hosts";
  }

  @Override
  public String summary() {
    return "run 'onehost sync --force' as oneadmin on the frontend";
  }

  @Override
  public int run(Invocation inv, String[] args) {
    throw new DriverException("scw-flexip sync-hosts: not implemented yet");
  }
}
