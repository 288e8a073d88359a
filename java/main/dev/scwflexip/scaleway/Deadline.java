package dev.scwflexip.scaleway;

/** A point in time after which no more API calls or waits may start. */
public final class Deadline {
  private final long endNanos;

  private Deadline(long endNanos) {
    this.endNanos = endNanos;
  }

  public static Deadline afterMillis(long millis) {
    return new Deadline(System.nanoTime() + millis * 1_000_000L);
  }

  public static Deadline afterSeconds(long seconds) {
    return afterMillis(seconds * 1000L);
  }

  public long remainingMillis() {
    return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000L);
  }

  public boolean expired() {
    return System.nanoTime() >= endNanos;
  }
}
