/**
 * An offline emulator of the Scaleway Elastic Metal Flexible IP API ({@code /flexible-ip/v1alpha1}),
 * for tests only: it listens on loopback addresses only.
 *
 * <p>In-process: {@code Emulator.start("127.0.0.1", 0, transitionMs)}, then {@code url()},
 * {@code store()} (seeding, {@code serverDeleted}), {@code faults()}, {@code requests()},
 * {@code reset()}, {@code close()}. As a process: {@code scw-flexip emulator --listen
 * 127.0.0.1:PORT [--transition-ms N] [--token-file FILE]}, which prints
 * {@code scw-flexip emulator listening on http://127.0.0.1:PORT} once ready.
 *
 * With a token (from {@code --token-file}, or the fourth argument of {@code start}) only that
 * {@code X-Auth-Token} is accepted; any other answers 401 denied_authentication.
 *
 * <p>Test controls over HTTP (no token; neither counted nor faulted):
 * <pre>
 *   POST   /_emulator/faults    {"rate_limit":N,"retry_after":S,"server_error":N,"slow":N,"slow_ms":M,
 *                                "drop":N,"fail_paths":"POST /flexible-ip/v1alpha1/zones/fr-par-1/fips/attach"}
 *                                "permissions":"all"|"read_only"|"none"}
 *                               replaces all fault settings; each counts down over matching API requests,
 *                               except permissions, which holds until cleared (403 permissions_denied)
 *   GET    /_emulator/faults    what is left;  DELETE /_emulator/faults  clears
 *   POST   /_emulator/seed      {"count":N,"zone":"fr-par-1","project_id":"…","tags":[…],"age_seconds":S,
 *                                "status":"ready"|"attached","server_id":"…"}  answers {"count":N}
 *   GET    /_emulator/requests  {"by_route":{"GET /flexible-ip/v1alpha1/zones/{zone}/fips":n,…},"total":n}
 *   POST   /_emulator/reset     empties the store, faults and counters
 *   DELETE /_emulator/servers/{server_id}  the server is gone: its IPs go detaching, then ready
 * </pre>
 * Behaviour the real API leaves open is decided, and listed, in {@link dev.scwflexip.emulator.FipStore},
 * {@link dev.scwflexip.emulator.ApiHandler} and {@link dev.scwflexip.emulator.Faults}.
 */
package dev.scwflexip.emulator;
