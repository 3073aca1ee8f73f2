#!/usr/bin/env bash
# Installs the development dependencies from package-lock.json when they are missing or stale.
# --ignore-scripts: n8n-core's native isolated-vm does not compile on Node 20, and nothing here needs it.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.deps-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
	exit 0
fi
echo "==> installing development dependencies from package-lock.json"
# npm install (not npm ci): the registry here lacks some platform-only optional packages (@unrs/resolver-binding-*),
# which npm leaves out of the lock file and npm ci then reports as missing.
npm install --no-save --ignore-scripts --no-audit --no-fund
echo "$lock_hash" > "$stamp"
