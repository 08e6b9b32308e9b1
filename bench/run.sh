#!/usr/bin/env bash
# The benchmark of the process-exceptions backend: `yarn bench`.
#   yarn bench                    PostgreSQL and SQLite, full dataset (~12 min);
#                                 writes docs/benchmarks.md
#   yarn bench --only pg|sqlite   one database
#   BENCH_QUICK=1 yarn bench      smoke run: small dataset, short measurements
# Quick or single-database runs write bench/results/benchmarks.md instead.
#   yarn bench --soak [--minutes N …] 10 minutes of mixed traffic against the
#                                 two-replica cluster (scripts/soak.js; options
#                                 there); records to docs/soak.md and the soak
#                                 section of docs/benchmarks.md
# BENCH_PROFILE=1 also writes a CPU profile of the backend (kept with BENCH_KEEP=1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/env.sh
source "$ROOT/scripts/env.sh"
cd "$ROOT"

if [ "${1:-}" = --soak ]; then
  shift
  SOAK_COMMAND="yarn bench --soak" exec node scripts/soak.js "$@"
fi

command_line="yarn bench${*:+ $*}"
dbs="pg sqlite"
while [ $# -gt 0 ]; do
  case "$1" in
    --only) dbs="${2:?--only needs pg or sqlite}"; shift 2 ;;
    --only=*) dbs="${1#--only=}"; shift ;;
    --quick) export BENCH_QUICK=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$dbs" in
  "pg sqlite"|pg|sqlite) ;;
  *) echo "--only takes pg or sqlite, not '$dbs'" >&2; exit 2 ;;
esac
[ "${BENCH_QUICK:-}" = 1 ] && command_line="BENCH_QUICK=1 $command_line"

work="$(mktemp -d "${TMPDIR:-/tmp}/pe-bench.XXXXXX")"
chmod 755 "$work" # PostgreSQL runs as `postgres` when we are root
pg_started=""
cleanup() {
  if [ -n "$pg_started" ]; then bash scripts/postgres.sh stop "$work/postgres" || true; fi
  if [ "${BENCH_KEEP:-}" = 1 ]; then echo "bench: work directory kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ " $dbs " == *" pg "* ]]; then
  port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  pg_started=1
  BENCH_PG_URL="$(bash scripts/postgres.sh start "$work/postgres" "$port")"
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  BENCH_PG_VERSION="$("$pg_bin/postgres" --version)"
  export BENCH_PG_URL BENCH_PG_VERSION
fi

BENCH_DBS="$dbs" BENCH_DIR="$work" BENCH_COMMAND="$command_line" node bench/main.js
