#!/usr/bin/python3
"""oned stand-in for the scw-flexip Molecule scenario: drives the deployed IPAM scripts through
the real oned <-> one_ipam line protocol (OpenNebula 7.0, see the project's spec/opennebula.md
sections 2-4 and 10). It plays both sides, since the Ruby driver is not installed:

* "oned" side (this process, root): reads the IPAM_MAD stanza of /etc/one/oned.conf, starts
  the driver side as oneadmin with that ARGUMENTS string word-split like the one_ipam wrapper,
  sends INIT, then "<ACTION>  <id> <base64>" (two spaces: empty status) lines with the XML
  oned builds (attributes in byte order, AR form A for register, form B for the others), keeps
  stdin open until every reply is in, waits at most 90 s per request, treats LOG lines apart,
  and checks the replies like oned does (register: AR=[...] with TYPE/IP/SIZE/IPAM_MAD; get: IP
  inside the AR). It keeps what oned would store in a state file between phases.
* "one_ipam" side (subcommand one_ipam, oneadmin): answers INIT SUCCESS - -, runs
  /var/lib/one/remotes/ipam/<IPAM_MAD>/<action> <id> one at a time, stdin = the base64 payload
  without newline, cwd /var/lib/one, own process group, and replies
  "<ACTION> SUCCESS|FAILURE <id> <base64 of stdout, or of the untagged stderr lines joined>".

Phases (each prints one JSON document with "checks"):
  register --adopt-ip IP   VNET 0: AR created by the driver; VNET 1: AR adopting IP
  lease                    GET_ADDRESS on VNET 0, ALLOCATE_ADDRESS of VNET 1's IP
  free                     FREE_ADDRESS of both leases, and once more (a free never fails)
  unregister               UNREGISTER_ADDRESS_RANGE of both ranges (as onevnet delete does)
While the driver runs, /proc/*/cmdline and /proc/*/environ are sampled for the token.
"""
import argparse
import base64
import json
import os
import pwd
import re
import select
import shlex
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from token_watch import TokenWatch  # noqa: E402

ONED_CONF = "/etc/one/oned.conf"
REMOTES = "/var/lib/one/remotes"
TIMEOUT = 90
IPAM_ACTIONS = ("REGISTER_ADDRESS_RANGE", "UNREGISTER_ADDRESS_RANGE", "ALLOCATE_ADDRESS",
                "GET_ADDRESS", "FREE_ADDRESS")
TAGGED = re.compile(r"^(ERROR|INFO|WARN|DEBUG):\s+(\d+)?\s*(.*)$")


# ----------------------------------------------------------------- one_ipam (driver) side

