#!/usr/bin/env bash
# Deployment check against a REAL Nacos 3.0 server (standalone, embedded Derby, auth on), no Docker:
#   1. start the Nacos server from an official nacos-server-3.0.x distribution (token secret and server identity
#      random, from this script's environment; console on NACOS_CONSOLE_PORT, not 8080);
#   2. publish deploy/nacos/*.yaml with deploy/nacos/publish.sh (admin initialised, namespace + the services' own
#      read-write user created);
#   3. start the five applications with SPRING_PROFILES_ACTIVE=nacos through deploy/local/run.sh (embedded
#      MariaDB, fresh databases), secrets from the environment, the first administrator from ADMIN_INITIAL_PASSWORD;
#   4. check in Nacos (admin API) that every application registered, healthy, on its port;
#   5. check that the gateway takes its routes from Nacos and refreshes them without a restart: a route that
#      exists only in a changed gateway.yaml appears after publishing it and goes again after publishing the
#      original file;
#   6. run the full life of a proposal through the gateway (lifecycle.mjs: accounts created by the administrator,
#      submit -> file -> assign -> reply -> feedback -> publish);
#   7. stop everything it started and print PASS or FAIL.
#
#   deploy/nacos-local/check.sh                    as above (SKIP, exit 0, when no Nacos distribution can be had)
#   deploy/nacos-local/check.sh --without-nacos    what can be shown without Nacos: deployment mode
#                                                  (PLATFORM_DEPLOYMENT=true), static discovery, the deploy/nacos
#                                                  files imported from disk (with the extra gateway route, which
#                                                  must be served, then removed and restored by a context refresh
#                                                  over JMX without a restart), the demo login refused, step 6
#
# Where the Nacos server comes from (first that applies):
#   NACOS_HOME=/path/nacos            an unpacked official distribution (bin/ conf/ target/nacos-server.jar)
#   NACOS_DIST=/path/nacos-server-3.0.3.tar.gz (or .zip)   unpacked into the run directory
#   otherwise one download attempt of nacos-server-$NACOS_VERSION.tar.gz from the Nacos GitHub release.
#   The Nacos server is not published to Maven Central (only the client and plugin APIs are), so there is no
#   Maven way to get it.
# Settings: CHECK_PORT_BASE (21080; gateway, +1..+4 the services), CHECK_DB_PORT (21306), CHECK_RUN_DIR
# (/tmp/nacos-check), NACOS_PORT (8848; gRPC uses +1000 and +1001, Raft -1000), NACOS_CONSOLE_PORT (21848),
# NACOS_VERSION (3.0.3), NACOS_REQUIRED=1 (exit 1 instead of SKIP when no server can be had), KEEP=1 (leave
# everything running). Needs java 17, node 20, curl.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODE=nacos
[[ "${1:-}" == --without-nacos ]] && MODE=static
PORT_BASE="${CHECK_PORT_BASE:-21080}"
DB_PORT="${CHECK_DB_PORT:-21306}"
RUN="${CHECK_RUN_DIR:-/tmp/nacos-check}"
NACOS_PORT="${NACOS_PORT:-8848}"
NACOS_CONSOLE_PORT="${NACOS_CONSOLE_PORT:-21848}"
NACOS_VERSION="${NACOS_VERSION:-3.0.3}"
NAMESPACE=cppcc-check
GROUP=CPPCC_PLATFORM
APPS=(gateway department-service proposal-service statistics-service notification-service)
GW="http://127.0.0.1:$PORT_BASE"
started=$SECONDS
failures=0

log() { echo "[check $((SECONDS - started))s] $*"; }
ok() { echo "  ok   $*"; }
bad() { echo "  FAIL $*"; failures=$((failures + 1)); }
rand() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20; }

# secrets of this run: random, never the published demo defaults
export DEMO_PASSWORD="Dp-$(rand)-1a"
export SERVICE_CLIENT_SECRET="Sc-$(rand)-1a"
export ADMIN_INITIAL_PASSWORD="Ad-$(rand)-1a"
NACOS_ADMIN_PASSWORD="Na-$(rand)"
NACOS_APP_PASSWORD="Np-$(rand)"
NACOS_TOKEN_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
NACOS_IDENTITY_VALUE="$(rand)"

