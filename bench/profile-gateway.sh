#!/usr/bin/env bash
# Profile one process of the platform under the gateway-hop load with async-profiler (a sampling profiler without
# safepoint bias; its allocation profile samples by TLAB, so it weighs allocations by the bytes really allocated),
# attached at run time. The profiler comes from Maven Central (tools.profiler:async-profiler, with its Linux
# libraries) through the project's Maven wrapper, so nothing outside the repository needs installing.
#
#   bench/profile-gateway.sh [seconds per profile (30)] [events ("cpu alloc")]
#   SCENARIO (public | token | writes: bench/writes.lua's write steps directly on proposal-service; public), PROFILE_PATH (the token scenario's read; /api/v1/proposals/1), TARGET (gateway | proposal-service | ...; gateway), CONNS (16),
#   TARGET=floor profiles the floor of bench/gateway-hop.sh instead (Spring Cloud Gateway alone, bench/floor-gateway,
#   started here on FLOOR_PORT, 28091, in front of proposal-service unless one answers there) under the same read,
#   WARMUP seconds through the gateway before profiling (90), ATTACH=1 to profile an already running platform
#   (PLATFORM_RUN_DIR / PLATFORM_PORT_BASE as for deploy/local/run.sh) instead of starting one,
#   PLATFORM_PORT_BASE (28080), PLATFORM_DB_PORT (28306), PLATFORM_RUN_DIR (<repo>/run-bench)
# Writes bench/results/profile-<target>-<scenario>-<event>-<time>.{html,collapsed,txt} (flame graph, collapsed stacks
# per thread, which git ignores for their size, and the summary) and prints the summary: per event, the share of each
# thread group and component, and the heaviest frames (bench/profile-top.py).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-30}"
EVENTS="${2:-cpu alloc}"
SCENARIO="${SCENARIO:-public}"
TARGET="${TARGET:-gateway}"
CONNS="${CONNS:-16}"
WARMUP="${WARMUP:-90}"
BASE="${PLATFORM_PORT_BASE:-28080}"
DB_PORT="${PLATFORM_DB_PORT:-28306}"
RUN_DIR="${PLATFORM_RUN_DIR:-$ROOT/run-bench}"
OUT_DIR="$ROOT/bench/results"
AP_VERSION="${AP_VERSION:-4.2}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT_DIR" "$RUN_DIR"

command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }

# async-profiler's agent library, from its Maven Central jar
AP_DIR="$ROOT/bench/.async-profiler/$AP_VERSION"
case "$(uname -m)" in x86_64) AP_ARCH=linux-x64 ;; aarch64) AP_ARCH=linux-arm64 ;; *) echo "no async-profiler for $(uname -m)"; exit 1 ;; esac
AP_LIB="$AP_DIR/$AP_ARCH/libasyncProfiler.so"
if [[ ! -f "$AP_LIB" ]]; then
  echo "Fetching async-profiler $AP_VERSION from Maven Central"
  "$ROOT/mvnw" -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory="$AP_DIR" \
    -Dmdep.overWriteReleases=true >/dev/null
  (cd "$AP_DIR" && jar xf "async-profiler-$AP_VERSION.jar" "$AP_ARCH/libasyncProfiler.so")   # the JDK's jar: no unzip needed
fi

run_platform() { PLATFORM_RUN_DIR="$RUN_DIR" PLATFORM_PORT_BASE=$BASE PLATFORM_DB_PORT=$DB_PORT "$ROOT/deploy/local/run.sh" "$@"; }
if [[ "${ATTACH:-0}" != 1 ]]; then
  trap 'run_platform stop >/dev/null || true' EXIT
  export PLATFORM_JIT=full
  export PLATFORM_GATEWAY_RATELIMIT_PUBLICAPI_CAPACITY=1000000000
  export PLATFORM_GATEWAY_RATELIMIT_AUTHENTICATED_CAPACITY=1000000000
  echo "Starting the platform ..."
  run_platform --detach >"$RUN_DIR/start.out"
