#!/usr/bin/env bash
# Two instances of every application on this machine, one shared database, then a scenario through both gateways
# and checks that nothing was done twice (deploy/README.md, "Several instances of every service").
#
#   deploy/multi-instance/run-two-instances.sh            start, run scenario.mjs, stop; exit 1 when a check fails
#   KEEP=1 deploy/multi-instance/run-two-instances.sh     leave everything running (stop: kill the PIDs in $RUN/pids)
#
# Embedded mode (static discovery, demo accounts): Nacos is not needed to show the multi-instance behaviour; the
# discovery list of every service names both instances, so each gateway and each Feign client spreads calls over
# them. Ports: first instances 28080-28084, second 28090-28094, MariaDB 23306 (TWO_PORT_BASE / TWO_DB_PORT).
# Uses the jars in <module>/target (build them first: ./mvnw -q -DskipTests package), copied so that a rebuild
# during the run does not disturb it. Needs java 17, node 20, curl and the mariadb client.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BASE="${TWO_PORT_BASE:-28080}"
SECOND=$((BASE + 10))
DB_PORT="${TWO_DB_PORT:-23306}"
RUN="${TWO_RUN_DIR:-$(mktemp -d /tmp/two-instances.XXXXXX)}"
VERSION="0.1.0-SNAPSHOT"
APPS=(department-service proposal-service statistics-service notification-service gateway)
DATABASES=(department_service proposal_service statistics_service notification_service)
mkdir -p "$RUN/jars" "$RUN/logs" "$RUN/pids" "$RUN/tmp"

offset() {
  case "$1" in
    gateway) echo 0 ;; department-service) echo 1 ;; proposal-service) echo 2 ;;
    statistics-service) echo 3 ;; notification-service) echo 4 ;;
  esac
}

stop_all() {
  for f in "$RUN"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for f in "$RUN"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    pid="$(cat "$f")"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$f"
  done
}
[[ "${KEEP:-0}" == 1 ]] || trap stop_all EXIT

for app in "${APPS[@]}" embedded-mariadb; do
  jar="$ROOT/$app/target/$app-$VERSION-exec.jar"
  [[ -f "$jar" ]] || { echo "missing $jar: build first (./mvnw -q -DskipTests package)" >&2; exit 1; }
  cp "$jar" "$RUN/jars/$app.jar"
done
for p in "$DB_PORT" $(seq "$BASE" $((BASE + 4))) $(seq "$SECOND" $((SECOND + 4))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use" >&2; exit 4; fi
done

echo "Run directory: $RUN"
nohup nice -n 10 java -Xmx64m -XX:+UseSerialGC -Djava.io.tmpdir="$RUN/tmp" -jar "$RUN/jars/embedded-mariadb.jar" \
  "$DB_PORT" "$RUN" "${DATABASES[@]}" >"$RUN/logs/embedded-mariadb.log" 2>&1 &
echo $! >"$RUN/pids/embedded-mariadb.pid"
for _ in $(seq 1 240); do grep -q "Embedded MariaDB ready" "$RUN/logs/embedded-mariadb.log" 2>/dev/null && break; sleep 0.5; done
grep -q "Embedded MariaDB ready" "$RUN/logs/embedded-mariadb.log" || { echo "MariaDB did not start" >&2; exit 1; }

# both instances of every service in every discovery list (the whole list must come from one property source)
discovery=()
for app in "${APPS[@]}"; do
  o="$(offset "$app")"
  discovery+=("-Dspring.cloud.discovery.client.simple.instances.$app[0].uri=http://127.0.0.1:$((BASE + o))")
  discovery+=("-Dspring.cloud.discovery.client.simple.instances.$app[1].uri=http://127.0.0.1:$((SECOND + o))")
done

start() {
  local app="$1" port="$2" name="$3" db="${1//-/_}"
  (
    export SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 PLATFORM_RUN_DIR="$RUN/$name"
    mkdir -p "$RUN/$name"
    if [[ "$app" != gateway ]]; then
      export DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/$db?useUnicode=true&characterEncoding=utf8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&sslMode=DISABLED&allowPublicKeyRetrieval=true"
      export DB_USERNAME=root DB_PASSWORD=
    fi
    exec nohup nice -n 10 java -XX:+UseSerialGC -Xss512k -Xms32m -Xmx192m -XX:TieredStopAtLevel=1 \
      -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=160m -Dplatform.run.dir="$RUN/$name" "${discovery[@]}" \
      -jar "$RUN/jars/$app.jar" >"$RUN/logs/$name.log" 2>&1
  ) &
  echo $! >"$RUN/pids/$name.pid"
}

wait_ready() {
  local name="$1" url="$2" deadline=$((SECONDS + ${TWO_READY_TIMEOUT:-600}))
  until curl -fs -o /dev/null --max-time 2 "$url"; do
    kill -0 "$(cat "$RUN/pids/$name.pid")" 2>/dev/null || { echo "$name exited:" >&2; tail -n 40 "$RUN/logs/$name.log" >&2; exit 1; }
    (( SECONDS < deadline )) || { echo "$name not ready (log $RUN/logs/$name.log)" >&2; exit 1; }
    sleep 2
  done
  echo "  $name ready"
}

# first instance of each service, then the second one (the second start meets existing tables, locks and rows)
started=$SECONDS
for app in "${APPS[@]}"; do start "$app" $((BASE + $(offset "$app"))) "$app-1"; done
for app in "${APPS[@]}"; do wait_ready "$app-1" "http://127.0.0.1:$((BASE + $(offset "$app")))/actuator/health/readiness"; done
for app in "${APPS[@]}"; do start "$app" $((SECOND + $(offset "$app"))) "$app-2"; done
for app in "${APPS[@]}"; do wait_ready "$app-2" "http://127.0.0.1:$((SECOND + $(offset "$app")))/actuator/health/readiness"; done
echo "10 instances ready in $((SECONDS - started)) s"

set +e
node "$ROOT/deploy/multi-instance/scenario.mjs" --base "$BASE" --second "$SECOND" --db-port "$DB_PORT" --logs "$RUN/logs"
status=$?
set -e
echo "logs: $RUN/logs"
exit "$status"
