package dev.scwflexip.cli;

/** Placeholder: the five IPAM actions. */
final class IpamCommand implements Command {
  @Override
  public String name() {
    return "ipam";
  }

  @Override
  public String summary() {
    return "the five IPAM actions oned runs (stdin: base64 driver message)";
  }

  @Override
  public int run(Invocation inv, String[] args) {
    throw new DriverException("not implemented yet");
  }
}
