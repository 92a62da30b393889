#!/bin/sh
# Publishes every *.yaml beside this script to Nacos 3 through its HTTP admin API (data id = file name, type yaml):
# platform-shared.yaml and <spring.application.name>.yaml, exactly the data ids that each service's
# application-nacos.yml imports.
#
#   deploy/nacos/publish.sh <nacos-addr> <namespace> <group>
#   e.g. NACOS_PASSWORD=... deploy/nacos/publish.sh 127.0.0.1:8848 cppcc CPPCC_PLATFORM
#
# <namespace> is a namespace ID ("public" or "" for the public one); it is created when missing.
# Environment:
#   NACOS_USERNAME / NACOS_PASSWORD   an admin account (default user "nacos"); no password = auth off
#   NACOS_INIT_ADMIN=true             when the login fails and Nacos has no admin yet (fresh database), set the
#                                     admin password to NACOS_PASSWORD first (POST /v3/auth/user/admin)
#   NACOS_APP_USERNAME / NACOS_APP_PASSWORD
#                                     optional: create (or reset the password of) the services' own user, bound
#                                     to role "<user>-role" with read-write on the namespace only
#   NACOS_CONTEXT_PATH                default /nacos
#   NACOS_SCHEME                      default http
#   NACOS_WAIT_SECONDS                how long to wait for Nacos to be ready (default 120)
#   NACOS_CONFIG_DIR                  where the *.yaml files are (default: this script's directory)
#
# POSIX sh + curl only (runs in the curlimages/curl image used by docker-compose.yml). Exit code 0 only when every
# file was published. Nacos 3 endpoints used (server port 8848, context path /nacos):
#   POST /v3/auth/user/login, POST /v3/auth/user/admin, POST /v3/auth/user, PUT /v3/auth/user,
#   POST /v3/auth/role, POST /v3/auth/permission, GET /v3/admin/core/state/readiness,
#   GET /v3/admin/core/namespace/check, POST /v3/admin/core/namespace, POST /v3/admin/cs/config
set -eu

if [ $# -ne 3 ]; then
	echo "usage: $0 <nacos-addr> <namespace> <group>" >&2
	exit 2
fi
ADDR="$1"
NAMESPACE="$2"
GROUP="$3"
SCHEME="${NACOS_SCHEME:-http}"
CONTEXT="${NACOS_CONTEXT_PATH:-/nacos}"
BASE="$SCHEME://$ADDR$CONTEXT"
USERNAME="${NACOS_USERNAME:-nacos}"
PASSWORD="${NACOS_PASSWORD:-}"
WAIT="${NACOS_WAIT_SECONDS:-120}"
DIR="${NACOS_CONFIG_DIR:-$(cd "$(dirname "$0")" && pwd)}"
TOKEN=""

case "$NAMESPACE" in
	"" | public) NAMESPACE_ID="public" ;;
	*) NAMESPACE_ID="$NAMESPACE" ;;
esac
[ -n "$GROUP" ] || { echo "publish.sh: the group must not be empty" >&2; exit 2; }

log() { echo "publish.sh: $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

# call METHOD PATH [curl args...]: prints the body, returns non-zero unless HTTP 2xx. The token goes both as the
# accessToken header (the Nacos auth plugin reads its identity names from the headers first, then the
# parameters; a header does not depend on how a PUT's form body is parsed) and as the accessToken parameter.
call() {
	method="$1"
	path="$2"
	shift 2
	out="$(mktemp)"
	if [ -n "$TOKEN" ]; then
		set -- "$@" -H "accessToken: $TOKEN" --data-urlencode "accessToken=$TOKEN"
	fi
	if [ "$method" = GET ]; then
		set -- -G "$@"
	else
		set -- -X "$method" "$@"
	fi
	code="$(curl -sS -o "$out" -w '%{http_code}' --connect-timeout 5 --max-time 30 "$@" "$BASE$path")" || code=000
	cat "$out"
	rm -f "$out"
	case "$code" in
		2??) return 0 ;;
		*) log "$method $path -> HTTP $code"; return 1 ;;
	esac
}

# a Result<T> body of Nacos 3 is {"code":0,"message":"success","data":...}
result_ok() { printf '%s' "$1" | grep -q '"code"[[:space:]]*:[[:space:]]*0[,}]'; }
json_field() { printf '%s' "$1" | sed -n "s/.*\"$2\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\",}]*\).*/\1/p"; }

login() {
	body="$(call POST /v3/auth/user/login --data-urlencode "username=$1" --data-urlencode "password=$2" 2>/dev/null)" || return 1
	t="$(json_field "$body" accessToken)"
	[ -n "$t" ] || return 1
	printf '%s' "$t"
}

# 1. wait until Nacos answers ready
i=0
until call GET /v3/admin/core/state/readiness >/dev/null 2>&1; do
	i=$((i + 2))
	[ "$i" -lt "$WAIT" ] || fail "Nacos at $BASE is not ready after ${WAIT}s"
	sleep 2
done
log "Nacos at $BASE is ready"

