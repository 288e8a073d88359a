package dev.scwflexip.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * All Flexible IPs and their state machine (docs/scaleway-api.md#transitions-and-timing). Every public method is synchronized and
 * first ends the transient states whose time is up, so transitions are driven by the clock
 * without a timer thread: a write answers {@code updating}, and any request made
 * {@code transitionMs} later sees the settled state.
 *
 * <p>Choices where the real API is unverified, kept here in one place:
 * <ul>
 *   <li>An IP on a server, attached to another one, moves: {@code updating} (server_id null),
 *       then {@code attached} to the new server. Attaching to the server it is on is a no-op.
 *   <li>Any write to an IP in {@code updating}/{@code detaching} answers 409 transient_state,
 *       except PATCH (description/tags/reverse), which the real API takes on any state.
 *   <li>Generating a MAC on an IP that has one, duplicating or moving onto an IP that has one,
 *       deleting a MAC that is not there, duplicating between IPs not on the same server: 400
 *       invalid_arguments (these never succeed by waiting, so not 409).
 *   <li>Attach/detach of several IPs at once: all must hold the same MAC, or none a MAC.
 *   <li>Detaching, or moving to another server, only part of a MAC group strips the MAC from the
 *       IPs that leave; deleting the MAC of one group member removes it from that IP only.
 *   <li>MAC operations on an IP on a server settle after {@code transitionMs / 2}.
 *   <li>An IP id known in another zone answers 404, like an id never seen.
 * </ul>
 */
public final class FipStore {
  public static final Set<String> ZONES =
      Set.of("fr-par-1", "fr-par-2", "nl-ams-1", "nl-ams-2", "pl-waw-2", "pl-waw-3");
  public static final Set<String> MAC_TYPES = Set.of("kvm", "xen", "vmware");

  private static final Comparator<EmulatedFip> BY_CREATION =
      Comparator.comparing((EmulatedFip f) -> f.createdAt).thenComparingLong(f -> f.seq);

  private final long transitionNanos;
  private final Map<String, EmulatedFip> byId = new HashMap<>();
  private final Map<String, NavigableSet<EmulatedFip>> byZone = new HashMap<>();
  private final Set<String> deleted = new HashSet<>();
  private final List<EmulatedFip> pending = new ArrayList<>();
  private AddressPool pool = new AddressPool();
  private long seq;

  FipStore(long transitionMs) {
    this.transitionNanos = transitionMs * 1_000_000L;
  }

  public synchronized FipView create(String zone, NewFip req) {
    settleDue();
    EmulatedFip f = add(zone, req.projectId(), req.ipv6(), Instant.now());
    f.description = req.description();
    f.tags = List.copyOf(req.tags());
    if (req.reverse() != null) {
      f.reverse = req.reverse();
    }
    if (req.serverId() != null) {
      beginAttach(f, req.serverId());
    }
    return f.view();
  }

  public synchronized FipView get(String zone, String id) {
    settleDue();
    return find(zone, id, "read").view();
  }

  /** A page and the number of all matches. */
  public record Page(List<FipView> fips, int totalCount) {
  }

  public synchronized Page list(String zone, ListFilter filter) {
    settleDue();
    NavigableSet<EmulatedFip> all = byZone.getOrDefault(zone, new TreeSet<>(BY_CREATION));
    Iterable<EmulatedFip> ordered = filter.descending() ? all.descendingSet() : all;
    long from = (long) (filter.page() - 1) * filter.pageSize();
    long to = from + filter.pageSize();
    List<FipView> page = new ArrayList<>(filter.pageSize());
    if (!filter.filters()) {
      // the common reconcile case: no scan past the page
      long i = 0;
      for (Iterator<EmulatedFip> it = ordered.iterator(); it.hasNext() && i < to; i++) {
        EmulatedFip f = it.next();
        if (i >= from) {
          page.add(f.view());
        }
      }
      return new Page(page, all.size());
    }
    int matches = 0;
    for (EmulatedFip f : ordered) {
      if (filter.matches(f)) {
        if (matches >= from && matches < to) {
          page.add(f.view());
        }
        matches++;
      }
    }
    return new Page(page, matches);
  }

  /** Changes only the fields given (non-null). */
  public synchronized FipView update(String zone, String id, String description, List<String> tags,
      String reverse) {
    settleDue();
    EmulatedFip f = find(zone, id, "write");
    if (description != null) {
      f.description = description;
    }
    if (tags != null) {
      f.tags = List.copyOf(tags);
    }
    if (reverse != null) {
      f.reverse = reverse;
    }
    touch(f);
    return f.view();
  }

  public synchronized void delete(String zone, String id) {
    settleDue();
    EmulatedFip f = find(zone, id, "write");
    requireSettled(f);
    if ("attached".equals(f.status)) {
      f.status = "detaching";
      touch(f);
      schedule(f, EmulatedFip.Settle.DELETE, transitionNanos, null);
    } else {
      remove(f);
    }
  }

  public synchronized List<FipView> attach(String zone, List<String> ids, String serverId) {
    settleDue();
    List<EmulatedFip> fips = findGroup(zone, ids);
    stripMacIfGroupSplits(fips, f -> !serverId.equals(f.serverId));
    List<FipView> out = new ArrayList<>();
    for (EmulatedFip f : fips) {
      if (!("attached".equals(f.status) && serverId.equals(f.serverId))) {
        beginAttach(f, serverId);
      }
      out.add(f.view());
    }
    return out;
  }

  public synchronized List<FipView> detach(String zone, List<String> ids) {
    settleDue();
    List<EmulatedFip> fips = findGroup(zone, ids);
    stripMacIfGroupSplits(fips, f -> "attached".equals(f.status));
    List<FipView> out = new ArrayList<>();
    for (EmulatedFip f : fips) {
      if ("attached".equals(f.status)) {
        beginDetach(f);
      }
      out.add(f.view());
    }
    return out;
  }

  public synchronized FipView generateMac(String zone, String id, String macType) {
    settleDue();
    EmulatedFip f = find(zone, id, "write");
    requireSettled(f);
    if (f.mac != null) {
      throw ApiError.invalid("fip_id", "constraint", "the flexible IP already has a virtual MAC");
    }
    Instant now = Instant.now();
    f.mac = new VirtualMac(RandomIds.uuid(), pool.nextMac(macType), macType, now, zone);
    macChanged(f);
    return f.view();
  }

  public synchronized FipView duplicateMac(String zone, String id, String sourceId) {
    settleDue();
    EmulatedFip target = find(zone, id, "write");
    EmulatedFip source = find(zone, sourceId, "write");
    requireSettled(target);
    requireSettled(source);
    if (source.mac == null) {
      throw ApiError.invalid("duplicate_from_fip_id", "constraint", "the source flexible IP has no virtual MAC");
    }
    if (target.mac != null) {
      throw ApiError.invalid("fip_id", "constraint", "the flexible IP already has a virtual MAC");
    }
    if (target.serverId == null || !target.serverId.equals(source.serverId)) {
      throw ApiError.invalid("fip_id", "constraint", "both flexible IPs must be attached to the same server");
    }
    target.mac = source.mac;
    macChanged(target);
    return target.view();
  }

  /** Answers the destination, as the real API does. */
  public synchronized FipView moveMac(String zone, String id, String destinationId) {
    settleDue();
    EmulatedFip source = find(zone, id, "write");
    EmulatedFip destination = find(zone, destinationId, "write");
    requireSettled(source);
    requireSettled(destination);
    if (source == destination) {
      throw ApiError.invalid("dst_fip_id", "constraint", "source and destination are the same flexible IP");
    }
    if (source.mac == null) {
      throw ApiError.invalid("fip_id", "constraint", "the flexible IP has no virtual MAC");
    }
    if (destination.mac != null) {
      throw ApiError.invalid("dst_fip_id", "constraint", "the destination already has a virtual MAC");
    }
    destination.mac = source.mac;
    source.mac = null;
    macChanged(source);
    macChanged(destination);
    return destination.view();
  }

  public synchronized void deleteMac(String zone, String id) {
    settleDue();
    EmulatedFip f = find(zone, id, "write");
    requireSettled(f);
    if (f.mac == null) {
      throw ApiError.invalid("fip_id", "constraint", "the flexible IP has no virtual MAC");
    }
    f.mac = null;
    macChanged(f);
  }

  /**
   * What the Elastic Metal API does to the IPs of a server it deletes: they go
   * {@code detaching}, then {@code ready} (docs/scaleway-api.md#transitions-and-timing). Returns how many IPs were on it.
   */
  public synchronized int serverDeleted(String serverId) {
    settleDue();
    int n = 0;
    for (EmulatedFip f : byId.values()) {
      if ("attached".equals(f.status) && serverId.equals(f.serverId)) {
        beginDetach(f);
        n++;
      }
    }
    return n;
  }

  public synchronized int seed(Seed s) {
    settleDue();
    if (!ZONES.contains(s.zone())) {
      throw new IllegalArgumentException("unknown zone " + s.zone());
    }
    if (!s.status().equals("ready") && !s.status().equals("attached")) {
      throw new IllegalArgumentException("seed status must be ready or attached");
    }
    Instant created = Instant.now().minusSeconds(s.ageSeconds());
    for (int i = 0; i < s.count(); i++) {
      EmulatedFip f = add(s.zone(), s.projectId(), false, created);
      f.tags = s.tags();
      if (s.status().equals("attached")) {
        f.status = "attached";
        f.serverId = s.serverId() != null ? s.serverId() : RandomIds.uuid();
      }
    }
    return s.count();
  }

  /** IPs in the store, deleted ones excluded, all zones. */
  public synchronized int size() {
    settleDue();
    return byId.size();
  }

  public synchronized void reset() {
    byId.clear();
    byZone.clear();
    deleted.clear();
    pending.clear();
    pool = new AddressPool();
  }

  private EmulatedFip add(String zone, String projectId, boolean ipv6, Instant created) {
    String ip = ipv6 ? pool.nextIpv6Prefix() : pool.nextIpv4();
    EmulatedFip f = new EmulatedFip(RandomIds.uuid(), zone, projectId, ip, created, seq++);
    f.description = "";
    f.tags = List.of();
    f.reverse = AddressPool.reverseOf(ip);
    f.status = "ready";
    f.updatedAt = created;
    byId.put(f.id, f);
    byZone.computeIfAbsent(zone, z -> new TreeSet<>(BY_CREATION)).add(f);
    return f;
  }

  private void remove(EmulatedFip f) {
    byId.remove(f.id);
    byZone.get(f.zone).remove(f);
    pending.remove(f);
    deleted.add(f.id);
  }

  /** A deleted IP answers 403 (as the real API, docs/scaleway-api.md#errors), an unknown one 404. */
  private EmulatedFip find(String zone, String id, String action) {
    EmulatedFip f = byId.get(id);
    if (f != null && f.zone.equals(zone)) {
      return f;
    }
    if (f == null && deleted.contains(id)) {
      throw ApiError.permissionsDenied(action);
    }
    throw ApiError.notFound(id);
  }

  private List<EmulatedFip> findGroup(String zone, List<String> ids) {
    List<EmulatedFip> fips = new ArrayList<>();
    for (String id : ids) {
      EmulatedFip f = find(zone, id, "write");
      requireSettled(f);
      if (!fips.contains(f)) {
        fips.add(f);
      }
    }
    VirtualMac first = fips.get(0).mac;
    for (EmulatedFip f : fips) {
      if (f.mac != first) {
        throw ApiError.invalid("fips_ids", "constraint", "flexible IPs must belong to the same MAC group");
      }
    }
    return fips;
  }

  /** IPs that leave a MAC group while other members stay behind lose the MAC. */
  private void stripMacIfGroupSplits(List<EmulatedFip> fips, Predicate<EmulatedFip> leaves) {
    VirtualMac mac = fips.get(0).mac;
    if (mac == null) {
      return;
    }
    for (EmulatedFip other : byZone.get(fips.get(0).zone)) {
      if (other.mac == mac && !fips.contains(other)) {
        for (EmulatedFip f : fips) {
          if (leaves.test(f)) {
            f.mac = null;
          }
        }
        return;
      }
    }
  }

  private static void requireSettled(EmulatedFip f) {
    if (f.isTransient()) {
      throw ApiError.transientState(f.id, f.status);
    }
  }

  private void beginAttach(EmulatedFip f, String serverId) {
    f.status = "updating";
    f.serverId = null;
    touch(f);
    schedule(f, EmulatedFip.Settle.ATTACH, transitionNanos, serverId);
  }

  private void beginDetach(EmulatedFip f) {
    f.status = "detaching";
    touch(f);
    schedule(f, EmulatedFip.Settle.DETACH, transitionNanos, null);
  }

  /** Synchronous on an IP off any server; a short updating phase on one that is attached. */
  private void macChanged(EmulatedFip f) {
    touch(f);
    if ("attached".equals(f.status)) {
      f.status = "updating";
      schedule(f, EmulatedFip.Settle.MAC_DONE, transitionNanos / 2, null);
    }
  }

  private static void touch(EmulatedFip f) {
    Instant now = Instant.now();
    f.updatedAt = now;
    if (f.mac != null) {
      f.mac.updatedAt = now;
    }
  }

  private void schedule(EmulatedFip f, EmulatedFip.Settle what, long delayNanos, String serverId) {
    f.pending = what;
    f.pendingDueNanos = System.nanoTime() + delayNanos;
    f.pendingServerId = serverId;
    if (!pending.contains(f)) {
      pending.add(f);
    }
  }

  private void settleDue() {
    if (pending.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    for (Iterator<EmulatedFip> it = pending.iterator(); it.hasNext(); ) {
      EmulatedFip f = it.next();
      if (f.pendingDueNanos - now > 0) {
        continue;
      }
      it.remove();
      settle(f);
    }
  }

  private void settle(EmulatedFip f) {
    EmulatedFip.Settle what = f.pending;
    f.pending = null;
    switch (what) {
      case ATTACH:
        f.status = "attached";
        f.serverId = f.pendingServerId;
        break;
      case DETACH:
        f.status = "ready";
        f.serverId = null;
        break;
      case MAC_DONE:
        f.status = f.serverId != null ? "attached" : "ready";
        break;
      case DELETE:
        byId.remove(f.id);
        byZone.get(f.zone).remove(f);
        deleted.add(f.id);
        return;
      default:
        throw new IllegalStateException(String.valueOf(what));
    }
    touch(f);
  }
}