def one_ipam(argv):
    """The driver side, as one_ipam.rb runs it (serial, no script timeout)."""
    avail = None
    i = 0
    while i < len(argv):
        if argv[i] == "-i" and i + 1 < len(argv):
            avail = argv[i + 1].split(",")
            i += 2
        elif argv[i] in ("-t", "-w") and i + 1 < len(argv):
            i += 2
        else:
            i += 1
    if avail is None:
        avail = sorted(d for d in os.listdir(REMOTES + "/ipam") if os.path.isdir(REMOTES + "/ipam/" + d))
    out = sys.stdout

    def send(line):
        out.write(line + "\n")
        out.flush()

    for raw in sys.stdin:
        parts = raw.strip().split()
        if not parts:
            continue
        action = parts[0].upper()
        if action == "INIT":
            send("INIT SUCCESS - -")
            continue
        if action == "FINALIZE":
            return 0
        rid = parts[1] if len(parts) > 1 else "-1"
        payload = parts[2] if len(parts) > 2 else ""
        try:
            root = ET.fromstring(base64.b64decode(payload))
            mad = (root.findtext("AR/IPAM_MAD") or "").strip()
        except Exception:  # noqa: BLE001 - a garbled request is a driver failure, as in Ruby
            mad = ""
        if not mad:
            send("%s FAILURE %s Cannot perform %s, cannot find ipman driver" % (action, rid, action))
            continue
        if mad not in avail:
            send("%s FAILURE %s IPAM driver '%s' not available" % (action, rid, mad))
            continue
        cmd = "%s/ipam/%s/%s" % (REMOTES, mad, action.lower())
        try:
            r = subprocess.run([cmd, rid], input=payload.encode(), cwd="/var/lib/one",
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, check=False)
            rc, sout, serr = r.returncode, r.stdout, r.stderr.decode(errors="replace")
        except OSError as e:
            rc, sout, serr = 127, b"", str(e)
        plain = []
        if rc != 0:
            send("LOG I %s Command execution failed (exit code: %d): %s %s" % (rid, rc, cmd, rid))
        for line in serr.splitlines():
            line = line.strip()
            m = TAGGED.match(line)
            if m:
                sev = {"ERROR": "E", "INFO": "I", "WARN": "W", "DEBUG": "D"}[m.group(1)]
                send("LOG %s %s %s" % (sev, m.group(2) or "-1", m.group(3)))
            elif line:
                plain.append(line)
        if rc == 0:
            info = sout if sout else b"-"
            send("%s SUCCESS %s %s" % (action, rid, base64.b64encode(info).decode()))
        else:
            text = "".join(plain) or "-"
            send("%s FAILURE %s %s" % (action, rid, base64.b64encode(text.encode()).decode()))
    return 0


# ----------------------------------------------------------------- templates and XML

def parse_template(text):
    """OpenNebula template syntax (template_parser.l / template_syntax.y), enough for replies:
    NAME = value and NAME = [ K = V, ... ]; names upper-cased; first value of a repeated key
    inside a vector wins. Returns a list of (name, str | dict)."""
    pos = 0
    n = len(text)
    out = []

    def skip():
        nonlocal pos
        while pos < n:
            if text[pos].isspace():
                pos += 1
            elif text[pos] == "#":
                while pos < n and text[pos] != "\n":
                    pos += 1
            else:
                break

    def name():
        nonlocal pos
        m = re.compile(r"[A-Za-z0-9_]+").match(text, pos)
        if not m:
            raise ValueError("expected a name at offset %d: %r" % (pos, text[pos:pos + 20]))
        pos = m.end()
        return m.group(0).upper()

    def value():
        nonlocal pos
        if pos < n and text[pos] == '"':
            pos += 1
            buf = []
            while pos < n and text[pos] != '"':
                if text[pos] == "\\" and pos + 1 < n and text[pos + 1] == '"':
                    buf.append('"')
                    pos += 2
                else:
                    buf.append(text[pos])
                    pos += 1
            if pos >= n:
                raise ValueError("unterminated quoted value")
            pos += 1
            return "".join(buf)
        m = re.compile(r"[^\s=#,\[\]\"]+").match(text, pos)
        if not m:
            raise ValueError("expected a value at offset %d: %r" % (pos, text[pos:pos + 20]))
        pos = m.end()
        return m.group(0)

    while True:
        skip()
        if pos >= n:
            return out
        k = name()
        skip()
        if pos >= n or text[pos] != "=":
            raise ValueError("expected '=' after %s" % k)
        pos += 1
        skip()
        if pos < n and text[pos] == "[":
            pos += 1
            vec = {}
            while True:
                skip()
                if pos < n and text[pos] == "]":
                    pos += 1
                    break
                vk = name()
                skip()
                if pos >= n or text[pos] != "=":
                    raise ValueError("expected '=' after %s in %s" % (vk, k))
                pos += 1
                skip()
                vv = value()
                vec.setdefault(vk, vv)
                skip()
                if pos < n and text[pos] == ",":
                    pos += 1
            out.append((k, vec))
        else:
            out.append((k, value()))


