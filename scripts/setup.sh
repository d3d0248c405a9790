#!/usr/bin/env bash
# One-time set-up of a fresh machine: the real stack from Debian/Ubuntu packages (local-stack.md)
# and the npm dependencies. Installs only what is missing, so it also runs on GitHub's runners,
# which already have a Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for pair in notary-server:notary notary:notary docker-registry:docker-registry skopeo:skopeo openssl:openssl \
            softhsm2-util:softhsm2 pkcs11-tool:opensc tinyproxy:tinyproxy faketime:faketime \
            /usr/lib/postgresql/15/bin/initdb:postgresql; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(printf '%s\n' "${missing[@]}" | sort -u)
fi
if ! command -v dockerd >/dev/null 2>&1; then
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io
fi

npm ci --no-audit --no-fund
