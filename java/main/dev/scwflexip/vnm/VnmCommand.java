package dev.scwflexip.vnm;

import dev.scwflexip.cli.Command;
import dev.scwflexip.cli.DriverException;
import dev.scwflexip.cli.Invocation;

/** Placeholder until this command lands. */
public final class VnmCommand implements Command {
  @Override
  public String name() {
    return "vnm";
  }

  @Override
  public String summary() {
    return "bridge hooks: 'vnm pre' attaches, 'vnm clean [HOST]' detaches (stdin: base64 VM XML)";
  }

  @Override
  public int run(Invocation inv, String[] args) {
    throw new DriverException("scw-flexip vnm: not implemented yet");
  }
}
