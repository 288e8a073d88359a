#!/usr/bin/env python3
"""Migration benchmark: how long a live-migrating VM's public address is dark.

Plays OpenNebula's live-migration sequence (one_vmm_exec.rb `migrate`) through the built JAR
against the emulator, each attach and detach taking T seconds: `vnm pre` on the destination,
a memory copy of M seconds (the VM still runs on the source), then `vnm clean <source>` on the
source and `vnm post` on the destination. A poller reads the IP every 50 ms; the dark window is
the time the IP is not attached to the server the VM is running on (the source until the copy
ends, the destination after). Each hook is a whole `java -jar` process, JVM start included.

Four hand-offs are measured in the same run:
  clean-detaches   what the hooks do: clean on the source sees from the VM XML that the VM now
                   runs elsewhere, sends the detach and returns; post waits for it, then attaches
  clean-waits      clean also waits for the detach to finish before post starts
  post-moves       clean leaves the IP, post detaches it from the source and attaches it here
                   (clean's own process start is left out: a lower bound for this hand-off)
  move-at-pre      the old design, for comparison: the IP is moved before the memory copy
Target: the dark window is at most 2T + 1 s and does not grow with M.

Builds nothing: run `mvn -B -q -DskipTests package` first.
Usage: python3 java/bench/migration_bench.py [--runs N] [--copies 5,60] [--transition 2]
"""
import argparse, os, shutil, statistics, sys, tempfile, threading, time

from benchlib import api, hook, host, new_fip, require_jar, start_emulator, vm_stdin

SRC = "aaaaaaaa-0000-4000-8000-00000000000a"
DST = "bbbbbbbb-0000-4000-8000-00000000000b"


class Poller(threading.Thread):
    """Samples (time, server the IP is attached to or None) until stopped."""

    def __init__(self, url, fip_id):
        super().__init__(daemon=True)
        self.url, self.fip_id, self.samples, self.stop = url, fip_id, [], threading.Event()

    def run(self):
        while not self.stop.is_set():
            f = api(self.url, "GET", "/fips/" + self.fip_id)
            on = f["server_id"] if f["status"] == "attached" else None
            self.samples.append((time.monotonic(), on))
            time.sleep(0.05)


def dark_seconds(samples, start, switch, end):
    """Seconds in [start, end) when the IP was not on the VM's server (SRC before switch, DST after)."""
    dark = 0.0
    for (t, on), (t_next, _) in zip(samples, samples[1:]):
        lo, hi = max(t, start), min(t_next, end)
        if hi <= lo:
            continue
        for a, b, want in ((lo, min(hi, switch), SRC), (max(lo, switch), hi, DST)):
            if b > a and on != want:
                dark += b - a
    return dark


def migrate(url, src, dst, copy_seconds, handoff):
    fip = new_fip(url)
    on_src = vm_stdin([fip], "kvm-a")
    # during the migration oned's current history record is the destination's
    stdin = vm_stdin([fip], "kvm-b")
    hook(src, on_src, "pre")
    hook(src, on_src, "post", "one-42", "kvm-a")
    poller = Poller(url, fip["id"])
    poller.start()
    time.sleep(0.3)
    start = time.monotonic()
    if handoff == "move-at-pre":
        hook(dst, stdin, "post", "one-42", "kvm-b")  # what pre used to do on the destination
    else:
        hook(dst, stdin, "pre")
    time.sleep(copy_seconds)
    switch = time.monotonic()  # the memory copy is done: the VM runs on the destination now
    if handoff == "clean-waits":
        hook(src, on_src, "clean", "kvm-a")
    elif handoff != "post-moves":
        hook(src, stdin, "clean", "kvm-a")
    hook(dst, stdin, "post", "one-42", "kvm-b")
    time.sleep(0.3)
    end = time.monotonic()
    poller.stop.set()
    poller.join()
    if poller.samples[-1][1] != DST:
        sys.exit("%s: the IP did not end on the destination" % handoff)
    hook(dst, stdin, "clean", "kvm-b")
    return dark_seconds(poller.samples, start, switch, end)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--copies", default="5,60", help="memory copy durations M, in seconds")
    ap.add_argument("--transition", type=float, default=2.0, help="T: seconds each attach or detach takes")
    opts = ap.parse_args()
    require_jar()
    t = opts.transition
    emu, url = start_emulator(int(t * 1000))
    work = tempfile.mkdtemp(prefix="migration-bench-")
    try:
        src, dst = host(work, "kvm-a", url, SRC), host(work, "kvm-b", url, DST)
        results = {}
        for m in [float(x) for x in opts.copies.split(",")]:
            for handoff in ("clean-detaches", "clean-waits", "post-moves", "move-at-pre"):
                for run in range(opts.runs):
                    d = migrate(url, src, dst, m, handoff)
                    results.setdefault((m, handoff), []).append(d)
                    print("M=%-4g %-15s run %d: dark %.2f s" % (m, handoff, run + 1, d), flush=True)
        print()
        print("T = %.1f s per attach or detach; target: dark <= 2T + 1 = %.1f s, not growing with M" % (t, 2 * t + 1))
        ok = True
        for (m, handoff), ds in sorted(results.items()):
            med = statistics.median(ds)
            print("M=%-4g %-15s median dark %6.2f s  (runs: %s)" % (m, handoff, med, " ".join("%.2f" % d for d in ds)))
            if handoff == "clean-detaches" and med > 2 * t + 1:
                ok = False
        return 0 if ok else 1
    finally:
        emu.kill()
        emu.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
