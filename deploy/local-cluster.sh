#!/usr/bin/env bash
# Runs several API nodes behind nginx on one machine, sharing PostgreSQL and Redis, until Ctrl-C
# (which stops each node gracefully). See docs/deployment.md. Every setting has a default:
#   NODES=2  PORT=8080 (nginx)  NODE_BASE_PORT=3001 (node i listens on NODE_BASE_PORT + i - 1)
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/derm_realtime (created when missing)
#   REDIS_URL=redis://127.0.0.1:6379  JWT_SECRET (the same on every node)  DEMO_SEED=true
#   TRUST_PROXY=loopback (believe the X-Forwarded-For of the local nginx)
# Needs the built API and portal (npx nx run-many -t build -p api portal) and nginx on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${NODES:-2}
PORT=${PORT:-8080}
NODE_BASE_PORT=${NODE_BASE_PORT:-3001}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/derm_realtime}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export JWT_SECRET=${JWT_SECRET:-local-cluster-secret-0123456789}
export DEMO_SEED=${DEMO_SEED:-true}
export TRUST_PROXY=${TRUST_PROXY:-loopback}
export CORS_ORIGINS=${CORS_ORIGINS:-http://localhost:$PORT,http://127.0.0.1:$PORT}
RUN_DIR=${RUN_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/derm-cluster.XXXXXX")}

[[ -f dist/apps/api/main.js ]] || { echo "Build first: npx nx run-many -t build -p api portal" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is not installed (Debian: apt-get install nginx)" >&2; exit 1; }

database=${DATABASE_URL##*/}
admin_url=${DATABASE_URL%/*}/postgres
if command -v psql >/dev/null && ! psql "$admin_url" -Atc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
  psql "$admin_url" -qc "CREATE DATABASE \"$database\""
fi

pids=()
stop() {
  trap - EXIT INT TERM
  echo "Stopping each node gracefully, and nginx (logs stay in $RUN_DIR)"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop EXIT INT TERM

# Until $1 answers 200: a node's readiness, or through nginx (which does not pass /health) the
# API's description, answered by a node.
wait_ready() {
  for _ in $(seq 1 300); do
    node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1" && return 0
    sleep 0.1
  done
  echo "$1 did not answer within 30 s; see $RUN_DIR" >&2
  return 1
}

mkdir -p "$RUN_DIR/tmp"
chmod 755 "$RUN_DIR" "$RUN_DIR/tmp"
upstreams="" pinned="" pins=""
for i in $(seq 1 "$NODES"); do
  port=$((NODE_BASE_PORT + i - 1))
  # One after the other: the first applies the migrations and seeds the demo clinics.
  PORT=$port node dist/apps/api/main.js >"$RUN_DIR/node-$i.log" 2>&1 &
  pids+=($!)
  echo $! >"$RUN_DIR/node-$i.pid"
  wait_ready "http://127.0.0.1:$port/health/ready"
  echo "node $i: http://127.0.0.1:$port (log: $RUN_DIR/node-$i.log)"
  upstreams+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  others=""
  for j in $(seq 1 "$NODES"); do
    [[ $j == "$i" ]] || others+=" server 127.0.0.1:$((NODE_BASE_PORT + j - 1)) backup;"
  done
  pinned+="  upstream derm_node_$i { server 127.0.0.1:$port;$others }"$'\n'
  pins+="    \"$i\" derm_node_$i;"$'\n'
done

conf=$(<deploy/nginx/nginx.conf.template)
conf=${conf//__LISTEN_PORT__/$PORT}
conf=${conf//__UPSTREAM_SERVERS__/${upstreams%$'\n'}}
conf=${conf//__PINNED_UPSTREAMS__/${pinned%$'\n'}}
conf=${conf//__PIN_MAP__/${pins%$'\n'}}
printf '%s\n' "$conf" >"$RUN_DIR/nginx.conf"
nginx -p "$RUN_DIR" -c nginx.conf -g 'daemon off;' &
pids+=($!)
wait_ready "http://127.0.0.1:$PORT/api/openapi.json"
echo "derm-realtime: http://localhost:$PORT ($NODES nodes behind nginx; Ctrl-C stops them)"
wait
