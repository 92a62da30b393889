#!/usr/bin/env bash
# Benchmark: the gateway hop, side by side in one run.
#   the same read — a published reply (one database read) — called
#     (1) directly on proposal-service, (2) through nginx as a reverse proxy, (3) through our gateway
#   at several concurrency levels with wrk; reported as ratios against the baselines measured in the same run.
# Also records the footprint: time from the run command to all services ready, RSS of each process idle and
# under load. Writes bench/results/gateway-hop-<time>.md and prints it.
#
#   bench/gateway-hop.sh [duration-seconds (default 15)] [concurrency levels (default "4 16 64")]
#   SCENARIO=token bench/gateway-hop.sh   the authenticated read (token checked by the gateway and the service)
#   PLATFORM_PORT_BASE (28080), PLATFORM_DB_PORT (28306), NGINX_PORT (28090), PLATFORM_RUN_DIR (<repo>/run-bench):
#   where this run's platform, database and nginx listen, so that two runs on one machine do not collide
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-15}"
LEVELS="${2:-4 16 64}"
BASE="${PLATFORM_PORT_BASE:-28080}"
DB_PORT="${PLATFORM_DB_PORT:-28306}"
NGINX_PORT="${NGINX_PORT:-28090}"
RUN_DIR="${PLATFORM_RUN_DIR:-$ROOT/run-bench}"
OUT_DIR="$ROOT/bench/results"
mkdir -p "$OUT_DIR" "$RUN_DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$OUT_DIR/gateway-hop-${SCENARIO:-public}-$STAMP.md"

