#!/usr/bin/env bash
# Latency and scheduling per request at a paced (moderate) rate, for several targets interleaved: p50/p99 from wrk
# (each connection pauses DELAY ms before its next request), and from /proc/<pid>/task/*/schedstat of the target's
# Netty event loops (reactor-http-*) and of proposal-service's Tomcat threads (http-nio-*): time running, time waiting
# for a CPU once runnable, and times scheduled in, per request answered.
#
#   bench/paced-sched.sh <rounds> <seconds> <connections> <delay ms> <label:pid:port> ...
#   e.g. bench/paced-sched.sh 3 15 4 20 direct:$(cat run/pids/proposal-service.pid):8082 gateway:$(cat run/pids/gateway.pid):8080
#   PAUSED_PATH (/api/v1/public/replies/1), PROPOSAL_PID (the Tomcat threads to watch; run/pids/proposal-service.pid)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/cpu-ticks.sh"
READ_PATH="${PAUSED_PATH:-/api/v1/public/replies/1}"
PACED_LUA="$(mktemp)"
trap 'rm -f "$PACED_LUA"' EXIT
paced_lua "$PACED_LUA"
ROUNDS=$1 SECS=$2 CONNS=$3 DELAY=$4; shift 4
PS="${PROPOSAL_PID:-$(cat "$ROOT/run/pids/proposal-service.pid")}"
for r in $(seq 1 $ROUNDS); do
  targets=("$@"); ((r % 2 == 0)) && targets=($(printf '%s\n' "$@" | tac))
  for t in "${targets[@]}"; do
    IFS=: read label pid port <<<"$t"
    g0=$(proc_ticks $pid); read gr0 gw0 gn0 < <(thread_sched $pid '^reactor-http'); read pr0 pw0 pn0 < <(thread_sched $PS '^http-nio')
    line=$(WRK_DELAY_MS=$DELAY wrk -t2 -c$CONNS -d${SECS}s -s "$PACED_LUA" "http://127.0.0.1:$port$READ_PATH" | grep RESULT)
    n=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")
    read gr1 gw1 gn1 < <(thread_sched $pid '^reactor-http'); read pr1 pw1 pn1 < <(thread_sched $PS '^http-nio')
    awk -v r=$r -v l=$label -v line="$line" -v n=$n -v cpu=$(( $(proc_ticks $pid)-g0 )) -v lr=$((gr1-gr0)) -v lw=$((gw1-gw0)) -v ln=$((gn1-gn0)) -v tw=$((pw1-pw0)) -v ld=$(cut -d' ' -f1 /proc/loadavg) -v hz="$(getconf CLK_TCK)" 'BEGIN {
      match(line, /rps=[0-9.]+/); rps=substr(line, RSTART+4, RLENGTH-4); match(line, /p50=[0-9]+/); p50=substr(line, RSTART+4, RLENGTH-4); match(line, /p99=[0-9]+/); p99=substr(line, RSTART+4, RLENGTH-4)
      printf "round=%s %s rps=%s p50_ms=%.2f p99_ms=%.2f cpu_ms/req=%.3f loop_run_ms/req=%.3f loop_runq_wait_ms/req=%.3f loop_slices/req=%.2f tomcat_runq_wait_ms/req=%.3f load=%s\n", r, l, rps, p50/1000, p99/1000, cpu*1000/hz/n, lr/1e6/n, lw/1e6/n, ln/n, tw/1e6/n, ld }'
  done
done