def parse_reply(text, vector):
    """oned's Template::parse_str_or_xml, then the first vector named `vector`."""
    if text.lstrip().startswith("<"):
        root = ET.fromstring(text)
        node = root if root.tag == vector else root.find(".//" + vector)
        if node is None:
            return None
        return {c.tag.upper(): (c.text or "") for c in node}
    for k, v in parse_template(text):
        if k == vector and isinstance(v, dict):
            return v
    return None


def xml_attrs(d):
    return "".join("<%s>%s</%s>" % (k, escape(str(v)), k) for k, v in sorted(d.items(), key=lambda kv: kv[0].encode()))


def ip_int(ip):
    a = [int(x) for x in ip.split(".")]
    return (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]


def int_ip(v):
    return ".".join(str((v >> s) & 255) for s in (24, 16, 8, 0))


def valid_ip(ip):
    return bool(re.fullmatch(r"(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})", ip or "")) and all(
        0 <= int(x) <= 255 for x in ip.split("."))


def mac_add(mac, k):
    v = int(mac.replace(":", ""), 16) + k
    h = "%012x" % v
    return ":".join(h[i:i + 2] for i in range(0, 12, 2))


def form_a(ar):
    return "<AR>%s</AR>" % xml_attrs(ar)


def form_b(ar):
    size = int(ar.get("SIZE", "1"))
    base = {k: v for k, v in ar.items() if k != "ALLOCATED"}
    tail = "<MAC_END>%s</MAC_END>" % mac_add(ar["MAC"], size - 1) if ar.get("MAC") else ""
    if ar.get("IP"):
        tail += "<IP_END>%s</IP_END>" % int_ip(ip_int(ar["IP"]) + size - 1)
    tail += "<USED_LEASES>%d</USED_LEASES>" % len([x for x in ar.get("ALLOCATED", "").split() if x][::2])
    return "<AR>%s%s</AR>" % (xml_attrs(base), tail)


def message(ar_xml, address_xml):
    return "<IPAM_DRIVER_ACTION_DATA>%s%s</IPAM_DRIVER_ACTION_DATA>" % (ar_xml, address_xml)


EMPTY_ADDRESS = "<ADDRESS><MAC/><IP/><IP6_GLOBAL/><IP6_ULA/><IP6/><SIZE/></ADDRESS>"


# ----------------------------------------------------------------- oned side

def oned_conf():
    """First IPAM_MAD ARGUMENTS and the INHERIT_VNET_ATTR list, as oned reads them."""
    with open(ONED_CONF, encoding="utf-8") as f:
        text = f.read()
    args = None
    inherit = []
    for k, v in parse_template(strip_comments(text)):
        if k == "IPAM_MAD" and isinstance(v, dict) and args is None:
            args = v.get("ARGUMENTS", "")
        if k == "INHERIT_VNET_ATTR" and isinstance(v, str):
            inherit.append(v)
    return args, inherit


def strip_comments(text):
    out = []
    for line in text.splitlines():
        res, q = [], False
        for ch in line:
            if ch == '"':
                q = not q
            if ch == "#" and not q:
                break
            res.append(ch)
        out.append("".join(res))
    return "\n".join(out)


