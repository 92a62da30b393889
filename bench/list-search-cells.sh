#!/usr/bin/env bash
# The proposal list / search / detail cells of bench/reads-at-scale.sh (same URLs, same wrk settings: 2 threads,
# fixed connections, 2 s warm-up, COMMITTEE token), run against a platform that already holds the ten years
# (reads-at-scale.sh's steps 1 and 3: run.sh, bench/load-decade.sh, the relay done). For a before/after comparison
# on the same data: run it, replace proposal-service's jar and restart only that application, run it again.
#
#   bench/list-search-cells.sh [seconds per cell (5)] [connections (8)] [targets ("direct")]
#   PLATFORM_PORT_BASE / PLATFORM_DB_PORT as for the running platform. Prints one line per cell with the 1-minute
#   load average of the (shared) machine and the CPU time proposal-service and mysqld spent per request (the figure
#   that holds on a shared machine), and a markdown table.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-5}"
CONN="${2:-8}"
TARGETS="${3:-direct}"
BASE="${PLATFORM_PORT_BASE:-27080}"
DB_PORT="${PLATFORM_DB_PORT:-27306}"
GW="http://127.0.0.1:$BASE"
PS="http://127.0.0.1:$((BASE + 2))"
sql() { mariadb -h127.0.0.1 -P"$DB_PORT" -uroot -N -B proposal_service -e "$1"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
token() {
  curl -fsS -X POST "$GW/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"${DEMO_PASSWORD:-Demo@2026}\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="/?=&"))' "$1"; }
ID_LO="$(sql 'SELECT MIN(id) FROM proposal')"
ID_HI="$(sql 'SELECT MAX(id) FROM proposal')"
echo "data: $(sql 'SELECT COUNT(*) FROM proposal') proposals, $(sql 'SELECT COUNT(*) FROM outbox_event') events"

READS=(
  "actuator health (floor)|/actuator/health|"
  "list newest|/api/v1/proposals?page=1&size=20|"
  "list session+status+category|$(enc '/api/v1/proposals?session=12-3&status=CLOSED&category=社会建设&page=2&size=20')|"
  "list unit, not overdue|/api/v1/proposals?unitId=12&overdue=false&page=1&size=20|"
  "search q=养老|$(enc '/api/v1/proposals?q=养老&page=1&size=20')|"
  "search q=生态环境 保护|$(enc '/api/v1/proposals?q=生态环境 保护&page=1&size=20')|"
  "search q=建议 (matches nearly all)|$(enc '/api/v1/proposals?q=建议&page=1&size=20')|"
  "search q=建议 page 50|$(enc '/api/v1/proposals?q=建议&page=50&size=20')|"
  "search q=建议 as a unit's handler|$(enc '/api/v1/proposals?q=建议&page=1&size=20')|unit"
  "detail (random id)|/api/v1/proposals/|detail"
)
# CPU seconds (user + system) used so far by a process: the cost per request holds on a shared machine where
# latencies follow the load
cpu() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
PS_PID="$(ss -ltnp "sport = :$((BASE + 2))" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
DB_PID="$(ss -ltnp "sport = :$DB_PORT" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"
# a handler of a unit with proposals in the ten years (scope: its unit's proposals only)
HANDLER="${HANDLER:-handler-gxt}"

rows=()
for entry in "${READS[@]}"; do
  IFS='|' read -r name path mode <<<"$entry"
  for target in $TARGETS; do
    base="$PS"; [[ $target == gateway ]] && base="$GW"
    [[ $target == gateway && $path == /actuator/* ]] && continue
    if [[ $mode == unit ]]; then tok="$(token "$HANDLER")"; else tok="$(token committee1)"; fi
    envs=(X=1)
    url="$base$path"
    probe="$url"
    if [[ $mode == detail ]]; then envs=(ID_LO="$ID_LO" ID_HI="$ID_HI"); probe="$url$ID_HI"; fi
    first="$(curl -s -H "Authorization: Bearer $tok" "$probe")"
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$probe")"
    total="$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' <<<"$first")"
    env "${envs[@]}" wrk -t2 -c"$CONN" -d2s -s "$ROOT/bench/scale.lua" -H "Authorization: Bearer $tok" "$url" >/dev/null
    l="$(load1)"
    c0="$(cpu "$PS_PID")"; d0="$(cpu "$DB_PID")"
    line="$(env "${envs[@]}" wrk -t2 -c"$CONN" -d"${DURATION}s" -s "$ROOT/bench/scale.lua" -H "Authorization: Bearer $tok" \
      "$url" | grep '^RESULT')"
    c1="$(cpu "$PS_PID")"; d1="$(cpu "$DB_PID")"
    reqs="$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")"
    cpu_ps="$(awk -v a="$c0" -v b="$c1" -v n="$reqs" 'BEGIN { if (n > 0) printf "%.2f", (b - a) * 1000 / n; else print "–" }')"
    cpu_db="$(awk -v a="$d0" -v b="$d1" -v n="$reqs" 'BEGIN { if (n > 0) printf "%.2f", (b - a) * 1000 / n; else print "–" }')"
    echo "[$(date -u +%H:%M:%S)] cpu ms/request proposal-service=$cpu_ps mysqld=$cpu_db"
    echo "[$(date -u +%H:%M:%S)] $target $name: $line load=$l first=$code total=${total:-–}"
    p50="$(sed -n 's/.* p50=\([0-9]*\).*/\1/p' <<<"$line")"
    p99="$(sed -n 's/.* p99=\([0-9]*\).*/\1/p' <<<"$line")"
    rps="$(sed -n 's/.*rps=\([0-9.]*\).*/\1/p' <<<"$line")"
    non="$(sed -n 's/.*non2xx=\([0-9]*\).*/\1/p' <<<"$line")"
    rows+=("| $name | $target | $(awk -v a="$p50" 'BEGIN {printf "%.1f", a / 1000}') / **$(awk -v a="$p99" 'BEGIN {printf "%.1f", a / 1000}')** | $rps | $cpu_ps / $cpu_db | $non | ${total:-–} | $l |")
  done
done
echo
echo "| read | target | p50 / p99 (ms) | rps | CPU ms/request service / mysqld | non-2xx | total | load avg |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
