package dev.scwflexip.reconcile;

/** Which OpenNebula host a VM runs on, for the wrong-server check. */
public interface VmHosts {
  /** The host name of the VM's current placement, or null when it is not running anywhere. */
  String hostOf(String vmId);

  /** Answers for no VM: the wrong-server check then reports nothing. */
  VmHosts NONE = vmId -> null;
}
