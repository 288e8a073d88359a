package dev.scwflexip.scaleway;

/** A point in time after which no more API calls or waits may start. */
public final class Deadline {
  private final long endNanos;
  private final Clock clock;

  private Deadline(long endNanos, Clock clock) {
    this.endNanos = endNanos;
    this.clock = clock;
  }

  public static Deadline afterMillis(long millis) {
    return afterMillis(millis, Clock.SYSTEM);
  }

  public static Deadline afterMillis(long millis, Clock clock) {
    return new Deadline(clock.nanoTime() + millis * 1_000_000L, clock);
  }

  public static Deadline afterSeconds(long seconds) {
    return afterMillis(seconds * 1000L);
  }

  public long remainingMillis() {
    return Math.max(0, (endNanos - clock.nanoTime()) / 1_000_000L);
  }

  public boolean expired() {
    return clock.nanoTime() >= endNanos;
  }

  /** The clock this deadline is measured on; the client pauses on it too. */
  Clock clock() {
    return clock;
  }
}
