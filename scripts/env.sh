# Sourced by the project's scripts: make yarn and node-gyp work on a machine
# that has only Node.js and npm.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# better-sqlite3 is compiled locally; node-gyp needs the running Node's headers.
npm_config_nodedir="$(node -p "require('path').resolve(process.execPath, '..', '..')")"
export npm_config_nodedir
if [ ! -f "$npm_config_nodedir/include/node/node.h" ]; then
  echo "error: Node headers not found under $npm_config_nodedir/include/node (needed to compile better-sqlite3)" >&2
  exit 1
fi
# The yarn release is vendored under .yarn/releases; scripts/bin/yarn runs it.
export PATH="$ROOT/scripts/bin:$ROOT/node_modules/.bin:$PATH"
