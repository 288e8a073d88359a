#!/usr/bin/python
# -*- coding: utf-8 -*-
"""Thin Ansible wrapper over the scw-flexip command-line tool installed on the target host."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r"""
---
module: scw_flexip
short_description: Run the scw-flexip driver's maintenance commands (oned.conf edit, host sync, reconcile, doctor)
description:
  - Runs the C(scw-flexip) launcher that the C(one_driver) role installs on the host and
    turns its JSON answer into an Ansible result with C(changed), check mode and diff support.
  - C(action=oned_conf) makes sure the driver is in the first C(IPAM_MAD) stanza's C(-i) list and
    that the driver's Flexible IP id attribute is in C(INHERIT_VNET_ATTR) and, with I(restrict),
    that users outside oneadmin cannot set the driver's attributes. The file is edited in place
    (atomically, with a backup) by the tool; nothing else in it changes. With I(state=absent) it
    undoes exactly that edit (C(oned-conf --remove)), for uninstalling.
  - C(action=sync_hosts) runs C(onehost sync --force) as C(oneadmin) on the frontend. A failed
    sync fails the task.
  - C(action=reconcile) compares the Flexible IPs at Scaleway, the driver's journal and the
    address ranges in OpenNebula, and repairs drift. In check mode it only reports the plan.
  - C(action=doctor) runs C(scw-flexip doctor --format json), which changes nothing, and fails the
    task when a check fails, with a message naming the failed checks; warnings do not fail it.
    It runs in check mode too, and never reports C(changed).
  - The module takes no secret. The tool reads the Scaleway token from the file named in its
    configuration, so the token never appears in argv, the environment or the module result.
version_added: "0.1.0"
author:
  - scw-flexip maintainers
options:
  action:
    description:
      - What to do.
    type: str
    required: true
    choices: [oned_conf, sync_hosts, reconcile, doctor]
  executable:
    description:
      - Path of the C(scw-flexip) launcher on the host.
    type: path
    default: /usr/lib/scw-flexip/scw-flexip
  config:
    description:
      - Driver configuration file passed as C(--config). When omitted the tool uses its own
        default, C(/etc/one/scw-flexip.json).
    type: path
  file:
    description:
      - The C(oned.conf) to edit (I(action=oned_conf)) or to check (I(action=doctor)).
    type: path
    default: /etc/one/oned.conf
  state:
    description:
      - With I(action=oned_conf), C(present) enables the driver in C(oned.conf) and C(absent)
        removes exactly what enabling it added (the driver in the C(-i) list, the
        C(INHERIT_VNET_ATTR) line and the restricted attribute lines), every other byte as it was.
    type: str
    choices: [present, absent]
    default: present
  driver:
    description:
      - IPAM driver name to add to the C(IPAM_MAD) C(-i) list. Only used with I(action=oned_conf).
    type: str
    default: scw-flexip
  attribute:
    description:
      - Address range attribute to add to C(INHERIT_VNET_ATTR). Only used with I(action=oned_conf).
    type: str
    default: SCW_FLEXIP_ID
  restrict:
    description:
      - Also add the driver's attributes to C(VNET_RESTRICTED_ATTR) (C(AR/<attribute>),
        C(AR/..._CREATED), C(AR/..._ZONE) and the VNET-level C(<attribute>)) and to
        C(VM_RESTRICTED_ATTR) (C(NIC/<attribute>), C(NIC_ALIAS/<attribute>)), so only oneadmin can
        set them; otherwise a user could point a NIC at any Flexible IP id and the hooks would move
        that IP to their VM. Only used with I(action=oned_conf) and I(state=present) (C(absent)
        removes these lines too).
    type: bool
    default: true
  one_xml:
    description:
      - Read OpenNebula's virtual networks from this XML file (as printed by C(onevnet list -x))
        instead of running C(onevnet). Only used with I(action=reconcile).
    type: path
  grace:
    description:
      - Seconds a fresh, unrecorded Flexible IP is left alone before reconcile treats it as an
        orphan. Only used with I(action=reconcile); the tool's configured value applies when omitted.
    type: int
  role:
    description:
      - Which checks C(doctor) runs. C(auto) runs the frontend checks when I(file) exists and the
        hypervisor checks when the configuration sets C(server_id_file). Only used with I(action=doctor).
    type: str
    choices: [auto, frontend, hypervisor]
    default: auto
  expect_hooks:
    description:
      - A file on the host holding the frontend's C(doctor) JSON, or lines C(pre <sha256>); the
        hypervisor's hooks must have the same contents. Only used with I(action=doctor).
    type: path
  remotes:
    description:
      - The frontend's remotes directory, when not C(/var/lib/one/remotes). Only used with I(action=doctor).
    type: path
  host_remotes:
    description:
      - The remotes directory on a hypervisor, when not C(/var/tmp/one). Only used with I(action=doctor).
    type: path
