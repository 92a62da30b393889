#!/usr/bin/env bash
# Runs one fault drill of issue 10 against a fresh platform (deploy/local/run.sh, started and stopped by the drill)
# and prints its verdict line: DRILL <name> PASS|FAIL date=... duration=... <figures>.
#
#   bench/drills/run-drill.sh KillDrill [app]      # app: proposal-service (default) or any of the five
#   bench/drills/run-drill.sh SlowDepartmentDrill
#   bench/drills/run-drill.sh DatabaseDrill
#   bench/drills/run-drill.sh BadInputDrill
#   bench/drills/run-drill.sh BadInputDrill,DatabaseDrill,SlowDepartmentDrill   # several on one platform start
#
# Settings: DRILL_PORT_BASE (28080; the five applications take it .. +4), DRILL_DB_PORT (28306), DRILL_ARGS (extra
# -D options, e.g. "-Ddrill.kills=5 -Ddrill.seed=42"). The jars are built first if missing. Exit status 0 = PASS.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DRILL="${1:?usage: $0 KillDrill|SlowDepartmentDrill|DatabaseDrill|BadInputDrill [app]}"
APP="${2:-proposal-service}"
cd "$ROOT"
# the drills run in the e2e-tests module alone (-pl e2e-tests), which resolves the applications' artifacts from the
# local Maven repository: on a fresh clone they are built and installed there first (once per version)
missing=0
for m in embedded-mariadb gateway department-service proposal-service statistics-service notification-service; do
  [[ -f "$m/target/$m-0.1.0-SNAPSHOT-exec.jar" ]] || missing=1
  [[ -f "$HOME/.m2/repository/cn/gov/cppcc/proposals/$m/0.1.0-SNAPSHOT/$m-0.1.0-SNAPSHOT.jar" ]] || missing=1
done
if [[ $missing == 1 ]]; then
  echo "Building the jars and installing them in the local Maven repository: ./mvnw -q -B -DskipTests install -pl '!e2e-tests'"
  ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true install -pl '!e2e-tests'
fi
# run a snapshot of the jars: a rebuild in the working tree during a drill (minutes) must not change what runs
# (DRILL_REUSE_JARS=1 runs the previous snapshot again, e.g. to compare before/after a fix)
JARS="$ROOT/e2e-tests/target/drill-jars"
mkdir -p "$JARS"
if [[ "${DRILL_REUSE_JARS:-0}" != 1 ]]; then
  for m in embedded-mariadb gateway department-service proposal-service statistics-service notification-service; do
    cp "$m/target/$m-0.1.0-SNAPSHOT-exec.jar" "$JARS/$m.jar.tmp"
    unzip -l "$JARS/$m.jar.tmp" >/dev/null || { echo "$m's jar is incomplete (a build is running?); try again" >&2; exit 2; }
    mv "$JARS/$m.jar.tmp" "$JARS/$m.jar"
  done
fi
export PLATFORM_JAR_DIR="$JARS"
# this run's verdicts (also appended to e2e-tests/target/drill-results.txt, the history of runs)
RESULTS="$ROOT/e2e-tests/target/drill-results-$$.txt"
rm -f "$RESULTS"
status=0
# shellcheck disable=SC2086
./mvnw -B -q -pl e2e-tests -Pdrills verify -Dspring-javaformat.skip=true -Dit.test="$DRILL" \
  -Dplatform.e2e.port-base="${DRILL_PORT_BASE:-28080}" -Dplatform.e2e.db-port="${DRILL_DB_PORT:-28306}" \
  -Dplatform.e2e.run-dir="$ROOT/e2e-tests/target/drill-run-${DRILL_PORT_BASE:-28080}" \
  -Ddrill.app="$APP" -Ddrill.results="$RESULTS" ${DRILL_ARGS:-} >"$ROOT/e2e-tests/target/drill-${DRILL//,/-}.log" 2>&1 || status=$?
if [[ -s "$RESULTS" ]]; then
  cat "$RESULTS" | tee -a "$ROOT/e2e-tests/target/drill-results.txt"
  # the verdict lines decide (two drills may run at once from one working tree and share failsafe's summary)
  status=0
  grep -qv '^DRILL [a-z-]* PASS ' "$RESULTS" && status=1
  rm -f "$RESULTS"
else
  echo "DRILL $DRILL FAIL: no verdict (see e2e-tests/target/drill-${DRILL//,/-}.log and e2e-tests/target/drill-run-${DRILL_PORT_BASE:-28080}/logs/)"
  status=1
fi
exit $status
