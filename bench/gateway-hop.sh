#!/usr/bin/env bash
# Benchmark: the gateway hop, side by side in one run.
#   the same read called (1) directly on proposal-service, (2) through nginx as a reverse proxy, (3) through our
#   gateway, and (4, FLOOR=1, the default) through the floor: Spring Cloud Gateway with the platform's versions, one
#   static route and its defaults, nothing of ours (bench/floor-gateway; no token check, rate limit, breaker, load
#   balancer, access log or metrics), the same JVM flags and heap as our gateway. The floor tells what the proxy core
#   itself costs here, and so how much of our gateway's cost is ours. In two scenarios on one platform start:
#     public  an anonymous read of a published reply (one database read)
#     token   a proposal read with a bearer token (verified by the gateway, and again by the service)
#   at several concurrency levels with wrk (closed loop: as fast as the two cores allow), each cell repeated ROUNDS
#   times with the three targets alternated, plus one paced cell at a moderate rate (wrk's delay(): each connection
#   waits before its next request), where the latency the gateway adds is read; reported as ratios against the
#   baselines measured in the same run.
# Warm-up runs until the JIT is quiet: rounds of WARMUP_ROUND seconds through the gateway (which runs the service's
# code for the read as well) until the compiler threads of the gateway and proposal-service used under 3 % of those
# processes' CPU in a round (at least WARMUP s, at most WARMUP_MAX s), then WARMUP s on each baseline, so that
# compilation is not counted in the cells.
# Also records the footprint: time from the run command to all services ready, RSS of each process idle and
# under load. Writes bench/results/gateway-hop-<scenario>-<time>.md per scenario and prints them.
#
#   bench/gateway-hop.sh [seconds per cell (10)] [concurrency levels ("4 16 64")]
#   SCENARIO="public token" (default both), ROUNDS (3), PACED="4:20" (connections:delay ms; "none" skips it),
#   WARMUP (30), WARMUP_MAX (300), WARMUP_ROUND (10); FLOOR (1; 0 leaves the floor out); KEEP_DATA=1 keeps the run directory's database (default: the
#   demo data alone, freshly seeded);
#   PLATFORM_PORT_BASE (28080), PLATFORM_DB_PORT (28306), NGINX_PORT (28090), FLOOR_PORT (NGINX_PORT + 1), PLATFORM_RUN_DIR (<repo>/run-bench):
#   where this run's platform, database and nginx listen, so that two runs on one machine do not collide
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-10}"
LEVELS="${2:-4 16 64}"
SCENARIOS="${SCENARIO:-public token}"
ROUNDS="${ROUNDS:-3}"
PACED="${PACED:-4:20}"
BASE="${PLATFORM_PORT_BASE:-28080}"
DB_PORT="${PLATFORM_DB_PORT:-28306}"
NGINX_PORT="${NGINX_PORT:-28090}"
FLOOR="${FLOOR:-1}"
FLOOR_PORT="${FLOOR_PORT:-$((NGINX_PORT + 1))}"
TARGETS="direct nginx gateway"
((FLOOR)) && TARGETS="$TARGETS floor"
RUN_DIR="${PLATFORM_RUN_DIR:-$ROOT/run-bench}"
OUT_DIR="$ROOT/bench/results"
mkdir -p "$OUT_DIR" "$RUN_DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

