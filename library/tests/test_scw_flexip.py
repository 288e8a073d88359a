"""Unit tests for library/scw_flexip.py.

AnsibleModule.run_command is mocked (the JAR is not run): each test feeds the module the answer
the tool would print and checks argv, changed, diff, check mode and failures.
"""
import json
import os
import sys

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import scw_flexip  # noqa: E402  pylint: disable=wrong-import-position


class ExitJson(Exception):
    pass


class FailJson(Exception):
    pass


def _exit_json(self, **kwargs):  # pylint: disable=unused-argument
    kwargs.setdefault("changed", False)
    raise ExitJson(kwargs)


def _fail_json(self, msg, **kwargs):  # pylint: disable=unused-argument
    kwargs["failed"] = True
    kwargs["msg"] = msg
    raise FailJson(kwargs)


@pytest.fixture(autouse=True)
def patched(monkeypatch, tmp_path):
    monkeypatch.setattr(basic.AnsibleModule, "exit_json", _exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", _fail_json)
    exe = tmp_path / "scw-flexip"
    exe.write_text("#!/bin/sh\nexit 99\n")
    exe.chmod(0o755)
    return str(exe)


def run(monkeypatch, args, answer, check=False, diff=False):
    """Run the module with args; run_command returns answer=(rc, out, err). Returns (kind, result, calls)."""
    calls = []

    def fake_run_command(self, cmd, **kwargs):  # pylint: disable=unused-argument
        calls.append((list(cmd), kwargs))
        return answer

    monkeypatch.setattr(basic.AnsibleModule, "run_command", fake_run_command)
    payload = dict(args)
    payload["_ansible_check_mode"] = check
    payload["_ansible_diff"] = diff
    monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": payload})))
    monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)
    try:
        scw_flexip.main()
    except ExitJson as e:
        return "exit", e.args[0], calls
    except FailJson as e:
        return "fail", e.args[0], calls
    raise AssertionError("module returned without exit_json/fail_json")


ONED_DIFF = "--- oned.conf\n+++ oned.conf\n@@ -1 +1 @@\n-ARGUMENTS = \"-t 1 -i dummy\"\n+ARGUMENTS = \"-t 1 -i dummy,scw-flexip\"\n"


# ---------------------------------------------------------------- oned_conf

def test_oned_conf_changed_with_diff(monkeypatch, patched):
    out = json.dumps({"changed": True, "diff": ONED_DIFF, "messages": ["added scw-flexip"], "backup": "/etc/one/oned.conf~"})
    kind, res, calls = run(monkeypatch, {"action": "oned_conf", "executable": patched}, (0, out, ""), diff=True)
    assert kind == "exit"
    assert res["changed"] is True
    assert res["failed"] is False
    assert res["diff"] == {"before_header": "/etc/one/oned.conf", "after_header": "/etc/one/oned.conf", "prepared": ONED_DIFF}
    assert res["messages"] == ["added scw-flexip"]
    assert res["backup"] == "/etc/one/oned.conf~"
    assert calls[0][0] == [patched, "oned-conf", "--file", "/etc/one/oned.conf", "--format", "json",
                           "--driver", "scw-flexip", "--attribute", "SCW_FLEXIP_ID", "--restrict"]
    assert calls[0][1]["check_rc"] is False


def test_oned_conf_restrict_can_be_turned_off(monkeypatch, patched):
    out = json.dumps({"changed": False, "diff": "", "messages": [], "backup": None})
    kind, _, calls = run(monkeypatch, {"action": "oned_conf", "executable": patched, "restrict": False}, (0, out, ""))
    assert kind == "exit"
    assert "--restrict" not in calls[0][0]


def test_restrict_is_documented_as_a_bool_defaulting_to_true():
    import yaml
    options = yaml.safe_load(scw_flexip.DOCUMENTATION)["options"]
    assert options["restrict"]["type"] == "bool" and options["restrict"]["default"] is True


def test_oned_conf_no_change(monkeypatch, patched):
    out = json.dumps({"changed": False, "diff": "", "messages": [], "backup": None})
    kind, res, _ = run(monkeypatch, {"action": "oned_conf", "executable": patched}, (0, out, ""), diff=True)
    assert kind == "exit"
    assert res["changed"] is False
    assert "diff" not in res
    assert res["backup"] is None


def test_oned_conf_no_diff_unless_asked(monkeypatch, patched):
    out = json.dumps({"changed": True, "diff": ONED_DIFF, "messages": [], "backup": None})
    kind, res, _ = run(monkeypatch, {"action": "oned_conf", "executable": patched}, (0, out, ""))
    assert kind == "exit" and res["changed"] is True
    assert "diff" not in res


