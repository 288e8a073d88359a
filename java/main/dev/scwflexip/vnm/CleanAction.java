package dev.scwflexip.vnm;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.stats.PendingDetach;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vnm clean}: detaches the VM's Flexible IPs from this host's server, and only from it.
 * clean also runs on the source host after a live migration, when the IP may already be on the
 * destination's server: that, an IP already detached, or one that no longer exists, is success.
 * Nothing is ever deleted here.
 *
 * <p>An API outage does not fail clean: for terminate and poweroff oned would otherwise keep the
 * VM RUNNING, so users could not delete VMs while the API is down. The detach that could not be
 * done is logged as a warning and noted ({@link PendingDetach}); an IP left on a server is
 * harmless, and reconcile detaches an IP no VM holds.
 */
final class CleanAction {
  private final HookContext ctx;
  /** False on a live migration's source: the detach is sent, and post on the destination waits for it. */
  private final boolean waitForDetach;

  CleanAction(HookContext ctx, boolean waitForDetach) {
    this.ctx = ctx;
    this.waitForDetach = waitForDetach;
  }

  void run(List<Target> targets) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (MacGroup g : MacGroup.of(targets)) {
      tasks.add(() -> detach(g));
    }
    List<Throwable> failures = Concurrently.run(tasks);
    if (!failures.isEmpty()) {
      String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "";
      throw new DriverException("scw-flexip: " + HookContext.cause(failures.get(0)) + more);
    }
  }

  private Void detach(MacGroup group) {
    try (FipLock lock = ctx.lock(group)) {
      try (FlexibleIpApi api = ctx.openForGroup()) {
        group.detachFrom(ctx, api, group.ids(), ctx.serverId, waitForDetach);
        group.clearPending(ctx);
      } catch (ApiException e) {
        if (!e.isOutage()) {
          throw e;
        }
        leaveForLater(ctx, group.ids(), e);
      }
      return null;
    } catch (RuntimeException e) {
      throw new DriverException("cannot detach " + group.addresses() + " from server " + ctx.serverId + ": "
          + HookContext.cause(e), e);
    }
  }

  /** The API is out: say so, note it, and let the VM go. */
  static void leaveForLater(HookContext ctx, List<String> ids, ApiException e) {
    for (String id : ids) {
      ctx.warn("clean: could not detach Flexible IP " + id + " from server " + ctx.serverId + " ("
          + HookContext.cause(e) + "); it stays attached there until reconcile or the next pre/post moves it");
      PendingDetach.record(ctx.config.runtimeDir, id, ctx.serverId, HookContext.cause(e));
    }
  }
}