extends_documentation_fragment:
  - action_common_attributes
attributes:
  check_mode:
    support: full
    details:
      - The tool is run with C(--check) and reports what it would change without changing it.
        C(doctor) changes nothing, so it runs as usual.
  diff_mode:
    support: full
    details:
      - For C(oned_conf) the unified diff of the file, hunks only (the whole file is never returned, as
        it may hold the database password); for C(reconcile) the plan, one line per action.
  platform:
    platforms: posix
notes:
  - Run it with privilege escalation (C(become)); C(sync_hosts) switches to C(oneadmin) by itself.
    Run C(doctor) as C(oneadmin) (C(become_user)), since it checks that the token file belongs to
    the account it runs as.
  - Exit status 3 of C(scw-flexip reconcile) means "drift found" (check) or "drift repaired"
    (apply); the module reports it as C(changed), not as a failure.
requirements:
  - the C(scw-flexip) launcher and JAR installed by the C(one_driver) role, and a Java runtime
"""

EXAMPLES = r"""
- name: Register the driver in oned.conf and make its attributes admin-only
  scw_flexip:
    action: oned_conf
    file: /etc/one/oned.conf
    restrict: true
  notify: Restart OpenNebula

- name: Push the remotes to every hypervisor
  scw_flexip:
    action: sync_hosts
  run_once: true

- name: Show what reconcile would change (run with --check --diff)
  scw_flexip:
    action: reconcile
    grace: 900
  register: plan

- name: Reconcile against a saved 'onevnet list -x'
  scw_flexip:
    action: reconcile
    one_xml: /tmp/vnets.xml

- name: Check the frontend, and keep its hook digests for the hypervisors
  scw_flexip:
    action: doctor
  become_user: oneadmin
  register: frontend_doctor

- name: Check a hypervisor's hooks against the frontend's
  scw_flexip:
    action: doctor
    role: hypervisor
    expect_hooks: /var/lib/one/scw-flexip/frontend-hooks.json
  become_user: oneadmin

- name: Uninstall - take the driver out of oned.conf again
  scw_flexip:
    action: oned_conf
    state: absent
  notify: Restart OpenNebula
"""

RETURN = r"""
command:
  description: The argv the module ran (never holds a secret).
  returned: always
  type: list
  elements: str
  sample: [/usr/lib/scw-flexip/scw-flexip, oned-conf, --file, /etc/one/oned.conf, --format, json, --restrict]
messages:
  description: What the oned.conf edit did or would do, one message per change.
  returned: action=oned_conf
  type: list
  elements: str
  sample: ["added scw-flexip to the IPAM_MAD -i list", "added VM_RESTRICTED_ATTR = \"NIC/SCW_FLEXIP_ID\" so only oneadmin can set it"]
backup:
  description: Path of the backup the tool made before writing, or null when nothing was written.
  returned: action=oned_conf
  type: str
  sample: /etc/one/oned.conf.2026-11-24@11:42:07~
sync_command:
  description: The host sync command the tool ran (or would run in check mode).
  returned: action=sync_hosts
  type: list
  elements: str
  sample: [onehost, sync, --force]
sync_rc:
  description: Exit status of the host sync command (null when it did not run).
  returned: action=sync_hosts
  type: int
  sample: 0
sync_stdout:
  description: Standard output of the host sync command.
  returned: action=sync_hosts
  type: str
  sample: ""
sync_stderr:
  description: Standard error of the host sync command.
  returned: action=sync_hosts
  type: str
  sample: ""
in_sync:
  description: Whether Scaleway, the journal and OpenNebula agreed before this run.
  returned: action=reconcile
  type: bool
  sample: false
