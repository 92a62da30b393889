# Sourced by the bench scripts. The working tree is shared and its jars may be rebuilt by someone else while a
# benchmark runs (a half-written jar stops a start-up): every benchmark runs a private copy of the jars and of the
# run command, taken once at its start, in <run dir>/tree. Usage: snapshot_tree "$ROOT" "$RUN_DIR"; then use
# "$RUN_DIR/tree/deploy/local/run.sh" and the jars under "$RUN_DIR/tree/<module>/target/".
snapshot_tree() {
  local root="$1" tree="$2/tree" version="0.1.0-SNAPSHOT" m jar
  for m in embedded-mariadb gateway department-service proposal-service statistics-service notification-service; do
    [[ -f "$root/$m/target/$m-$version-exec.jar" ]] || (cd "$root" && ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true package)
  done
  rm -rf "$tree"
  mkdir -p "$tree/deploy/local"
  cp "$root/deploy/local/run.sh" "$tree/deploy/local/run.sh"
  for m in embedded-mariadb gateway department-service proposal-service statistics-service notification-service; do
    jar="$root/$m/target/$m-$version-exec.jar"
    mkdir -p "$tree/$m/target"
    cp "$jar" "$tree/$m/target/"
    # a jar caught mid-rebuild is not a zip yet: wait for it and copy again
    until jar tf "$tree/$m/target/$(basename "$jar")" >/dev/null 2>&1; do sleep 5; cp "$jar" "$tree/$m/target/"; done
  done
}