rm -rf "$RUN"
mkdir -p "$RUN"
PLATFORM_RUN="$RUN/platform"
NACOS_PID=""

# deploy/local/run.sh and the jars are copied into the run directory first, so that a rebuild in the working tree
# during the check does not pull a jar from under a starting application (run.sh finds the jars next to itself)
TREE="$RUN/tree"
snapshot() {
  mkdir -p "$TREE/deploy/local"
  cp "$ROOT/deploy/local/run.sh" "$TREE/deploy/local/run.sh"
  local m jar
  for m in embedded-mariadb "${APPS[@]}"; do
    jar="$m/target/$m-0.1.0-SNAPSHOT-exec.jar"
    [[ -f "$ROOT/$jar" ]] || { echo "FAIL: $ROOT/$jar missing: build first (./mvnw -q -B -DskipTests package)"; exit 1; }
    mkdir -p "$TREE/$m/target"
    for _ in $(seq 1 30); do
      cp "$ROOT/$jar" "$TREE/$jar" && unzip -l "$TREE/$jar" >/dev/null 2>&1 && continue 2
      sleep 10 # being rebuilt right now
    done
    echo "FAIL: $ROOT/$jar is not a complete jar"
    exit 1
  done
}
run_platform() {
  PLATFORM_PORT_BASE="$PORT_BASE" PLATFORM_DB_PORT="$DB_PORT" PLATFORM_RUN_DIR="$PLATFORM_RUN" \
    PLATFORM_READY_TIMEOUT="${PLATFORM_READY_TIMEOUT:-600}" "$TREE/deploy/local/run.sh" "$@"
}

