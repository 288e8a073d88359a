package dev.scwflexip.reconcile;

import dev.scwflexip.scaleway.ApiException;
import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.ListQuery;
import dev.scwflexip.scaleway.MacAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * An in-memory Flexible IP API with instant transitions, counting every mutating call, for the
 * planner and applier tests that need exact control of states and ages.
 */
final class FakeApi implements FlexibleIpApi {
  static final class Ip {
    String id = UUID.randomUUID().toString();
    String ip;
    String status = "ready";
    String serverId;
    String projectId;
    List<String> tags = new ArrayList<>();
    String mac;
    Instant createdAt = Instant.now();
    boolean deleted;

    FlexibleIp view() {
      MacAddress m = mac == null ? null
          : new MacAddress(UUID.nameUUIDFromBytes(mac.getBytes()).toString(), mac, "kvm", serverId == null ? "ready" : "used", "fr-par-1",
              createdAt.toString(), createdAt.toString());
      return new FlexibleIp(id, ip, status, serverId, projectId, projectId, "", "", "fr-par-1",
          createdAt.toString(), createdAt.toString(), tags, m);
    }
  }

  final Map<String, Ip> ips = new LinkedHashMap<>();
  int mutations;
  final List<String> calls = new ArrayList<>();
  /** When set, delete answers 500 this many times. */
  int failDeletes;
  /** IPs this token may not read: 403 like a deleted IP, though they still show in lists. */
  final java.util.Set<String> denied = new java.util.HashSet<>();
  private int next = 1;

  Ip add(String projectId, List<String> tags, long ageSeconds) {
    Ip i = new Ip();
    i.ip = "51.15.0." + next++;
    i.projectId = projectId;
    i.tags.addAll(tags);
    i.createdAt = Instant.now().minusSeconds(ageSeconds);
    i.mac = "52:54:00:00:00:" + String.format("%02x", next);
    ips.put(i.id, i);
    return i;
  }

  boolean exists(String id) {
    Ip i = ips.get(id);
    return i != null && !i.deleted;
  }

  private Ip find(String id) {
    Ip i = ips.get(id);
    if (i == null) {
      throw new ApiException("not found", 404, "not_found");
    }
    if (i.deleted || denied.contains(id)) {
      throw new ApiException("insufficient permissions", 403, "permissions_denied");
    }
    return i;
  }

  private void mutate(String call) {
    mutations++;
    calls.add(call);
  }

  @Override
  public FlexibleIp create(String projectId, String description, List<String> tags, boolean ipv6) {
    mutate("create");
    Ip i = ipv6 ? addIpv6(projectId, tags, 0) : add(projectId, tags, 0);
    i.mac = null;
    return i.view();
  }

  /** An IPv6 Flexible IP: a /64, with no virtual MAC. */
  Ip addIpv6(String projectId, List<String> tags, long ageSeconds) {
    Ip i = add(projectId, tags, ageSeconds);
    i.ip = "2001:bc8:7100:" + Integer.toHexString(next) + "::/64";
    i.mac = null;
    return i;
  }

  @Override
  public FlexibleIp get(String id) {
    return find(id).view();
  }

  @Override
  public List<FlexibleIp> list(ListQuery q) {
    List<FlexibleIp> out = new ArrayList<>();
    for (Ip i : ips.values()) {
      if (i.deleted || (q.projectId != null && !q.projectId.equals(i.projectId))) {
        continue;
      }
      boolean match = q.tags.isEmpty();
      for (String t : q.tags) {
        match |= i.tags.contains(t);
      }
      if (match) {
        out.add(i.view());
      }
    }
    return out;
  }

  @Override
  public FlexibleIp update(String id, String description, List<String> tags) {
    mutate("update " + id);
    Ip i = find(id);
    if (tags != null) {
      i.tags = new ArrayList<>(tags);
    }
    return i.view();
  }

  @Override
  public void delete(String id) {
    mutate("delete " + id);
    if (failDeletes > 0) {
      failDeletes--;
      throw new ApiException("internal error", 500, null);
    }
    find(id).deleted = true;
  }

  @Override
  public List<FlexibleIp> attach(List<String> ids, String serverId) {
    mutate("attach " + ids + " " + serverId);
    List<FlexibleIp> out = new ArrayList<>();
    for (String id : ids) {
      Ip i = find(id);
      i.serverId = serverId;
      i.status = "attached";
      out.add(i.view());
    }
    return out;
  }

  @Override
  public List<FlexibleIp> detach(List<String> ids) {
    mutate("detach " + ids);
    List<FlexibleIp> out = new ArrayList<>();
    for (String id : ids) {
      Ip i = find(id);
      i.serverId = null;
      i.status = "ready";
      out.add(i.view());
    }
    return out;
  }

  @Override
  public FlexibleIp generateMac(String id, String macType) {
    mutate("mac " + id);
    Ip i = find(id);
    i.mac = "52:54:00:aa:bb:cc";
    return i.view();
  }

  @Override
  public FlexibleIp duplicateMac(String id, String fromId) {
    mutate("duplicatemac " + id + " " + fromId);
    Ip i = find(id);
    i.mac = find(fromId).mac;
    return i.view();
  }

  @Override
  public void deleteMac(String id) {
    mutate("deletemac " + id);
    find(id).mac = null;
  }

  @Override
  public FlexibleIp waitUntil(String id, Predicate<FlexibleIp> done, String what) {
    FlexibleIp f = get(id);
    if (!done.test(f)) {
      throw new ApiException("timed out waiting for " + what, 0, null);
    }
    return f;
  }
}
