package dev.scwflexip.onedconf;

import dev.scwflexip.cli.Command;
import dev.scwflexip.cli.DriverException;
import dev.scwflexip.cli.Invocation;

/** Placeholder until this command lands. */
public final class OnedConfCommand implements Command {
  @Override
  public String name() {
    return "oned-conf";
  }

  @Override
  public String summary() {
    return "add the driver to oned.conf (IPAM_MAD -i list, INHERIT_VNET_ATTR)";
  }

  @Override
  public int run(Invocation inv, String[] args) {
    throw new DriverException("scw-flexip oned-conf: not implemented yet");
  }
}
