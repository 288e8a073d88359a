package dev.scwflexip.scaleway;

import java.util.concurrent.atomic.AtomicLong;

/** Real time plus every pause taken, which takes no real time: backoff tests run at full speed. */
final class VirtualClock implements Clock {
  final AtomicLong slept = new AtomicLong();

  @Override
  public long nanoTime() {
    return System.nanoTime() + slept.get() * 1_000_000L;
  }

  @Override
  public void sleep(long millis) {
    slept.addAndGet(millis);
  }
}
