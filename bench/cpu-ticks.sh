# Sourced by the bench scripts: CPU time of a process, or of some of its threads, from /proc (utime+stime in clock
# ticks, divide by $(getconf CLK_TCK) for seconds), their scheduling, and what the reads under test need.
#   proc_ticks <pid>                 the whole process (0 when it is gone)
#   thread_ticks <pid> <name regex>  its threads whose name (/proc/<pid>/task/*/stat, cut to 15 characters by Linux)
#                                    matches, e.g. '^reactor-http-' (Netty's event loops), '^C[12] CompilerThre' (the JIT)
#   thread_sched <pid> <name regex>  "run_ns wait_ns slices" summed over those threads (/proc/<pid>/task/*/schedstat:
#                                    time on a CPU, time runnable but waiting for one, times scheduled in)
#   login_token <login url> [user]   a demo account's access token (committee1 unless told)
#   first_reply_id <gateway url>     the id of the newest published reply (the gateway-hop read)
#   rss <pid>                        the process's resident memory in MiB (0 when it is gone)
#   start_floor <port> <upstream> <run dir>
#                                    builds bench/floor-gateway (Spring Cloud Gateway alone, the gateway benchmarks'
#                                    floor) and starts it with our gateway's JVM flags and heap on <port>, in front of
#                                    <upstream>; writes <run dir>/floor.pid and floor.log, returns once it answers
#   paced_lua <file>                 writes bench/report.lua plus a delay() of $WRK_DELAY_MS ms before each request
#                                    (wrk then paces each connection; a delay of 0 still changes wrk's loop, so the
#                                    closed-loop cells keep report.lua itself)
proc_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
thread_ticks() {
  local sum=0 t stat comm rest
  for t in /proc/"$1"/task/*; do
    stat="$(cat "$t/stat" 2>/dev/null)" || continue
    comm="${stat#*(}"
    comm="${comm%%)*}"
    [[ "$comm" =~ $2 ]] || continue
    # the fields after "pid (name) ": utime and stime are the 12th and 13th
    rest="${stat##*) }"
    sum=$((sum + $(awk '{print $12+$13}' <<<"$rest")))
  done
  echo "$sum"
}
thread_sched() {
  local run=0 wait=0 slices=0 t comm a b k
  for t in /proc/"$1"/task/*; do
    comm="$(cat "$t/comm" 2>/dev/null)" || continue
    [[ "$comm" =~ $2 ]] || continue
    read -r a b k 2>/dev/null <"$t/schedstat" || continue
    run=$((run + a)) wait=$((wait + b)) slices=$((slices + k))
  done
  echo "$run $wait $slices"
}
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
start_floor() {
  local port=$1 upstream=$2 dir=$3 root i
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  (cd "$root" && ./mvnw -q -B -f bench/floor-gateway/pom.xml package -DskipTests -Dspring-javaformat.skip=true)
  # shellcheck disable=SC2086
  FLOOR_PORT=$port FLOOR_UPSTREAM=$upstream nohup java -XX:+UseSerialGC -Xss512k -Xms32m -XX:MaxMetaspaceSize=160m \
    -XX:ReservedCodeCacheSize=96m -Xmx128m ${PLATFORM_JAVA_OPTS:-} -jar "$root/bench/floor-gateway/target/floor-gateway.jar" \
    >"$dir/floor.log" 2>&1 &
  echo $! >"$dir/floor.pid"
  # ready when it answers anything (what it proxies does not matter here)
  for ((i = 0; i < 120; i++)); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)" != 000 ]] && return 0
    sleep 1
  done
  echo "the floor did not answer on port $port within 120 s (log: $dir/floor.log)" >&2
  return 1
}
login_token() {
  curl -fsS -X POST "$1" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${2:-committee1}\",\"password\":\"Demo@2026\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}
first_reply_id() {
  curl -fsS "$1/api/v1/public/replies" | sed 's/.*"items":\[{"id":"\([^"]*\)".*/\1/'
}
paced_lua() {
  { cat "$(dirname "${BASH_SOURCE[0]}")/report.lua"
    echo 'local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")'
    echo 'delay = function() return pause end'; } >"$1"
}
