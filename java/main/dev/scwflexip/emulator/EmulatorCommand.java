package dev.scwflexip.emulator;

import dev.scwflexip.cli.Command;
import dev.scwflexip.cli.DriverException;
import dev.scwflexip.cli.Invocation;

/** Placeholder until this command lands. */
public final class EmulatorCommand implements Command {
  @Override
  public String name() {
    return "emulator";
  }

  @Override
  public String summary() {
    return "offline Scaleway Flexible IP API on a loopback port";
  }

  @Override
  public int run(Invocation inv, String[] args) {
    throw new DriverException("scw-flexip emulator: not implemented yet");
  }
}
