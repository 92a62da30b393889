#!/usr/bin/env bash
# A/B of two gateway builds running side by side in front of the same services: the same wrk load is sent to one,
# then the other (the order alternating each round), and each run's CPU time of the gateway process is divided by the
# requests answered. Interleaving makes the comparison fair on a machine whose load changes; the event-loop figure
# (threads reactor-http-epoll-*) leaves out the JIT compiler, GC and the log appender.
#
#   bench/gateway-ab.sh <pid A> <port A> <pid B> <port B> [rounds (3)] [seconds (15)] [connections (16)]
#   SCENARIOS ("public token"), PUBLIC_PATH (/api/v1/public/replies/1), TOKEN_PATH (/api/v1/proposals/1),
#   EXTRA_PATHS ("name=/path ..." more token reads), WARMUP seconds per gateway and scenario (60), LABEL_A/LABEL_B
#   (old/new), LOGIN_URL (the gateway of B + /api/v1/auth/login)
# Prints one line per run:
#   round scenario gateway rps p50 p99 non2xx requests cpu_ms_per_request loop_ms_per_request parallel_ms compiler_ms load
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PID_A="$1" PORT_A="$2" PID_B="$3" PORT_B="$4" ROUNDS="${5:-3}" DURATION="${6:-15}" CONNS="${7:-16}"
LABEL_A="${LABEL_A:-old}" LABEL_B="${LABEL_B:-new}"
SCENARIOS="${SCENARIOS:-public token}"
PUBLIC_PATH="${PUBLIC_PATH:-/api/v1/public/replies/1}"
TOKEN_PATH="${TOKEN_PATH:-/api/v1/proposals/1}"
WARMUP="${WARMUP:-60}"
LOGIN_URL="${LOGIN_URL:-http://127.0.0.1:$PORT_B/api/v1/auth/login}"
HZ="$(getconf CLK_TCK)"

. "$ROOT/bench/cpu-ticks.sh"
token() { login_token "$LOGIN_URL"; }
path_of() {
  case "$1" in
    public) echo "$PUBLIC_PATH" ;;
    token) echo "$TOKEN_PATH" ;;
    *) for kv in ${EXTRA_PATHS:-}; do [[ "${kv%%=*}" == "$1" ]] && echo "${kv#*=}"; done ;;
  esac
}
run() { # <round> <scenario> <label> <pid> <port> <seconds> [header]
  local round="$1" scenario="$2" label="$3" pid="$4" port="$5" secs="$6"; shift 6
  local url="http://127.0.0.1:$port$(path_of "$scenario")"
  local p0 l0 c0 q0 p1 l1 c1 q1 line load
  p0="$(proc_ticks "$pid")" l0="$(thread_ticks "$pid" '^reactor-http-')"
  c0="$(thread_ticks "$pid" '^C[12] CompilerThre')" q0="$(thread_ticks "$pid" '^parallel-')"
  line="$(wrk -t2 -c"$CONNS" -d"${secs}s" -s "$ROOT/bench/report.lua" "$@" "$url" | grep '^RESULT')"
  p1="$(proc_ticks "$pid")" l1="$(thread_ticks "$pid" '^reactor-http-')"
  c1="$(thread_ticks "$pid" '^C[12] CompilerThre')" q1="$(thread_ticks "$pid" '^parallel-')"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  awk -v r="$round" -v s="$scenario" -v g="$label" -v l="$line" -v hz="$HZ" -v p="$((p1 - p0))" -v e="$((l1 - l0))" \
    -v c="$((c1 - c0))" -v q="$((q1 - q0))" -v ld="$load" 'BEGIN {
      match(l, /rps=[0-9.]+/); rps = substr(l, RSTART + 4, RLENGTH - 4)
      match(l, /p50=[0-9]+/); p50 = substr(l, RSTART + 4, RLENGTH - 4)
      match(l, /p99=[0-9]+/); p99 = substr(l, RSTART + 4, RLENGTH - 4)
      match(l, /requests=[0-9]+/); n = substr(l, RSTART + 9, RLENGTH - 9)
      match(l, /non2xx=[0-9]+/); bad = substr(l, RSTART + 7, RLENGTH - 7)
      printf "round=%s scenario=%s gateway=%s rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%s requests=%s cpu_ms_per_request=%.3f loop_ms_per_request=%.3f parallel_ms_per_request=%.4f compiler_s=%.2f load1=%s\n",
        r, s, g, rps, p50 / 1000, p99 / 1000, bad, n, (n > 0) ? p * 1000 / hz / n : 0, (n > 0) ? e * 1000 / hz / n : 0,
        (n > 0) ? q * 1000 / hz / n : 0, c / hz, ld }'
}

for scenario in $SCENARIOS; do
  header=()
  [[ "$scenario" != public ]] && header=(-H "Authorization: Bearer $(token)")
  for side in A B; do
    pid_var="PID_$side" port_var="PORT_$side" label_var="LABEL_$side"
    run 0 "$scenario" "warmup-${!label_var}" "${!pid_var}" "${!port_var}" "$WARMUP" "${header[@]}"
  done
done
for round in $(seq 1 "$ROUNDS"); do
  for scenario in $SCENARIOS; do
    header=()
    [[ "$scenario" != public ]] && header=(-H "Authorization: Bearer $(token)")
    if (( round % 2 == 1 )); then order="A B"; else order="B A"; fi
    for side in $order; do
      pid_var="PID_$side" port_var="PORT_$side" label_var="LABEL_$side"
      run "$round" "$scenario" "${!label_var}" "${!pid_var}" "${!port_var}" "$DURATION" "${header[@]}"
    done
  done
done
