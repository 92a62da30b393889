# Sourced by the bench scripts: CPU time of a process, or of some of its threads, from /proc (utime+stime in clock
# ticks, divide by $(getconf CLK_TCK) for seconds), and a bearer token for a demo account.
#   proc_ticks <pid>                 the whole process (0 when it is gone)
#   thread_ticks <pid> <name regex>  its threads whose name (/proc/<pid>/task/*/stat, cut to 15 characters by Linux)
#                                    matches, e.g. '^reactor-http-' (Netty's event loops), '^C[12] CompilerThre' (the JIT)
#   login_token <login url> [user]   a demo account's access token (committee1 unless told)
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
login_token() {
  curl -fsS -X POST "$1" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${2:-committee1}\",\"password\":\"Demo@2026\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}
