#!/usr/bin/env bash
# Writes a deploy/.env with fresh random secrets to stdout, from deploy/.env.example:
#   deploy/gen-env.sh > deploy/.env && chmod 600 deploy/.env
# Every empty secret gets a random value (hex, so it is safe in URLs and SQL), NACOS_AUTH_TOKEN gets Base64 of
# 48 random bytes and JWT_PRIVATE_KEY a new RSA 3072 key (PKCS#8 PEM, \n-escaped for compose's .env parser).
# Mail/SMS provider settings stay empty: fill them by hand. Needs openssl.
set -euo pipefail
EXAMPLE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.env.example"
command -v openssl >/dev/null || { echo "gen-env.sh: openssl is required" >&2; exit 1; }

hex() { openssl rand -hex "$1"; }
pem_escaped() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 2>/dev/null | awk '{printf "%s\\n", $0}'; }

while IFS= read -r line; do
  case "$line" in
    NACOS_AUTH_TOKEN=) echo "NACOS_AUTH_TOKEN=$(openssl rand -base64 48 | tr -d '\n')" ;;
    JWT_PRIVATE_KEY=) echo "JWT_PRIVATE_KEY=\"$(pem_escaped)\"" ;;
    MAIL_*=|SMS_*=) echo "$line" ;;
    *_PASSWORD=|*_SECRET=|NACOS_AUTH_IDENTITY_VALUE=) echo "$line$(hex 24)" ;;
    *) echo "$line" ;;
  esac
done < "$EXAMPLE"
