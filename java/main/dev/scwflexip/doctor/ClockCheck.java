package dev.scwflexip.doctor;

import dev.scwflexip.scaleway.ApiDate;
import java.time.Duration;

/**
 * This host's clock against the API's {@code Date} header: within {@value #TOLERANCE_SECONDS} s.
 * Reconcile's grace period compares this clock with the API's timestamps, so a clock minutes off
 * makes fresh IPs look old. The header has whole seconds and the answer took a moment to arrive,
 * so a right clock reads up to about a second ahead.
 */
final class ClockCheck {
  static final String NAME = "clock";
  static final long TOLERANCE_SECONDS = 5;

  private ClockCheck() {}

  /** {@code date} null: the API gave no answer with a Date header. */
  static Check run(ApiDate date) {
    if (date == null) {
      return Check.warn(NAME, "not checked: no answer from the API carried a Date header", "fix the api check first");
    }
    Duration skew = date.skew();
    if (skew == null) {
      return Check.warn(NAME, "not checked: the API's Date header '" + date.header() + "' is not an RFC 1123 date", "");
    }
    long ms = skew.toMillis();
    String how = Math.abs(ms) < 1000 ? "within a second of" : Math.abs(ms) / 1000 + " s " + (ms > 0 ? "ahead of" : "behind");
    String detail = "this host's clock is " + how + " the API's (Date: " + date.header() + ")";
    if (Math.abs(ms) > TOLERANCE_SECONDS * 1000) {
      return Check.fail(NAME, detail, "synchronise the clock (systemd-timesyncd or chrony, with NTP reachable)");
    }
    return Check.ok(NAME, detail);
  }
}