applied:
  description: Whether the reconcile plan was applied (false in check mode).
  returned: action=reconcile
  type: bool
  sample: true
actions:
  description: The reconcile plan; after an applied run each action carries its result.
  returned: action=reconcile
  type: list
  elements: dict
  sample:
    - kind: delete_orphan
      fip_id: 9c4b7bb9-6f2a-4c0b-a8a6-1a7f6f2c1d10
      ip: 51.15.0.10
      reason: tagged for this cloud, in no address range and not in the journal
      result: deleted
stdout:
  description: Raw standard output of the tool (its JSON answer).
  returned: always
  type: str
stderr:
  description: Standard error of the tool (C(INFO:)/C(DEBUG:) lines, or the one-line error).
  returned: always
  type: str
checks:
  description: Every doctor check, in the order run, each with C(name), C(status) (ok, warn or fail),
    C(detail) and C(fix) (what to do; empty when nothing).
  returned: action=doctor
  type: list
  elements: dict
  sample:
    - name: token file
      status: fail
      detail: "/etc/one/scw-flexip.token: mode 0644 lets group or others read it"
      fix: chmod 0600 /etc/one/scw-flexip.token, and replace the key if others may have read it
roles:
  description: The roles doctor checked this host as (frontend, hypervisor).
  returned: action=doctor
  type: list
  elements: str
  sample: [frontend]
hooks:
  description: On a frontend, the sha256 of each bridge hook (pre, post, clean), for a hypervisor's I(expect_hooks).
  returned: action=doctor, on frontends
  type: dict
  sample: {pre: 3b1f..., post: 9a0c..., clean: 77d2...}
rc:
  description: Exit status of the tool.
  returned: always
  type: int
  sample: 0
"""

import json
import os

from ansible.module_utils.basic import AnsibleModule

RECONCILE_DRIFT = 3


def first_line(text):
    """The first non-empty line of text that is not a diagnostic INFO/DEBUG line."""
    for line in (text or "").splitlines():
        line = line.strip()
        if line and not line.startswith(("INFO:", "DEBUG:")):
            return line
    return ""


def build_command(params, check_mode):
    """argv for the tool; list form, no shell, and never a secret."""
    cmd = [params["executable"]]
    if params.get("config"):
        cmd += ["--config", params["config"]]
    action = params["action"]
    if action == "oned_conf":
        cmd += ["oned-conf", "--file", params["file"], "--format", "json",
                "--driver", params["driver"], "--attribute", params["attribute"]]
        if params["state"] == "absent":
            cmd.append("--remove")
        elif params["restrict"]:
            cmd.append("--restrict")
    elif action == "doctor":
        # read-only: the same command in check mode
        cmd += ["doctor", "--format", "json", "--role", params["role"], "--oned-conf", params["file"]]
        for option, name in (("expect_hooks", "--expect-hooks"), ("remotes", "--remotes"),
                             ("host_remotes", "--host-remotes")):
            if params.get(option):
                cmd += [name, params[option]]
        return cmd
    elif action == "sync_hosts":
        cmd += ["sync-hosts", "--format", "json"]
    else:
        cmd += ["reconcile", "--format", "json"]
        if params.get("one_xml"):
            cmd += ["--one-xml", params["one_xml"]]
        if params.get("grace") is not None:
            cmd += ["--grace", str(params["grace"])]
    if check_mode:
        cmd.append("--check")
    return cmd


def parse_json(module, out, result):
    try:
        data = json.loads(out)
    except ValueError:
        module.fail_json(msg="scw-flexip printed no JSON document on stdout", **result)
    if not isinstance(data, dict):
        module.fail_json(msg="scw-flexip printed JSON that is not an object", **result)
    return data


def plan_text(actions):
    """One line per reconcile action, for the diff."""
    lines = []
    for a in actions:
        line = "%s %s %s: %s" % (a.get("kind", "?"), a.get("fip_id") or "-", a.get("ip") or "-",
                                 a.get("reason", ""))
        if a.get("result"):
            line += " -> %s" % a["result"]
        lines.append(line.rstrip() + "\n")
    return "".join(lines)


def doctor_result(module, rc, out, err, result):
    """Exit 0: every check passed or warned. Exit 1 with the JSON: fail, naming the failed checks.
    Anything else (a usage error, no JSON): fail with the tool's one line."""
    data = None
    if rc in (0, 1):
        try:
            data = json.loads(out)
        except ValueError:
            data = None
    if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
        detail = first_line(err) or first_line(out) or "no message"
        module.fail_json(msg="scw-flexip doctor failed (rc %d): %s" % (rc, detail), **result)
    result["checks"] = data["checks"]
    result["roles"] = data.get("roles") or []
    if "hooks" in data:
        result["hooks"] = data["hooks"]
    failed = [c for c in data["checks"] if c.get("status") == "fail"]
    if rc != 0 or failed:
        named = "; ".join("%s (%s)" % (c.get("name"), c.get("detail")) for c in failed) or "exit status %d" % rc
        module.fail_json(msg="scw-flexip doctor: %d check%s failed: %s" % (len(failed), "" if len(failed) == 1 else "s",
                                                                           named), **result)
    module.exit_json(failed=False, **result)


