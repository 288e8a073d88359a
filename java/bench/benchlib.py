"""Setup shared by the benchmarks: the built JAR, an emulator process and a driver config.

Python 3 standard library only. The scripts run from the repository root and import this
module from their own directory.
"""
import json, os, socket, subprocess, sys, time

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
