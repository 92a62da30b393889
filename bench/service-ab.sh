#!/usr/bin/env bash
# A/B of two builds of one service on one running platform: the service is killed and started again from the old jar,
# then the new one, alternating for several rounds; each time, after a warm-up, the same reads are sent to it directly
# and through the gateway, and its CPU time (and the gateway's) is divided by the requests answered. Swapping on one
# platform keeps the database, the data and the other applications the same for both builds.
#
#   bench/service-ab.sh <app> <old jar> <new jar> [rounds (2)] [seconds per cell (10)] [connections (16)]
#   READS ("detail=/api/v1/proposals/1"): name=path pairs, read with a bearer token (committee1) unless the path is
#   under /api/v1/public/; the path WRITES sends bench/writes.lua's write steps instead (create, submit, file, assign:
#   start the platform with large gateway rate-limit budgets for its gateway cell); WARMUP seconds of direct reads after each start (40); PLATFORM_RUN_DIR (<repo>/run-bench),
#   PLATFORM_PORT_BASE (28080), PLATFORM_DB_PORT (28306): the platform, started before by deploy/local/run.sh --detach
#   (as bench/profile-gateway.sh does), is left running with the new jar.
# Prints one line per cell:
#   variant=<old|new> cell=<direct|gateway>-<read> RESULT rps=.. p50=.. (µs) .. svc_cpu_ms/req=.. gw_cpu_ms/req=.. load=..
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$1" OLD_JAR="$(readlink -f "$2")" NEW_JAR="$(readlink -f "$3")"
ROUNDS="${4:-2}" SECS="${5:-10}" CONNS="${6:-16}"
READS="${READS:-detail=/api/v1/proposals/1}"
WARMUP="${WARMUP:-40}"
RUN_DIR="${PLATFORM_RUN_DIR:-$ROOT/run-bench}"
BASE="${PLATFORM_PORT_BASE:-28080}"
DB_PORT="${PLATFORM_DB_PORT:-28306}"
case "$APP" in
  gateway) echo "the gateway: use bench/gateway-ab.sh (two gateways side by side)" >&2; exit 2 ;;
  department-service) PORT=$((BASE + 1)) ;;
  proposal-service) PORT=$((BASE + 2)) ;;
  statistics-service) PORT=$((BASE + 3)) ;;
  notification-service) PORT=$((BASE + 4)) ;;
  *) echo "unknown application $APP" >&2; exit 2 ;;
esac
command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
. "$ROOT/bench/cpu-ticks.sh"
HZ="$(getconf CLK_TCK)"
export PLATFORM_JIT="${PLATFORM_JIT:-full}"   # as the benchmarks start the platform
GW_PID="$(cat "$RUN_DIR/pids/gateway.pid")"
JARS="$(mktemp -d)"
trap 'rm -rf "$JARS"' EXIT
mkdir -p "$JARS/old" "$JARS/new"
cp "$OLD_JAR" "$JARS/old/$APP.jar"
cp "$NEW_JAR" "$JARS/new/$APP.jar"

platform() { PLATFORM_RUN_DIR="$RUN_DIR" PLATFORM_PORT_BASE=$BASE PLATFORM_DB_PORT=$DB_PORT "$ROOT/deploy/local/run.sh" "$@"; }
swap_to() {
  platform kill-app "$APP" >/dev/null 2>&1 || true
  # no CDS archive for either jar (run.sh's archives are per build of the repository's own jar): both start alike
  PLATFORM_CDS=off PLATFORM_JAR_DIR="$JARS/$1" platform start-app "$APP" >/dev/null
  cat "$RUN_DIR/pids/$APP.pid"
}
target() { # <name=path>: sets name, path, header and script for one READS entry
  name="${1%%=*}" path="${1#*=}" header=() script="$ROOT/bench/report.lua"
  if [[ "$path" == WRITES ]]; then
    path="" script="$ROOT/bench/writes.lua"
  elif [[ "$path" != /api/v1/public/* ]]; then
    header=(-H "Authorization: Bearer $TOKEN")
  fi
}
cell() { # <variant> <cell> <url> <svc pid> <wrk script> [header...]
  local variant="$1" name="$2" url="$3" pid="$4" script="$5"; shift 5
  local s0 g0 s1 g1 line n
  s0="$(proc_ticks "$pid")" g0="$(proc_ticks "$GW_PID")"
  line="$(wrk -t2 -c"$CONNS" -d"${SECS}s" -s "$script" "$@" "$url" | grep '^RESULT')"
  s1="$(proc_ticks "$pid")" g1="$(proc_ticks "$GW_PID")"
  n="$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")"
  awk -v v="$variant" -v c="$name" -v l="$line" -v s=$((s1 - s0)) -v g=$((g1 - g0)) -v n="$n" -v hz="$HZ" \
    -v ld="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "variant=%s cell=%s %s svc_cpu_ms/req=%.3f gw_cpu_ms/req=%.3f load=%s\n", v, c, l, 1000*s/hz/n, 1000*g/hz/n, ld }'
}

TOKEN="$(login_token "http://127.0.0.1:$BASE/api/v1/auth/login")"
# the write path (READS entry "<name>=WRITES"): bench/writes.lua's steps, its tokens through the environment
export MEMBER_TOKEN COMMITTEE_TOKEN
MEMBER_TOKEN="$(login_token "http://127.0.0.1:$BASE/api/v1/auth/login" member1)"
COMMITTEE_TOKEN="$TOKEN"
echo "# $APP: $OLD_JAR (old) against $NEW_JAR (new), $ROUNDS rounds, ${SECS}s cells, wrk -c$CONNS, warm-up ${WARMUP}s; $(date -u +%FT%TZ); $(nproc) CPUs"
for round in $(seq 1 "$ROUNDS"); do
  for variant in old new; do
    pid="$(swap_to "$variant")"
    for kv in $READS; do
      target "$kv"
      wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s "$script" "${header[@]}" "http://127.0.0.1:$PORT$path" >/dev/null
      wrk -t2 -c"$CONNS" -d"$((WARMUP / 2))s" -s "$script" "${header[@]}" "http://127.0.0.1:$BASE$path" >/dev/null
    done
    for kv in $READS; do
      target "$kv"
      cell "$variant" "direct-$name" "http://127.0.0.1:$PORT$path" "$pid" "$script" "${header[@]}"
      cell "$variant" "gateway-$name" "http://127.0.0.1:$BASE$path" "$pid" "$script" "${header[@]}"
    done
  done
done