class Oned:
    def __init__(self, checks):
        self.checks = checks
        self.args, self.inherit = oned_conf()
        self.exchanges = []
        self.req_id = 0
        pw = pwd.getpwnam("oneadmin")
        argv = shlex.split(self.args or "")  # the wrapper's unquoted $* word-splits the string

        def drop():
            os.setgid(pw.pw_gid)
            os.initgroups("oneadmin", pw.pw_gid)
            os.setuid(pw.pw_uid)

        env = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": pw.pw_dir,
               "USER": "oneadmin", "LOGNAME": "oneadmin", "LANG": "C.UTF-8"}
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "one_ipam"] + argv,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     cwd="/var/lib/one", env=env, preexec_fn=drop, text=True, bufsize=1)
        self.buf = ""
        self.write("INIT")
        line = self.readline(10)
        self.check("driver answers INIT SUCCESS within 10 s", line is not None and line.split()[:2] == ["INIT", "SUCCESS"], line)

    def check(self, name, ok, detail=""):
        self.checks.append({"name": name, "ok": bool(ok), "detail": str(detail)[:600]})
        return bool(ok)

    def write(self, line):
        self.exchanges.append("> " + (line if len(line) < 120 else line[:117] + "..."))
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def readline(self, timeout):
        end = time.time() + timeout
        fd = self.proc.stdout
        while "\n" not in self.buf:
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([fd], [], [], left)
            if r:
                chunk = os.read(fd.fileno(), 65536).decode()
                if not chunk:
                    return None
                self.buf += chunk
        line, self.buf = self.buf.split("\n", 1)
        self.exchanges.append("< " + (line if len(line) < 160 else line[:157] + "..."))
        return line

    def request(self, action, xml):
        rid = self.req_id
        self.req_id += 1
        payload = base64.b64encode(xml.encode()).decode()
        self.write("%s  %d %s" % (action, rid, payload))
        start = time.time()
        logs = []
        while True:
            line = self.readline(TIMEOUT - (time.time() - start))
            if line is None:
                return {"action": action, "id": rid, "result": "TIMEOUT", "info": "Request timeout",
                        "logs": logs, "seconds": round(time.time() - start, 2)}
            p = line.split(" ", 3)
            if p[0] == "LOG":
                logs.append(line)
                continue
            if len(p) >= 3 and p[0] == action and p[2] == str(rid):
                raw = p[3] if len(p) > 3 else ""
                try:
                    info = base64.b64decode(raw, validate=True).decode()
                except Exception:  # noqa: BLE001 - the two plain-text one_ipam failures
                    info = raw
                return {"action": action, "id": rid, "result": p[1], "info": info, "logs": logs,
                        "seconds": round(time.time() - start, 2)}
            logs.append("unexpected: " + line)

    def close(self):
        try:
            self.write("FINALIZE")
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# ----------------------------------------------------------------- phases

def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {"vnets": [], "leases": []}


def save(path, state):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(state, f, indent=1, sort_keys=True)
    os.chmod(tmp, 0o644)  # the onevnet stand-in reads it as oneadmin
    os.replace(tmp, path)


def phase_register(oned, state, adopt_ip):
    wanted = [
        ("created", {"TYPE": "IP4", "SIZE": "1", "IPAM_MAD": "scw-flexip", "PURPOSE": "molecule created"}),
        ("adopted", {"TYPE": "IP4", "SIZE": "1", "IPAM_MAD": "scw-flexip", "IP": adopt_ip,
                     "PURPOSE": "molecule adopted"}),
    ]
    for vid, (label, ar_in) in enumerate(wanted):
        r = oned.request("REGISTER_ADDRESS_RANGE", message(form_a(ar_in), EMPTY_ADDRESS))
        c = "register %s range" % label
        ok = oned.check(c + ": SUCCESS reply", r["result"] == "SUCCESS", r)
        if not ok:
            continue
        try:
            ar = parse_reply(r["info"], "AR")
        except (ValueError, ET.ParseError) as e:
            ar = None
            r["parse_error"] = str(e)
        if not oned.check(c + ": reply parses as AR=[...]", ar is not None, r["info"]):
            continue
        oned.check(c + ": TYPE=IP4", ar.get("TYPE") == "IP4", ar)
        oned.check(c + ": IP is a dotted quad", valid_ip(ar.get("IP")), ar.get("IP"))
        oned.check(c + ": SIZE=1", ar.get("SIZE", "").isdigit() and int(ar["SIZE"]) == 1, ar.get("SIZE"))
        oned.check(c + ": IPAM_MAD=scw-flexip echoed", ar.get("IPAM_MAD") == "scw-flexip", ar.get("IPAM_MAD"))
        oned.check(c + ": user attribute PURPOSE echoed", ar.get("PURPOSE") == ar_in["PURPOSE"], ar.get("PURPOSE"))
        oned.check(c + ": SCW_FLEXIP_ID set", bool(ar.get("SCW_FLEXIP_ID")), ar)
        oned.check(c + ": MAC set", bool(re.fullmatch(r"[0-9a-f]{2}(:[0-9a-f]{2}){5}", ar.get("MAC", ""))), ar.get("MAC"))
        if label == "adopted":
            oned.check(c + ": IP is the adopted one", ar.get("IP") == adopt_ip, ar.get("IP"))
            oned.check(c + ": SCW_FLEXIP_CREATED=NO", ar.get("SCW_FLEXIP_CREATED") == "NO", ar)
        else:
            oned.check(c + ": SCW_FLEXIP_CREATED=YES", ar.get("SCW_FLEXIP_CREATED") == "YES", ar)
        stored = dict(ar)
        stored["AR_ID"] = "0"
        if not stored.get("MAC"):
            stored["MAC"] = "02:00:" + ":".join("%02x" % int(x) for x in stored["IP"].split("."))
        state["vnets"].append({"id": vid, "name": "flexip-" + label, "label": label, "ar": stored})


