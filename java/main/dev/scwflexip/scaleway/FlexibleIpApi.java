package dev.scwflexip.scaleway;

import java.util.List;
import java.util.function.Predicate;

/**
 * Every Flexible IP call the driver makes. One instance is used by one thread at a time. Implementations retry 429, 5xx, connection errors
 * and {@code transient_state} with backoff and jitter inside the deadline they were made with,
 * and throw {@link ApiException} with one readable line otherwise. Closing releases whatever
 * connections the implementation holds (nothing, by default).
 */
public interface FlexibleIpApi extends AutoCloseable {
  /** {@code POST /fips}: an IPv4 Flexible IP in the project, not attached. */
  default FlexibleIp create(String projectId, String description, List<String> tags) {
    return create(projectId, description, tags, false);
  }

  /** {@code POST /fips}: an IPv4 or ({@code ipv6}) an IPv6 /64 Flexible IP in the project, not attached. */
  FlexibleIp create(String projectId, String description, List<String> tags, boolean ipv6);

  /** {@code GET /fips/{id}}; a deleted or unknown IP throws an {@link ApiException} that {@code mightBeGone()} (see {@link Gone}). */
  FlexibleIp get(String id);

  /** {@code GET /fips}, every page ({@code page_size=100}). */
  List<FlexibleIp> list(ListQuery query);

  /** {@code PATCH /fips/{id}}; a null argument leaves that field unchanged. */
  FlexibleIp update(String id, String description, List<String> tags);

  /** {@code DELETE /fips/{id}}. */
  void delete(String id);

  /** {@code POST /fips/attach}; several ids must form one MAC group. */
  List<FlexibleIp> attach(List<String> ids, String serverId);

  /** {@code POST /fips/detach}. */
  List<FlexibleIp> detach(List<String> ids);

  /** {@code POST /fips/{id}/mac}. */
  FlexibleIp generateMac(String id, String macType);

  /**
   * {@code POST /fips/{id}/mac/duplicate}: gives {@code id} the virtual MAC of {@code fromId}, so
   * both are one MAC group; both must be attached to the same server.
   */
  FlexibleIp duplicateMac(String id, String fromId);

  /** {@code DELETE /fips/{id}/mac}. */
  void deleteMac(String id);

  /**
   * Polls {@code GET /fips/{id}} with growing, jittered intervals until {@code done} holds,
   * and returns that state. Throws when the deadline passes (naming {@code what} and the last
   * status seen) or when the IP is gone.
   */
  FlexibleIp waitUntil(String id, Predicate<FlexibleIp> done, String what);

  /**
   * The longest single attempt this client has seen, in milliseconds (0 when unknown): what a
   * caller uses to tell whether a change and its undo can still fit before its deadline.
   */
  default long slowestCallMillis() {
    return 0;
  }

  @Override
  default void close() {}
}
