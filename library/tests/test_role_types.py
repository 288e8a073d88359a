"""Every variable of the one_driver role has a type, and the role refuses a value of another type
before it changes anything (role argument validation converts instead: a string where a list
belongs passes, and "dns": "1.1.1.1" in the driver's configuration breaks every driver call).
"""
import json
import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = os.path.join(ROOT, "roles", "one_driver")
SPEC_TYPES = {"str": "string", "path": "string", "list": "list", "bool": "bool"}


def load(*parts):
    with open(os.path.join(ROLE, *parts), encoding="utf-8") as f:
        return yaml.safe_load(f)


def test_every_variable_has_a_type_check_and_the_same_type_in_argument_specs():
    checked = load("vars", "main.yml")["one_driver__var_types"]
    assert set(checked) == set(load("defaults", "main.yaml")), "every default needs a type check"
    options = load("meta", "argument_specs.yml")["argument_specs"]["main"]["options"]
    options.pop("one_driver_flexible_ip_token")  # checked on its own, without logging it
    assert {name: SPEC_TYPES[o["type"]] for name, o in options.items()} == checked
    assert all(o.get("elements") == "str" for o in options.values() if o["type"] == "list")


def preflight(extra_vars):
    """The role's preflight checks in check mode on this machine, as .ci/test runs deploy.yml."""
    playbook = os.path.join(ROOT, "playbooks", "deploy.yml")
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    assert os.path.exists(ansible_playbook), "ansible-playbook not beside " + sys.executable + ": run .ci/setup"
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "ansible.cfg"), ANSIBLE_NOCOLOR="1",
               ANSIBLE_BECOME="false")
    cmd = [ansible_playbook, "-i", os.path.join(ROOT, ".ci", "check-inventory.yml"), playbook, "--check",
           "--tags", "one_driver_preflight", "-e", "one_driver__user=nobody", "-e", "one_driver__group=nogroup",
           "-e", json.dumps(dict(extra_vars, ansible_become=False))]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_default_values_pass():
    r = preflight({})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]


def test_values_of_the_wrong_type_are_refused():
    r = preflight({"one_driver_dns_servers": "1.1.1.1", "one_driver_ipam_scripts": "get_address",
                   "one_driver_restart_oned": "yes", "one_driver_cloud": 42})
    out = r.stdout + r.stderr
    assert r.returncode != 0, out[-3000:]
    flat = " ".join(out.split())
    assert 'one_driver_dns_servers must be a list of strings (a YAML list, e.g. [a, b], even for one item), got str "1.1.1.1"' in flat, out[-3000:]
    assert "one_driver_ipam_scripts must be a list of strings" in flat
    assert "one_driver_restart_oned must be true or false" in flat
    assert "one_driver_cloud must be a string (quote it in YAML if it looks like a number or a boolean), got int 42" in flat
    assert "Create the install directory" not in out, "nothing may run after a failed check"
