package dev.scwflexip.vnm;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.config.Config;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.Gone;

/**
 * What one hook run works with. The run has two deadlines: {@code work} for the attach or detach
 * itself, and the later {@code end} for the whole action, which leaves room to roll back when the
 * work runs out of time. {@code api} belongs to the thread that started the run; each MAC group,
 * which may run on a thread of its own, opens its own client with {@link #openForGroup}.
 */
final class HookContext {
  /** The least time one API call is assumed to take when deciding whether a change still fits. */
  static final long MIN_CALL_MILLIS = 250;

  final Invocation inv;
  final Config config;
  /** This host's Elastic Metal server. */
  final String serverId;
  final FlexibleIpApi api;
  final ApiOpener opener;
  final Deadline work;
  final Deadline end;

  HookContext(Invocation inv, Config config, String serverId, FlexibleIpApi api, ApiOpener opener,
      Deadline work, Deadline end) {
    this.inv = inv;
    this.config = config;
    this.serverId = serverId;
    this.api = api;
    this.opener = opener;
    this.work = work;
    this.end = end;
  }

  FipLock lock(MacGroup group) {
    long wait = Math.min(config.lockTimeoutSeconds * 1000L, work.remainingMillis());
    return FipLock.acquire(config.runtimeDir, group.ids(), wait);
  }

  FlexibleIpApi openForGroup() {
    return opener.open(work);
  }

  /** The IP's state once no operation is in flight on it; null when it is confirmed gone. */
  FlexibleIp settled(FlexibleIpApi groupApi, String id) {
    FlexibleIp f = Gone.getOrNull(groupApi, config.projectId, id);
    if (f != null && f.isTransient()) {
      f = groupApi.waitUntil(id, new States.Settled(), "settled");
    }
    return f;
  }

  /**
   * Refuses to start a change of {@code calls} API calls unless it and its undo still fit before
   * the end of the run at the API's current pace: a change that cannot be undone in time would
   * leave an IP half moved when the run gives up.
   */
  void reserve(FlexibleIpApi groupApi, int calls, String what) {
    long perCall = Math.max(MIN_CALL_MILLIS, Math.max(groupApi.slowestCallMillis(), api.slowestCallMillis()));
    long need = 2L * calls * perCall;
    if (end.remainingMillis() < need) {
      throw new DriverException("not enough time left to " + what + " and undo it if it fails (API calls take up to "
          + (perCall + 999) / 1000 + " s now, " + end.remainingMillis() / 1000 + " s left); nothing was changed");
    }
  }

  void info(String message) {
    inv.info(message);
  }

  /** A warning for oned's log (WARN: lines never become part of the user-facing error). */
  void warn(String message) {
    inv.err.println("WARN: " + message);
  }

  /** A cause for an error line: the API's own one line, without a repeated program prefix. */
  static String cause(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.startsWith("scw-flexip: ") ? m.substring("scw-flexip: ".length()) : m;
  }
}