fi
. "$ROOT/bench/cpu-ticks.sh"
if [[ "$TARGET" == floor ]]; then
  FLOOR_PORT="${FLOOR_PORT:-28091}"
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$FLOOR_PORT/" || true)" == 000 ]]; then
    trap 'kill "$(cat "$RUN_DIR/floor.pid")" 2>/dev/null || true; [[ "${ATTACH:-0}" == 1 ]] || run_platform stop >/dev/null || true' EXIT
    start_floor "$FLOOR_PORT" "http://127.0.0.1:$((BASE + 2))" "$RUN_DIR"
  fi
  PID="$(cat "$RUN_DIR/floor.pid")"
else
  PID="$(cat "$RUN_DIR/pids/$TARGET.pid")"
fi
JCMD="$(dirname "$(readlink -f "/proc/$PID/exe")")/jcmd"
[[ -x "$JCMD" ]] || JCMD=jcmd

WRK_SCRIPT="$ROOT/bench/report.lua"
if [[ "$SCENARIO" == writes ]]; then
  # the write path of bench/write-path.sh (create, submit, review FILE, assign), sent directly to proposal-service
  # (the gateway's rate limits would refuse most of it); the tokens go to writes.lua through the environment
  export MEMBER_TOKEN COMMITTEE_TOKEN
  MEMBER_TOKEN="$(login_token "http://127.0.0.1:$BASE/api/v1/auth/login" member1)"
  COMMITTEE_TOKEN="$(login_token "http://127.0.0.1:$BASE/api/v1/auth/login" committee1)"
  HEADER=()
  URL="http://127.0.0.1:$((BASE + 2))"
  WRK_SCRIPT="$ROOT/bench/writes.lua"
elif [[ "$SCENARIO" == token ]]; then
  HEADER=(-H "Authorization: Bearer $(login_token "http://127.0.0.1:$BASE/api/v1/auth/login")")
  URL="http://127.0.0.1:$BASE${PROFILE_PATH:-/api/v1/proposals/1}"
else
  HEADER=()
  URL="http://127.0.0.1:$BASE/api/v1/public/replies/$(first_reply_id "http://127.0.0.1:$BASE")"
fi
# the floor is sent the same read as our gateway
[[ "$TARGET" == floor ]] && URL="${URL/:$BASE\//:$FLOOR_PORT/}"
[[ "$SCENARIO" == writes ]] || curl -fsS -o /dev/null "${HEADER[@]}" "$URL"

echo "Warming up ${WARMUP} s ($URL) ..."
wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s "$WRK_SCRIPT" "${HEADER[@]}" "$URL" >/dev/null

# jcmd hands the options over only when quoted (unquoted, the profiler sees none)
agent() { "$JCMD" "$PID" JVMTI.agent_load "$AP_LIB" "\"$1\"" | grep -v -E '^[0-9]+:$|return code: 0' || true; }
for event in $EVENTS; do
  base="$OUT_DIR/profile-$TARGET-$SCENARIO-$event-$STAMP"
  case "$event" in
    cpu) opts="event=cpu,interval=1ms" ;;   # perf events where the kernel allows them, else a CPU timer
    alloc) opts="event=alloc" ;;           # a sample per 512 KiB allocated (TLAB-driven), weighted by size
    wall) opts="event=wall,interval=5ms" ;;
    *) opts="event=$event" ;;
  esac
  echo "[$event] profiling $TARGET (pid $PID) for ${DURATION} s under wrk -c$CONNS ..."
  agent "start,$opts,threads"
  t0="$(proc_ticks "$PID")"
  line="$(wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$WRK_SCRIPT" "${HEADER[@]}" "$URL" | grep '^RESULT')"
  t1="$(proc_ticks "$PID")"
  agent "dump,file=$base.html"
  agent "stop,file=$base.collapsed,collapsed,dot$([[ $event == alloc ]] && echo ,total)"
  requests="$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")"
  {
    echo "# $TARGET, $SCENARIO load, event $event ($opts), ${DURATION} s, wrk -c$CONNS, $(date -u +%FT%TZ)"
    echo "# wrk: $line"
    awk -v t=$((t1 - t0)) -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "# %s CPU per request: %.3f ms\n", "'"$TARGET"'", t * 1000 / hz / r }'
    echo "# load: $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 "$ROOT/bench/profile-top.py" "$base.collapsed" "$event" "$requests"
  } | tee "$base.txt"
done
echo "Flame graphs: $OUT_DIR/profile-$TARGET-$SCENARIO-*-$STAMP.html"
