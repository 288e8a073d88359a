package dev.scwflexip.cli;

/** Placeholder: the class-data-sharing training run. */
final class WarmupCommand implements Command {
  @Override
  public String name() {
    return "warmup";
  }

  @Override
  public String summary() {
    return "exercise the code paths offline (used to build the class-data-sharing archive)";
  }

  @Override
  public int run(Invocation inv, String[] args) {
    return Main.OK;
  }
}