need() { command -v "$1" >/dev/null 2>&1 || { echo "Installing $2 (Debian package)"; apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx-light

cleanup() {
  [[ -f "$RUN_DIR/nginx.pid" ]] && kill "$(cat "$RUN_DIR/nginx.pid")" 2>/dev/null || true
  PLATFORM_RUN_DIR="$RUN_DIR" PLATFORM_PORT_BASE=$BASE PLATFORM_DB_PORT=$DB_PORT "$ROOT/deploy/local/run.sh" stop >/dev/null || true
}
trap cleanup EXIT

# the full JIT for a benchmark; the rate limit stays on (every request is counted) but sized above what one load
# generator sends, so the figures measure the gateway rather than 429s
export PLATFORM_JIT=full
export PLATFORM_GATEWAY_RATELIMIT_PUBLICAPI_CAPACITY=1000000000
export PLATFORM_GATEWAY_RATELIMIT_AUTHENTICATED_CAPACITY=1000000000
export PLATFORM_JAVA_OPTS="${PLATFORM_JAVA_OPTS:-}"
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

REPLY_ID="$(curl -fsS "http://127.0.0.1:$BASE/api/v1/public/replies" | sed 's/.*"items":\[{"id":"\([^"]*\)".*/\1/')"
# scenario "public": anonymous read of a published reply; scenario "token": the same proposal read with a bearer
# token (the gateway verifies it, and so does the service)
SCENARIO="${SCENARIO:-public}"
if [[ "$SCENARIO" == token ]]; then
  TOKEN="$(curl -fsS -X POST "http://127.0.0.1:$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"committee1","password":"Demo@2026"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')"
  PATH_UNDER_TEST="/api/v1/proposals/1"
  WRK_HEADER=(-H "Authorization: Bearer $TOKEN")
else
  PATH_UNDER_TEST="/api/v1/public/replies/$REPLY_ID"
  WRK_HEADER=()
fi
declare -A URL=([direct]="http://127.0.0.1:$((BASE + 2))$PATH_UNDER_TEST"
  [nginx]="http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST" [gateway]="http://127.0.0.1:$BASE$PATH_UNDER_TEST")
for target in direct nginx gateway; do
  curl -fsS -o /dev/null "${WRK_HEADER[@]}" "${URL[$target]}" || { echo "$target does not answer ${URL[$target]}"; exit 1; }
done

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
pids() { for app in gateway department-service proposal-service statistics-service notification-service; do echo "$app $(cat "$RUN_DIR/pids/$app.pid")"; done; }
mysqld_pid="$(pgrep -f "mariadbd.*--port=$DB_PORT" | head -1 || true)"
declare -A IDLE
while read -r app pid; do IDLE[$app]="$(rss "$pid")"; done < <(pids)

# CPU time per request of each process in the path (utime+stime from /proc, in clock ticks): a figure that, unlike
# throughput, does not depend on what else shares the two cores
ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
nginx_worker="$(pgrep -P "$(cat "$RUN_DIR/nginx.pid")" | head -1)"
declare -A CPU_PID=([gateway]="$(cat "$RUN_DIR/pids/gateway.pid")" [proposal]="$(cat "$RUN_DIR/pids/proposal-service.pid")"
  [mysqld]="$mysqld_pid" [nginx]="$nginx_worker")
HZ="$(getconf CLK_TCK)"

WARMUP="${WARMUP:-30}"
echo "Warming up (JIT, ${WARMUP} s per target) ..."
for target in direct nginx gateway; do wrk -t2 -c16 -d"${WARMUP}s" "${WRK_HEADER[@]}" "${URL[$target]}" >/dev/null; done
LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"

declare -A RPS P50 P99 NON2XX CPU
declare -A LOAD
for c in $LEVELS; do
  for target in direct nginx gateway; do
    declare -A T0=()
    for proc in "${!CPU_PID[@]}"; do T0[$proc]="$(ticks "${CPU_PID[$proc]}")"; done
    line="$(wrk -t2 -c"$c" -d"${DURATION}s" -s "$ROOT/bench/report.lua" "${WRK_HEADER[@]}" "${URL[$target]}" | grep '^RESULT')"
    RPS[$target,$c]="$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$line")"
    P50[$target,$c]="$(sed 's/.*p50=\([0-9]*\).*/\1/' <<<"$line")"
    P99[$target,$c]="$(sed 's/.*p99=\([0-9]*\).*/\1/' <<<"$line")"
    NON2XX[$target,$c]="$(sed 's/.*non2xx=\([0-9]*\).*/\1/' <<<"$line")"
    requests="$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$line")"
    for proc in "${!CPU_PID[@]}"; do
      CPU[$target,$c,$proc]="$(awk -v a="${T0[$proc]}" -v b="$(ticks "${CPU_PID[$proc]}")" -v r="$requests" -v hz="$HZ" \
        'BEGIN { printf "%.3f", (r > 0) ? (b - a) * 1000 / hz / r : 0 }')"
    done
    if [[ $target == gateway && $c == "$(awk '{print $NF}' <<<"$LEVELS")" ]]; then
      while read -r app pid; do LOAD[$app]="$(rss "$pid")"; done < <(pids)
    fi
  done
done

{
  echo "# Gateway hop benchmark ($STAMP)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "Scenario \`$SCENARIO\`: the same read in all three: \`GET $PATH_UNDER_TEST\`$([[ $SCENARIO == token ]] && echo ' with a bearer token (verified by the gateway and again by the service)' || echo ' anonymously (one published reply, one database read)')."
  echo "wrk 2 threads, ${DURATION}s per cell, after a ${WARMUP} s warm-up per target; nginx 1 worker with upstream keep-alive."
  echo "The load generator, nginx, the platform and its database share the same 2 cores."
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
  echo
  echo "CPU time per request of each process (ms, from /proc utime+stime over the same runs; load average before"
  echo "the runs: $LOADAVG). Throughput on two shared cores is roughly inverse to the sum of a row."
  echo
  echo "| concurrency | path | gateway | proposal-service | mysqld | nginx | sum |"
  echo "|---|---|---|---|---|---|---|"
  for c in $LEVELS; do
    for target in direct nginx gateway; do
      g="${CPU[$target,$c,gateway]}"; p="${CPU[$target,$c,proposal]}"; m="${CPU[$target,$c,mysqld]}"; n="${CPU[$target,$c,nginx]}"
      awk -v c="$c" -v t="$target" -v g="$g" -v p="$p" -v m="$m" -v n="$n" \
        'BEGIN { printf "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f |\n", c, t, g, p, m, n, g + p + m + n }'
    done
  done
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
} | tee "$OUT"
echo "Written to $OUT"