def test_oned_conf_check_mode_passes_check(monkeypatch, patched):
    out = json.dumps({"changed": True, "diff": ONED_DIFF, "messages": [], "backup": None})
    kind, res, calls = run(monkeypatch, {"action": "oned_conf", "executable": patched, "file": "/tmp/o.conf",
                                         "driver": "mydrv", "attribute": "MY_ATTR", "config": "/tmp/c.json"},
                           (0, out, ""), check=True, diff=True)
    assert kind == "exit" and res["changed"] is True
    assert calls[0][0] == [patched, "--config", "/tmp/c.json", "oned-conf", "--file", "/tmp/o.conf", "--format", "json",
                           "--driver", "mydrv", "--attribute", "MY_ATTR", "--restrict", "--check"]
    assert res["diff"]["prepared"] == ONED_DIFF


def test_oned_conf_failure_gives_the_one_line(monkeypatch, patched):
    err = "INFO: reading /etc/one/oned.conf\nscw-flexip: /etc/one/oned.conf has no IPAM_MAD stanza\n"
    kind, res, _ = run(monkeypatch, {"action": "oned_conf", "executable": patched}, (1, "", err))
    assert kind == "fail"
    assert res["msg"] == "scw-flexip oned-conf failed (rc 1): scw-flexip: /etc/one/oned.conf has no IPAM_MAD stanza"
    assert res["rc"] == 1


def test_oned_conf_garbage_stdout_fails(monkeypatch, patched):
    kind, res, _ = run(monkeypatch, {"action": "oned_conf", "executable": patched}, (0, "not json", ""))
    assert kind == "fail"
    assert "no JSON" in res["msg"]


def test_missing_executable_fails_without_running(monkeypatch, tmp_path):
    kind, res, calls = run(monkeypatch, {"action": "oned_conf", "executable": str(tmp_path / "nope")}, (0, "{}", ""))
    assert kind == "fail"
    assert "not found" in res["msg"]
    assert calls == []


def test_oned_conf_absent_removes_and_never_restricts(monkeypatch, patched):
    out = json.dumps({"changed": True, "diff": ONED_DIFF, "messages": ["removed scw-flexip from the IPAM_MAD -i list"],
                      "backup": "/etc/one/oned.conf.bak"})
    kind, res, calls = run(monkeypatch, {"action": "oned_conf", "executable": patched, "state": "absent"}, (0, out, ""),
                           diff=True)
    assert kind == "exit" and res["changed"] is True
    assert calls[0][0] == [patched, "oned-conf", "--file", "/etc/one/oned.conf", "--format", "json",
                           "--driver", "scw-flexip", "--attribute", "SCW_FLEXIP_ID", "--remove"]
    assert res["diff"]["prepared"] == ONED_DIFF
    assert res["messages"] == ["removed scw-flexip from the IPAM_MAD -i list"]


def test_oned_conf_absent_in_check_mode(monkeypatch, patched):
    out = json.dumps({"changed": True, "diff": ONED_DIFF, "messages": [], "backup": None})
    kind, res, calls = run(monkeypatch, {"action": "oned_conf", "executable": patched, "state": "absent"}, (0, out, ""),
                           check=True)
    assert kind == "exit" and res["changed"] is True and res["backup"] is None
    assert calls[0][0][-2:] == ["--remove", "--check"]
    assert "diff" not in res


def test_oned_conf_absent_when_already_gone(monkeypatch, patched):
    out = json.dumps({"changed": False, "diff": "", "messages": ["scw-flexip is not in the IPAM_MAD -i list"],
                      "backup": None})
    kind, res, _ = run(monkeypatch, {"action": "oned_conf", "executable": patched, "state": "absent"}, (0, out, ""),
                       diff=True)
    assert kind == "exit" and res["changed"] is False and "diff" not in res


def test_state_is_documented_with_its_choices():
    import yaml
    options = yaml.safe_load(scw_flexip.DOCUMENTATION)["options"]
    assert options["state"]["choices"] == ["present", "absent"] and options["state"]["default"] == "present"
    assert "doctor" in options["action"]["choices"]
    returns = yaml.safe_load(scw_flexip.RETURN)
    assert {"checks", "roles", "hooks"} <= set(returns)
    yaml.safe_load(scw_flexip.EXAMPLES)


# ---------------------------------------------------------------- doctor