# 2. log in (auth on) -- initialising the admin password on a fresh Nacos when allowed
if [ -n "$PASSWORD" ]; then
	if ! TOKEN="$(login "$USERNAME" "$PASSWORD")"; then
		settle=0
		if [ "${NACOS_INIT_ADMIN:-false}" = true ]; then
			log "login as $USERNAME failed; initialising the admin password (works only while Nacos has no admin)"
			body="$(call POST /v3/auth/user/admin --data-urlencode "password=$PASSWORD")" || true
			if result_ok "$body"; then
				# the new admin can log in only once Nacos has reloaded its user cache (every 15 s while
				# nacos.core.auth.caching.enabled, the default): retry for NACOS_AUTH_SETTLE_SECONDS (45)
				settle="${NACOS_AUTH_SETTLE_SECONDS:-45}"
			else
				log "admin initialisation answered: $body"
			fi
		fi
		t=0
		until TOKEN="$(login "$USERNAME" "$PASSWORD")"; do
			[ "$t" -lt "$settle" ] || fail "cannot log in to Nacos as $USERNAME"
			sleep 3
			t=$((t + 3))
		done
	fi
	log "logged in as $USERNAME"
else
	log "no NACOS_PASSWORD: assuming Nacos auth is off"
fi

# 3. the namespace
if [ "$NAMESPACE_ID" != public ]; then
	body="$(call GET /v3/admin/core/namespace/check --data-urlencode "namespaceId=$NAMESPACE_ID")" || fail "namespace check failed: $body"
	if [ "$(json_field "$body" data)" = 0 ]; then
		body="$(call POST /v3/admin/core/namespace --data-urlencode "namespaceId=$NAMESPACE_ID" \
			--data-urlencode "namespaceName=$NAMESPACE_ID" \
			--data-urlencode "namespaceDesc=CPPCC proposal platform")" || fail "cannot create namespace $NAMESPACE_ID: $body"
		result_ok "$body" || fail "cannot create namespace $NAMESPACE_ID: $body"
		log "created namespace $NAMESPACE_ID"
	else
		log "namespace $NAMESPACE_ID exists"
	fi
fi

# 4. the services' own Nacos user: read-write on this namespace only
if [ -n "${NACOS_APP_USERNAME:-}" ] && [ -n "${NACOS_APP_PASSWORD:-}" ] && [ -n "$TOKEN" ]; then
	app="$NACOS_APP_USERNAME"
	role="$app-role"
	if body="$(call POST /v3/auth/user --data-urlencode "username=$app" --data-urlencode "password=$NACOS_APP_PASSWORD" 2>/dev/null)" && result_ok "$body"; then
		log "created Nacos user $app"
	else
		body="$(call PUT /v3/auth/user --data-urlencode "username=$app" --data-urlencode "newPassword=$NACOS_APP_PASSWORD")" || fail "cannot create or update Nacos user $app: $body"
		log "Nacos user $app exists; password set"
	fi
	# Nacos caches users (nacos.core.auth.caching.enabled, default true; reloaded every 15 s): the new user, or a
	# new password, can log in only after the next reload. Each step is retried until it holds
	# (NACOS_AUTH_SETTLE_SECONDS, default 45); an existing binding or permission counts as done, so a second run
	# is idempotent.
	settle="${NACOS_AUTH_SETTLE_SECONDS:-45}"
	role_bound() {
		body="$(call POST /v3/auth/role --data-urlencode "role=$role" --data-urlencode "username=$app" 2>/dev/null)" && result_ok "$body" && return 0
		case "$body" in *"already bound"*) return 0 ;; esac
		return 1
	}
	permission_granted() {
		body="$(call POST /v3/auth/permission --data-urlencode "role=$role" --data-urlencode "resource=$NAMESPACE_ID:*:*" \
			--data-urlencode "action=rw" 2>/dev/null)" && result_ok "$body" && return 0
		body="$(call GET /v3/auth/permission/list --data-urlencode "role=$role" --data-urlencode pageNo=1 \
			--data-urlencode pageSize=100 2>/dev/null)" || return 1
		printf '%s' "$body" | grep -q "\"resource\"[[:space:]]*:[[:space:]]*\"$NAMESPACE_ID:\\*:\\*\""
	}
	app_login() { login "$app" "$NACOS_APP_PASSWORD" >/dev/null; }
	until_done() { # what command...: retries for up to $settle seconds
		what="$1"
		shift
		t=0
		until "$@"; do
			[ "$t" -lt "$settle" ] || fail "$what (last answer: ${body:-none})"
			sleep 3
			t=$((t + 3))
		done
	}
	until_done "cannot bind $app to role $role" role_bound
	until_done "cannot grant $role rw on $NAMESPACE_ID:*:*" permission_granted
	until_done "the services' user $app cannot log in" app_login
	log "user $app: role $role, rw on $NAMESPACE_ID:*:*"
fi

# 5. the config files
published=0
for file in "$DIR"/*.yaml; do
	[ -f "$file" ] || continue
	data_id="$(basename "$file")"
	body="$(call POST /v3/admin/cs/config \
		--data-urlencode "dataId=$data_id" \
		--data-urlencode "groupName=$GROUP" \
		--data-urlencode "namespaceId=$NAMESPACE_ID" \
		--data-urlencode "type=yaml" \
		--data-urlencode "desc=deploy/nacos/$data_id" \
		--data-urlencode "content@$file")" || fail "publishing $data_id failed: $body"
	result_ok "$body" || fail "publishing $data_id failed: $body"
	log "published $data_id (group $GROUP, namespace $NAMESPACE_ID)"
	published=$((published + 1))
done
[ "$published" -gt 0 ] || fail "no *.yaml in $DIR"
log "done: $published data ids"
