package dev.scwflexip.vnm;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code vnm pre}: attaches each of the VM's Flexible IPs that is free to this host's server, MAC
 * groups at the same time. An IP attached to another server is left there: pre also runs on the
 * destination of a live migration, before the memory copy, while the VM still runs (and still
 * needs its address) on the source; {@code post} moves it once the VM is here. If any group
 * fails, what this run attached is detached again and the run fails with one line.
 */
final class PreAction {
  private final HookContext ctx;
  private final AtomicBoolean failed = new AtomicBoolean();
  private final List<FipLock> locks = Collections.synchronizedList(new ArrayList<>());
  /** What this run attached, for the rollback. */
  private final List<Change> changes = Collections.synchronizedList(new ArrayList<>());

  private record Change(MacGroup group, List<String> attached) {}

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
        throw new DriverException("scw-flexip: " + firstReal(failures) + rollback());
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
      try (FlexibleIpApi api = ctx.openForGroup()) {
        locks.add(ctx.lock(group));
        attach(api);
        return null;
      } catch (Aborted e) {
        throw e;
      } catch (RuntimeException e) {
        failed.set(true);
        throw new DriverException("cannot attach " + group.addresses() + " to server " + ctx.serverId + ": "
            + HookContext.cause(e), e);
      }
    }

    private void attach(FlexibleIpApi api) {
      List<FlexibleIp> now = group.settledStates(ctx, api);
      String elsewhere = MacGroup.otherServer(now, ctx.serverId);
      if (elsewhere != null) {
        ctx.info(group.label() + " is on server " + elsewhere + ": left there while a live migration is under way"
            + " (or that server's host is down); post on this host moves it");
        return;
      }
      List<String> toAttach = MacGroup.notAttachedTo(now, ctx.serverId);
      if (toAttach.isEmpty()) {
        group.alreadyHere(ctx, api);
        return;
      }
      checkNotAborted();
      ctx.reserve(api, MacGroup.calls(now, toAttach).size() + (group.isPair() ? 2 : 1), "attach " + group.addresses());
      List<String> attached = Collections.synchronizedList(new ArrayList<>());
      changes.add(new Change(group, attached));
      group.warnMac(ctx, group.attachHere(ctx, api, now, toAttach, attached));
    }
  }

  private void checkNotAborted() {
    if (failed.get()) {
      throw new Aborted();
    }
  }

  /** Detaches again what this run attached; returns what to add to the error line. */
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
          List<String> detached = c.group().detachFrom(ctx, api, c.attached(), ctx.serverId, true);
          if (!detached.isEmpty()) {
            done.add("detached " + c.group().addresses(detached) + " from this server");
          }
        } catch (RuntimeException e) {
          notDone.add(c.group().addresses(c.attached()) + " (" + HookContext.cause(e) + ")");
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
}
