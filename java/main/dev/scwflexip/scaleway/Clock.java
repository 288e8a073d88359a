package dev.scwflexip.scaleway;

/**
 * Time as a {@link Deadline} and the client see it: the system's, or in tests one whose pauses
 * take no real time, so that a test of backoff and deadlines does not depend on how busy the
 * machine is.
 */
public interface Clock {
  long nanoTime();

  void sleep(long millis) throws InterruptedException;

  Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
      Thread.sleep(millis);
    }
  };
}
