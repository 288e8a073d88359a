#!/usr/bin/env python3
"""Crash test for reconcile: kill -9 register, unregister and `vnm pre` at random points, then
show that one reconcile leaves no leaked IP and no journal entry without its IP.

Ranges are IPv4 (TYPE IP4) or dual stack (TYPE IP4_6: an IPv4 and an IPv6 Flexible IP under one
journal entry, tied by pair tags, one MAC group from their first attach), half and half, so a
kill can fall between the two creates, before the IPv4 gets its pair tag, or between the two
deletes of an unregister.

Each action runs as its own JVM (`java -jar target/scw-flexip.jar ...`) against an
out-of-process emulator with 100 ms transitions, and is killed with SIGKILL after a random
0-1500 ms unless it finished first; several run at once, sharing one journal, as on a frontend.
After every kill the journal must parse. "oned" knows the ranges whose register exited 0 and
forgets those whose unregister exited 0; that set is passed to reconcile as --one-xml. Then:

  reconcile --grace 0 --format json --one-xml <ranges>     (apply, once)

must exit 0 or 3 with no failed action, and afterwards every IP tagged as the cloud's is owned by
a known range and by a journal entry, and every journal entry's IP exists.

    python3 java/bench/reconcile_crash.py [--kills 200] [--workers 2] [--seed N]
"""
import argparse, base64, json, os, random, shutil, signal, subprocess, sys, tempfile, threading, time
import urllib.request
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import start_emulator  # noqa: E402

JAR = "target/scw-flexip.jar"
PROJECT = "11111111-2222-4333-8444-555555555555"
CLOUD = "crash"
SERVER = "aaaaaaaa-0000-4000-8000-00000000000a"
JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-Xshare:auto"]


def ar_message(attrs):
    body = "".join("<%s>%s</%s>" % (k, escape(str(attrs[k])), k) for k in sorted(attrs))
    xml = ("<IPAM_DRIVER_ACTION_DATA><AR>%s</AR><ADDRESS><MAC/><IP/><IP6_GLOBAL/><IP6_ULA/><IP6/><SIZE/>"
           "</ADDRESS></IPAM_DRIVER_ACTION_DATA>" % body)
    return base64.b64encode(xml.encode())


def vm_message(ar, vm_id):
    id6 = "<SCW_FLEXIP_ID6>%s</SCW_FLEXIP_ID6>" % ar["SCW_FLEXIP_ID6"] if "SCW_FLEXIP_ID6" in ar else ""
    nic = "<NIC><AR_ID>0</AR_ID><BRIDGE>br0</BRIDGE><IP>%s</IP><MAC>%s</MAC><NETWORK_ID>7</NETWORK_ID>" \
          "<NIC_ID>0</NIC_ID><SCW_FLEXIP_ID>%s</SCW_FLEXIP_ID>%s<VN_MAD>bridge</VN_MAD></NIC>" % (
              ar["IP"], ar["MAC"], ar["SCW_FLEXIP_ID"], id6)
    xml = "<VM><ID>%d</ID><TEMPLATE>%s</TEMPLATE></VM>" % (vm_id, nic)
    return base64.b64encode(xml.encode()) + b"\n"


def parse_ar(text):
    import re
    m = re.search(r"\bAR\s*=\s*\[(.*?)\]", text, re.S)
    if not m:
        return None
    out = {}
    for k, v in re.findall(r'([A-Za-z0-9_]+)\s*=\s*"((?:[^"\\]|\\.)*)"', m.group(1)):
        out.setdefault(k.upper(), v)
    return out


