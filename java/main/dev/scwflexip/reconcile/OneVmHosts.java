package dev.scwflexip.reconcile;

import dev.scwflexip.one.SafeXml;
import dev.scwflexip.one.XmlElement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a VM's host from {@code onevm show -x}: the last history record's HOSTNAME, but only
 * while the VM is ACTIVE (state 3), because a stopped VM's IP is rightly attached nowhere.
 */
final class OneVmHosts implements VmHosts {
  private static final String ACTIVE = "3";
  private final OneTools tools;
  private final Map<String, String> cache = new HashMap<>();

  OneVmHosts(OneTools tools) {
    this.tools = tools;
  }

  @Override
  public String hostOf(String vmId) {
    if (!cache.containsKey(vmId)) {
      cache.put(vmId, lookup(vmId));
    }
    return cache.get(vmId);
  }

  private String lookup(String vmId) {
    XmlElement vm = SafeXml.parse(tools.run(List.of("onevm", "show", "-x", vmId)), OneView.MAX_CHARS,
        "onevm show -x " + vmId);
    String state = vm.childText("STATE");
    if (state == null || !ACTIVE.equals(state.strip())) {
      return null;
    }
    XmlElement records = vm.child("HISTORY_RECORDS");
    if (records == null) {
      return null;
    }
    List<XmlElement> history = records.children("HISTORY");
    if (history.isEmpty()) {
      return null;
    }
    String host = history.get(history.size() - 1).childText("HOSTNAME");
    return host == null || host.isBlank() ? null : host.strip();
  }
}
