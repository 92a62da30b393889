#!/usr/bin/env bash
# Benchmark: the write path. Proposals created (fresh Idempotency-Key) and walked through submit, review FILE and
# assignment (bench/writes.lua) — every step one durable transaction with its history row and outbox event — at
# several concurrency levels, directly on proposal-service:
#   (1) on the embedded MariaDB of the run command, (2) on this machine's MariaDB on 3306 (a fresh database),
# each beside a baseline from the same run: a read of one proposal (GET /api/v1/proposals/{id}) on the same database.
# Writes bench/results/write-path-<time>.md and prints it.
#
#   bench/write-path.sh [seconds per cell (15)] [concurrency levels ("1 4 16")]
#   PLATFORM_PORT_BASE / PLATFORM_DB_PORT / PLATFORM_RUN_DIR move it (defaults 26080 / 26306 / run-bench-write);
#   EXTERNAL_DB=host:port (127.0.0.1:3306; "none" skips it), EXTERNAL_DB_USER (root), EXTERNAL_DB_PASSWORD ("").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-15}"
LEVELS="${2:-1 4 16}"
BASE="${PLATFORM_PORT_BASE:-26080}"
DB_PORT="${PLATFORM_DB_PORT:-26306}"
RUN_DIR="${PLATFORM_RUN_DIR:-$ROOT/run-bench-write}"
EXTERNAL="${EXTERNAL_DB:-127.0.0.1:3306}"
EXT_DB="bench_write_$BASE"
OUT_DIR="$ROOT/bench/results"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$OUT_DIR/write-path-$STAMP.md"
RAW="$OUT_DIR/write-path-$STAMP.raw"
mkdir -p "$OUT_DIR"
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
export PLATFORM_PORT_BASE=$BASE PLATFORM_DB_PORT=$DB_PORT PLATFORM_RUN_DIR="$RUN_DIR"
export PLATFORM_JIT="${PLATFORM_JIT:-full}" PLATFORM_READY_TIMEOUT="${PLATFORM_READY_TIMEOUT:-900}"
# a database handshake can take longer than Hikari's 30 s on a loaded shared machine (seen: start-up failures)
export PLATFORM_JAVA_OPTS="${PLATFORM_JAVA_OPTS:--Dspring.datasource.hikari.connection-timeout=120000}"
. "$ROOT/bench/snapshot.sh"
mkdir -p "$RUN_DIR"
snapshot_tree "$ROOT" "$RUN_DIR"
RUN="$RUN_DIR/tree/deploy/local/run.sh"
GW="http://127.0.0.1:$BASE"
PS="http://127.0.0.1:$((BASE + 2))"
load1() { cut -d' ' -f1 /proc/loadavg; }
log() { echo "[$(date -u +%H:%M:%S) load $(load1)] $*" | tee -a "$RAW"; }
ext() { mariadb -h"${EXTERNAL%:*}" -P"${EXTERNAL#*:}" -u"${EXTERNAL_DB_USER:-root}" ${EXTERNAL_DB_PASSWORD:+-p"$EXTERNAL_DB_PASSWORD"} -N -B "$@"; }

start_app() {
  local attempt
  for attempt in 1 2 3; do
    "$RUN" start-app "$1" >/dev/null && return 0
    "$RUN" kill-app "$1" >/dev/null 2>&1 || true
    log "$1 did not start (attempt $attempt)"
  done
  return 1
}
cleanup() {
  "$RUN" stop >/dev/null 2>&1 || true
  [[ "$EXTERNAL" != none ]] && ext -e "DROP DATABASE IF EXISTS $EXT_DB" 2>/dev/null || true
}
trap cleanup EXIT
"$RUN" stop >/dev/null 2>&1 || true
rm -rf "$RUN_DIR/data"
log "starting the platform ($RUN_DIR, ports $BASE-$((BASE + 4)), database $DB_PORT)"
# on a loaded shared machine a start-up can time out (a database handshake, readiness): two more tries
for attempt in 1 2 3; do
  "$RUN" --detach >"$RUN_DIR.start.out" 2>&1 && break
  tail -n 5 "$RUN_DIR.start.out"
  [[ $attempt == 3 ]] && exit 1
  "$RUN" stop >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR/data"
  log "start-up failed (attempt $attempt); again"
done

token() {
  curl -fsS -X POST "$GW/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"${DEMO_PASSWORD:-Demo@2026}\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}