CHECK_OK = {"name": "config", "status": "ok", "detail": "/etc/one/scw-flexip.json: valid", "fix": ""}
CHECK_WARN = {"name": "server", "status": "warn", "detail": "not checked: HTTP 403", "fix": "add ElasticMetalReadOnly"}
CHECK_FAIL = {"name": "token file", "status": "fail", "detail": "/etc/one/scw-flexip.token: mode 0644 lets group or"
              " others read it", "fix": "chmod 0600 /etc/one/scw-flexip.token"}
HOOKS = {"pre": "a" * 64, "post": "b" * 64, "clean": "c" * 64}


def test_doctor_passes_with_warnings_and_returns_the_checks(monkeypatch, patched):
    out = json.dumps({"ok": True, "roles": ["frontend"], "checks": [CHECK_OK, CHECK_WARN], "hooks": HOOKS})
    kind, res, calls = run(monkeypatch, {"action": "doctor", "executable": patched}, (0, out, ""))
    assert kind == "exit"
    assert res["changed"] is False and res["failed"] is False
    assert res["checks"] == [CHECK_OK, CHECK_WARN]
    assert res["roles"] == ["frontend"] and res["hooks"] == HOOKS
    assert calls[0][0] == [patched, "doctor", "--format", "json", "--role", "auto", "--oned-conf", "/etc/one/oned.conf"]


def test_doctor_fails_naming_the_failed_checks(monkeypatch, patched):
    failed2 = dict(CHECK_FAIL, name="clock", detail="this host's clock is 30 s ahead of the API's")
    out = json.dumps({"ok": False, "roles": ["hypervisor"], "checks": [CHECK_OK, CHECK_FAIL, CHECK_WARN, failed2]})
    kind, res, _ = run(monkeypatch, {"action": "doctor", "executable": patched}, (1, out, ""))
    assert kind == "fail"
    assert res["msg"] == ("scw-flexip doctor: 2 checks failed: token file (/etc/one/scw-flexip.token: mode 0644 lets"
                          " group or others read it); clock (this host's clock is 30 s ahead of the API's)")
    assert len(res["checks"]) == 4 and res["rc"] == 1
    assert "hooks" not in res


def test_doctor_runs_in_check_mode_unchanged_with_its_options(monkeypatch, patched):
    out = json.dumps({"ok": True, "roles": ["hypervisor"], "checks": [CHECK_OK]})
    kind, res, calls = run(monkeypatch, {"action": "doctor", "executable": patched, "role": "hypervisor",
                                         "expect_hooks": "/tmp/hooks.json", "file": "/tmp/oned.conf",
                                         "host_remotes": "/tmp/one", "config": "/tmp/c.json"},
                           (0, out, ""), check=True, diff=True)
    assert kind == "exit" and res["changed"] is False and "diff" not in res
    assert calls[0][0] == [patched, "--config", "/tmp/c.json", "doctor", "--format", "json", "--role", "hypervisor",
                           "--oned-conf", "/tmp/oned.conf", "--expect-hooks", "/tmp/hooks.json",
                           "--host-remotes", "/tmp/one"]


def test_doctor_usage_error_or_garbage_fails_with_the_one_line(monkeypatch, patched):
    kind, res, _ = run(monkeypatch, {"action": "doctor", "executable": patched},
                       (2, "", "scw-flexip: --expect-hooks /tmp/h: names no hook (try --help)\n"))
    assert kind == "fail"
    assert res["msg"] == "scw-flexip doctor failed (rc 2): scw-flexip: --expect-hooks /tmp/h: names no hook (try --help)"
    kind, res, _ = run(monkeypatch, {"action": "doctor", "executable": patched}, (1, "", "scw-flexip: internal error\n"))
    assert kind == "fail" and "internal error" in res["msg"]


# ---------------------------------------------------------------- sync_hosts

SYNC_OK = {"changed": True, "command": ["onehost", "sync", "--force"], "rc": 0, "stdout": "synced", "stderr": ""}


def test_sync_hosts_success(monkeypatch, patched):
    kind, res, calls = run(monkeypatch, {"action": "sync_hosts", "executable": patched}, (0, json.dumps(SYNC_OK), ""))
    assert kind == "exit"
    assert res["changed"] is True
    assert res["sync_command"] == ["onehost", "sync", "--force"]
    assert res["sync_rc"] == 0 and res["sync_stdout"] == "synced"
    assert calls[0][0] == [patched, "sync-hosts", "--format", "json"]


def test_sync_hosts_no_change(monkeypatch, patched):
    answer = dict(SYNC_OK, changed=False, rc=None, stdout="")
    kind, res, _ = run(monkeypatch, {"action": "sync_hosts", "executable": patched}, (0, json.dumps(answer), ""))
    assert kind == "exit" and res["changed"] is False


