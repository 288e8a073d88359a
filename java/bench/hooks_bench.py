#!/usr/bin/env python3
"""Hooks benchmark: a VM with 4 public NICs vs 1, each attach taking 2 s in the emulator.

Times whole `java -jar target/scw-flexip.jar --config ... vnm pre` processes (JVM start
included), each followed by a `vnm clean` to reset the IPs. Builds nothing: run
`mvn -B -q -DskipTests package` first. Usage: python3 java/bench/hooks_bench.py [--runs N]
"""
import argparse, os, shutil, statistics, sys, tempfile

from benchlib import hook, new_fip, require_jar, start_emulator, vm_stdin, write_config

SERVER = "aaaaaaaa-0000-4000-8000-00000000000a"
TRANSITION_MS = 2000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    opts = ap.parse_args()
    require_jar()
    emu, url = start_emulator(TRANSITION_MS)
    work = tempfile.mkdtemp(prefix="hooks-bench-")
    try:
        with open(os.path.join(work, "server_id"), "w") as f:
            f.write("fr-par-1/" + SERVER + "\n")
        config = write_config(work, url, runtime_dir=os.path.join(work, "run"),
                              server_id_file=os.path.join(work, "server_id"))
        vms = {1: vm_stdin([new_fip(url)]), 4: vm_stdin([new_fip(url) for _ in range(4)])}
        hook(config, vms[1], "pre")  # warm the page cache for the JAR; not counted
        hook(config, vms[1], "clean", "kvm-a")
        times = {1: [], 4: []}
        for run in range(opts.runs):
            for nics in (1, 4):
                t = hook(config, vms[nics], "pre")
                hook(config, vms[nics], "clean", "kvm-a")
                times[nics].append(t)
                print("run %d: %d NIC%s pre %.2f s" % (run + 1, nics, "" if nics == 1 else "s", t), flush=True)
        m1, m4 = statistics.median(times[1]), statistics.median(times[4])
        print("median 1 NIC : %.2f s  (runs: %s)" % (m1, " ".join("%.2f" % t for t in times[1])))
        print("median 4 NICs: %.2f s  (runs: %s)" % (m4, " ".join("%.2f" % t for t in times[4])))
        print("ratio 4/1    : %.2f  (target <= 1.30, attach transition %d ms)" % (m4 / m1, TRANSITION_MS))
        return 0 if m4 / m1 <= 1.3 else 1
    finally:
        emu.kill()
        emu.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