cleanup() {
  [[ "${KEEP:-0}" == 1 ]] && { log "KEEP=1: left running (platform: $PLATFORM_RUN, Nacos pid ${NACOS_PID:-none})"; return; }
  [[ -x "$TREE/deploy/local/run.sh" ]] && run_platform stop >/dev/null 2>&1 || true
  if [[ -n "$NACOS_PID" ]] && kill -0 "$NACOS_PID" 2>/dev/null; then
    kill -TERM "$NACOS_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$NACOS_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$NACOS_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# deploy/nacos with one more gateway route, /api/v1/public/nacos-check -> department-service's JWKS (anonymous
# path; no route serves it otherwise): seen served only when the gateway takes its routes from these files
changed_copy() {
  local dir="$1"
  mkdir -p "$dir"
  cp "$ROOT"/deploy/nacos/*.yaml "$dir/"
  awk '{ print } /^          routes:$/ && !done { print "            - id: nacos-check"; print "              uri: lb://department-service"; print "              predicates:"; print "                - Path=/api/v1/public/nacos-check"; print "              filters:"; print "                - SetPath=/oauth2/jwks"; done = 1 }' \
    "$ROOT/deploy/nacos/gateway.yaml" >"$dir/gateway.yaml"
  grep -q 'id: nacos-check' "$dir/gateway.yaml" || { echo "FAIL: could not add the test route to gateway.yaml"; exit 1; }
}
# an anonymous path (the gateway lets /api/v1/public/** through without a token) that no route serves
probe() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$GW/api/v1/public/nacos-check"; }
wait_probe() { # expected-code seconds: prints the last code when it never came
  local end=$((SECONDS + $2)) code
  while true; do
    code="$(probe)"
    [[ "$code" == "$1" ]] && return 0
    (( SECONDS < end )) || { echo "$code"; return 1; }
    sleep 1
  done
}

skip() {
  echo "SKIP: $*"
  if [[ "${NACOS_REQUIRED:-0}" == 1 ]]; then exit 1; fi
  exit 0
}

# ---------------------------------------------------------------------------------------------------------------
# 1. the Nacos server
# ---------------------------------------------------------------------------------------------------------------
nacos_home() {
  if [[ -n "${NACOS_HOME:-}" ]]; then
    echo "$NACOS_HOME"
    return
  fi
  local dist="${NACOS_DIST:-}"
  if [[ -z "$dist" ]]; then
    dist="$RUN/nacos-server-$NACOS_VERSION.tar.gz"
    local url="https://github.com/alibaba/nacos/releases/download/$NACOS_VERSION/nacos-server-$NACOS_VERSION.tar.gz"
    log "no NACOS_HOME / NACOS_DIST: one download attempt of $url" >&2
    curl -fsSL --connect-timeout 10 --max-time 300 -o "$dist" "$url" >&2 || return 1
  fi
  mkdir -p "$RUN/dist"
  case "$dist" in
    *.zip) (cd "$RUN/dist" && unzip -q "$dist") ;;
    *) tar -xzf "$dist" -C "$RUN/dist" ;;
  esac
  echo "$RUN/dist/nacos"
}

nacos_get() { # PATH [curl args]: GET on the Nacos admin API with the admin token
  local path="$1"
  shift
  curl -sS -G --max-time 10 -H "accessToken: $NACOS_TOKEN" "http://127.0.0.1:$NACOS_PORT/nacos$path" \
    --data-urlencode "accessToken=$NACOS_TOKEN" "$@"
}

if [[ "$MODE" == nacos ]]; then
  home="$(nacos_home)" || skip "no Nacos $NACOS_VERSION server distribution (set NACOS_HOME or NACOS_DIST; the download failed)"
  jar="$home/target/nacos-server.jar"
  [[ -f "$jar" ]] || skip "$jar not found: NACOS_HOME must be an unpacked nacos-server-3.0.x distribution"
  for p in "$NACOS_PORT" $((NACOS_PORT + 1000)) $((NACOS_PORT + 1001)) $((NACOS_PORT - 1000)) "$NACOS_CONSOLE_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "FAIL: port $p (Nacos) is in use" >&2; exit 4; fi
  done
  # a fresh Nacos home for this run: the distribution's conf/, data (Derby) and logs under the run directory
  mkdir -p "$RUN/nacos-home/logs"
  cp -r "$home/conf" "$RUN/nacos-home/"
  log "starting Nacos ($jar) standalone, auth on, console on 127.0.0.1:$NACOS_CONSOLE_PORT"
  # the same command as the distribution's bin/startup.sh -m standalone, smaller heap, settings as arguments
  nohup java -Xms256m -Xmx512m -XX:+UseSerialGC -Dnacos.standalone=true -Dnacos.member.list= \
    -Dloader.path="$home/plugins,$home/plugins/health,$home/plugins/cmdb" -Dnacos.home="$RUN/nacos-home" \
    -jar "$jar" --spring.config.additional-location="file:$RUN/nacos-home/conf/" \
    --logging.config="$RUN/nacos-home/conf/nacos-logback.xml" --server.max-http-request-header-size=524288 \
    --nacos.server.main.port="$NACOS_PORT" --nacos.console.port="$NACOS_CONSOLE_PORT" \
    --nacos.core.auth.enabled=true --nacos.core.auth.admin.enabled=true --nacos.core.auth.console.enabled=true \
    --nacos.core.auth.system.type=nacos \
    --nacos.core.auth.plugin.nacos.token.secret.key="$NACOS_TOKEN_SECRET" \
    --nacos.core.auth.server.identity.key=cppcc-check-identity \
    --nacos.core.auth.server.identity.value="$NACOS_IDENTITY_VALUE" \
    >"$RUN/nacos.out" 2>&1 &
  NACOS_PID=$!
  echo "$NACOS_PID" >"$RUN/nacos.pid"

  # 2. publish deploy/nacos (publish.sh waits for readiness, initialises the admin, creates namespace and user)
  log "publishing deploy/nacos/*.yaml to namespace $NAMESPACE, group $GROUP"
  if ! NACOS_PASSWORD="$NACOS_ADMIN_PASSWORD" NACOS_INIT_ADMIN=true NACOS_WAIT_SECONDS=180 \
    NACOS_APP_USERNAME=platform NACOS_APP_PASSWORD="$NACOS_APP_PASSWORD" \
    sh "$ROOT/deploy/nacos/publish.sh" "127.0.0.1:$NACOS_PORT" "$NAMESPACE" "$GROUP"; then
    tail -n 60 "$RUN/nacos.out" >&2 || true
    echo "FAIL: publishing to Nacos failed"
    exit 1
  fi
  NACOS_TOKEN="$(curl -sS --max-time 10 -X POST "http://127.0.0.1:$NACOS_PORT/nacos/v3/auth/user/login" \
    --data-urlencode username=nacos --data-urlencode "password=$NACOS_ADMIN_PASSWORD" \
    | sed -n 's/.*"accessToken"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
  [[ -n "$NACOS_TOKEN" ]] || { echo "FAIL: cannot log in to Nacos as nacos"; exit 1; }
  for f in "$ROOT"/deploy/nacos/*.yaml; do
    id="$(basename "$f")"
    body="$(nacos_get /v3/admin/cs/config --data-urlencode "dataId=$id" --data-urlencode "groupName=$GROUP" \
      --data-urlencode "namespaceId=$NAMESPACE")"
    if [[ "$body" == *'"code":0'* ]]; then ok "Nacos holds $id"; else bad "Nacos does not hold $id: ${body:0:200}"; fi
  done

  export SPRING_PROFILES_ACTIVE=nacos NACOS_ADDR="127.0.0.1:$NACOS_PORT" NACOS_NAMESPACE="$NAMESPACE" \
    NACOS_GROUP="$GROUP" NACOS_USERNAME=platform NACOS_PASSWORD="$NACOS_APP_PASSWORD"
  # the applications bind 127.0.0.1 (run.sh): register that address, not the first network interface's
  export SPRING_CLOUD_NACOS_DISCOVERY_IP=127.0.0.1
else
  # deployment mode without Nacos: the same data ids, read from files instead of Nacos (a profile-specific file in
  # an additional location imports them after application.yml, where spring.application.name is known), with the
  # extra gateway route; static discovery
  files="$RUN/nacos-files"
  changed_copy "$files"
  mkdir -p "$files/location"
  printf 'spring:\n  config:\n    import:\n      - file:%s/platform-shared.yaml\n      - file:%s/${spring.application.name}.yaml\n' \
    "$files" "$files" >"$files/location/application-nacosfiles.yaml"
  export PLATFORM_DEPLOYMENT=true SPRING_PROFILES_ACTIVE=nacosfiles SPRING_CONFIG_ADDITIONAL_LOCATION="optional:file:$files/location/"
  # the refresh endpoint over local JMX only (ContextRefresh.java), for the route refresh check
  export SPRING_JMX_ENABLED=true MANAGEMENT_ENDPOINTS_JMX_EXPOSURE_INCLUDE=refresh
fi

# ---------------------------------------------------------------------------------------------------------------
# 3. the five applications (deployment mode: no demo data, secrets required)
# ---------------------------------------------------------------------------------------------------------------
snapshot
log "starting the five applications ($([[ $MODE == nacos ]] && echo "profile nacos" || echo "PLATFORM_DEPLOYMENT=true, deploy/nacos files, static discovery"))"
if ! run_platform --detach >"$RUN/platform.out" 2>&1; then
  cat "$RUN/platform.out"
  echo "FAIL: the platform did not start"
  exit 1
fi
grep -q 'ready in' "$RUN/platform.out" && log "$(grep 'ready in' "$RUN/platform.out" | sed 's/^ *//')"
demo="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$GW/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"username":"member1","password":"Demo@2026"}')"
if [[ "$demo" == 401 ]]; then ok "no demo account (member1 / Demo@2026 refused: 401)"; else bad "the demo login answered $demo, expected 401"; fi

if [[ "$MODE" == static ]]; then
  code="$(probe)"
  [[ "$code" == 200 ]] && ok "the gateway serves the route that only the deploy/nacos copy has (200)" \
    || bad "/api/v1/public/nacos-check answered $code: the gateway did not take its routes from the deploy/nacos files"
  # the refresh Spring Cloud Alibaba runs when Nacos pushes a change (ContextRefresher.refresh()), here over JMX
  gw_pid="$(cat "$PLATFORM_RUN/pids/gateway.pid")"
  cp "$ROOT/deploy/nacos/gateway.yaml" "$files/gateway.yaml"
  java "$ROOT/deploy/nacos-local/ContextRefresh.java" "$gw_pid" >"$RUN/refresh-1.out" 2>&1 || cat "$RUN/refresh-1.out"
  if got="$(wait_probe 404 30)"; then ok "the original gateway.yaml + a context refresh: the route is gone (404), no restart"; else bad "after the refresh the route still answers $got"; fi
  changed_copy "$files"
  java "$ROOT/deploy/nacos-local/ContextRefresh.java" "$gw_pid" >"$RUN/refresh-2.out" 2>&1 || cat "$RUN/refresh-2.out"
  if got="$(wait_probe 200 30)"; then ok "the changed gateway.yaml + a context refresh: the route is back (200), no restart"; else bad "after the refresh the route answers $got"; fi
  [[ "$(cat "$PLATFORM_RUN/pids/gateway.pid")" == "$gw_pid" ]] && kill -0 "$gw_pid" 2>/dev/null \
    && ok "the same gateway process throughout (pid $gw_pid)" || bad "the gateway process changed"
fi

if [[ "$MODE" == nacos ]]; then
  # 4. registrations
  log "registrations in Nacos (GET /nacos/v3/admin/ns/instance/list)"
  for app in "${APPS[@]}"; do
    case "$app" in
      gateway) port=$PORT_BASE ;; department-service) port=$((PORT_BASE + 1)) ;; proposal-service) port=$((PORT_BASE + 2)) ;;
      statistics-service) port=$((PORT_BASE + 3)) ;; notification-service) port=$((PORT_BASE + 4)) ;;
    esac
    body="$(nacos_get /v3/admin/ns/instance/list --data-urlencode "namespaceId=$NAMESPACE" \
      --data-urlencode "groupName=$GROUP" --data-urlencode "serviceName=$app" --data-urlencode healthyOnly=true)"
    if [[ "$body" == *'"code":0'* && "$body" == *"\"port\":$port"* && "$body" == *'"ip":"127.0.0.1"'* ]]; then
      ok "$app registered healthy at 127.0.0.1:$port"
    else
      bad "$app not registered healthy at 127.0.0.1:$port: ${body:0:300}"
    fi
  done

  # 5. routes from Nacos, refreshed without a restart
  log "gateway routes: publish a gateway.yaml with one more route, then the original again"
  before="$(probe)"
  [[ "$before" == 404 ]] && ok "/api/v1/public/nacos-check is not routed yet (404)" || bad "/api/v1/public/nacos-check answered $before before the change"
  changed="$RUN/nacos-changed"
  changed_copy "$changed"
  gw_pid="$(cat "$PLATFORM_RUN/pids/gateway.pid")"
  NACOS_PASSWORD="$NACOS_ADMIN_PASSWORD" NACOS_CONFIG_DIR="$changed" sh "$ROOT/deploy/nacos/publish.sh" \
    "127.0.0.1:$NACOS_PORT" "$NAMESPACE" "$GROUP" 2>&1 | tail -n 1
  if got="$(wait_probe 200 60)"; then ok "the new route serves /api/v1/public/nacos-check (department-service's JWKS, 200) without a restart"; else bad "the new route did not appear in 60 s (last $got)"; fi
  NACOS_PASSWORD="$NACOS_ADMIN_PASSWORD" sh "$ROOT/deploy/nacos/publish.sh" "127.0.0.1:$NACOS_PORT" "$NAMESPACE" "$GROUP" 2>&1 | tail -n 1
  if got="$(wait_probe 404 60)"; then ok "the original gateway.yaml removes it again (404)"; else bad "the route did not go in 60 s (last $got)"; fi
  [[ "$(cat "$PLATFORM_RUN/pids/gateway.pid")" == "$gw_pid" ]] && kill -0 "$gw_pid" 2>/dev/null \
    && ok "the gateway was not restarted (pid $gw_pid)" || bad "the gateway process changed"
fi

# ---------------------------------------------------------------------------------------------------------------
# 6. the full life of a proposal through the gateway
# ---------------------------------------------------------------------------------------------------------------
log "the full life of a proposal through $GW"
if ! node "$ROOT/deploy/nacos-local/lifecycle.mjs" --gateway "$GW"; then
  failures=$((failures + 1))
fi

log "done in $((SECONDS - started)) s"
if [[ $failures == 0 ]]; then
  echo "PASS ($MODE)"
else
  echo "FAIL ($MODE): $failures failed step(s); logs in $PLATFORM_RUN/logs $([[ $MODE == nacos ]] && echo "and $RUN/nacos-home/logs")"
  exit 1
fi