declare -A R
run_cells() {
  local target="$1" durability="$2" c line l
  R[$target,durability]="$durability"
  # warm-up (JIT, pools)
  MEMBER_TOKEN="$(token member1)" COMMITTEE_TOKEN="$(token committee1)" \
    wrk -t1 -c2 -d5s -s "$ROOT/bench/writes.lua" "$PS" >/dev/null
  for c in $LEVELS; do
    l="$(load1)"
    line="$(MEMBER_TOKEN="$(token member1)" COMMITTEE_TOKEN="$(token committee1)" \
      wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"${DURATION}s" -s "$ROOT/bench/writes.lua" "$PS" | grep '^RESULT')"
    R[$target,$c]="$line load=$l"
    log "$target writes c=$c: $line load=$l"
  done
  # baseline: a read of one proposal on the same database, at the middle level
  local mid; mid="$(awk '{print $(int((NF + 1) / 2))}' <<<"$LEVELS")"
  local tok id; tok="$(token committee1)"
  id="$(curl -fsS "$PS/api/v1/proposals?status=ASSIGNED&size=1" -H "Authorization: Bearer $tok" | sed -n 's/.*"items":\[{"id":"\([0-9]*\)".*/\1/p')"
  l="$(load1)"
  line="$(wrk -t2 -c"$mid" -d"${DURATION}s" -s "$ROOT/bench/report.lua" -H "Authorization: Bearer $tok" "$PS/api/v1/proposals/$id" | grep '^RESULT')"
  R[$target,read]="$line load=$l c=$mid"
  log "$target read c=$mid: $line load=$l"
}

EMB_DUR="$(mariadb -h127.0.0.1 -P"$DB_PORT" -uroot -N -B -e 'SELECT CONCAT(VERSION(), ", innodb_flush_log_at_trx_commit=", @@innodb_flush_log_at_trx_commit, ", sync_binlog=", @@sync_binlog, ", log_bin=", @@log_bin)')"
run_cells embedded "$EMB_DUR"

if [[ "$EXTERNAL" != none ]]; then
  ext -e "DROP DATABASE IF EXISTS $EXT_DB; CREATE DATABASE $EXT_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  EXT_DUR="$(ext -e 'SELECT CONCAT(VERSION(), ", innodb_flush_log_at_trx_commit=", @@innodb_flush_log_at_trx_commit, ", sync_binlog=", @@sync_binlog, ", log_bin=", @@log_bin)')"
  OPTS="useUnicode=true&characterEncoding=utf8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
  "$RUN" kill-app proposal-service >/dev/null
  PLATFORM_JAVA_OPTS="$PLATFORM_JAVA_OPTS -Dspring.datasource.url=jdbc:mysql://$EXTERNAL/$EXT_DB?$OPTS -Dspring.datasource.username=${EXTERNAL_DB_USER:-root} -Dspring.datasource.password=${EXTERNAL_DB_PASSWORD:-}" \
    start_app proposal-service
  log "proposal-service now on $EXTERNAL/$EXT_DB"
  run_cells external "$EXT_DUR"
fi

f() { sed -n "s/.*[ ]$2=\([0-9.]*\).*/\1/p" <<<" ${R[$1]:-}"; }
ms() { awk -v v="$1" 'BEGIN { if (v == "") print "–"; else printf "%.1f", v / 1000 }'; }
{
  echo "# Write path ($STAMP)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1); shared: the 1-minute load average is beside every figure."
  echo "bench/writes.lua directly on proposal-service: create (Idempotency-Key) → submit → review FILE → assignment, every step one transaction with history and outbox; ${DURATION} s per cell after a 5 s warm-up; the whole platform running (relay, statistics and notification consumers)."
  echo
  for target in embedded external; do
    [[ -n "${R[$target,durability]:-}" ]] || continue
    echo "## $target MariaDB: ${R[$target,durability]}"
    echo
    echo "| concurrency | writes/s | created / submitted / filed / assigned per s | p50 (ms) | p99 (ms) | non-2xx | load avg |"
    echo "|---|---|---|---|---|---|---|"
    for c in $LEVELS; do
      k="$target,$c"
      echo "| $c | **$(f "$k" rps)** | $(awk -v d="$DURATION" -v a="$(f "$k" created)" -v b="$(f "$k" submitted)" -v c="$(f "$k" filed)" -v e="$(f "$k" assigned)" 'BEGIN {printf "%.1f / %.1f / %.1f / %.1f", a/d, b/d, c/d, e/d}') | $(ms "$(f "$k" p50)") | **$(ms "$(f "$k" p99)")** | $(f "$k" non2xx) | $(f "$k" load) |"
    done
    k="$target,read"
    echo "| baseline: read one proposal, c=$(f "$k" c) | $(f "$k" rps) reads/s | | $(ms "$(f "$k" p50)") | $(ms "$(f "$k" p99)") | $(f "$k" non2xx) | $(f "$k" load) |"
    echo
  done
  echo "Raw log: \`$(basename "$RAW")\`."
} | tee "$OUT"
echo "Written to $OUT"