need() { command -v "$1" >/dev/null 2>&1 || { echo "Installing $2 (Debian package)"; apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx-light

cleanup() {
  [[ -f "$RUN_DIR/nginx.pid" ]] && kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
  [[ -f "$RUN_DIR/floor.pid" ]] && kill "$(cat "$RUN_DIR/floor.pid")" 2>/dev/null || true
  PLATFORM_RUN_DIR="$RUN_DIR" PLATFORM_PORT_BASE=$BASE PLATFORM_DB_PORT=$DB_PORT "$ROOT/deploy/local/run.sh" stop >/dev/null || true
}
trap cleanup EXIT

# the full JIT for a benchmark; the rate limit stays on (every request is counted) but sized above what one load
# generator sends, so the figures measure the gateway rather than 429s
export PLATFORM_JIT=full
export PLATFORM_GATEWAY_RATELIMIT_PUBLICAPI_CAPACITY=1000000000
export PLATFORM_GATEWAY_RATELIMIT_AUTHENTICATED_CAPACITY=1000000000
export PLATFORM_JAVA_OPTS="${PLATFORM_JAVA_OPTS:-}"
# every run starts from the demo data alone: other tools share this run directory (bench/service-ab.sh's write cells
# leave thousands of proposals there), and a bigger database makes the search index, the memory and the start-up
# larger than a fresh platform's. KEEP_DATA=1 keeps what is there.
if [[ "${KEEP_DATA:-0}" != 1 ]]; then
  PLATFORM_RUN_DIR="$RUN_DIR" PLATFORM_PORT_BASE=$BASE PLATFORM_DB_PORT=$DB_PORT "$ROOT/deploy/local/run.sh" stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR/data"
fi
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
t0=$SECONDS
PLATFORM_RUN_DIR="$RUN_DIR" PLATFORM_PORT_BASE=$BASE PLATFORM_DB_PORT=$DB_PORT "$ROOT/deploy/local/run.sh" --detach >"$RUN_DIR/start.out"
READY_S=$((SECONDS - t0))

cat >"$RUN_DIR/nginx.conf" <<NGINX
worker_processes 1;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream proposal { server 127.0.0.1:$((BASE + 2)); keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://proposal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
NGINX
nginx -c "$RUN_DIR/nginx.conf"

# rss, start_floor, the CPU time per request of each process in the path (utime+stime from /proc, in clock ticks: a
# figure that, unlike throughput, does not depend on what else shares the two cores), and the reads under test
. "$ROOT/bench/cpu-ticks.sh"

# the floor: built from bench/floor-gateway (not part of the platform's build) and started with our gateway's JVM flags
((FLOOR)) && start_floor "$FLOOR_PORT" "http://127.0.0.1:$((BASE + 2))" "$RUN_DIR"

pids() { for app in gateway department-service proposal-service statistics-service notification-service; do echo "$app $(cat "$RUN_DIR/pids/$app.pid")"; done; }
mysqld_pid="$(pgrep -f "mariadbd.*--port=$DB_PORT" | head -1 || true)"
declare -A IDLE
while read -r app pid; do IDLE[$app]="$(rss "$pid")"; done < <(pids)

GW_PID="$(cat "$RUN_DIR/pids/gateway.pid")"
PS_PID="$(cat "$RUN_DIR/pids/proposal-service.pid")"
nginx_worker="$(pgrep -P "$(cat "$RUN_DIR/nginx.pid")" | head -1)"
declare -A CPU_PID=([gateway]="$GW_PID" [proposal]="$PS_PID" [mysqld]="$mysqld_pid" [nginx]="$nginx_worker")
if ((FLOOR)); then
  FLOOR_PID="$(cat "$RUN_DIR/floor.pid")"
  CPU_PID[floor]="$FLOOR_PID"
fi
HZ="$(getconf CLK_TCK)"
JIT_THREADS='^C[12] CompilerThre'
# the warm-up watches the compiler threads of the gateway under test (ours, or the floor) and of proposal-service
jit_ticks() { echo $(($(thread_ticks "${1:-$GW_PID}" "$JIT_THREADS") + $(thread_ticks "$PS_PID" "$JIT_THREADS"))); }
path_ticks() { echo $(($(proc_ticks "${1:-$GW_PID}") + $(proc_ticks "$PS_PID"))); }
# warm_until_quiet <target> <pid>: rounds of WARMUP_ROUND s through that gateway (URL[target], WRK_HEADER) until its compiler threads and proposal-service's
# are quiet; sets WARMED (seconds) and WARM_LOG (their share of the two processes' CPU per round)
warm_until_quiet() {
  local target=$1 pid=$2 jit0 all0 share
  WARMED=0 WARM_LOG=""
  while ((WARMED < WARMUP_MAX)); do
    jit0="$(jit_ticks "$pid")" all0="$(path_ticks "$pid")"
    wrk -t2 -c16 -d"${WARMUP_ROUND}s" "${WRK_HEADER[@]}" "${URL[$target]}" >/dev/null
    WARMED=$((WARMED + WARMUP_ROUND))
    share="$(awk -v j=$(($(jit_ticks "$pid") - jit0)) -v a=$(($(path_ticks "$pid") - all0)) 'BEGIN { printf "%.1f", (a > 0) ? 100 * j / a : 0 }')"
    WARM_LOG="$WARM_LOG ${share}%"
    echo "  ${WARMED} s through the $target: compiler threads ${share} % of the $target's and proposal-service's CPU"
    ((WARMED >= WARMUP)) && awk -v s="$share" 'BEGIN { exit !(s < 3) }' && break
  done
  return 0
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# one wrk run; sets R_RPS R_P50 R_P99 R_NON2XX R_REQ and the CPU ticks of each process (R_CPU[proc]), of the event-loop
# threads of the gateway in the path (R_LOOP; ours unless LOOP_PID is the floor's) and of the compiler threads (R_JIT)
declare -A R_CPU T0
run_wrk() {
  local url=$1 conns=$2 seconds=$3 script=$4 line proc loop0 jit0
  shift 4
  for proc in "${!CPU_PID[@]}"; do T0[$proc]="$(proc_ticks "${CPU_PID[$proc]}")"; done
  loop0="$(thread_ticks "$LOOP_PID" '^reactor-http-')"
  jit0="$(jit_ticks "$LOOP_PID")"
  line="$(wrk -t2 -c"$conns" -d"${seconds}s" -s "$script" "$@" "$url" | grep '^RESULT')"
  for proc in "${!CPU_PID[@]}"; do R_CPU[$proc]=$(($(proc_ticks "${CPU_PID[$proc]}") - T0[$proc])); done
  R_LOOP=$(($(thread_ticks "$LOOP_PID" '^reactor-http-') - loop0))
  R_JIT=$(($(jit_ticks "$LOOP_PID") - jit0))
  R_RPS="$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$line")"
  R_P50="$(sed 's/.*p50=\([0-9]*\).*/\1/' <<<"$line")"
  R_P99="$(sed 's/.*p99=\([0-9]*\).*/\1/' <<<"$line")"
  R_NON2XX="$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<<"$line")"
  R_REQ="$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")"
}
ms_per_request() { awk -v t="$1" -v r="$2" -v hz="$HZ" 'BEGIN { printf "%.3f", (r > 0) ? t * 1000 / hz / r : 0 }'; }

# the paced cell: each connection waits the given delay before its next request (wrk measures latency from the
# moment a request is sent, so the delay is not in it)
PACED_LUA="$RUN_DIR/paced.lua"
paced_lua "$PACED_LUA"

REPLY_ID="$(first_reply_id "http://127.0.0.1:$BASE")"
FIRST_SCENARIO=1
for SCENARIO in $SCENARIOS; do
  OUT="$OUT_DIR/gateway-hop-$SCENARIO-$STAMP.md"
  if [[ "$SCENARIO" == token ]]; then
    TOKEN="$(login_token "http://127.0.0.1:$BASE/api/v1/auth/login")"
    PATH_UNDER_TEST="/api/v1/proposals/1"
    WRK_HEADER=(-H "Authorization: Bearer $TOKEN")
  else
    PATH_UNDER_TEST="/api/v1/public/replies/$REPLY_ID"
    WRK_HEADER=()
  fi
  declare -A URL=([direct]="http://127.0.0.1:$((BASE + 2))$PATH_UNDER_TEST"
    [nginx]="http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST" [gateway]="http://127.0.0.1:$BASE$PATH_UNDER_TEST"
    [floor]="http://127.0.0.1:$FLOOR_PORT$PATH_UNDER_TEST")
  for target in $TARGETS; do
    curl -fsS -o /dev/null "${WRK_HEADER[@]}" "${URL[$target]}" || { echo "$target does not answer ${URL[$target]}"; exit 1; }
  done

  WARMUP="${WARMUP:-30}" WARMUP_MAX="${WARMUP_MAX:-300}" WARMUP_ROUND="${WARMUP_ROUND:-10}"
  echo "[$SCENARIO] warming up through the gateway until the JIT is quiet (${WARMUP}-${WARMUP_MAX} s), then ${WARMUP} s each baseline ..."
  # through the gateway, which runs the service's code for this read too: rounds until both are compiled, then the
  # two baselines' own paths (wrk straight at Tomcat, nginx) for WARMUP s each
  warm_until_quiet gateway "$GW_PID"
  warmed=$WARMED GATEWAY_WARM_LOG=$WARM_LOG
  # the floor the same way, until its own compiler threads are quiet
  floor_warmed=0 FLOOR_WARM_LOG=""
  if ((FLOOR)); then
    warm_until_quiet floor "$FLOOR_PID"
    floor_warmed=$WARMED FLOOR_WARM_LOG=$WARM_LOG
  fi
  for target in direct nginx; do wrk -t2 -c16 -d"${WARMUP}s" "${WRK_HEADER[@]}" "${URL[$target]}" >/dev/null; done
  LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"

  unset RPS P50 P99 NON2XX CPU LOOP JIT
  declare -A RPS P50 P99 NON2XX CPU LOOP JIT
  declare -A LOAD
  for c in $LEVELS; do
    declare -A ROUND_RPS=() ROUND_P50=() ROUND_P99=() SUM_REQ=() SUM_LOOP=() SUM_JIT=() SUM_CPU=() SUM_NON2XX=()
    for ((round = 1; round <= ROUNDS; round++)); do
      for target in $TARGETS; do
        LOOP_PID="$GW_PID"; [[ $target == floor ]] && LOOP_PID="$FLOOR_PID"
        run_wrk "${URL[$target]}" "$c" "$DURATION" "$ROOT/bench/report.lua" "${WRK_HEADER[@]}"
        ROUND_RPS[$target]="${ROUND_RPS[$target]:-} $R_RPS"
        ROUND_P50[$target]="${ROUND_P50[$target]:-} $R_P50"
        ROUND_P99[$target]="${ROUND_P99[$target]:-} $R_P99"
        SUM_REQ[$target]=$((${SUM_REQ[$target]:-0} + R_REQ))
        SUM_NON2XX[$target]=$((${SUM_NON2XX[$target]:-0} + R_NON2XX))
        SUM_LOOP[$target]=$((${SUM_LOOP[$target]:-0} + R_LOOP))
        SUM_JIT[$target]=$((${SUM_JIT[$target]:-0} + R_JIT))
        for proc in "${!CPU_PID[@]}"; do SUM_CPU[$target,$proc]=$((${SUM_CPU[$target,$proc]:-0} + R_CPU[$proc])); done
      done
    done
    for target in $TARGETS; do
      RPS[$target,$c]="$(median <<<"${ROUND_RPS[$target]}")"
      P50[$target,$c]="$(median <<<"${ROUND_P50[$target]}")"
      P99[$target,$c]="$(median <<<"${ROUND_P99[$target]}")"
      NON2XX[$target,$c]="${SUM_NON2XX[$target]}"
      LOOP[$target,$c]="$(ms_per_request "${SUM_LOOP[$target]}" "${SUM_REQ[$target]}")"
      JIT[$target,$c]="$(ms_per_request "${SUM_JIT[$target]}" "${SUM_REQ[$target]}")"
      for proc in "${!CPU_PID[@]}"; do CPU[$target,$c,$proc]="$(ms_per_request "${SUM_CPU[$target,$proc]}" "${SUM_REQ[$target]}")"; done
    done
    if ((FIRST_SCENARIO)) && [[ $c == "$(awk '{print $NF}' <<<"$LEVELS")" ]]; then
      while read -r app pid; do LOAD[$app]="$(rss "$pid")"; done < <(pids)
    fi
  done

  declare -A PACED_RPS PACED_P50 PACED_P99 PACED_NON2XX
  if [[ "$PACED" != none ]]; then
    for target in $TARGETS; do
      LOOP_PID="$GW_PID"; [[ $target == floor ]] && LOOP_PID="$FLOOR_PID"
      WRK_DELAY_MS="${PACED#*:}" run_wrk "${URL[$target]}" "${PACED%%:*}" "$((DURATION * 2))" "$PACED_LUA" "${WRK_HEADER[@]}"
      PACED_RPS[$target]="$R_RPS" PACED_P50[$target]="$R_P50" PACED_P99[$target]="$R_P99" PACED_NON2XX[$target]="$R_NON2XX"
    done
  fi
  LOADAVG_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

  {
    echo "# Gateway hop benchmark, scenario \`$SCENARIO\` ($STAMP)"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)."
    echo "The same read in all three: \`GET $PATH_UNDER_TEST\`$([[ $SCENARIO == token ]] && echo ' with a bearer token (verified by the gateway and again by the service)' || echo ' anonymously (one published reply, one database read)')."
    echo "wrk 2 threads, ${DURATION} s per cell, ${ROUNDS} rounds with the targets alternated (median of the rounds);"
    echo "warm-up: $warmed s through the gateway (compiler threads' share of the gateway's and proposal-service's CPU per ${WARMUP_ROUND} s:$GATEWAY_WARM_LOG)$( ((FLOOR)) && echo ", $floor_warmed s through the floor (the same share for the floor:$FLOOR_WARM_LOG)"), then ${WARMUP} s each baseline."
    ((FLOOR)) && echo "The floor: Spring Cloud Gateway $(unzip -l "$ROOT/bench/floor-gateway/target/floor-gateway.jar" | grep -o 'spring-cloud-gateway-server-webflux-[0-9.]*' | head -1 | sed 's/.*-//;s/\.$//') with one static route and its defaults, nothing of ours (bench/floor-gateway), our gateway's JVM flags and heap."
    echo "nginx 1 worker with upstream keep-alive. The load generator, nginx, the platform and its database share the same 2 cores."
    echo "Load average (1/5/15 min): $LOAD_AT_START before the platform start, $LOADAVG before the cells, $LOADAVG_AFTER after."
    echo
    echo "| concurrency | direct rps | nginx rps | gateway rps | gateway/direct | gateway/nginx | p50 direct / nginx / gateway (ms) | p99 direct / nginx / gateway (ms) | gateway p99 added vs direct (ms) | non-2xx (d/n/g) |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for c in $LEVELS; do
      awk -v c="$c" -v d="${RPS[direct,$c]}" -v n="${RPS[nginx,$c]}" -v g="${RPS[gateway,$c]}" \
        -v d50="${P50[direct,$c]}" -v n50="${P50[nginx,$c]}" -v g50="${P50[gateway,$c]}" \
        -v d99="${P99[direct,$c]}" -v n99="${P99[nginx,$c]}" -v g99="${P99[gateway,$c]}" \
        -v e="${NON2XX[direct,$c]}/${NON2XX[nginx,$c]}/${NON2XX[gateway,$c]}" \
        'BEGIN { printf "| %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f | %s |\n",
          c, d, n, g, g/d, g/n, d50/1000, n50/1000, g50/1000, d99/1000, n99/1000, g99/1000, (g99-d99)/1000, e }'
    done
    if ((FLOOR)); then
      echo
      echo "Our gateway against the floor (Spring Cloud Gateway alone, same run):"
      echo
      echo "| concurrency | floor rps | floor/direct | floor/nginx | gateway/floor | p99 floor (ms) | non-2xx (floor) |"
      echo "|---|---|---|---|---|---|---|"
      for c in $LEVELS; do
        awk -v c="$c" -v d="${RPS[direct,$c]}" -v n="${RPS[nginx,$c]}" -v g="${RPS[gateway,$c]}" -v f="${RPS[floor,$c]}" \
          -v f99="${P99[floor,$c]}" -v e="${NON2XX[floor,$c]}" \
          'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %s |\n", c, f, f/d, f/n, g/f, f99/1000, e }'
      done
    fi
    if [[ "$PACED" != none ]]; then
      echo
      echo "Paced, moderate load: ${PACED%%:*} connections, each waiting ${PACED#*:} ms before its next request, $((DURATION * 2)) s per target:"
      echo
      echo "| target | rps | p50 (ms) | p99 (ms) | p99 added vs direct (ms) | non-2xx |"
      echo "|---|---|---|---|---|---|"
      for target in $TARGETS; do
        awk -v t="$target" -v r="${PACED_RPS[$target]}" -v p50="${PACED_P50[$target]}" -v p99="${PACED_P99[$target]}" \
          -v d99="${PACED_P99[direct]}" -v e="${PACED_NON2XX[$target]}" \
          'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.2f | %s |\n", t, r, p50/1000, p99/1000, (p99-d99)/1000, e }'
      done
    fi
    echo
    echo "CPU time per request of each process (ms, from /proc utime+stime over all rounds of a cell). Throughput on"
    echo "two shared cores is roughly inverse to the sum of a row. \"event loops\" counts only the reactor-http threads"
    echo "of the gateway in the path (ours, or the floor in the floor's rows): the proxying itself; \"JIT\" is the compiler"
    echo "threads of that gateway and proposal-service during the cell (near 0 when the warm-up did its job)."
    echo
    echo "| concurrency | path | gateway | floor | event loops | proposal-service | mysqld | nginx | sum | JIT |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for c in $LEVELS; do
      for target in $TARGETS; do
        g="${CPU[$target,$c,gateway]}"; p="${CPU[$target,$c,proposal]}"; m="${CPU[$target,$c,mysqld]}"; n="${CPU[$target,$c,nginx]}"
        f="${CPU[$target,$c,floor]:-0}"
        awk -v c="$c" -v t="$target" -v g="$g" -v f="$f" -v l="${LOOP[$target,$c]}" -v p="$p" -v m="$m" -v n="$n" -v j="${JIT[$target,$c]}" \
          'BEGIN { printf "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", c, t, g, f, l, p, m, n, g + f + p + m + n, j }'
      done
    done
    if ((FIRST_SCENARIO)); then
      echo
      echo "## Footprint"
      echo
      echo "Run command to all five applications ready: ${READY_S} s (full JIT; the default C1-only local run starts faster)."
      echo
      echo "| process | RSS idle (MiB) | RSS after the gateway load (MiB) |"
      echo "|---|---|---|"
      total_idle=0; total_load=0
      for app in gateway department-service proposal-service statistics-service notification-service; do
        echo "| $app | ${IDLE[$app]} | ${LOAD[$app]:-n/a} |"
        total_idle=$((total_idle + IDLE[$app])); total_load=$((total_load + ${LOAD[$app]:-0}))
      done
      echo "| **five applications** | **$total_idle** | **$total_load** |"
      [[ -n "$mysqld_pid" ]] && echo "| embedded MariaDB (mysqld) | $(rss "$mysqld_pid") | |"
    fi
  } | tee "$OUT"
  echo "Written to $OUT"
  FIRST_SCENARIO=0
done
