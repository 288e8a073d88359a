package dev.scwflexip.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * One planned piece of drift: what was found ({@link #kind}), why ({@link #reason}) and the
 * repair steps, which are empty for drift that only a person can settle. The kinds:
 *
 * <ul>
 *   <li>{@code half_done_create}: a journal entry in creating/created that no range uses, older
 *       than the grace period: delete its IP (unless adopted) and drop the entry.
 *   <li>{@code entry_completed}: a creating/created entry whose IP a range already uses: the
 *       register finished in OpenNebula, so the entry is marked active.
 *   <li>{@code orphan_ip}: an IP tagged as ours, not adopted, that no range uses and no live
 *       journal entry explains, older than the grace period: delete it (and its stale entry).
 *   <li>{@code adopted_orphan}: the same for an adopted IP: reported, never deleted.
 *   <li>{@code unfinished_release}: an entry in releasing whose range is gone: delete the IP if we
 *       created it and drop the entry; reported only while a range still uses the IP.
 *   <li>{@code ip_gone}: a journal entry whose IP no longer exists: drop the entry; the range that
 *       still points at it, if any, is named.
 *   <li>{@code range_without_ip}: a range whose Flexible IP is not among ours: reported.
 *   <li>{@code wrong_server}: a range's IP is not attached to the server of the host running the
 *       VM that holds the lease: moved when {@code host_servers} maps that host, else reported.
 *   <li>{@code stale_attachment}: a range's IP attached to a server while nothing holds a lease of
 *       the range (a clean that met an API outage let its VM go): detached from that server.
 *   <li>{@code missing_mac}: an IP in use without a virtual MAC: one is generated.
 *   <li>{@code missing_mac_group}: a dual-stack pair in use, both on one server, whose IPv6 does
 *       not share the IPv4's MAC yet: it is duplicated (the API allows it only then).
 *   <li>{@code split_pair}: the two IPs of a pair on different servers, or the IPv6 with a MAC of
 *       its own: reported, unless {@code wrong_server} moves them.
 * </ul>
 *
 * <p>A dual-stack pair is one unit: {@link #fipId} names its IPv4 and {@link #fipId6} its IPv6,
 * and every step acts on both (deleted together, moved and detached in one call per MAC).
 */
public final class Action {
  public static final String DELETE_IP = "delete_ip";
  public static final String DROP_ENTRY = "drop_entry";
  public static final String MARK_ACTIVE = "mark_active";
  public static final String MOVE_IP = "move_ip";
  public static final String GENERATE_MAC = "generate_mac";
  public static final String DETACH_IP = "detach_ip";
  public static final String JOIN_MAC = "join_mac";
  /** The kinds the periodic repair applies: they only attach and detach, never delete. */
  public static final java.util.Set<String> ATTACHMENT_KINDS = java.util.Set.of("wrong_server", "stale_attachment");

  public final String kind;
  public final String fipId;
  public final String ip;
  public final String reason;
  /** The IPv6 of a dual-stack pair acted on with {@link #fipId}; null for a single IP. */
  public String fipId6;
  public String ip6;
  public final List<String> steps = new ArrayList<>();
  /** The journal entry concerned and the state the plan saw it in; null when none. */
  public String entryId;
  public String entryState;
  public OneRange range;
  /** For {@link #MOVE_IP}: the server the IP belongs on; for {@link #DETACH_IP}: the one to leave. */
  public String targetServer;
  /** Null until applied: "done", "reported", "skipped: …" or "failed: …". */
  public String result;

  public Action(String kind, String fipId, String ip, String reason) {
    this.kind = kind;
    this.fipId = fipId;
    this.ip = ip;
    this.reason = reason;
  }

  public Action step(String s) {
    steps.add(s);
    return this;
  }

  public Action entry(String id, String state) {
    this.entryId = id;
    this.entryState = state;
    return this;
  }

  /** Makes the action cover the pair's IPv6 too; null leaves it a single IP. */
  public Action pair(dev.scwflexip.scaleway.FlexibleIp v6) {
    if (v6 != null) {
      this.fipId6 = v6.id;
      this.ip6 = v6.ip;
    }
    return this;
  }

  /** The ids the steps act on: the IP, and the pair's IPv6 when there is one. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    if (fipId != null) {
      ids.add(fipId);
    }
    if (fipId6 != null) {
      ids.add(fipId6);
    }
    return ids;
  }

  public Action range(OneRange r) {
    this.range = r;
    return this;
  }

  /** True when the plan can repair this itself; false when it is reported for a person. */
  public boolean repairs() {
    return !steps.isEmpty();
  }

  public String fix() {
    return steps.isEmpty() ? "none" : String.join("+", steps);
  }

  public boolean failed() {
    return result != null && result.startsWith("failed");
  }

  /** Every kind of finding above, in the order listed: metrics reports each, 0 when absent. */
  public static final List<String> KINDS = List.of("half_done_create", "entry_completed", "orphan_ip", "adopted_orphan",
      "unfinished_release", "ip_gone", "range_without_ip", "wrong_server", "stale_attachment", "missing_mac",
      "missing_mac_group", "split_pair");
}
