"""Setup shared by the benchmarks: the built JAR, an emulator process and a driver config.

Python 3 standard library only. The scripts run from the repository root and import this
module from their own directory.
"""
import base64, json, os, socket, subprocess, sys, time
import urllib.request

JAR = "target/scw-flexip.jar"
PROJECT = "11111111-2222-4333-8444-555555555555"
CLOUD = "bench"
TOKEN = "bench-token"


def require_jar():
    if not os.path.exists(JAR):
        sys.exit("no %s: run mvn -B -q -DskipTests package first (from the repository root)" % JAR)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_emulator(transition_ms):
    """(process, base URL) of an emulator from the JAR, once it accepts connections."""
    port = free_port()
    proc = subprocess.Popen(["java", "-jar", JAR, "emulator", "--listen", "127.0.0.1:%d" % port,
                             "--transition-ms", str(transition_ms)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return proc, "http://127.0.0.1:%d" % port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("emulator did not start")


def write_config(work, url, **extra):
    """A config.json in work pointing at url, with its token file beside it; returns its path."""
    token = os.path.join(work, "token")
    with open(token, "w") as f:
        f.write(TOKEN)
    os.chmod(token, 0o600)
    settings = {"api_url": url, "zone": "fr-par-1", "project_id": PROJECT, "cloud": CLOUD, "token_file": token,
                "state_file": os.path.join(work, "journal.json")}
    settings.update(extra)
    config = os.path.join(work, "config.json")
    with open(config, "w") as f:
        json.dump(settings, f)
    return config


def api(url, method, path, body=None):
    """One call to the emulator's Flexible IP API; the decoded JSON answer (None when empty)."""
    req = urllib.request.Request(url + "/flexible-ip/v1alpha1/zones/fr-par-1" + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"X-Auth-Token": TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


def new_fip(url):
    """A Flexible IP as register_address_range leaves it: tagged as ours, with its own virtual MAC."""
    f = api(url, "POST", "/fips", {"project_id": PROJECT, "description": "bench", "is_ipv6": False,
                                   "tags": ["scw-flexip:cloud=" + CLOUD]})
    return api(url, "POST", "/fips/%s/mac" % f["id"], {"mac_type": "kvm"})


def vm_stdin(fips, hostname="kvm-a"):
    """The base64 VM XML a bridge hook reads: one NIC per Flexible IP, with its SCW_FLEXIP_ID."""
    parts = ["<VM><ID>42</ID><DEPLOY_ID>one-42</DEPLOY_ID>",
             "<TEMPLATE><CONTEXT><NETWORK>YES</NETWORK></CONTEXT></TEMPLATE><USER_TEMPLATE/>",
             "<HISTORY_RECORDS><HISTORY><HOSTNAME>%s</HOSTNAME></HISTORY></HISTORY_RECORDS>" % hostname]
    for i, f in enumerate(fips):
        parts.append("<TEMPLATE><NIC><IP>%s</IP><MAC>%s</MAC><NETWORK_ID>%d</NETWORK_ID><NIC_ID>%d</NIC_ID>"
                     "<SCW_FLEXIP_ID>%s</SCW_FLEXIP_ID><VN_MAD>bridge</VN_MAD></NIC></TEMPLATE>"
                     % (f["ip_address"], f["mac_address"]["mac_address"], 7 + i, i, f["id"]))
    parts.append("</VM>")
    return base64.b64encode("".join(parts).encode()) + b"\n"


def hook(config, stdin, *args):
    """Runs `scw-flexip --config CONFIG vnm ARGS` as its own process; its wall time in seconds."""
    start = time.monotonic()
    r = subprocess.run(["java", "-jar", JAR, "--config", config, "vnm"] + list(args), input=stdin,
                       capture_output=True, timeout=120)
    elapsed = time.monotonic() - start
    if r.returncode != 0:
        sys.exit("vnm %s failed (rc %d): %s" % (args[0], r.returncode, r.stderr.decode()[-300:]))
    return elapsed


def host(work, name, url, server):
    """A hypervisor's config (its own server id file and runtime dir) under work/name."""
    d = os.path.join(work, name)
    os.makedirs(d, mode=0o700)
    with open(os.path.join(d, "server_id"), "w") as f:
        f.write("fr-par-1/" + server + "\n")
    config = write_config(d, url, runtime_dir=os.path.join(d, "run"), server_id_file=os.path.join(d, "server_id"))
    return config