def nic_for(oned, vnet, ip, mac, nic_id):
    """The NIC attributes oned writes after a lease (VirtualNetwork::nic_attribute)."""
    ar = vnet["ar"]
    nic = {"NETWORK": vnet["name"], "NETWORK_ID": str(vnet["id"]), "BRIDGE": "br0", "BRIDGE_TYPE": "linux",
           "VN_MAD": "bridge", "CLUSTER_ID": "0", "SECURITY_GROUPS": "0", "MAC": mac, "IP": ip,
           "AR_ID": ar["AR_ID"], "NIC_ID": str(nic_id)}
    for attr in oned.inherit:  # copied from the AR first (AddressRange.cc:1372-1410)
        if ar.get(attr):
            nic[attr] = ar[attr]
    return nic


def phase_lease(oned, state):
    by = {v["label"]: v for v in state["vnets"]}
    oned.check("lease: both ranges were registered before", set(by) == {"created", "adopted"}, sorted(by))
    if "created" in by:
        v = by["created"]
        r = oned.request("GET_ADDRESS", message(form_b(v["ar"]), "<ADDRESS><SIZE>1</SIZE></ADDRESS>"))
        if oned.check("get address on the created range: SUCCESS", r["result"] == "SUCCESS", r):
            try:
                addr = parse_reply(r["info"], "ADDRESS")
            except (ValueError, ET.ParseError):
                addr = None
            ip = (addr or {}).get("IP", "")
            lo = ip_int(v["ar"]["IP"])
            inside = valid_ip(ip) and lo <= ip_int(ip) < lo + int(v["ar"]["SIZE"])
            if oned.check("get address: IP lies inside the range", inside, r["info"]):
                v["ar"]["ALLOCATED"] = "0 4294967296"
                state["leases"].append({"vnet": v["id"], "ip": ip, "mac": v["ar"]["MAC"],
                                        "nic": nic_for(oned, v, ip, v["ar"]["MAC"], 0)})
    if "adopted" in by:
        v = by["adopted"]
        addr = "<ADDRESS><MAC>%s</MAC><IP>%s</IP><SIZE>1</SIZE></ADDRESS>" % (v["ar"]["MAC"], v["ar"]["IP"])
        r = oned.request("ALLOCATE_ADDRESS", message(form_b(v["ar"]), addr))
        if oned.check("allocate the adopted range's own IP: SUCCESS", r["result"] == "SUCCESS", r):
            v["ar"]["ALLOCATED"] = "0 4294967296"
            state["leases"].append({"vnet": v["id"], "ip": v["ar"]["IP"], "mac": v["ar"]["MAC"],
                                    "nic": nic_for(oned, v, v["ar"]["IP"], v["ar"]["MAC"], 1)})
        # oned never asks for an address outside the range; a wrong IP must be refused.
        wrong = int_ip(ip_int(v["ar"]["IP"]) ^ 1)
        addr = "<ADDRESS><MAC>%s</MAC><IP>%s</IP><SIZE>1</SIZE></ADDRESS>" % (v["ar"]["MAC"], wrong)
        r = oned.request("ALLOCATE_ADDRESS", message(form_b(v["ar"]), addr))
        oned.check("allocate an IP that is not the range's: FAILURE with one message",
                   r["result"] == "FAILURE" and r["info"] not in ("", "-"), r)


