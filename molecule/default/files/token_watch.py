"""Shared by the verify helpers: watch every process's argv and environment for the Scaleway
token while the driver runs (the token must never be in either). Copied next to them."""
import os
import threading
import time

TOKEN_FILE = "/var/lib/one/.scw-flexip.token"


class TokenWatch(threading.Thread):
    """Samples every process's argv and environment for the token while the driver runs."""

    def __init__(self):
        super().__init__(daemon=True)
        try:
            with open(TOKEN_FILE, encoding="utf-8") as f:
                self.token = f.read().strip().encode()
        except OSError:
            self.token = b""
        self.seen = []
        self.samples = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set() and self.token:
            for pid in os.listdir("/proc"):
                if not pid.isdigit() or int(pid) == os.getpid():
                    continue
                for what in ("cmdline", "environ"):
                    try:
                        with open("/proc/%s/%s" % (pid, what), "rb") as f:
                            data = f.read()
                    except OSError:
                        continue
                    if self.token in data:
                        self.seen.append("pid %s %s: %s" % (pid, what, data.replace(self.token, b"<TOKEN>")[:200]))
            self.samples += 1
            time.sleep(0.02)
