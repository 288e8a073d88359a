package dev.scwflexip.vnm;

import dev.scwflexip.cli.DriverException;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code vnm pre}: attaches each of the VM's Flexible IPs to this host's server, MAC groups at the
 * same time. An IP on another server (a live migration: pre runs on the destination) is detached
 * from it first. If any group fails, what this run attached is detached again, IPs this run took
 * from another server are given back to it, and the run fails with one line.
 */
final class PreAction {
  private final HookContext ctx;
  private final AtomicBoolean failed = new AtomicBoolean();
  private final List<FipLock> locks = Collections.synchronizedList(new ArrayList<>());
  /** What this run changed, for the rollback. */
  private final List<Change> changes = Collections.synchronizedList(new ArrayList<>());

  private static final class Change {
    final MacGroup group;
    final List<String> attached;
    /** id → the server it was on before this run took it. */
    final Map<String, String> previousServer;

    Change(MacGroup group, List<String> attached, Map<String, String> previousServer) {
      this.group = group;
      this.attached = attached;
      this.previousServer = previousServer;
    }
  }

  /** Another group failed first: stop before changing anything more. */
  private static final class Aborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("aborted", null, false, false);
    }
  }

  PreAction(HookContext ctx) {
    this.ctx = ctx;
  }

  void run(List<Target> targets) {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (MacGroup g : MacGroup.of(targets)) {
      tasks.add(new AttachGroup(g));
    }
    try {
      List<Throwable> failures = Concurrently.run(tasks);
      if (!failures.isEmpty()) {
        String error = firstReal(failures);
        throw new DriverException("scw-flexip: " + error + rollback());
      }
    } finally {
      for (FipLock l : locks) {
        l.close();
      }
    }
  }

  private static String firstReal(List<Throwable> failures) {
    for (Throwable t : failures) {
      if (!(t instanceof Aborted)) {
        return HookContext.cause(t);
      }
    }
    return "aborted";
  }

  private final class AttachGroup implements Callable<Void> {
    private final MacGroup group;

    AttachGroup(MacGroup group) {
      this.group = group;
    }

    @Override
    public Void call() {
      try {
        attach();
        return null;
      } catch (Aborted e) {
        throw e;
      } catch (RuntimeException e) {
        failed.set(true);
        throw new DriverException("cannot attach " + group.addresses() + " to server " + ctx.serverId + ": "
            + HookContext.cause(e), e);
      }
    }

    private void attach() {
      locks.add(ctx.lock(group));
      FlexibleIpApi api = ctx.api;
      List<FlexibleIp> now = new ArrayList<>();
      for (String id : group.ids()) {
        now.add(settled(api, id));
      }
      List<String> toAttach = new ArrayList<>();
      Map<String, String> elsewhere = new LinkedHashMap<>();
      for (FlexibleIp f : now) {
        if (States.attachedTo(f, ctx.serverId)) {
          ctx.info(group.member(f.id).nic.label() + ": Flexible IP " + f.id + " is already attached to this server");
          continue;
        }
        toAttach.add(f.id);
        if (f.serverId != null) {
          elsewhere.put(f.id, f.serverId);
        }
      }
      if (toAttach.isEmpty()) {
        warnMac(now);
        return;
      }
      checkNotAborted();
      changes.add(new Change(group, toAttach, elsewhere));
      if (!elsewhere.isEmpty()) {
        moveOff(api, elsewhere);
      }
      checkNotAborted();
      api.attach(toAttach, ctx.serverId);
      List<FlexibleIp> done = new ArrayList<>();
      for (String id : toAttach) {
        done.add(api.waitUntil(id, new States.AttachedTo(ctx.serverId), "attached to server " + ctx.serverId));
      }
      for (FlexibleIp f : done) {
        ctx.info(group.member(f.id).nic.label() + ": attached Flexible IP " + f.id + " to server " + ctx.serverId);
      }
      warnMac(done);
    }

    /** Live migration: the IP is still on the source host's server. */
    private void moveOff(FlexibleIpApi api, Map<String, String> elsewhere) {
      for (Map.Entry<String, String> e : elsewhere.entrySet()) {
        ctx.info(group.member(e.getKey()).nic.label() + ": Flexible IP " + e.getKey() + " is on server "
            + e.getValue() + ", detaching it first");
      }
      api.detach(new ArrayList<>(elsewhere.keySet()));
      for (Map.Entry<String, String> e : elsewhere.entrySet()) {
        api.waitUntil(e.getKey(), new States.OffServer(e.getValue()), "detached from server " + e.getValue());
      }
    }

    private void warnMac(List<FlexibleIp> fips) {
      for (FlexibleIp f : fips) {
        Nic nic = group.member(f.id).nic;
        String virtual = f.mac == null ? null : f.mac.address;
        if (virtual == null) {
          ctx.info(nic.label() + ": Flexible IP " + f.id + " has no virtual MAC; traffic will not reach the VM");
        } else if (nic.mac != null && !nic.mac.equalsIgnoreCase(virtual)) {
          ctx.info(nic.label() + ": NIC MAC " + nic.mac + " differs from the Flexible IP's virtual MAC " + virtual);
        }
      }
    }
  }

  private void checkNotAborted() {
    if (failed.get()) {
      throw new Aborted();
    }
  }

  /** The current state, once no operation is in flight on it. */
  private static FlexibleIp settled(FlexibleIpApi api, String id) {
    FlexibleIp f = api.get(id);
    if (f.isTransient()) {
      f = api.waitUntil(id, new States.Settled(), "settled");
    }
    return f;
  }

  /** Undoes this run's changes; returns what to add to the error line. */
  private String rollback() {
    List<Change> todo;
    synchronized (changes) {
      todo = new ArrayList<>(changes);
    }
    if (todo.isEmpty()) {
      return "";
    }
    List<String> done = new ArrayList<>();
    List<String> notDone = new ArrayList<>();
    try (FlexibleIpApi api = ctx.opener.open(ctx.end)) {
      for (Change c : todo) {
        try {
          List<String> detached = detachFromUs(api, c.attached);
          if (!detached.isEmpty()) {
            done.add("detached " + addresses(c.group, detached) + " from this server");
          }
          for (Map.Entry<String, List<String>> back : giveBack(api, c.previousServer).entrySet()) {
            done.add("gave " + addresses(c.group, back.getValue()) + " back to server " + back.getKey());
          }
        } catch (RuntimeException e) {
          notDone.add(addresses(c.group, c.attached) + " (" + HookContext.cause(e) + ")");
        }
      }
    }
    StringBuilder b = new StringBuilder();
    if (!done.isEmpty()) {
      b.append("; rolled back: ").append(String.join(", ", done));
    }
    if (!notDone.isEmpty()) {
      b.append("; could not roll back ").append(String.join(", ", notDone));
    }
    return b.toString();
  }

  /** Detaches those of {@code ids} that are on this server; returns them. */
  private List<String> detachFromUs(FlexibleIpApi api, List<String> ids) {
    List<String> ours = new ArrayList<>();
    for (String id : ids) {
      try {
        FlexibleIp f = settled(api, id);
        if (ctx.serverId.equals(f.serverId)) {
          ours.add(id);
        }
      } catch (ApiException e) {
        if (!e.isGone()) {
          throw e;
        }
      }
    }
    if (ours.isEmpty()) {
      return ours;
    }
    api.detach(ours);
    for (String id : ours) {
      api.waitUntil(id, new States.OffServer(ctx.serverId), "detached from this server");
      ctx.info("rolled back: detached Flexible IP " + id + " from server " + ctx.serverId);
    }
    return ours;
  }

  /**
   * A failed migration must not leave the source host's VM without its IP: IPs this run took
   * from another server, and that are still free, go back to it. Returns server → ids.
   */
  private Map<String, List<String>> giveBack(FlexibleIpApi api, Map<String, String> previousServer) {
    Map<String, List<String>> byServer = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : previousServer.entrySet()) {
      FlexibleIp f = api.get(e.getKey());
      if (f.serverId == null && !f.isTransient()) {
        List<String> ids = byServer.get(e.getValue());
        if (ids == null) {
          ids = new ArrayList<>();
          byServer.put(e.getValue(), ids);
        }
        ids.add(e.getKey());
      }
    }
    for (Map.Entry<String, List<String>> e : byServer.entrySet()) {
      api.attach(e.getValue(), e.getKey());
      for (String id : e.getValue()) {
        api.waitUntil(id, new States.AttachedTo(e.getKey()), "attached back to server " + e.getKey());
        ctx.info("rolled back: attached Flexible IP " + id + " back to server " + e.getKey());
      }
    }
    return byServer;
  }

  private static String addresses(MacGroup group, List<String> ids) {
    StringBuilder b = new StringBuilder();
    for (String id : ids) {
      if (b.length() > 0) {
        b.append(" + ");
      }
      b.append(group.member(id).fip.ip);
    }
    return b.toString();
  }
}
