package dev.scwflexip.reconcile;

import java.io.PrintStream;

/**
 * Progress of reading the project's Flexible IPs, for a person watching: one line per page on
 * stderr (never stdout, which holds the report), and nothing at all unless asked or on a terminal.
 */
final class Progress {
  private final PrintStream err;
  private final boolean on;
  private final long start = System.nanoTime();
  private int pages;

  Progress(PrintStream err, boolean on) {
    this.err = err;
    this.on = on;
  }

  void read(int soFar) {
    pages++;
    if (on) {
      err.println("INFO: reading Flexible IPs: " + soFar + " after " + pages + (pages == 1 ? " page" : " pages")
          + " (" + (System.nanoTime() - start) / 1_000_000_000L + " s)");
    }
  }

  void done() {
    if (on && pages > 0) {
      err.println("INFO: read " + pages + (pages == 1 ? " page" : " pages") + " in "
          + (System.nanoTime() - start) / 1_000_000L + " ms");
    }
  }
}
