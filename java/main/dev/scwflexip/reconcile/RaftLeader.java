package dev.scwflexip.reconcile;

import dev.scwflexip.base.DriverException;
import dev.scwflexip.one.SafeXml;
import dev.scwflexip.one.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether this frontend should run the cloud-wide periodic work ({@code reconcile --leader-only},
 * {@code metrics --leader-only}). With OpenNebula HA every frontend has the timers, and only the
 * Raft leader may act, or two would repair the same drift at once. {@code onezone show -x 0}
 * (run as oneadmin) lists zone 0's servers under {@code SERVER_POOL/SERVER}, each with its
 * {@code NAME} and, filled in from each server's Raft status, its {@code STATE}: 0 solo,
 * 1 candidate, 2 follower, 3 leader. No server listed means no HA: act. Otherwise act only when
 * the leader's {@code NAME} is this frontend's ({@code frontend_name} in the configuration).
 */
public final class RaftLeader {
  static final String LEADER = "3";

  /** Whether to act, and why, in words for one INFO line. */
  public record Decision(boolean act, String why) {}

  private RaftLeader() {}

  /** Asks OpenNebula through {@code onezone}; a missing tool or a failure is one-line error. */
  public static Decision decide(Map<String, String> env, String frontendName) {
    OneTools tools = new OneTools(env);
    if (!tools.available("onezone")) {
      throw new DriverException("--leader-only: onezone is not on PATH, so whether this frontend is the Raft leader"
          + " cannot be told");
    }
    return fromZone(tools.run(List.of("onezone", "show", "-x", "0")), frontendName);
  }

  static Decision fromZone(String xml, String frontendName) {
    XmlElement zone = SafeXml.parse(xml, 4 * 1024 * 1024, "onezone show -x 0");
    XmlElement pool = zone.child("SERVER_POOL");
    List<XmlElement> servers = pool == null ? List.of() : pool.children("SERVER");
    if (servers.isEmpty()) {
      return new Decision(true, "OpenNebula runs without HA (zone 0 lists no servers)");
    }
    List<String> names = new ArrayList<>();
    String leader = null;
    for (XmlElement s : servers) {
      String name = text(s, "NAME");
      names.add(name);
      if (LEADER.equals(text(s, "STATE"))) {
        leader = name;
      }
    }
    if (frontendName == null) {
      throw new DriverException("--leader-only: OpenNebula runs in HA (servers " + names + ") but frontend_name is"
          + " not set in the configuration, so whether this frontend is the leader cannot be told");
    }
    if (!names.contains(frontendName)) {
      throw new DriverException("--leader-only: frontend_name '" + frontendName + "' is none of zone 0's servers "
          + names + ": set it to this frontend's server name");
    }
    if (leader == null) {
      return new Decision(false, "no server of zone 0 is the Raft leader right now (an election?)");
    }
    if (leader.equals(frontendName)) {
      return new Decision(true, "this frontend (" + frontendName + ") is the Raft leader");
    }
    return new Decision(false, "this frontend (" + frontendName + ") is not the Raft leader (" + leader + " is)");
  }

  private static String text(XmlElement e, String child) {
    String t = e.childText(child);
    return t == null ? null : t.strip();
  }
}
