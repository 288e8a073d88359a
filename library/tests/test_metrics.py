"""scw-flexip metrics, run from the built JAR against the JAR's own emulator, and its file read with
prometheus_client's parser for Prometheus' text format: what the node_exporter textfile collector
will read (target/scw-flexip.jar: .ci/test builds it before pytest)."""
import base64
import json
import os
import re
import shutil
import subprocess
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "target", "scw-flexip.jar")
PROJECT = "11111111-2222-4333-8444-555555555555"
SERVER = "0a0a0a0a-1111-4222-8333-444455556666"
TOKEN = "metrics-pytest-token-5e6f"
# by its full path: the driver runs with PATH=/nonexistent, so no OpenNebula tool of this machine is used
JAVA = shutil.which("java") or "java"


@pytest.fixture(name="emulator")
def fixture_emulator(tmp_path):
    """The emulator as its own process, accepting only TOKEN; yields its URL."""
    assert os.path.exists(JAR), "target/scw-flexip.jar is missing: run mvn -B -DskipTests package first"
    token_file = tmp_path / "emulator-token"
    token_file.write_text(TOKEN)
    proc = subprocess.Popen([JAVA, "-jar", JAR, "emulator", "--listen", "127.0.0.1:0", "--transition-ms", "0",
                             "--token-file", str(token_file)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert match, "the emulator did not announce its address: %r" % line
        yield match.group(0)
    finally:
        proc.kill()
        proc.wait()


def control(url, path, body=None, method="POST"):
    req = urllib.request.Request(url + "/_emulator/" + path, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"{}")


@pytest.fixture(name="host")
def fixture_host(tmp_path, emulator):
    """A frontend's files: configuration, token, an empty VNET pool, and the textfile directory."""
    (tmp_path / "token").write_text(TOKEN + "\n")
    os.chmod(tmp_path / "token", 0o600)
    config = tmp_path / "config.json"
    config.write_text(json.dumps({
        "api_url": emulator, "project_id": PROJECT, "token_file": str(tmp_path / "token"), "cloud": "pytest",
        "state_file": str(tmp_path / "state" / "journal.json"), "runtime_dir": str(tmp_path / "state" / "run"),
        "action_deadline_seconds": 5, "reconcile_deadline_seconds": 5}))
    (tmp_path / "vnets.xml").write_text("<VNET_POOL></VNET_POOL>")
    (tmp_path / "textfile").mkdir()
    return dict(dir=tmp_path, config=str(config), url=emulator, prom=tmp_path / "textfile" / "scw-flexip.prom")


def metrics(host, *args):
    return subprocess.run([JAVA, "-jar", JAR, "--config", host["config"], "metrics", "--textfile", str(host["prom"])]
                          + list(args), capture_output=True, text=True, timeout=120, check=False,
                          env=dict(os.environ, PATH="/nonexistent"))


def samples(text):
    """{family name: (type, {(sample name, sorted labels): value})} as prometheus_client reads the file."""
    out = {}
    for family in text_string_to_metric_families(text):
        values = {(s.name, tuple(sorted(s.labels.items()))): s.value for s in family.samples}
        out[family.name] = (family.type, values)
    return out


def test_the_file_parses_with_every_family_typed_and_the_counts_right(host):
    control(host["url"], "seed", {"count": 2, "project_id": PROJECT, "tags": ["scw-flexip:cloud=pytest"],
                                  "age_seconds": 7200, "status": "attached", "server_id": SERVER})
    control(host["url"], "seed", {"count": 1, "project_id": PROJECT, "tags": ["scw-flexip:cloud=pytest"],
                                  "age_seconds": 7200})
    control(host["url"], "seed", {"count": 4, "project_id": PROJECT, "tags": ["another-cloud"], "age_seconds": 7200})
    r = metrics(host, "--one-xml", str(host["dir"] / "vnets.xml"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
    text = host["prom"].read_text()
    assert TOKEN not in text
    got = samples(text)

    assert got["scw_flexip_up"] == ("gauge", {("scw_flexip_up", ()): 1.0})
    kind, ips = got["scw_flexip_ips"]
    assert kind == "gauge"
    assert ips[("scw_flexip_ips", (("status", "attached"),))] == 2
    assert ips[("scw_flexip_ips", (("status", "ready"),))] == 1
    assert ips[("scw_flexip_ips", (("status", "updating"),))] == 0
    assert got["scw_flexip_ips_attached"][1] == {("scw_flexip_ips_attached", (("server_id", SERVER),)): 2}
    drift = got["scw_flexip_drift"][1]
    assert drift[("scw_flexip_drift", (("kind", "orphan_ip"),))] == 3
    assert drift[("scw_flexip_drift", (("kind", "missing_mac"),))] == 0
    # counters: the parser names the family without _total and keeps the suffix on the samples
    kind, actions = got["scw_flexip_actions"]
    assert kind == "counter"
    assert {dict(labels)["action"] for _, labels in actions} == {"register", "unregister", "pre", "post", "clean"}
    assert all(name == "scw_flexip_actions_total" for name, _ in actions)
    assert got["scw_flexip_action_failures"][0] == "counter"
    assert got["scw_flexip_detach_pending"][1] == {("scw_flexip_detach_pending", ()): 0}
    assert got["scw_flexip_metrics_timestamp_seconds"][0] == "gauge"
    assert oct(os.stat(host["prom"]).st_mode & 0o777) == "0o644"


def test_reconcile_runs_and_counted_actions_reach_the_file(host):
    env = dict(os.environ, PATH="/nonexistent")
    rec = subprocess.run([JAVA, "-jar", JAR, "--config", host["config"], "reconcile", "--repair-only", "--one-xml",
                          str(host["dir"] / "vnets.xml")], capture_output=True, text=True, timeout=120, check=False,
                         env=env)
    assert rec.returncode == 0, rec.stderr
    register = subprocess.run([JAVA, "-jar", JAR, "--config", host["config"], "ipam", "register_address_range", "0"],
                              input=_b64("<IPAM_DRIVER_ACTION_DATA><AR><IPAM_MAD>scw-flexip</IPAM_MAD><SIZE>1</SIZE>"
                                         "<TYPE>IP4</TYPE></AR><ADDRESS><MAC/><IP/><IP6_GLOBAL/><IP6_ULA/><IP6/>"
                                         "<SIZE/></ADDRESS></IPAM_DRIVER_ACTION_DATA>"),
                              capture_output=True, text=True, timeout=120, check=False, env=env)
    assert register.returncode == 0, register.stderr
    r = metrics(host, "--one-xml", str(host["dir"] / "vnets.xml"))
    assert r.returncode == 0, r.stderr
    got = samples(host["prom"].read_text())
    labels = (("mode", "repair-only"), ("run", "apply"))
    assert got["scw_flexip_reconcile_last_run_success"][1] == {("scw_flexip_reconcile_last_run_success", labels): 1}
    assert got["scw_flexip_reconcile_last_run_timestamp_seconds"][1][
        ("scw_flexip_reconcile_last_run_timestamp_seconds", labels)] > 1.7e9
    assert got["scw_flexip_actions"][1][("scw_flexip_actions_total", (("action", "register"),))] == 1
    assert got["scw_flexip_action_failures"][1][("scw_flexip_action_failures_total", (("action", "register"),))] == 0


def test_an_api_outage_still_writes_a_parseable_file_with_up_zero(host):
    control(host["url"], "faults", {"server_error": 100000})
    r = metrics(host, "--no-onevnet")
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "without the cloud-wide metrics" in r.stderr
    assert TOKEN not in r.stderr
    got = samples(host["prom"].read_text())
    assert got["scw_flexip_up"][1] == {("scw_flexip_up", ()): 0}
    assert "scw_flexip_ips" not in got
    assert "scw_flexip_actions" in got


def _b64(text):
    return base64.b64encode(text.encode()).decode()
