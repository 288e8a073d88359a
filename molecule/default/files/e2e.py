#!/usr/bin/env python3
"""Controller-side helper of the scenario's verify step: keeps the end-to-end check results,
talks to the Scaleway emulator on 127.0.0.1, and asserts on its state.

  e2e.py reset                       start a new result file
  e2e.py record  < [{"name", "ok", "detail"}...]   add results (prints PASS/FAIL lines)
  e2e.py summary                     print "N passed, N failed"; exit 1 on any failure
  e2e.py seed --tag T --age S        POST /_emulator/seed one IP; prints it as JSON
  e2e.py api-calls                   the emulator's request counters (JSON)
  e2e.py no-api-calls LABEL BEFORE   record that no API request came in since BEFORE
  e2e.py fips                        every Flexible IP of the project (all pages) as JSON
  e2e.py expect LABEL ID [--server S|--detached] [--status X] [--tag T] [--no-tag T]
                 [--gone] [--present] [--mac M]     record checks on one Flexible IP
  e2e.py stats HOST < [[{"path","owner","mode"}, stat]...]   record owners and modes
  e2e.py grep-token FILE...          record that the token is in none of the files
  e2e.py token-check                 record that the emulator runs with --token-file and refuses
                                     a request without the token or with another one

Environment: MOLECULE_SCENARIO_DIRECTORY, SCW_FLEXIP_EMULATOR_PORT (18091), E2E_TOKEN,
E2E_PROJECT, E2E_ZONE.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

CACHE = os.path.join(os.environ.get("MOLECULE_SCENARIO_DIRECTORY", "."), ".cache")
RESULTS = os.path.join(CACHE, "e2e-results.jsonl")
BASE = "http://127.0.0.1:%s" % os.environ.get("SCW_FLEXIP_EMULATOR_PORT", "18091")
ZONE = os.environ.get("E2E_ZONE", "fr-par-1")
PROJECT = os.environ.get("E2E_PROJECT", "")
TOKEN = os.environ.get("E2E_TOKEN", "")
# The emulator accepts only the token it was started with (emulator.sh --token-file); these
# checks read it from that 0600 file, so it passes through no argv or environment.
TOKEN_FILE = os.path.join(CACHE, "emulator.token")


def api_token():
    with open(TOKEN_FILE, encoding="utf-8") as f:
        return f.read().strip()


def http(method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if not path.startswith("/_emulator/"):
        headers["X-Auth-Token"] = api_token() if token is None else token
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, raw.decode(errors="replace")


def record(results):
    os.makedirs(CACHE, exist_ok=True)
    with open(RESULTS, "a", encoding="utf-8") as f:
        for r in results:
            r = {"name": str(r["name"]), "ok": bool(r["ok"]), "detail": str(r.get("detail", ""))[:800]}
            f.write(json.dumps(r) + "\n")
            print(("PASS " if r["ok"] else "FAIL ") + r["name"] + ("" if r["ok"] else "  -- " + r["detail"]))


def fips():
    out, page = [], 1
    while True:
        st, body = http("GET", "/flexible-ip/v1alpha1/zones/%s/fips?project_id=%s&page=%d&page_size=100"
                        % (ZONE, PROJECT, page))
        if st != 200:
            raise SystemExit("emulator list failed: HTTP %s %s" % (st, body))
        out += body["flexible_ips"]
        if len(out) >= body["total_count"] or not body["flexible_ips"]:
            return out
        page += 1


def get(fid):
    return http("GET", "/flexible-ip/v1alpha1/zones/%s/fips/%s" % (ZONE, fid))


def expect(args):
    label, fid = args[0], args[1]
    if fid in ("", "missing", "None"):
        return [{"name": "%s: the Flexible IP is known (an earlier step produced its id)" % label, "ok": False,
                 "detail": "no id: an earlier step failed"}]
    opts = {}
    i = 2
    while i < len(args):
        if args[i] in ("--gone", "--present", "--detached"):
            opts[args[i]] = True
            i += 1
        else:
            opts.setdefault(args[i], []).append(args[i + 1])
            i += 2
    # Wait out transitions the emulator may still be running (hooks return once settled, but
    # unregister's detach or reconcile may leave a short tail).
    deadline = time.time() + 15
    while True:
        st, f = get(fid)
        settled = st == 200 and isinstance(f, dict) and f.get("status") not in ("updating", "detaching")
        if settled or st != 200 or time.time() > deadline:
            break
        time.sleep(0.3)
    res = []
    gone = st in (403, 404)
    if "--gone" in opts:
        res.append({"name": "%s: Flexible IP %s is deleted" % (label, fid[:8]), "ok": gone, "detail": "HTTP %s %s" % (st, f)})
        return res
    ok = st == 200
    res.append({"name": "%s: Flexible IP %s exists" % (label, fid[:8]), "ok": ok, "detail": "HTTP %s %s" % (st, f)})
    if not ok:
        return res
    for s in opts.get("--server", []):
        res.append({"name": "%s: attached to server %s" % (label, s[:8]),
                    "ok": f.get("server_id") == s and f.get("status") == "attached", "detail": f})
    if "--detached" in opts:
        res.append({"name": "%s: detached" % label, "ok": f.get("server_id") is None and f.get("status") == "ready",
                    "detail": f})
    for t in opts.get("--tag", []):
        res.append({"name": "%s: tagged %s" % (label, t), "ok": t in f.get("tags", []), "detail": f.get("tags")})
    for t in opts.get("--no-tag", []):
        res.append({"name": "%s: not tagged %s" % (label, t), "ok": t not in f.get("tags", []), "detail": f.get("tags")})
    for m in opts.get("--mac", []):
        got = (f.get("mac_address") or {}).get("mac_address")
        res.append({"name": "%s: virtual MAC is the range's MAC" % label, "ok": got == m, "detail": "%s vs %s" % (got, m)})
    for ip in opts.get("--ip", []):
        res.append({"name": "%s: address %s" % (label, ip), "ok": f.get("ip_address", "").split("/")[0] == ip,
                    "detail": f.get("ip_address")})
    return res


def token_check():
    """The emulator's command line names the token file, and any other token gets a 401."""
    try:
        with open(os.path.join(CACHE, "emulator.pid"), encoding="utf-8") as f:
            pid = f.read().strip()
        # the pid is `timeout`'s; the emulator is its child
        with open("/proc/%s/task/%s/children" % (pid, pid), encoding="utf-8") as f:
            child = f.read().split()[0]
        with open("/proc/%s/cmdline" % child, "rb") as f:
            argv = f.read().split(b"\0")
        started = b"--token-file" in argv and TOKEN_FILE.encode() in argv
        detail = "argv has --token-file %s: %s" % (TOKEN_FILE, started)
    except (OSError, IndexError) as e:
        started, detail = False, "cannot read the emulator's command line: %s" % e
    path = "/flexible-ip/v1alpha1/zones/%s/fips?project_id=%s" % (ZONE, PROJECT)
    res = [{"name": "emulator: started with --token-file (the inventory's token, mode 0600)", "ok": started,
            "detail": detail}]
    for label, token in (("another token", "not-the-deployed-token"), ("an empty token", "")):
        st, body = http("GET", path, token=token)
        res.append({"name": "emulator: a request with %s is refused (401 denied_authentication)" % label,
                    "ok": st == 401 and isinstance(body, dict) and body.get("type") == "denied_authentication",
                    "detail": "HTTP %s %s" % (st, body)})
    st, _ = http("GET", path)
    res.append({"name": "emulator: a request with the token of the token file is accepted", "ok": st == 200,
                "detail": "HTTP %s" % st})
    return res


