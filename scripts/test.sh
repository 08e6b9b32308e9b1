#!/usr/bin/env bash
# Installs dependencies and runs every test on Node.js 22: type check, API
# reports, lint, formatting, unit and integration tests on SQLite and a
# throw-away PostgreSQL, the end-to-end browser tests in Debian's Chromium;
# then the unit and integration tests again on Node.js 24. Fails loudly when a
# database, a Node.js version or the browser cannot be had; nothing is skipped
# silently.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
export CI=true

step() { printf '\n==> %s\n' "$*"; }

step "Installing dependencies (Node.js $(node --version))"
yarn install --immutable
sqlite_for_current_node

step "Checking for Chromium"
if [ -z "${PLAYWRIGHT_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  fi
  [ -x /usr/bin/chromium ] || { echo "error: Chromium is not installed (apt-get install chromium), so the browser tests cannot run" >&2; exit 1; }
fi
"${PLAYWRIGHT_CHROMIUM:-/usr/bin/chromium}" --version

step "Starting a throw-away PostgreSQL"
pg_dir="$(mktemp -d /tmp/process-exceptions-pg.XXXXXX)"
pg_port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
trap 'bash "$ROOT/scripts/postgres.sh" stop "$pg_dir"' EXIT
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$(bash scripts/postgres.sh start "$pg_dir" "$pg_port")"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
echo "PostgreSQL 15 on 127.0.0.1:$pg_port"

# Not incremental: the API reports are read from these declarations, and an
# incremental build can print a union's members in another order.
step "Type check"
yarn tsc --incremental false

step "API reports (report.api.md of every published package)"
yarn build:api-reports:only --ci

step "Lint"
yarn lint

step "Formatting (prettier)"
yarn prettier:check

mkdir -p .test-results
step "Unit and integration tests (SQLite and PostgreSQL)"
yarn test --verbose 2>&1 | tee .test-results/jest.log

step "End-to-end tests (Chromium)"
yarn playwright test 2>&1 | tee .test-results/playwright.log

use_node 24
step "Unit and integration tests on Node.js $(node --version) (SQLite and PostgreSQL)"
sqlite_for_current_node
yarn test --verbose 2>&1 | tee .test-results/jest-node24.log

# One closing line for everything that ran.
node scripts/summarize-tests.js .test-results/jest.log .test-results/playwright.log \
  .test-results/jest-node24.log
