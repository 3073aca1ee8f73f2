#!/usr/bin/env bash
# npm run test:e2e: installs the pinned n8n 2.x and 1.x if needed, packs this package once, then runs the
# end-to-end tests (jest project "e2e") against real n8n servers. Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# Both lines: most tests run against 2.x, n8n-1x.e2e.test.ts against the last 1.x.
bash scripts/install-n8n.sh 2 1

if [[ -z "${CS_E2E_TARBALL:-}" ]]; then
	pack_dir=$(mktemp -d "${TMPDIR:-/tmp}/cs-e2e-pack-XXXXXX")
	trap 'rm -rf "$pack_dir"' EXIT
	echo "[e2e] npm pack (builds dist/) into $pack_dir"
	npm pack --pack-destination "$pack_dir" --loglevel=error
	CS_E2E_TARBALL=$(ls "$pack_dir"/*.tgz)
	export CS_E2E_TARBALL
fi
echo "[e2e] testing $CS_E2E_TARBALL"

npx jest --selectProjects e2e "$@"
