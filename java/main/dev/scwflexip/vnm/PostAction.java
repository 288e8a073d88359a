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
    List<String> attachedHere = new ArrayList<>();
    String[] undone = {""};
    try (FlexibleIpApi api = ctx.openForGroup(); FipLock lock = ctx.lock(group)) {
      try {
        move(group, api, attachedHere);
      } catch (RuntimeException e) {
        undone[0] = unsplit(group, attachedHere);
        throw e;
      }
      return null;
    } catch (RuntimeException e) {
      throw new DriverException("cannot attach " + group.addresses() + " to server " + ctx.serverId + ": "
          + HookContext.cause(e) + undone[0], e);
    }
  }

  private void move(MacGroup group, FlexibleIpApi api, List<String> attachedHere) {
    List<FlexibleIp> now = group.settledStates(ctx, api);
    List<String> toAttach = MacGroup.notAttachedTo(now, ctx.serverId);
    if (toAttach.isEmpty()) {
      group.alreadyHere(ctx, api);
      return;
    }
    String elsewhere = MacGroup.otherServer(now, ctx.serverId);
    int calls = MacGroup.calls(now, toAttach).size();
    ctx.reserve(api, elsewhere == null ? calls + 1 : 2 * calls + 2, "move " + group.addresses() + " to this server");
    if (elsewhere != null) {
      List<String> away = new ArrayList<>();
      for (FlexibleIp f : now) {
        if (f.serverId != null && !f.serverId.equals(ctx.serverId)) {
          away.add(f.id);
        }
      }
      ctx.info(group.addresses(away) + " is on server " + elsewhere + ": moving it to this server");
      for (List<String> call : MacGroup.calls(now, away)) {
        api.detach(call);
      }
      for (String id : away) {
        api.waitUntil(id, new States.OffServer(elsewhere), "detached from server " + elsewhere);
      }
      now = group.settledStates(ctx, api);
    }
    group.warnMac(ctx, group.attachHere(ctx, api, now, toAttach, attachedHere));
  }

  /**
   * After a failure: the two IPs of a pair must not stay on different servers, so what this run
   * attached here is detached again when they ended up apart. Returns a note for the error line.
   */
  private String unsplit(MacGroup group, List<String> attachedHere) {
    if (!group.isPair() || attachedHere.isEmpty()) {
      return "";
    }
    try (FlexibleIpApi api = ctx.opener.open(ctx.end)) {
      List<FlexibleIp> now = group.settledStates(ctx, api);
      if (now.get(0).serverId == null ? now.get(1).serverId == null : now.get(0).serverId.equals(now.get(1).serverId)) {
        return "";
      }
      List<String> detached = group.detachFrom(ctx, api, attachedHere, ctx.serverId, true);
      return detached.isEmpty() ? "" : "; detached " + group.addresses(detached) + " again so the pair is not split";
    } catch (RuntimeException e) {
      return "; could not detach " + group.addresses(attachedHere) + " again (" + HookContext.cause(e)
          + "): the pair is split, 'scw-flexip reconcile --repair-only' or the next post moves it";
    }
  }
}
