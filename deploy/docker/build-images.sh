#!/usr/bin/env bash
# Builds the five executable jars once (Maven) and one container image per application.
#
#   deploy/docker/build-images.sh                     jars + images cppcc/<app>:<version>
#   deploy/docker/build-images.sh --skip-maven        images from the jars already in <module>/target
#   deploy/docker/build-images.sh --registry registry.example.gov.cn/cppcc --tag 1.0.0 --push
#
# Needs a Docker engine (or any `docker build` compatible CLI: set DOCKER=podman) and JDK 17 for Maven.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DOCKER="${DOCKER:-docker}"
VERSION="0.1.0-SNAPSHOT"
REGISTRY="cppcc"
TAG="0.1.0"
PUSH=0
SKIP_MAVEN=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --registry) REGISTRY="$2"; shift 2 ;;
    --tag) TAG="$2"; shift 2 ;;
    --push) PUSH=1; shift ;;
    --skip-maven) SKIP_MAVEN=1; shift ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

# application -> port (the same as each application.yml)
declare -A PORTS=(
  [gateway]=8080
  [department-service]=8081
  [proposal-service]=8082
  [statistics-service]=8083
  [notification-service]=8084
)
APPS=(gateway department-service proposal-service statistics-service notification-service)

if [[ "$SKIP_MAVEN" == 0 ]]; then
  echo "==> Building the jars (once, all five applications)"
  modules="$(IFS=,; echo "${APPS[*]}")"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true -pl "$modules" -am package)
fi

for app in "${APPS[@]}"; do
  jar="$ROOT/$app/target/$app-$VERSION-exec.jar"
  if [[ ! -f "$jar" ]]; then
    echo "missing $jar (run without --skip-maven)" >&2
    exit 1
  fi
  image="$REGISTRY/$app:$TAG"
  echo "==> $image"
  "$DOCKER" build \
    -f "$ROOT/deploy/docker/Dockerfile" \
    --build-arg "JAR_FILE=$(basename "$jar")" \
    --build-arg "APP_PORT=${PORTS[$app]}" \
    --build-arg "APP_NAME=$app" \
    --label "org.opencontainers.image.title=$app" \
    --label "org.opencontainers.image.version=$TAG" \
    --label "org.opencontainers.image.revision=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    -t "$image" \
    "$ROOT/$app/target"
  if [[ "$PUSH" == 1 ]]; then
    "$DOCKER" push "$image"
  fi
done

echo "Built: $(printf '%s ' "${APPS[@]/#/$REGISTRY/}") (tag $TAG)"
