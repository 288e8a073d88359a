#!/usr/bin/env bash
# Runs the Molecule scenario from the repository root with the environment it needs.
#
#   molecule/run.sh [test|create|prepare|converge|idempotence|verify|destroy|login ...] [args]
#
# Default: `molecule test` (destroy, syntax, create, prepare, converge, idempotence, verify,
# destroy). Needs: root (rootful podman), Debian packages podman runc debootstrap, a JDK on the
# controller for the emulator, target/scw-flexip.jar (mvn -B -DskipTests package), and the
# tooling in .venv (.ci/setup). The whole output is kept in molecule/default/.cache/molecule.log
# and searched for the token afterwards (the verify step also searches it as it stands then).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scenario=$root/molecule/default

[ -x "$root/.venv/bin/molecule" ] && export PATH="$root/.venv/bin:$PATH"
command -v molecule >/dev/null || { echo "run.sh: molecule not found; run .ci/setup first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "run.sh: run as root (the scenario uses rootful podman)" >&2; exit 1; }
[ -f "$root/target/scw-flexip.jar" ] || { echo "run.sh: target/scw-flexip.jar is missing; run mvn -B -DskipTests package first" >&2; exit 1; }

export CONTAINERS_CONF=$scenario/files/containers.conf
export CONTAINERS_STORAGE_CONF=$scenario/files/storage.conf
export ANSIBLE_FORCE_COLOR=${ANSIBLE_FORCE_COLOR:-0}
export PY_COLORS=${PY_COLORS:-0}
export ANSIBLE_NOCOLOR=${ANSIBLE_NOCOLOR:-1}
export NO_COLOR=${NO_COLOR:-1}
mkdir -p "$scenario/.cache"
log=$scenario/.cache/molecule.log
export SCW_FLEXIP_MOLECULE_LOG=$log

cmd=${1:-test}
[ $# -gt 0 ] && shift
# Build the image up front so its few minutes show as their own stage.
"$scenario/files/build-image.sh"

start=$(date +%s)
set +e
molecule "$cmd" "$@" 2>&1 | while IFS= read -r line; do
  printf '%s %s\n' "$(date +%s)" "$line"
done | sed -u 's/\x1b\[[0-9;]*m//g' | tee "$log"
rc=${PIPESTATUS[0]}
set -e
echo "run.sh: molecule $cmd finished in $(( $(date +%s) - start )) s with status $rc"
# Seconds per stage, from the timestamps of Molecule's "[default > <stage>] Executing/Executed" lines.
awk 'match($0, /\[default > [a-z_]+\] Execut/) {
       st = substr($0, RSTART + 11, RLENGTH - 19)
       if ($0 ~ /Executing/) t[st] = $1; else printf "run.sh: stage %-12s %4d s  %s\n", st, $1 - t[st], $NF }' "$log" || true

# The token must appear nowhere in the Ansible output (molecule prints every playbook's output).
token=$(sed -n 's/^ *scw_flexible_ip_token: *//p' "$scenario/inventory.yml" | head -n 1)
if [ -n "$token" ] && grep -qF -f <(printf '%s\n' "$token") "$log"; then
  echo "run.sh: FAIL: the Scaleway token appears in the Ansible output ($log)" >&2
  exit 1
fi
echo "run.sh: token absent from the Ansible output"
# The end-to-end result of the verify step, as the closing line.
results=$scenario/.cache/e2e-results.jsonl
if [ -s "$results" ] && grep -q 'Verify - result' "$log"; then
  python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ok = sum(1 for r in rows if r["ok"])
print("%d passed, %d failed" % (ok, len(rows) - ok))
PY
fi
exit "$rc"
