#!/bin/sh
# Start, stop or probe the project's offline Scaleway API (scw-flexip emulator) for the scenario.
#
#   emulator.sh start | stop | status
#
# Listens on 127.0.0.1:$SCW_FLEXIP_EMULATOR_PORT (default 18091) only. Lifetime is bounded by
# `timeout` (SCW_FLEXIP_EMULATOR_LIFETIME seconds, default 5400) even if destroy never runs.
# Accepts only the token in molecule/default/.cache/emulator.token (mode 0600, written by
# prepare from the inventory), so the scenario proves the deployed token is the one sent; the
# token itself is never on a command line. Pid file and log: .cache/emulator.{pid,log}.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
scenario=$(dirname "$here")
project=$(cd "$scenario/../.." && pwd)
cache=$scenario/.cache
port=${SCW_FLEXIP_EMULATOR_PORT:-18091}
jar=${SCW_FLEXIP_JAR:-$project/target/scw-flexip.jar}
transition_ms=${SCW_FLEXIP_EMULATOR_TRANSITION_MS:-1500}
lifetime=${SCW_FLEXIP_EMULATOR_LIFETIME:-5400}
pidfile=$cache/emulator.pid
log=$cache/emulator.log
token_file=$cache/emulator.token

alive() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  python3 - "$port" <<'PY'
import sys, urllib.request
try:
    urllib.request.urlopen("http://127.0.0.1:%s/_emulator/requests" % sys.argv[1], timeout=2).read()
except Exception:
    sys.exit(1)
PY
}

case "${1:-}" in
  start)
    mkdir -p "$cache"
    if alive && answers; then
      echo "emulator: already running (pid $(cat "$pidfile")) on 127.0.0.1:$port"
      exit 0
    fi
    if [ ! -f "$token_file" ] || [ "$(stat -c %a "$token_file")" != 600 ]; then
      echo "emulator: $token_file is missing or not mode 0600 (prepare writes it from the inventory)" >&2
      exit 1
    fi
    if [ -n "${SCW_FLEXIP_EMULATOR_CMD:-}" ]; then
      # Developing the scenario against another emulator: the command gets the same options.
      set -- $SCW_FLEXIP_EMULATOR_CMD
    else
      [ -f "$jar" ] || { echo "emulator: $jar is missing; build it with: mvn -B -DskipTests package" >&2; exit 1; }
      set -- java -XX:+UseSerialGC -Xmx128m -jar "$jar" emulator
    fi
    # setsid: not killed with the ansible task; timeout: bounded lifetime.
    setsid timeout "$lifetime" "$@" --listen "127.0.0.1:$port" --transition-ms "$transition_ms" \
      --token-file "$token_file" >"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    i=0
    while [ $i -lt 60 ]; do
      if answers; then
        echo "emulator: started (pid $(cat "$pidfile")) on 127.0.0.1:$port, transitions $transition_ms ms"
        exit 0
      fi
      if ! alive; then
        echo "emulator: exited at start; log $log:" >&2
        tail -n 20 "$log" >&2
        exit 1
      fi
      sleep 0.5
      i=$((i + 1))
    done
    echo "emulator: no answer on 127.0.0.1:$port after 30 s; log $log" >&2
    exit 1
    ;;
  stop)
    if alive; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
      echo "emulator: stopped"
    else
      rm -f "$pidfile"
      echo "emulator: not running"
    fi
    ;;
  status)
    if alive && answers; then echo "emulator: running"; else echo "emulator: not running"; exit 1; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
