package dev.scwflexip.vnm;

import dev.scwflexip.cli.DriverException;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vnm clean}: detaches the VM's Flexible IPs from this host's server, and only from it.
 * clean also runs on the source host after a live migration, when the IP is already on the
 * destination's server: that, an IP already detached, or one that no longer exists, is success.
 * Nothing is ever deleted here.
 */
final class CleanAction {
  private final HookContext ctx;

  CleanAction(HookContext ctx) {
    this.ctx = ctx;
  }

  void run(List<Target> targets) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (MacGroup g : MacGroup.of(targets)) {
      tasks.add(new DetachGroup(g));
    }
    List<Throwable> failures = Concurrently.run(tasks);
    if (!failures.isEmpty()) {
      String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "";
      throw new DriverException("scw-flexip: " + HookContext.cause(failures.get(0)) + more);
    }
  }

  private final class DetachGroup implements Callable<Void> {
    private final MacGroup group;

    DetachGroup(MacGroup group) {
      this.group = group;
    }

    @Override
    public Void call() {
      try (FipLock lock = ctx.lock(group)) {
        detach();
        return null;
      } catch (RuntimeException e) {
        throw new DriverException("cannot detach " + group.addresses() + " from server " + ctx.serverId + ": "
            + HookContext.cause(e), e);
      }
    }

    private void detach() {
      FlexibleIpApi api = ctx.api;
      List<String> ours = new ArrayList<>();
      for (String id : group.ids()) {
        Nic nic = group.member(id).nic;
        FlexibleIp f = current(api, id);
        if (f == null) {
          ctx.info(nic.label() + ": Flexible IP " + id + " no longer exists, nothing to detach");
        } else if (f.serverId == null) {
          ctx.info(nic.label() + ": Flexible IP " + id + " is not attached, nothing to do");
        } else if (!ctx.serverId.equals(f.serverId)) {
          ctx.info(nic.label() + ": Flexible IP " + id + " is on server " + f.serverId + ", not this one; left there");
        } else {
          ours.add(id);
        }
      }
      if (ours.isEmpty()) {
        return;
      }
      try {
        api.detach(ours);
      } catch (ApiException e) {
        if (!e.isGone()) {
          throw e;
        }
      }
      for (String id : ours) {
        try {
          api.waitUntil(id, new States.OffServer(ctx.serverId), "detached from server " + ctx.serverId);
          ctx.info(group.member(id).nic.label() + ": detached Flexible IP " + id + " from server " + ctx.serverId);
        } catch (ApiException e) {
          if (!e.isGone()) {
            throw e;
          }
          ctx.info(group.member(id).nic.label() + ": Flexible IP " + id + " no longer exists");
        }
      }
    }

    /** The settled state, or null when the IP is gone. */
    private FlexibleIp current(FlexibleIpApi api, String id) {
      try {
        FlexibleIp f = api.get(id);
        return f.isTransient() ? api.waitUntil(id, new States.Settled(), "settled") : f;
      } catch (ApiException e) {
        if (e.isGone()) {
          return null;
        }
        throw e;
      }
    }
  }
}
