package dev.scwflexip.vnm;

import dev.scwflexip.scaleway.FlexibleIp;
import java.util.function.Predicate;

/** The states the hooks wait for. */
final class States {
  private States() {}

  static boolean attachedTo(FlexibleIp f, String serverId) {
    return "attached".equals(f.status) && serverId.equals(f.serverId);
  }

  /** No operation in flight. */
  static final class Settled implements Predicate<FlexibleIp> {
    @Override
    public boolean test(FlexibleIp f) {
      return !f.isTransient();
    }
  }

  static final class AttachedTo implements Predicate<FlexibleIp> {
    private final String serverId;

    AttachedTo(String serverId) {
      this.serverId = serverId;
    }

    @Override
    public boolean test(FlexibleIp f) {
      return attachedTo(f, serverId);
    }
  }

  /** Settled and no longer on the given server (detached, or since moved elsewhere). */
  static final class OffServer implements Predicate<FlexibleIp> {
    private final String serverId;

    OffServer(String serverId) {
      this.serverId = serverId;
    }

    @Override
    public boolean test(FlexibleIp f) {
      return !f.isTransient() && !serverId.equals(f.serverId);
    }
  }
}
