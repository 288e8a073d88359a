#!/usr/bin/env python3
"""Reconcile at scale: 10,000 and then 20,000 Flexible IPs tagged as the cloud, in the emulator.

Runs `scw-flexip reconcile --check --format json` as a whole process several times per size and
prints the median wall time, the peak RSS (from /usr/bin/time -v when present, else the child's
rusage via os.wait4) and the 20k/10k ratio. Python 3 standard library only; expects
target/scw-flexip.jar (mvn -B -q -DskipTests package). Run from the repository root:

    python3 java/bench/reconcile_bench.py [--runs 5] [--jvm-flags "..."]
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

from benchlib import CLOUD, JAR, PROJECT, require_jar, start_emulator, write_config

DEFAULT_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx96m -Xss512k -XX:-UsePerfData"


def admin(url, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


def measure(cmd):
    """(wall seconds, peak RSS KiB, exit code) of one whole process."""
    timer = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if timer:
        err = tempfile.NamedTemporaryFile(delete=False)
        t0 = time.monotonic()
        r = subprocess.run([timer, "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=err)
        wall = time.monotonic() - t0
        err.close()
        rss = 0
        for line in open(err.name, errors="replace"):
            if "Maximum resident set size" in line:
                rss = int(line.split(":")[1])
        os.unlink(err.name)
        return wall, rss, r.returncode
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jvm-flags", default=DEFAULT_FLAGS)
    args = ap.parse_args()
    require_jar()
    work = tempfile.mkdtemp(prefix="reconcile-bench-")
    proc, url = start_emulator(50)
    try:
        config = write_config(work, url)
        vnets = os.path.join(work, "vnets.xml")
        with open(vnets, "w") as f:
            f.write("<VNET_POOL></VNET_POOL>")
        cmd = ["java"] + args.jvm_flags.split() + ["-jar", JAR, "--config", config, "reconcile", "--check",
                                                    "--format", "json", "--grace", "0", "--one-xml", vnets]
        # another cloud's IPs in the same project: listed by nobody, counted by nobody
        admin(url, "POST", "/_emulator/seed", {"count": 1000, "project_id": PROJECT,
                                                "tags": ["scw-flexip:cloud=other"], "age_seconds": 7200})
        results = {}
        seeded = 0
        for size in (10000, 20000):
            admin(url, "POST", "/_emulator/seed", {"count": size - seeded, "project_id": PROJECT,
                                                    "tags": ["scw-flexip:cloud=" + CLOUD], "age_seconds": 7200})
            seeded = size
            out = subprocess.run(cmd, capture_output=True)
            plan = json.loads(out.stdout)
            if out.returncode != 3 or plan["ips"] != size or len(plan["actions"]) != size:
                sys.exit("unexpected plan at %d: rc %d, ips %s" % (size, out.returncode, plan.get("ips")))
            runs = [measure(cmd) for _ in range(args.runs)]
            if any(r[2] != 3 for r in runs):
                sys.exit("a timed run exited %s, not 3 (drift found)" % [r[2] for r in runs])
            walls = [r[0] for r in runs]
            rss = max(r[1] for r in runs)
            results[size] = (statistics.median(walls), rss)
            print("%6d IPs: median wall %.2f s (runs %s), peak RSS %.1f MiB"
                  % (size, results[size][0], " ".join("%.2f" % w for w in walls), rss / 1024.0))
        ratio = results[20000][0] / results[10000][0]
        print("ratio 20k/10k wall: %.2f" % ratio)
        ok = results[10000][0] < 10 and results[10000][1] < 256 * 1024 and ratio <= 2.2
        print("targets (10k < 10 s, < 256 MiB; ratio <= 2.2): %s" % ("met" if ok else "NOT met"))
        print("command: %s" % " ".join(cmd).replace(work, "$WORK"))
        return 0 if ok else 1
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