class Crash:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.lock = threading.Lock()
        self.known = {}          # IPv4 fip id -> AR attributes: the ranges oned holds
        self.interrupted = set() # IPv4 fip ids of ranges whose unregister was killed
        self.kills = 0
        self.finished = 0
        self.runs = 0
        self.errors = []
        self.work = tempfile.mkdtemp(prefix="reconcile-crash-")
        self.state = os.path.join(self.work, "journal.json")

    def setup(self):
        self.emu, self.url = start_emulator(100)
        token = os.path.join(self.work, "token")
        open(token, "w").write("crash-token")
        os.chmod(token, 0o600)
        sid = os.path.join(self.work, "sid")
        open(sid, "w").write("fr-par-1/" + SERVER)
        self.config = os.path.join(self.work, "config.json")
        json.dump({"api_url": self.url, "zone": "fr-par-1", "project_id": PROJECT, "token_file": token,
                   "state_file": self.state, "cloud": CLOUD, "server_id_file": sid,
                   "runtime_dir": os.path.join(self.work, "run"), "action_deadline_seconds": 20,
                   "gateway6": "fe80::1"},
                  open(self.config, "w"))

    def run_and_maybe_kill(self, argv, stdin):
        cmd = ["java"] + JVM + ["-jar", JAR, "--config", self.config] + argv
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        delay = self.rng.uniform(0, 1.5)
        try:
            out, err = p.communicate(stdin, timeout=delay)
            killed = False
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            out, err = p.communicate()
            killed = True
        return killed, p.returncode, out.decode(errors="replace"), err.decode(errors="replace")

    def check_journal(self, when):
        if not os.path.exists(self.state):
            return
        try:
            with open(self.state) as f:
                json.load(f)
        except ValueError as e:
            self.errors.append("journal does not parse after %s: %s" % (when, e))

    def one_step(self, vm_id):
        with self.lock:
            known = list(self.known.values())
            roll = self.rng.random()
        if not known or roll < 0.5:
            with self.lock:
                kind = "IP4_6" if self.rng.random() < 0.5 else "IP4"
            msg = ar_message({"IPAM_MAD": "scw-flexip", "SIZE": "1", "TYPE": kind})
            killed, rc, out, err = self.run_and_maybe_kill(["ipam", "register_address_range", "0"], msg)
            ar = parse_ar(out) if rc == 0 else None
            if ar:
                with self.lock:
                    self.known[ar["SCW_FLEXIP_ID"]] = ar
            what = "register " + kind
        elif roll < 0.75:
            ar = self.rng.choice(known)
            killed, rc, out, err = self.run_and_maybe_kill(["ipam", "unregister_address_range", "0"], ar_message(ar))
            with self.lock:
                if rc == 0:
                    self.known.pop(ar["SCW_FLEXIP_ID"], None)
                elif killed:
                    self.interrupted.add(ar["SCW_FLEXIP_ID"])
            what = "unregister"
        else:
            ar = self.rng.choice(known)
            killed, rc, out, err = self.run_and_maybe_kill(["vnm", "pre"], vm_message(ar, vm_id))
            what = "vnm pre"
        with self.lock:
            self.runs += 1
            if killed:
                self.kills += 1
            else:
                self.finished += 1
        self.check_journal("%s (%s)" % (what, "killed" if killed else "exit %d" % rc))

    def worker(self, n):
        i = 0
        while True:
            with self.lock:
                if self.kills >= self.args.kills or len(self.errors) > 0:
                    return
            i += 1
            self.one_step(n * 100000 + i)

    def one_xml(self):
        vnets = []
        for i, ar in enumerate(self.known.values()):
            attrs = dict(ar, AR_ID="0")
            body = "".join("<%s>%s</%s>" % (k, escape(v), k) for k, v in attrs.items())
            vnets.append("<VNET><ID>%d</ID><NAME>crash%d</NAME><AR_POOL><AR>%s</AR></AR_POOL></VNET>" % (i, i, body))
        path = os.path.join(self.work, "vnets.xml")
        open(path, "w").write("<VNET_POOL>%s</VNET_POOL>" % "".join(vnets))
        return path

    def fips(self):
        out, page = [], 1
        while True:
            req = urllib.request.Request("%s/flexible-ip/v1alpha1/zones/fr-par-1/fips?page=%d&page_size=100&tags=%s"
                                         % (self.url, page, "scw-flexip:cloud=" + CLOUD),
                                         headers={"X-Auth-Token": "crash-token"})
            body = json.loads(urllib.request.urlopen(req, timeout=30).read())
            out += body["flexible_ips"]
            if len(out) >= body["total_count"] or not body["flexible_ips"]:
                return out
            page += 1

    def verify(self):
        time.sleep(1.0)   # let the emulator finish transitions started by killed processes
        xml = self.one_xml()
        cmd = ["java", "-jar", JAR, "--config", self.config, "reconcile", "--grace", "0", "--format", "json",
               "--one-xml", xml]
        r = subprocess.run(cmd, capture_output=True, timeout=600)
        try:
            report = json.loads(r.stdout)
        except ValueError:
            return ["reconcile printed no JSON (rc %d): %s" % (r.returncode, r.stderr.decode()[-300:])]
        problems = []
        if r.returncode not in (0, 3) or report["failed"]:
            problems.append("reconcile rc %d, failed %d: %s" % (r.returncode, report["failed"], r.stderr.decode()[-300:]))
        if report["deferred"]:
            problems.append("reconcile deferred %d items (transient IPs?): %s" % (len(report["deferred"]), report["deferred"][:3]))
        kinds = {}
        for a in report["actions"]:
            kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
        entries = json.load(open(self.state))["entries"] if os.path.exists(self.state) else []
        ips = {f["id"]: f for f in self.fips() if f["status"] != "detaching"}
        owned = {}
        for ar in self.known.values():
            owned[ar["SCW_FLEXIP_ID"]] = ar
            if "SCW_FLEXIP_ID6" in ar:
                owned[ar["SCW_FLEXIP_ID6"]] = ar
        by_entry = {}
        for e in entries:
            for key in ("fipId", "fipId6"):
                if e.get(key):
                    by_entry[e[key]] = e
        for fid, f in ips.items():
            family = "IPv6" if ":" in f["ip_address"] else "IPv4"
            if fid not in owned:
                problems.append("leaked %s %s (%s, %s): no range owns it" % (family, f["ip_address"], fid, f["status"]))
            elif fid not in by_entry:
                problems.append("%s %s is owned by a range but no journal entry explains it" % (family, f["ip_address"]))
        for e in entries:
            for key in ("fipId", "fipId6"):
                if (key == "fipId" or e.get(key)) and e.get(key) not in ips:
                    problems.append("journal entry %s (%s) has no %s" % (e.get("id"), e.get("state"), key))
        for fid, ar in self.known.items():
            # a killed unregister may have released part of the range: oned still holds it and
            # the operator reruns `onevnet rmar`; anything else must keep both IPs
            if ar.get("TYPE") == "IP4_6" and fid not in self.interrupted and \
                    (fid in ips) != (ar.get("SCW_FLEXIP_ID6") in ips):
                problems.append("dual-stack range %s kept only one of its IPs" % ar["IP"])
        again = subprocess.run(cmd[:-4] + ["--check", "--grace", "0", "--format", "json", "--one-xml", xml],
                               capture_output=True, timeout=600)
        second = json.loads(again.stdout)
        repairs = [a for a in second["actions"] if a["fix"] != "none"]
        if repairs:
            problems.append("second reconcile still plans repairs: %s" % repairs[:3])
        dual = sum(1 for ar in self.known.values() if ar.get("TYPE") == "IP4_6")
        self.summary = ("runs %d, killed %d, finished %d; ranges known to oned %d (%d dual stack), IPs left %d"
                        " (%d IPv6), journal entries %d; reconcile rc %d, actions %s; second run: %d report-only items"
                        % (self.runs, self.kills, self.finished, len(self.known), dual, len(ips),
                           sum(1 for f in ips.values() if ":" in f["ip_address"]), len(entries),
                           r.returncode, kinds, len(second["actions"])))
        return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit("no %s: run mvn -B -q -DskipTests package first" % JAR)
    c = Crash(args)
    t0 = time.monotonic()
    c.setup()
    try:
        threads = [threading.Thread(target=c.worker, args=(n,)) for n in range(args.workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        problems = c.errors or c.verify()
        print(getattr(c, "summary", "runs %d, killed %d" % (c.runs, c.kills)))
        print("seed %d, %.0f s" % (args.seed, time.monotonic() - t0))
        for p in problems[:20]:
            print("PROBLEM: " + p)
        print("crash test %s" % ("FAILED" if problems else
                                 "holds: no leaked IPv4 or IPv6, no entry without its IPs, journal always parsed"))
        return 1 if problems else 0
    finally:
        c.emu.kill()
        c.emu.wait()
        shutil.rmtree(c.work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
