#!/usr/bin/env bash
# The whole test suite: format check, lint, type check, unit tests of src/, node tests through n8n-core,
# and end-to-end tests against a real n8n server with the packed package installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "==> format check (the n8n starter's Prettier settings; npm run format fixes it)"
npx prettier --check --log-level warn "**/*.{ts,js,mjs,cjs}"
echo "==> lint (n8n community-node rules)"
npx eslint .
echo "==> type check"
npx tsc -p tsconfig.json --noEmit
echo "==> unit and node tests"
npx jest --selectProjects unit nodes
echo "==> end-to-end tests (real n8n; queue mode needs PostgreSQL and Redis on 127.0.0.1)"
bash scripts/ensure-services.sh
bash test/e2e/run.sh --runInBand
echo "==> benchmark at its small size (a run that keeps the benchmark working, not a timed assertion)"
npm run bench --silent -- --size small