def phase_free(oned, state):
    oned.check("free: two leases to free", len(state["leases"]) == 2, state["leases"])
    for lease in state["leases"]:
        v = state["vnets"][lease["vnet"]]
        addr = "<ADDRESS><MAC>%s</MAC><IP>%s</IP><SIZE>1</SIZE></ADDRESS>" % (lease["mac"], lease["ip"])
        r = oned.request("FREE_ADDRESS", message(form_b(v["ar"]), addr))
        oned.check("free %s lease: SUCCESS" % v["label"], r["result"] == "SUCCESS", r)
        v["ar"].pop("ALLOCATED", None)
        # A second free of the same address (a retried release) must not fail: a failed free
        # leaks the lease inside oned.
        r = oned.request("FREE_ADDRESS", message(form_b(v["ar"]), addr))
        oned.check("free %s lease again: still SUCCESS" % v["label"], r["result"] == "SUCCESS", r)
    state["leases"] = []


def phase_unregister(oned, state):
    oned.check("unregister: two ranges to unregister", len(state["vnets"]) == 2, [v["label"] for v in state["vnets"]])
    for v in state["vnets"]:
        r = oned.request("UNREGISTER_ADDRESS_RANGE", message(form_a(v["ar"]), EMPTY_ADDRESS))
        oned.check("unregister %s range: SUCCESS" % v["label"], r["result"] == "SUCCESS", r)
    state["unregistered"] = state.pop("vnets")
    state["vnets"] = []


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "one_ipam":
        return one_ipam(sys.argv[2:])
    ap = argparse.ArgumentParser()
    ap.add_argument("phase", choices=["register", "lease", "free", "unregister"])
    ap.add_argument("--state", default="/opt/molecule/oned-state.json")
    ap.add_argument("--adopt-ip")
    a = ap.parse_args()
    state = load(a.state)
    checks = []
    watch = TokenWatch()
    watch.start()
    started = time.time()
    try:
        oned = Oned(checks)
    except Exception as e:  # noqa: BLE001 - report, never crash: verify counts it as a failure
        print(json.dumps({"phase": a.phase, "state": state, "checks": [
            {"name": "%s: the driver side starts" % a.phase, "ok": False, "detail": repr(e)}]}))
        return 0
    try:
        oned.check("oned.conf has an IPAM_MAD stanza", oned.args is not None, ONED_CONF)
        {"register": lambda: phase_register(oned, state, a.adopt_ip),
         "lease": lambda: phase_lease(oned, state),
         "free": lambda: phase_free(oned, state),
         "unregister": lambda: phase_unregister(oned, state)}[a.phase]()
    except Exception as e:  # noqa: BLE001 - a crash in a phase is one failed check
        oned.check("%s: the phase ran to the end" % a.phase, False, repr(e))
    finally:
        oned.close()
        watch.stop.set()
        watch.join(2)
    oned.check("%s: token in no process argv/environment (%d samples)" % (a.phase, watch.samples),
               watch.token and not watch.seen, watch.seen or ("no token file" if not watch.token else ""))
    save(a.state, state)
    print(json.dumps({"phase": a.phase, "checks": checks, "state": state, "ipam_args": oned.args,
                      "inherit_vnet_attr": oned.inherit, "exchanges": oned.exchanges,
                      "seconds": round(time.time() - started, 2)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