def run_module():
    module = AnsibleModule(
        argument_spec=dict(
            action=dict(type="str", required=True, choices=["oned_conf", "sync_hosts", "reconcile", "doctor"]),
            executable=dict(type="path", default="/usr/lib/scw-flexip/scw-flexip"),
            config=dict(type="path"),
            file=dict(type="path", default="/etc/one/oned.conf"),
            driver=dict(type="str", default="scw-flexip"),
            attribute=dict(type="str", default="SCW_FLEXIP_ID"),
            restrict=dict(type="bool", default=True),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            one_xml=dict(type="path"),
            grace=dict(type="int"),
            role=dict(type="str", default="auto", choices=["auto", "frontend", "hypervisor"]),
            expect_hooks=dict(type="path"),
            remotes=dict(type="path"),
            host_remotes=dict(type="path"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    action = params["action"]

    if params["grace"] is not None and params["grace"] < 0:
        module.fail_json(msg="grace must be zero or more seconds")
    if not os.path.exists(params["executable"]):
        module.fail_json(msg="%s not found: install the driver with the one_driver role first" % params["executable"])

    cmd = build_command(params, module.check_mode)
    rc, out, err = module.run_command(cmd, check_rc=False, environ_update={"LC_ALL": "C"})
    result = dict(changed=False, command=cmd, rc=rc, stdout=out, stderr=err)

    if action == "doctor":
        doctor_result(module, rc, out, err, result)

    ok_codes = (0, RECONCILE_DRIFT) if action == "reconcile" else (0,)
    if rc not in ok_codes:
        detail = first_line(err) or first_line(out) or "no message"
        if action == "reconcile" and out.strip():
            # An apply that failed part-way still tells which actions it got through.
            try:
                data = json.loads(out)
                if isinstance(data, dict):
                    result["actions"] = data.get("actions", [])
            except ValueError:
                pass
        module.fail_json(msg="scw-flexip %s failed (rc %d): %s" % (action.replace("_", "-"), rc, detail), **result)

    data = parse_json(module, out, result)

    if action == "oned_conf":
        result["changed"] = bool(data.get("changed"))
        result["messages"] = data.get("messages") or []
        result["backup"] = data.get("backup")
        diff = data.get("diff") or ""
        if module._diff and diff:
            result["diff"] = dict(before_header=params["file"], after_header=params["file"], prepared=diff)
    elif action == "sync_hosts":
        result["changed"] = bool(data.get("changed"))
        result["sync_command"] = data.get("command") or []
        result["sync_rc"] = data.get("rc")
        result["sync_stdout"] = data.get("stdout") or ""
        result["sync_stderr"] = data.get("stderr") or ""
    else:
        actions = data.get("actions") or []
        applied = bool(data.get("applied"))
        result["in_sync"] = bool(data.get("in_sync"))
        result["applied"] = applied
        result["actions"] = actions
        # Changed only when something was (or, in check mode, would be) repaired.
        result["changed"] = bool(actions) and (module.check_mode or applied)
        if module._diff and actions:
            result["diff"] = dict(before_header="reconcile plan", after_header="reconcile plan",
                                  before="", after=plan_text(actions))

    # rc 3 from reconcile is a success; say so, or Ansible would treat any non-zero rc as failed.
    module.exit_json(failed=False, **result)


def main():
    run_module()


if __name__ == "__main__":
    main()
