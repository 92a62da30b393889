#!/usr/bin/env bash
# Loads ten years of a province into proposal-service's database: 15,000 proposals (2016-2025, one session a year,
# categories, units from department-service's seed, co-signers, objections, extensions, replies, ratings,
# re-handling, publication, realistic Chinese titles) and their ~150,000 events in the outbox.
# The rows and events come from proposal-service's own aggregate (bench/loader/.../DecadeLoader.java) driven by a
# simulated clock, written in batches; the outbox rows get NULL positions and the running service's relay numbers
# them, so the event feed (GET /api/v1/events) serves them exactly as it serves live events.
#
#   bench/load-decade.sh [proposals (15000)] [seed (2026)]
#   PLATFORM_DB_PORT=25306 bench/load-decade.sh            the embedded MariaDB of a platform started by run.sh
#   DB_URL=jdbc:mysql://127.0.0.1:3306/proposal_service?... DB_USERNAME=root bench/load-decade.sh   any other
# Needs: the proposal-service jar (PROPOSAL_JAR, default its target/), its database migrated (the service started
# once), a JDK.
# Wait for the relay afterwards: bench/load-decade.sh prints the outbox rows still without a position.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COUNT="${1:-15000}"
SEED="${2:-2026}"
DB_PORT="${PLATFORM_DB_PORT:-13306}"
OPTS="useUnicode=true&characterEncoding=utf8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
URL="${DB_URL:-jdbc:mysql://127.0.0.1:$DB_PORT/proposal_service?$OPTS}"
BUILD="$ROOT/bench/target/loader"
mkdir -p "$BUILD"

# compiled against and run with the classes and libraries of the proposal-service jar itself (the code that runs)
JAR="${PROPOSAL_JAR:-$ROOT/proposal-service/target/proposal-service-0.1.0-SNAPSHOT-exec.jar}"
[[ -f "$JAR" ]] || (cd "$ROOT" && ./mvnw -o -q -B -pl proposal-service -am install -DskipTests -Dspring-javaformat.skip=true)
rm -rf "$BUILD/jar" "$BUILD/classes"
mkdir -p "$BUILD/jar"
(cd "$BUILD/jar" && jar xf "$JAR" BOOT-INF)
CP="$BUILD/jar/BOOT-INF/classes:$BUILD/jar/BOOT-INF/lib/*"
javac -nowarn -encoding UTF-8 -cp "$CP" -d "$BUILD/classes" \
  "$ROOT/bench/loader/cn/gov/cppcc/proposals/proposal/proposal/DecadeLoader.java"
t0=$(date +%s.%N)
java -Xmx2g -cp "$BUILD/classes:$CP" cn.gov.cppcc.proposals.proposal.proposal.DecadeLoader \
  "$URL" "${DB_USERNAME:-root}" "${DB_PASSWORD:-}" "$COUNT" "$ROOT/department-service/src/main/resources/seed/units.tsv" "$SEED"
echo "load-decade: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s in total"
