#!/usr/bin/env bash
# Installs dependencies and starts the portal on the embedded default:
# SQLite under .data/, guest sign-in, the example catalog.
#   frontend http://localhost:3000, backend http://localhost:7007
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
yarn install
sqlite_for_current_node
mkdir -p .data/sqlite
# On first start, post the demo history through the public API once the
# backend answers (in the background, so the portal starts meanwhile).
if [ ! -f .data/demo-seeded ]; then
  (node scripts/seed-demo.js && touch .data/demo-seeded) &
fi
# The demo's local-only secrets (app-config.demo.yaml) come with it.
exec yarn start --config "$ROOT/app-config.yaml" --config "$ROOT/app-config.demo.yaml" "$@"
