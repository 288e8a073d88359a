package dev.scwflexip.vnm;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vnm post}: makes sure each of the VM's Flexible IPs is attached to this host's server,
 * moving it from another server if needed. oned runs post once the VM runs here: after a deploy,
 * a resume or a hot-attach, and at the end of a live migration (the memory copy is done and the
 * VM runs on this host now). So this is where a migrating VM's address follows it, and the time
 * the address is dark is the detach plus the attach, nothing more. There is nothing to roll back:
 * the VM is here, and an IP elsewhere is of no use to it. oned only logs a failed post during a
 * migration; the periodic repair ({@code reconcile --repair-only}) puts such an IP right.
 */
final class PostAction {
  private final HookContext ctx;

  PostAction(HookContext ctx) {
    this.ctx = ctx;
  }

  void run(List<Target> targets) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (MacGroup g : MacGroup.of(targets)) {
      tasks.add(() -> moveHere(g));
    }
    List<Throwable> failures = Concurrently.run(tasks);
    if (!failures.isEmpty()) {
      String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "";
      throw new DriverException("scw-flexip: " + HookContext.cause(failures.get(0)) + more);
    }
  }

  private Void moveHere(MacGroup group) {
    try (FlexibleIpApi api = ctx.openForGroup(); FipLock lock = ctx.lock(group)) {
      List<FlexibleIp> now = group.settledStates(ctx, api);
      List<String> toAttach = MacGroup.notAttachedTo(now, ctx.serverId);
      if (toAttach.isEmpty()) {
        ctx.info(group.label() + " is already attached to this server");
        group.clearPending(ctx);
        group.warnMac(ctx, now);
        return null;
      }
      String elsewhere = MacGroup.otherServer(now, ctx.serverId);
      ctx.reserve(api, elsewhere == null ? 2 : 4, "move " + group.addresses() + " to this server");
      if (elsewhere != null) {
        List<String> away = new ArrayList<>();
        for (FlexibleIp f : now) {
          if (f.serverId != null && !f.serverId.equals(ctx.serverId)) {
            away.add(f.id);
          }
        }
        ctx.info(group.addresses(away) + " is on server " + elsewhere + ": moving it to this server");
        api.detach(away);
        for (String id : away) {
          api.waitUntil(id, new States.OffServer(elsewhere), "detached from server " + elsewhere);
        }
      }
      group.warnMac(ctx, group.attachHere(ctx, api, toAttach));
      return null;
    } catch (RuntimeException e) {
      throw new DriverException("cannot attach " + group.addresses() + " to server " + ctx.serverId + ": "
          + HookContext.cause(e), e);
    }
  }
}
