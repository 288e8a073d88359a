package dev.scwflexip.vnm;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.Gone;
import dev.scwflexip.stats.PendingDetach;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flexible IPs that share one virtual MAC. The API moves them only together (one attach or detach
 * call listing all of them); an IP with no MAC, or its own, is a group of one. A dual-stack NIC's
 * IPv4 and IPv6 are one group from the start: until the IPv6 shares the IPv4's MAC they are
 * attached and detached in one call each, and the first attach that puts both on this server
 * duplicates the MAC onto the IPv6 ({@link #joinPair}), which the API allows only then. The steps
 * here are the ones the hooks share; each runs under the group's lock, with the group's own
 * client.
 */
final class MacGroup {
  final List<Target> members = new ArrayList<>();

  static List<MacGroup> of(List<Target> targets) {
    Map<String, MacGroup> groups = new LinkedHashMap<>();
    for (Target t : targets) {
      groups.computeIfAbsent(t.macGroupKey(), k -> new MacGroup()).members.add(t);
    }
    return new ArrayList<>(groups.values());
  }

  List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Target t : members) {
      ids.add(t.fip.id);
    }
    return ids;
  }

  Target member(String id) {
    for (Target t : members) {
      if (t.fip.id.equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException(id);
  }

  /** "51.15.0.10" or "51.15.0.10 + 51.15.0.11". */
  String addresses() {
    return addresses(ids());
  }

  String addresses(List<String> ids) {
    StringBuilder b = new StringBuilder();
    for (String id : ids) {
      if (b.length() > 0) {
        b.append(" + ");
      }
      b.append(member(id).fip.ip);
    }
    return b.toString();
  }

  /** How log lines name the group: "NIC 0 (51.15.0.10): Flexible IP <id>", one part per member. */
  String label() {
    StringBuilder b = new StringBuilder();
    for (Target t : members) {
      if (b.length() > 0) {
        b.append(" + ");
      }
      b.append(t.nic.label()).append(": Flexible IP ").append(t.fip.id);
    }
    return b.toString();
  }

  /** Every member's settled state; a member that no longer exists is an error. */
  List<FlexibleIp> settledStates(HookContext ctx, FlexibleIpApi api) {
    List<FlexibleIp> now = new ArrayList<>();
    for (String id : ids()) {
      FlexibleIp f = ctx.settled(api, id);
      if (f == null) {
        throw new DriverException("Flexible IP " + id + " no longer exists");
      }
      now.add(f);
    }
    return now;
  }

  /** A server other than {@code serverId} that a member is attached to, or null. */
  static String otherServer(List<FlexibleIp> states, String serverId) {
    for (FlexibleIp f : states) {
      if (f.serverId != null && !f.serverId.equals(serverId)) {
        return f.serverId;
      }
    }
    return null;
  }

  static List<String> notAttachedTo(List<FlexibleIp> states, String serverId) {
    List<String> ids = new ArrayList<>();
    for (FlexibleIp f : states) {
      if (!States.attachedTo(f, serverId)) {
        ids.add(f.id);
      }
    }
    return ids;
  }

  /** Every member is on this server already: a pair that is not one MAC group yet becomes one. */
  void alreadyHere(HookContext ctx, FlexibleIpApi api) {
    ctx.info(label() + " is already attached to this server");
    clearPending(ctx);
    warnMac(ctx, joinPair(ctx, api));
  }

  /** A dual-stack NIC's two IPs. */
  boolean isPair() {
    return members.size() == 2 && members.get(0).pairOf != null;
  }

  /**
   * {@code ids} cut into the calls the API takes: those that share a MAC (by their current
   * state), each IP without one alone.
   */
  static List<List<String>> calls(List<FlexibleIp> states, List<String> ids) {
    Map<String, List<String>> byMac = new LinkedHashMap<>();
    for (FlexibleIp f : states) {
      if (ids.contains(f.id)) {
        byMac.computeIfAbsent(f.mac == null || f.mac.id == null ? "fip:" + f.id : "mac:" + f.mac.id,
            k -> new ArrayList<>()).add(f.id);
      }
    }
    return new ArrayList<>(byMac.values());
  }

  /** Whether every member shares one virtual MAC. */
  static boolean oneMac(List<FlexibleIp> states) {
    String mac = null;
    for (FlexibleIp f : states) {
      if (f.mac == null || f.mac.id == null || mac != null && !mac.equals(f.mac.id)) {
        return false;
      }
      mac = f.mac.id;
    }
    return true;
  }

  /**
   * Attaches {@code ids} (whose current states are {@code states}) to this host's server, one
   * call per MAC, waits until they are, and joins a pair's MAC group; returns every member's
   * state. {@code attachedHere} is told each IP as its attach is sent, for a rollback.
   */
  List<FlexibleIp> attachHere(HookContext ctx, FlexibleIpApi api, List<FlexibleIp> states, List<String> ids,
      List<String> attachedHere) {
    for (List<String> call : calls(states, ids)) {
      attachedHere.addAll(call);
      api.attach(call, ctx.serverId);
    }
    for (String id : ids) {
      api.waitUntil(id, new States.AttachedTo(ctx.serverId), "attached to server " + ctx.serverId);
      ctx.info(member(id).nic.label() + ": attached Flexible IP " + id + " to server " + ctx.serverId);
    }
    clearPending(ctx);
    return joinPair(ctx, api);
  }

  /**
   * Every member's state, once a pair's IPv6 shares its IPv4's virtual MAC. Both must be on this
   * server: the API duplicates a MAC only between IPs attached to the same server.
   */
  List<FlexibleIp> joinPair(HookContext ctx, FlexibleIpApi api) {
    List<FlexibleIp> now = settledStates(ctx, api);
    if (!isPair() || oneMac(now)) {
      return now;
    }
    FlexibleIp v4 = now.get(0).isIpv6() ? now.get(1) : now.get(0);
    FlexibleIp v6 = now.get(0).isIpv6() ? now.get(0) : now.get(1);
    if (v4.mac == null) {
      throw new DriverException("Flexible IP " + v4.id + " (" + v4.ip + ") has no virtual MAC to share with its IPv6;"
          + " 'scw-flexip reconcile' gives it one");
    }
    if (v6.mac != null) {
      throw new DriverException("Flexible IP " + v6.id + " (" + v6.ip + ") has a virtual MAC of its own, so it cannot"
          + " share " + v4.ip + "'s; delete that MAC at Scaleway");
    }
    String macId = v4.mac.id;
    api.duplicateMac(v6.id, v4.id);
    api.waitUntil(v6.id, f -> !f.isTransient() && f.mac != null && macId.equals(f.mac.id),
        "sharing the virtual MAC of " + v4.ip);
    ctx.info(member(v6.id).nic.label() + ": Flexible IP " + v6.id + " now shares the virtual MAC " + v4.mac.address
        + " of " + v4.ip + " (one MAC group)");
    return settledStates(ctx, api);
  }

  /**
   * Detaches those of {@code ids} that are on {@code serverId}, and only from it; returns them.
   * The API's detach names no server, so an IP another host took between the check and the
   * call (a migration's post on the destination) would be detached from there: the detach
   * answer names the server each IP was on, and any that was not {@code serverId} is attached
   * back to it.
   */
  List<String> detachFrom(HookContext ctx, FlexibleIpApi api, List<String> ids, String serverId, boolean wait) {
    List<String> ours = new ArrayList<>();
    List<FlexibleIp> states = new ArrayList<>();
    for (String id : ids) {
      FlexibleIp f = ctx.settled(api, id);
      if (f == null) {
        ctx.info(member(id).nic.label() + ": Flexible IP " + id + " no longer exists, nothing to detach");
      } else if (f.serverId == null) {
        ctx.info(member(id).nic.label() + ": Flexible IP " + id + " is not attached, nothing to do");
      } else if (!serverId.equals(f.serverId)) {
        ctx.info(member(id).nic.label() + ": Flexible IP " + id + " is on server " + f.serverId + ", not this one; left there");
      } else {
        ours.add(id);
        states.add(f);
      }
    }
    if (ours.isEmpty()) {
      return ours;
    }
    List<FlexibleIp> answer = new ArrayList<>();
    for (List<String> call : calls(states, ours)) {
      try {
        answer.addAll(api.detach(call));
      } catch (ApiException e) {
        if (!Gone.confirmed(api, ctx.config.projectId, call.get(0), e)) {
          throw e;
        }
        ours.removeAll(call);
      }
    }
    Map<String, List<String>> takenFrom = new LinkedHashMap<>();
    for (FlexibleIp f : answer) {
      if (f.serverId != null && !f.serverId.equals(serverId)) {
        takenFrom.computeIfAbsent(f.serverId, k -> new ArrayList<>()).add(f.id);
      }
    }
    for (String id : ours) {
      if (wait || takenFrom.values().stream().anyMatch(l -> l.contains(id))) {
        api.waitUntil(id, new States.OffServer(serverId), "detached from server " + serverId);
        ctx.info(member(id).nic.label() + ": detached Flexible IP " + id + " from server " + serverId);
      } else {
        ctx.info(member(id).nic.label() + ": detaching Flexible IP " + id + " from server " + serverId
            + " (post on the destination waits for it)");
      }
    }
    for (Map.Entry<String, List<String>> back : takenFrom.entrySet()) {
      ctx.info(addresses(back.getValue()) + " had moved to server " + back.getKey()
          + " just before the detach; attaching it back there");
      api.attach(back.getValue(), back.getKey());
      for (String id : back.getValue()) {
        api.waitUntil(id, new States.AttachedTo(back.getKey()), "attached back to server " + back.getKey());
      }
      ours.removeAll(back.getValue());
    }
    return ours;
  }

  void clearPending(HookContext ctx) {
    for (String id : ids()) {
      PendingDetach.clear(ctx.config.runtimeDir, id);
    }
  }

  void warnMac(HookContext ctx, List<FlexibleIp> fips) {
    for (FlexibleIp f : fips) {
      Nic nic = member(f.id).nic;
      String virtual = f.mac == null ? null : f.mac.address;
      if (virtual == null) {
        ctx.info(nic.label() + ": Flexible IP " + f.id + " has no virtual MAC; traffic will not reach the VM");
      } else if (nic.mac != null && !nic.mac.equalsIgnoreCase(virtual)) {
        ctx.info(nic.label() + ": NIC MAC " + nic.mac + " differs from the Flexible IP's virtual MAC " + virtual);
      }
    }
  }
}
