"""The role's launcher (roles/one_driver/templates/scw-flexip.sh.j2), rendered with the role's own
vars/main.yml and run against target/scw-flexip.jar (.ci/test builds it first).

oned reads an IPAM action's stdout as its reply, so nothing but the reply may appear there, even
when a class-data-sharing archive no longer matches the JAR (an upgrade in progress, or a JAR whose
modification time changed): the JVM's complaint about it must go to stderr.
"""
import base64
import hashlib
import os
import shutil
import subprocess

import jinja2
import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = os.path.join(ROOT, "roles", "one_driver")
JAR = os.path.join(ROOT, "target", "scw-flexip.jar")
MESSAGE = ("<IPAM_DRIVER_ACTION_DATA><AR><AR_ID>0</AR_ID><IP>51.15.0.10</IP><IPAM_MAD>scw-flexip</IPAM_MAD>"
           "<MAC>52:54:00:12:34:56</MAC><SIZE>1</SIZE><TYPE>IP4</TYPE></AR><ADDRESS><SIZE>1</SIZE></ADDRESS>"
           "</IPAM_DRIVER_ACTION_DATA>")
REPLY = 'ADDRESS = [ IP = "51.15.0.10", SIZE = "1" ]\n'


def role_vars(install_dir):
    """vars/main.yml, installing under install_dir, with the templates plain Jinja can resolve
    resolved (the launcher's paths; the rest use Ansible's filters and are left alone)."""
    with open(os.path.join(ROLE, "vars", "main.yml"), encoding="utf-8") as f:
        values = yaml.safe_load(f)
    with open(JAR, "rb") as f:
        checksum = hashlib.sha256(f.read()).hexdigest()
    values.update(one_driver__install_dir=str(install_dir), one_driver__jar_src_stat={"stat": {"checksum": checksum}})
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    for _ in range(5):
        for key, value in values.items():
            if isinstance(value, str) and "{{" in value:
                try:
                    values[key] = env.from_string(value).render(values)
                except jinja2.TemplateError:
                    pass
    return values


@pytest.fixture(name="install")
def fixture_install(tmp_path):
    """The launcher and one version directory holding the JAR, as the role lays them out."""
    assert os.path.exists(JAR), "target/scw-flexip.jar is missing: run mvn -B -DskipTests package first"
    values = role_vars(tmp_path)
    os.makedirs(values["one_driver__version_dir"])
    shutil.copy(JAR, values["one_driver__jar"])
    with open(os.path.join(ROLE, "templates", "scw-flexip.sh.j2"), encoding="utf-8") as f:
        launcher = jinja2.Template(f.read(), undefined=jinja2.StrictUndefined).render(values, ansible_managed="test")
    path = tmp_path / "scw-flexip"
    path.write_text(launcher)
    path.chmod(0o755)
    values["launcher"] = str(path)
    return values


def build_archive(values, archive, *warmup_args):
    """The role's training run (tasks/install.yml)."""
    subprocess.run(["java", "-XX:ArchiveClassesAtExit=" + values[archive]] + values["one_driver__jvm_flags"].split()
                   + ["-cp", values["one_driver__jar"], "dev.scwflexip.cli.Main", "warmup"] + list(warmup_args),
                   check=True, capture_output=True)


def launch(values, *args, stdin=b""):
    return subprocess.run([values["launcher"]] + list(args), input=stdin, capture_output=True, check=False)


def get_address(values):
    return launch(values, "ipam", "get_address", "1", stdin=base64.b64encode(MESSAGE.encode()))


def make_stale(values):
    """What the JVM checks: the JAR's modification time no longer matches the archive's record."""
    st = os.stat(values["one_driver__jar"])
    os.utime(values["one_driver__jar"], (st.st_atime, st.st_mtime - 3600))


def test_fresh_archive_reply_only_and_no_jvm_message(install):
    build_archive(install, "one_driver__cds_archive_ipam", "--ipam-only")
    r = get_address(install)
    assert (r.returncode, r.stdout.decode(), r.stderr.decode()) == (0, REPLY, "")


def test_stale_ipam_archive_warning_goes_to_stderr(install):
    build_archive(install, "one_driver__cds_archive_ipam", "--ipam-only")
    make_stale(install)
    r = get_address(install)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode() == REPLY
    assert "[warning][cds" in r.stderr.decode(), "the archive was meant to be stale: %r" % r.stderr


def test_stale_general_archive_warning_goes_to_stderr(install):
    build_archive(install, "one_driver__cds_archive")
    make_stale(install)
    r = launch(install, "--version")
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode().startswith("scw-flexip ") and r.stdout.decode().count("\n") == 1, r.stdout
    assert "[warning][cds" in r.stderr.decode()


def test_missing_archive_is_silent(install):
    r = get_address(install)
    assert (r.returncode, r.stdout.decode(), r.stderr.decode()) == (0, REPLY, "")
