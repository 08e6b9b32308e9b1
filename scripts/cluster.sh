#!/usr/bin/env bash
# A local production-shaped cluster: a throw-away PostgreSQL on loopback and
# two replicas of the demo backend (packages/backend) sharing it, on
# http://127.0.0.1:7007 and http://127.0.0.1:7008. Ctrl-C (or any exit)
# stops everything it started.
#   bash scripts/cluster.sh        (or: yarn cluster)
# Environment:
#   CLUSTER_PORTS="7007 7008"      the replicas' ports (two or more)
#   CLUSTER_SCHEDULE_SECONDS=N     run the plugin's maintenance task every N s
#                                  (default: the plugin's, every minute)
#   PROCESS_EXCEPTIONS_PIPELINE_TOKEN   the pipelines' static token (app-config.yaml)
# Files (config, logs, pids, cluster.json for `yarn soak`) go to .data/cluster/.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

read -r -a ports <<<"${CLUSTER_PORTS:-7007 7008}"
run_dir="$ROOT/.data/cluster"
pids=()
# Under /tmp: when run as root, PostgreSQL runs as `postgres`, which must reach it.
pg_dir=""

say() { printf '[cluster] %s\n' "$*" >&2; }

stop_all() {
  trap - EXIT INT TERM
  local pid i
  if [ "${#pids[@]}" -gt 0 ]; then
    say "stopping the replicas…"
    # Each replica leads its own process group (setsid): signal the groups.
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for i in $(seq 1 30); do
      local alive=""
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ -z "$alive" ] && break
      sleep 0.5
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  fi
  if [ -n "$pg_dir" ]; then
    say "stopping PostgreSQL…"
    bash "$ROOT/scripts/postgres.sh" stop "$pg_dir" || true
  fi
  rm -f "$run_dir/cluster.json"
}
trap 'stop_all' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ -d node_modules ] || yarn install

for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "error: port $port is in use (is another backend or cluster running? set CLUSTER_PORTS)"
    exit 1
  fi
done

mkdir -p "$run_dir"
rm -f "$run_dir"/replica-*.log "$run_dir"/replica-*.pid

pg_port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
say "starting PostgreSQL on 127.0.0.1:$pg_port…"
pg_dir="$(mktemp -d /tmp/process-exceptions-cluster-pg.XXXXXX)"
connection="$(bash scripts/postgres.sh start "$pg_dir" "$pg_port")"

transform="$(node -p "require.resolve('@backstage/cli-node/config/nodeTransform.cjs', { paths: ['$ROOT/packages/backend'] })")"

write_config() {
  local port="$1" file="$2"
  # JSON is YAML. The list of static tokens stays app-config.demo.yaml's.
  cat >"$file" <<EOF
{
  "backend": {
    "baseUrl": "http://127.0.0.1:$port",
    "listen": { "host": "127.0.0.1", "port": $port },
    "database": {
      "client": "pg",
      "connection": "$connection",
      "knexConfig": { "pool": { "min": 0, "max": 10 } }
    }
  }$(if [ -n "${CLUSTER_SCHEDULE_SECONDS:-}" ]; then printf ',\n  "processExceptions": { "schedule": { "frequency": { "seconds": %s }, "timeout": { "minutes": 5 }, "initialDelay": { "seconds": 5 } } }' "$CLUSTER_SCHEDULE_SECONDS"; fi)
}
EOF
}

# The backend runs from source as `backstage-cli package start` runs it,
# without the CLI's file watcher (a replica must not restart when a file
# changes), in its own process group so a stop reaches exactly it.
start_replica() {
  local n="$1" port="$2"
  local config="$run_dir/replica-$n.yaml" log="$run_dir/replica-$n.log"
  write_config "$port" "$config"
  (
    cd packages/backend
    NODE_ENV=development exec setsid node --enable-source-maps --require "$transform" \
      src/index.ts --config ../../app-config.yaml --config ../../app-config.demo.yaml --config "$config"
  ) >"$log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$run_dir/replica-$n.pid"
}

wait_healthy() {
  local n="$1" port="$2" pid="$3"
  local log="$run_dir/replica-$n.log"
  for _ in $(seq 1 360); do
    if ! kill -0 "$pid" 2>/dev/null || grep -q 'Backend startup failed' "$log"; then
      tail -n 40 "$log" >&2
      say "error: replica $n did not start; its log: $log"
      exit 1
    fi
    # Backstage's readiness: the plugin's own /health can answer while
    # another plugin's startup failed.
    if curl -fsS "http://127.0.0.1:$port/.backstage/health/v1/readiness" >/dev/null 2>&1 &&
      curl -fsS "http://127.0.0.1:$port/api/process-exceptions/health" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  say "error: replica $n did not answer within 180 s; its log: $log"
  exit 1
}

# The first replica starts alone: Backstage's own migrations race when two
# processes create their tables at once on an empty database.
say "starting replica 1 on port ${ports[0]} (it migrates the databases)…"
start_replica 1 "${ports[0]}"
wait_healthy 1 "${ports[0]}" "${pids[0]}"
for i in $(seq 2 "${#ports[@]}"); do
  say "starting replica $i on port ${ports[$((i - 1))]}…"
  start_replica "$i" "${ports[$((i - 1))]}"
done
for i in $(seq 2 "${#ports[@]}"); do
  wait_healthy "$i" "${ports[$((i - 1))]}" "${pids[$((i - 1))]}"
done

{
  printf '{"postgres":"%s","replicas":[' "$connection"
  for i in "${!ports[@]}"; do
    [ "$i" -gt 0 ] && printf ','
    printf '{"url":"http://127.0.0.1:%s","pid":%s,"log":"%s"}' "${ports[$i]}" "${pids[$i]}" "$run_dir/replica-$((i + 1)).log"
  done
  printf ']}\n'
} >"$run_dir/cluster.json"

cat <<EOF

Process Exceptions cluster: ${#ports[@]} replicas of packages/backend on one PostgreSQL
$(for i in "${!ports[@]}"; do printf '  replica %s  http://127.0.0.1:%s/api/process-exceptions  (pid %s, log %s)\n' "$((i + 1))" "${ports[$i]}" "${pids[$i]}" "$run_dir/replica-$((i + 1)).log"; done)
  PostgreSQL $connection (data in $pg_dir, removed on exit)
  pipeline token: \${PROCESS_EXCEPTIONS_PIPELINE_TOKEN:-local-dev-pipeline-token-change-me}

  curl http://127.0.0.1:${ports[0]}/api/process-exceptions/health
  yarn soak --minutes 3      # mixed traffic against this cluster

Ctrl-C stops the replicas and PostgreSQL.
EOF

# Runs until Ctrl-C, or until a replica exits on its own.
wait -n "${pids[@]}" || true
say "a replica exited; stopping the cluster"
exit 1
