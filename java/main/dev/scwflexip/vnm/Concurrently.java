package dev.scwflexip.vnm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Runs a few tasks at the same time and waits for all of them. Each task bounds itself with the
 * action's deadline, so waiting for all of them is bounded too.
 */
final class Concurrently {
  static final int MAX_THREADS = 8;

  private Concurrently() {}

  /** The failures, in task order; empty when every task succeeded. */
  static List<Throwable> run(List<Callable<Void>> tasks) {
    List<Throwable> failures = new ArrayList<>();
    if (tasks.size() == 1) {
      try {
        tasks.get(0).call();
      } catch (Exception e) {
        failures.add(e);
      }
      return failures;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(tasks.size(), MAX_THREADS), new Daemons());
    try {
      for (Future<Void> f : pool.invokeAll(tasks)) {
        try {
          f.get();
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(e);
    } finally {
      pool.shutdownNow();
    }
    return failures;
  }

  /** Daemon threads: a stuck call must never keep the hook's JVM alive after it has answered. */
  private static final class Daemons implements ThreadFactory {
    private int count;

    @Override
    public synchronized Thread newThread(Runnable r) {
      Thread t = new Thread(r, "scw-flexip-group-" + (++count));
      t.setDaemon(true);
      return t;
    }
  }
}
