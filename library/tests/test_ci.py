""".ci/test runs every suite or fails: a missing suite, or a pytest run that collects no test,
must not end in "all suites passed". The suites themselves are replaced by stand-ins that log
their calls (.ci/test puts .venv/bin first on PATH), in a copy of the repository's layout.
"""
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUITE_FILES = ["pom.xml", "java/bench/reconcile_crash.py", "library/tests/test_x.py", ".ansible-lint",
               "playbooks/deploy.yml", "playbooks/reconcile.yml", "molecule/run.sh"]
TOOLS = ["mvn", "python3", "pytest", "yamllint", "ansible-lint", "ansible-playbook"]


@pytest.fixture(name="tree")
def fixture_tree(tmp_path):
    """A tree with .ci/test and every suite's entry point; each tool logs its argv to calls.log."""
    os.makedirs(tmp_path / ".ci")
    shutil.copy(os.path.join(ROOT, ".ci", "test"), tmp_path / ".ci" / "test")
    for rel in SUITE_FILES:
        path = tmp_path / rel
        os.makedirs(path.parent, exist_ok=True)
        path.write_text("")
    log = tmp_path / "calls.log"
    fake = '#!/bin/sh\necho "%s $*" >>' + str(log) + '\nexit "${FAKE_%s_RC:-0}"\n'
    os.makedirs(tmp_path / ".venv" / "bin")
    for tool in TOOLS + ["molecule/run.sh"]:
        path = tmp_path / ".venv" / "bin" / tool if "/" not in tool else tmp_path / tool
        name = os.path.basename(tool)
        path.write_text(fake % (name, name.replace("-", "_").replace(".", "_").upper()))
        path.chmod(0o755)
    return tmp_path


def ci(tree, **env):
    r = subprocess.run(["bash", str(tree / ".ci" / "test")], env=dict(os.environ, **env), capture_output=True,
                       text=True, timeout=60, check=False)
    calls = (tree / "calls.log").read_text().splitlines() if (tree / "calls.log").exists() else []
    return r, calls


def test_every_suite_runs(tree):
    r, calls = ci(tree)
    assert r.returncode == 0, r.stderr
    assert [c.split()[0] for c in calls] == ["mvn", "python3", "pytest", "yamllint", "ansible-lint",
                                             "ansible-playbook", "ansible-playbook", "ansible-playbook", "run.sh"]
    assert "=== all suites passed ===" in r.stdout


@pytest.mark.parametrize("missing", ["library/tests", ".ansible-lint", "playbooks/deploy.yml", "molecule/run.sh",
                                     "pom.xml"])
def test_a_missing_suite_fails_before_anything_runs(tree, missing):
    path = tree / missing
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    r, calls = ci(tree)
    assert r.returncode == 1
    assert "%s is missing" % missing in r.stderr and "refusing to skip it" in r.stderr, r.stderr
    assert calls == []
    assert "all suites passed" not in r.stdout


def test_molecule_run_sh_must_be_executable(tree):
    (tree / "molecule" / "run.sh").chmod(0o644)
    r, _ = ci(tree)
    assert r.returncode == 1 and "molecule/run.sh is missing" in r.stderr


def test_pytest_collecting_no_test_fails(tree):
    r, calls = ci(tree, FAKE_PYTEST_RC="5")
    assert r.returncode == 5
    assert "pytest collected no test under library/" in r.stderr
    assert [c.split()[0] for c in calls][-1] == "pytest", "nothing runs after it"
