#!/usr/bin/env bash
# A throw-away PostgreSQL on a loopback port, for tests and the local cluster.
#   scripts/postgres.sh start DIR PORT   prints the connection string
#   scripts/postgres.sh stop DIR
# Installs PostgreSQL from Debian when it is missing; fails loudly otherwise.
set -euo pipefail

cmd="${1:?usage: postgres.sh start DIR PORT | stop DIR}"
dir="${2:?data directory required}"

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

# initdb refuses to run as root, so root runs the server as `postgres`.
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

case "$cmd" in
start)
  port="${3:?port required}"
  if ! bin="$(find_bin)"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "PostgreSQL not found; installing it from Debian…" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
      bin="$(find_bin)" || { echo "error: PostgreSQL did not install" >&2; exit 1; }
    else
      echo "error: PostgreSQL is not installed (apt-get install postgresql) and this user cannot install it" >&2
      exit 1
    fi
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; echo "error: initdb failed" >&2; exit 1; }
  # Sockets in the data dir so no system folder is needed; TCP on loopback only.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir/data -c max_connections=300 -c fsync=off" start >&2 ||
    { cat "$dir/server.log" >&2; echo "error: PostgreSQL did not start on 127.0.0.1:$port" >&2; exit 1; }
  echo "postgresql://postgres@127.0.0.1:$port"
  ;;
stop)
  bin="$(find_bin)" || exit 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: postgres.sh start DIR PORT | stop DIR" >&2
  exit 2
  ;;
esac
