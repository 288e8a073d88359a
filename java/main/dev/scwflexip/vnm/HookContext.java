package dev.scwflexip.vnm;

import dev.scwflexip.cli.Invocation;
import dev.scwflexip.config.Config;
import dev.scwflexip.scaleway.ApiOpener;
import dev.scwflexip.scaleway.Deadline;
import dev.scwflexip.scaleway.FlexibleIpApi;

/**
 * What one hook run works with. The run has two deadlines: {@code work} for the attach or detach
 * itself, and the later {@code end} for the whole action, which leaves room to roll back when the
 * work runs out of time.
 */
final class HookContext {
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

  void info(String message) {
    inv.info(message);
  }

  /** A cause for an error line: the API's own one line, without a repeated program prefix. */
  static String cause(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.startsWith("scw-flexip: ") ? m.substring("scw-flexip: ".length()) : m;
  }
}
