package dev.scwflexip.scaleway;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to pause between attempts and between status polls. Retries use exponential backoff
 * with full jitter (a random pause from zero up to the current cap), so that several drivers hit
 * by the same outage do not come back in step. Tests build one with tiny values.
 */
public final class RetryPolicy {
  /** Cap of the first retry pause; it doubles on every further retry. */
  public final long baseDelayMillis;
  public final long maxDelayMillis;
  /** A server's {@code Retry-After} is honoured up to this. */
  public final long retryAfterCapMillis;
  public final long pollFirstMillis;
  public final long pollMaxMillis;
  public final double pollFactor;

  public RetryPolicy(long baseDelayMillis, long maxDelayMillis, long retryAfterCapMillis, long pollFirstMillis,
      long pollMaxMillis, double pollFactor) {
    this.baseDelayMillis = baseDelayMillis;
    this.maxDelayMillis = maxDelayMillis;
    this.retryAfterCapMillis = retryAfterCapMillis;
    this.pollFirstMillis = pollFirstMillis;
    this.pollMaxMillis = pollMaxMillis;
    this.pollFactor = pollFactor;
  }

  public static RetryPolicy standard() {
    return new RetryPolicy(500, 8_000, 20_000, 250, 5_000, 1.6);
  }

  /** The pause before retry number {@code retry} (0 for the first retry). */
  long backoffMillis(int retry) {
    long cap = Math.min(maxDelayMillis, baseDelayMillis << Math.min(retry, 20));
    return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
  }

  /** The pause after poll number {@code poll} (0 for the first), growing, with ±20 % jitter. */
  long pollMillis(int poll) {
    double grown = Math.min(pollMaxMillis, pollFirstMillis * Math.pow(pollFactor, Math.min(poll, 50)));
    return Math.round(grown * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
  }

  /** {@code Retry-After} in seconds, capped; -1 when absent or not a number of seconds. */
  long retryAfterMillis(String header) {
    if (header == null) {
      return -1;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 0 ? -1 : Math.min(retryAfterCapMillis, seconds * 1000L);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
