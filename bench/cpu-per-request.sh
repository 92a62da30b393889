#!/usr/bin/env bash
# CPU time one process spends per answered request under a fixed wrk load: utime+stime from /proc/<pid>/stat before
# and after the run, divided by the requests wrk counted. Unlike throughput it hardly depends on what else shares
# the cores.
#   bench/cpu-per-request.sh <pid> <url> [seconds (30)] [connections (16)] [wrk args, e.g. -H "Authorization: Bearer ..."]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PID="$1" URL="$2" DURATION="${3:-30}" CONNS="${4:-16}"
shift 4 || shift $#
HZ="$(getconf CLK_TCK)"
. "$ROOT/bench/cpu-ticks.sh"
load0="$(cut -d' ' -f1-3 /proc/loadavg)"
t0="$(proc_ticks "$PID")"
line="$(wrk -t2 -c"$CONNS" -d"${DURATION}s" -s "$ROOT/bench/report.lua" "$@" "$URL" | grep '^RESULT')"
t1="$(proc_ticks "$PID")"
load1="$(cut -d' ' -f1-3 /proc/loadavg)"
requests="$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")"
awk -v a="$t0" -v b="$t1" -v r="$requests" -v hz="$HZ" -v l="$line" -v l0="$load0" -v l1="$load1" \
  'BEGIN { printf "cpu_ms_per_request=%.3f cpu_s=%.2f %s load_before=[%s] load_after=[%s]\n", (b - a) * 1000 / hz / r, (b - a) / hz, l, l0, l1 }'
