/**
 * What the driver records about its own runs, for {@code metrics} and {@code doctor}: how many
 * IPAM registers and unregisters and how many hook runs there were and how many failed
 * ({@link dev.scwflexip.stats.ActionCounters}), and how reconcile's last runs ended
 * ({@link dev.scwflexip.stats.ReconcileRuns}). Small files beside the journal (or in the runtime
 * directory on hypervisors), each written with {@link dev.scwflexip.hostfs.PrivateFile}.
 */
package dev.scwflexip.stats;