def main(argv):
    cmd = argv[0] if argv else ""
    if cmd == "reset":
        os.makedirs(CACHE, exist_ok=True)
        open(RESULTS, "w", encoding="utf-8").close()
        return 0
    if cmd == "record":
        record(json.load(sys.stdin))
        return 0
    if cmd == "summary":
        rows = []
        if os.path.exists(RESULTS):
            with open(RESULTS, encoding="utf-8") as f:
                rows = [json.loads(line) for line in f if line.strip()]
        passed = sum(1 for r in rows if r["ok"])
        failed = len(rows) - passed
        for r in rows:
            if not r["ok"]:
                print("FAILED: %s -- %s" % (r["name"], r["detail"]))
        print("%d passed, %d failed" % (passed, failed))
        return 1 if failed or not rows else 0
    if cmd == "seed":
        tags = [argv[i + 1] for i in range(1, len(argv) - 1) if argv[i] == "--tag"]
        age = int(argv[argv.index("--age") + 1]) if "--age" in argv else 0
        before = {f["id"] for f in fips()}
        st, body = http("POST", "/_emulator/seed", {"count": 1, "project_id": PROJECT, "tags": tags, "age_seconds": age})
        if st != 200:
            raise SystemExit("emulator seed failed: HTTP %s %s" % (st, body))
        new = [f for f in fips() if f["id"] not in before]
        if len(new) != 1:
            raise SystemExit("emulator seed: expected one new Flexible IP, found %d" % len(new))
        f = new[0]
        f["ip"] = f["ip_address"].split("/")[0]
        print(json.dumps(f))
        return 0
    if cmd == "api-calls":
        st, body = http("GET", "/_emulator/requests")
        if st != 200:
            raise SystemExit("emulator requests failed: HTTP %s %s" % (st, body))
        print(json.dumps(body))
        return 0
    if cmd == "no-api-calls":
        # argv: LABEL BEFORE_JSON - record that no API request reached the emulator since BEFORE
        st, body = http("GET", "/_emulator/requests")
        before = json.loads(argv[2])
        new = {k: v - before.get("by_route", {}).get(k, 0) for k, v in (body or {}).get("by_route", {}).items()}
        new = {k: v for k, v in new.items() if v}
        record([{"name": "%s: no Scaleway API call" % argv[1], "ok": st == 200 and not new, "detail": new}])
        return 0
    if cmd == "fips":
        print(json.dumps(fips()))
        return 0
    if cmd == "expect":
        record(expect(argv[1:]))
        return 0
    if cmd == "stats":
        # stdin: [[{"path", "owner", "mode"}, <stat result>], ...] from ansible.builtin.stat
        res = []
        for want, st in json.load(sys.stdin):
            ok = bool(st.get("exists")) and st.get("pw_name") == want["owner"] and st.get("mode") == want["mode"]
            res.append({"name": "%s: %s %s %s" % (argv[1], want["path"], want["owner"], want["mode"]), "ok": ok,
                        "detail": "%s %s" % (st.get("pw_name", "missing"), st.get("mode", ""))})
        record(res)
        return 0
    if cmd == "token-check":
        record(token_check())
        return 0
    if cmd == "grep-token":
        hits = []
        for path in argv[1:]:
            try:
                with open(path, "rb") as f:
                    if TOKEN and TOKEN.encode() in f.read():
                        hits.append(path)
            except OSError:
                pass
        record([{"name": "token in no controller-side log (%d files)" % len(argv[1:]), "ok": bool(TOKEN) and not hits,
                 "detail": hits or ("E2E_TOKEN not set" if not TOKEN else "")}])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
