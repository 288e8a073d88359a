package dev.scwflexip.scaleway;

import dev.scwflexip.config.Config;
import java.util.List;
import java.util.function.Predicate;

/** Placeholder until the HttpClient implementation lands. */
public final class ScalewayClient implements FlexibleIpApi {
  public static ScalewayClient open(Config config, Deadline deadline) {
    throw new UnsupportedOperationException("client not implemented yet");
  }

  public static void warmUp() {}

  public FlexibleIp create(String projectId, String description, List<String> tags) { throw new UnsupportedOperationException(); }
  public FlexibleIp get(String id) { throw new UnsupportedOperationException(); }
  public List<FlexibleIp> list(ListQuery query) { throw new UnsupportedOperationException(); }
  public FlexibleIp update(String id, String description, List<String> tags) { throw new UnsupportedOperationException(); }
  public void delete(String id) { throw new UnsupportedOperationException(); }
  public List<FlexibleIp> attach(List<String> ids, String serverId) { throw new UnsupportedOperationException(); }
  public List<FlexibleIp> detach(List<String> ids) { throw new UnsupportedOperationException(); }
  public FlexibleIp generateMac(String id, String macType) { throw new UnsupportedOperationException(); }
  public void deleteMac(String id) { throw new UnsupportedOperationException(); }
  public FlexibleIp waitUntil(String id, Predicate<FlexibleIp> done, String what) { throw new UnsupportedOperationException(); }
}
