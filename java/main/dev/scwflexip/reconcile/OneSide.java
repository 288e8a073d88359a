package dev.scwflexip.reconcile;

import dev.scwflexip.config.Config;
import java.nio.file.Path;

/**
 * OpenNebula's side of a run: the ranges, with their leases when a check needs them, and the
 * hosts the lease holders run on when {@code host_servers} asks for the wrong-server check.
 */
final class OneSide {
  final OneView one;
  final VmHosts hosts;
  /** Why a check was skipped, for the plan's notes; null when none was. */
  final String skipped;

  private OneSide(OneView one, VmHosts hosts, String skipped) {
    this.one = one;
    this.hosts = hosts;
    this.skipped = skipped;
  }

  static OneSide load(Config config, OneTools tools, Path xml, boolean noOnevnet, boolean repairOnly) {
    boolean serverCheck = !config.hostServers.isEmpty();
    // the leases tell which ranges are free: the stale-attachment repair needs them
    OneView one = new OneViewLoader(tools, config.ipamName).load(xml, noOnevnet, serverCheck || repairOnly);
    boolean noOnevm = serverCheck && one.available() && !tools.available("onevm");
    VmHosts hosts = serverCheck && !noOnevm ? new OneVmHosts(tools) : VmHosts.NONE;
    String skipped = noOnevm ? "onevm is not on PATH: the wrong-server check was skipped"
        : !serverCheck ? "host_servers is empty: the wrong-server check was skipped" : null;
    return new OneSide(one, hosts, skipped);
  }
}