def test_sync_hosts_check_mode(monkeypatch, patched):
    answer = dict(SYNC_OK, rc=None, stdout="")
    kind, res, calls = run(monkeypatch, {"action": "sync_hosts", "executable": patched}, (0, json.dumps(answer), ""), check=True)
    assert kind == "exit" and res["changed"] is True
    assert calls[0][0][-1] == "--check"


def test_sync_hosts_failure_fails(monkeypatch, patched):
    kind, res, _ = run(monkeypatch, {"action": "sync_hosts", "executable": patched},
                       (1, "", "onehost sync --force failed (rc 255): ssh: connect to host node1 port 22\n"))
    assert kind == "fail"
    assert "sync-hosts failed (rc 1): onehost sync --force failed" in res["msg"]


# ---------------------------------------------------------------- reconcile

ACTION = {"kind": "delete_orphan", "fip_id": "9c4b7bb9-6f2a-4c0b-a8a6-1a7f6f2c1d10", "ip": "51.15.0.10",
          "reason": "tagged for this cloud, in no address range"}


def test_reconcile_in_sync(monkeypatch, patched):
    out = json.dumps({"in_sync": True, "applied": False, "actions": []})
    kind, res, calls = run(monkeypatch, {"action": "reconcile", "executable": patched}, (0, out, ""), diff=True)
    assert kind == "exit"
    assert res["changed"] is False and res["in_sync"] is True
    assert "diff" not in res
    assert calls[0][0] == [patched, "reconcile", "--format", "json"]


def test_reconcile_check_mode_drift_is_changed_not_failed(monkeypatch, patched):
    out = json.dumps({"in_sync": False, "applied": False, "actions": [ACTION]})
    kind, res, calls = run(monkeypatch, {"action": "reconcile", "executable": patched, "grace": 60, "one_xml": "/tmp/v.xml"},
                           (3, out, ""), check=True, diff=True)
    assert kind == "exit"
    assert res["failed"] is False and res["rc"] == 3
    assert res["changed"] is True and res["applied"] is False
    assert calls[0][0] == [patched, "reconcile", "--format", "json", "--one-xml", "/tmp/v.xml", "--grace", "60", "--check"]
    assert res["diff"]["before"] == ""
    assert res["diff"]["after"] == "delete_orphan 9c4b7bb9-6f2a-4c0b-a8a6-1a7f6f2c1d10 51.15.0.10: tagged for this cloud, in no address range\n"


def test_reconcile_apply_fixed(monkeypatch, patched):
    out = json.dumps({"in_sync": False, "applied": True, "actions": [dict(ACTION, result="deleted")]})
    kind, res, _ = run(monkeypatch, {"action": "reconcile", "executable": patched}, (3, out, ""), diff=True)
    assert kind == "exit" and res["changed"] is True and res["applied"] is True
    assert res["diff"]["after"].endswith("-> deleted\n")


def test_reconcile_drift_not_applied_is_not_changed(monkeypatch, patched):
    # Outside check mode, a plan the tool did not apply changed nothing.
    out = json.dumps({"in_sync": False, "applied": False, "actions": [ACTION]})
    kind, res, _ = run(monkeypatch, {"action": "reconcile", "executable": patched}, (3, out, ""))
    assert kind == "exit" and res["changed"] is False


def test_reconcile_error_fails_and_keeps_partial_actions(monkeypatch, patched):
    out = json.dumps({"in_sync": False, "applied": True, "actions": [dict(ACTION, result="failed")]})
    kind, res, _ = run(monkeypatch, {"action": "reconcile", "executable": patched}, (1, out, "scw-flexip: HTTP 403 from the API\n"))
    assert kind == "fail"
    assert res["msg"].endswith("HTTP 403 from the API")
    assert res["actions"][0]["result"] == "failed"


def test_reconcile_usage_error_fails(monkeypatch, patched):
    kind, res, _ = run(monkeypatch, {"action": "reconcile", "executable": patched}, (2, "", "usage: bad option --frob\n"))
    assert kind == "fail" and res["rc"] == 2


def test_negative_grace_rejected(monkeypatch, patched):
    kind, res, calls = run(monkeypatch, {"action": "reconcile", "executable": patched, "grace": -1}, (0, "{}", ""))
    assert kind == "fail" and calls == []


def test_no_argument_is_a_secret():
    # The module has no option that could carry the token, so argv cannot leak it.
    for name in ("token", "secret", "password", "api_key"):
        assert name not in scw_flexip.DOCUMENTATION.split("options:")[1].split("extends_documentation_fragment")[0]
