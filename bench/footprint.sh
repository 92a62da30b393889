#!/usr/bin/env bash
# Footprint of the README's run command, as a newcomer gets it: time from `deploy/local/run.sh --detach` to all five
# applications ready, and the resident memory (RSS) of each process when idle and after a short load through the
# gateway, for each JIT mode (the default C1-only start, and PLATFORM_JIT=full, what the throughput benchmarks use).
# Every start begins from an empty data directory (the database is created and the demo data seeded, as on a fresh
# machine) but keeps the class data sharing archives of earlier starts (run/cds, made on the first start after a build:
# that start is slower, and is reported as such).
#
#   bench/footprint.sh [starts per mode (2)] [modes ("c1 full")]
#   PLATFORM_PORT_BASE (27080), PLATFORM_DB_PORT (27306), PLATFORM_RUN_DIR (<repo>/run-bench-footprint), LOAD_SECONDS (20)
# Writes bench/results/footprint-<time>.md and prints it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STARTS="${1:-2}"
MODES="${2:-c1 full}"
BASE="${PLATFORM_PORT_BASE:-27080}"
DB_PORT="${PLATFORM_DB_PORT:-27306}"
RUN_DIR="${PLATFORM_RUN_DIR:-$ROOT/run-bench-footprint}"
LOAD_SECONDS="${LOAD_SECONDS:-20}"
OUT="$ROOT/bench/results/footprint-$(date -u +%Y%m%dT%H%M%SZ).md"
APPS="gateway department-service proposal-service statistics-service notification-service"
command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }

run_platform() { PLATFORM_RUN_DIR="$RUN_DIR" PLATFORM_PORT_BASE=$BASE PLATFORM_DB_PORT=$DB_PORT "$ROOT/deploy/local/run.sh" "$@"; }
trap 'run_platform stop >/dev/null 2>&1 || true' EXIT
. "$ROOT/bench/cpu-ticks.sh"   # rss, login_token

ROWS=""
for mode in $MODES; do
  for ((n = 1; n <= STARTS; n++)); do
    run_platform stop >/dev/null 2>&1 || true
    rm -rf "$RUN_DIR/data"
    load_before="$(cut -d' ' -f1 /proc/loadavg)"
    t0=$SECONDS
    PLATFORM_JIT=$mode run_platform --detach >"$RUN_DIR.start.out" 2>&1 || { cat "$RUN_DIR.start.out"; exit 1; }
    ready=$((SECONDS - t0))
    trained="$(grep -c 'training run of' "$RUN_DIR.start.out" || true)"
    sleep 10   # idle: what is left of the start-up settles
    declare -A IDLE=() LOADED=()
    total_idle=0
    for app in $APPS; do
      IDLE[$app]="$(rss "$(cat "$RUN_DIR/pids/$app.pid")")"
      total_idle=$((total_idle + IDLE[$app]))
    done
    # a short mixed load through the gateway: the public replies list and one reply, a login and a proposal read
    token="$(login_token "http://127.0.0.1:$BASE/api/v1/auth/login")"
    wrk -t1 -c4 -d"${LOAD_SECONDS}s" "http://127.0.0.1:$BASE/api/v1/public/replies" >/dev/null
    wrk -t1 -c4 -d"${LOAD_SECONDS}s" -H "Authorization: Bearer $token" "http://127.0.0.1:$BASE/api/v1/proposals/1" >/dev/null
    total_loaded=0
    for app in $APPS; do
      LOADED[$app]="$(rss "$(cat "$RUN_DIR/pids/$app.pid")")"
      total_loaded=$((total_loaded + LOADED[$app]))
    done
    mysqld="$(pgrep -f "mariadbd.*--port=$DB_PORT" | head -1 || true)"
    row="| $mode | $n | $ready | $([[ $trained -gt 0 ]] && echo "yes ($trained)" || echo no) | $load_before"
    for app in $APPS; do row="$row | ${IDLE[$app]} / ${LOADED[$app]}"; done
    row="$row | **$total_idle** / $total_loaded | $( [[ -n "$mysqld" ]] && rss "$mysqld" || echo -) |"
    ROWS="$ROWS$row"$'\n'
    echo "$row"
  done
done
run_platform stop >/dev/null 2>&1 || true

{
  echo "# Footprint of the run command ($(date -u +%FT%TZ))"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "\`deploy/local/run.sh --detach\` from an empty data directory each time (database created, demo data seeded);"
  echo "ready = the command returned with all five applications ready. RSS in MiB, idle (10 s after ready) / after"
  echo "${LOAD_SECONDS} s of public list reads and ${LOAD_SECONDS} s of token proposal reads through the gateway (wrk, 4 connections)."
  echo "\"CDS trained\": that start also made class data sharing archives (the first start after a build)."
  echo
  echo "| JIT | start | ready (s) | CDS trained | load before | gateway | department-service | proposal-service | statistics-service | notification-service | five applications idle / loaded | mysqld |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s' "$ROWS"
  echo
  echo "Targets (issue 10): ready in under 60 s on 2 cores; the five applications together under 1,536 MiB RSS idle."
} | tee "$OUT"
echo "Written to $OUT"
