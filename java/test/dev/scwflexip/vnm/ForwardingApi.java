package dev.scwflexip.vnm;

import dev.scwflexip.scaleway.FlexibleIp;
import dev.scwflexip.scaleway.FlexibleIpApi;
import dev.scwflexip.scaleway.ListQuery;
import java.util.List;
import java.util.function.Predicate;

/** The real client, call for call; tests override the one call they make misbehave. */
abstract class ForwardingApi implements FlexibleIpApi {
  final FlexibleIpApi real;

  ForwardingApi(FlexibleIpApi real) {
    this.real = real;
  }

  @Override
  public List<FlexibleIp> attach(List<String> ids, String serverId) {
    return real.attach(ids, serverId);
  }

  @Override
  public FlexibleIp create(String projectId, String description, List<String> tags, boolean ipv6) {
    return real.create(projectId, description, tags, ipv6);
  }

  @Override
  public FlexibleIp get(String id) {
    return real.get(id);
  }

  @Override
  public List<FlexibleIp> list(ListQuery query) {
    return real.list(query);
  }

  @Override
  public FlexibleIp update(String id, String description, List<String> tags) {
    return real.update(id, description, tags);
  }

  @Override
  public void delete(String id) {
    real.delete(id);
  }

  @Override
  public List<FlexibleIp> detach(List<String> ids) {
    return real.detach(ids);
  }

  @Override
  public FlexibleIp generateMac(String id, String macType) {
    return real.generateMac(id, macType);
  }

  @Override
  public FlexibleIp duplicateMac(String id, String fromId) {
    return real.duplicateMac(id, fromId);
  }

  @Override
  public void deleteMac(String id) {
    real.deleteMac(id);
  }

  @Override
  public FlexibleIp waitUntil(String id, Predicate<FlexibleIp> done, String what) {
    return real.waitUntil(id, done, what);
  }

  @Override
  public long slowestCallMillis() {
    return real.slowestCallMillis();
  }

  @Override
  public void close() {
    real.close();
  }
}
