#!/usr/bin/python3
"""Runs a deployed bridge vnm action on this hypervisor the way one_vmm_exec does (OpenNebula
7.0, spec/opennebula.md section 7): as oneadmin, cwd /var/lib/one, the command
/var/tmp/one/vnm/bridge/<action> with the action's argv (pre: none, post: <deploy id> <host>,
clean: <host>), stdin = the base64 of the cut-down VM XML plus one newline. The XML has the
real shape: several sibling <TEMPLATE> and <HISTORY_RECORDS> elements, one per copied node
(get_vnm_drivers).

  vnm_run.py pre|post|clean --host H --vm-id N [--deploy-id one-N] < {"nics": [...], "attach": NIC_ID}

Prints one JSON document: rc, stdout, stderr, seconds, and any sighting of the token in a
process argv or environment on this host while the action ran (sampled every 20 ms).
"""
import argparse
import base64
import json
import os
import pwd
import subprocess
import sys
import time
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from token_watch import TokenWatch  # noqa: E402

ACTIONS = "/var/tmp/one/vnm/bridge"


def el(tag, text):
    return "<%s>%s</%s>" % (tag, escape(str(text)), tag) if text != "" else "<%s/>" % tag


def vm_xml(vm_id, deploy_id, host, nics, attach):
    parts = ["<VM>", el("ID", vm_id), el("DEPLOY_ID", deploy_id)]
    nics = [n for n in nics if n.get("NIC_ID") is not None]
    ctx = "".join(el("ETH%s_IP" % n["NIC_ID"], n.get("IP", "")) for n in nics)
    parts.append("<TEMPLATE><CONTEXT><NETWORK>YES</NETWORK>%s<SSH_PUBLIC_KEY>ssh-ed25519 AAAA molecule</SSH_PUBLIC_KEY>"
                 "</CONTEXT></TEMPLATE>" % ctx)
    parts.append("<USER_TEMPLATE><LOGO>images/logos/debian.png</LOGO></USER_TEMPLATE>")
    for tag, val in (("HOSTNAME", host), ("HID", {"kvm1": 0, "kvm2": 1}.get(host, 9)), ("DS_ID", 0), ("VM_MAD", "kvm")):
        parts.append("<HISTORY_RECORDS><HISTORY>%s</HISTORY></HISTORY_RECORDS>" % el(tag, val))
    for n in nics:
        attrs = dict(n)
        attrs["TARGET"] = "one-%s-%s" % (vm_id, n["NIC_ID"])
        if attach is not None and str(n["NIC_ID"]) == str(attach):
            attrs["ATTACH"] = "YES"
        body = "".join(el(k, v) for k, v in sorted(attrs.items()))
        parts.append("<TEMPLATE><NIC>%s</NIC></TEMPLATE>" % body)
    parts.append("</VM>")
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["pre", "post", "clean"])
    ap.add_argument("--host", required=True)
    ap.add_argument("--vm-id", required=True)
    ap.add_argument("--deploy-id", default="")
    a = ap.parse_args()
    spec = json.load(sys.stdin)
    nics = spec.get("nics", [])
    xml = vm_xml(a.vm_id, a.deploy_id, a.host, nics, spec.get("attach"))
    stdin = base64.b64encode(xml.encode()) + b"\n"
    argv = {"pre": [], "post": [a.deploy_id, a.host], "clean": [a.host]}[a.action]
    pw = pwd.getpwnam("oneadmin")

    def drop():
        os.setgid(pw.pw_gid)
        os.initgroups("oneadmin", pw.pw_gid)
        os.setuid(pw.pw_uid)

    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": pw.pw_dir, "USER": "oneadmin",
           "LOGNAME": "oneadmin", "LANG": "C.UTF-8", "SHELL": "/bin/bash"}
    watch = TokenWatch()
    watch.start()
    t0 = time.time()
    r = subprocess.run(["%s/%s" % (ACTIONS, a.action)] + argv, input=stdin, cwd=pw.pw_dir, env=env,
                       preexec_fn=drop, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    secs = round(time.time() - t0, 2)
    watch.stop.set()
    watch.join(2)
    print(json.dumps({"action": a.action, "host": a.host, "argv": argv, "rc": r.returncode,
                      "stdout": r.stdout.decode(errors="replace"), "stderr": r.stderr.decode(errors="replace"),
                      "seconds": secs, "token_file_readable": bool(watch.token), "token_seen": watch.seen,
                      "samples": watch.samples, "hooks": sorted(os.listdir(ACTIONS + "/" + a.action + ".d"))
                      if os.path.isdir(ACTIONS + "/" + a.action + ".d") else [], "xml_bytes": len(xml)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
