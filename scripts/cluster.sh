#!/usr/bin/env bash
# A local multi-process cluster: gateway nodes on 127.0.0.1 sharing one PostgreSQL journal.
#
# Usage: scripts/cluster.sh [--config Release|Debug] [--build|--no-build] COMMAND
#   start N        start nodes 1..N (those not running), wait until all are Up and ready, print URLs
#   start-node I   start node I, which joins the running cluster; wait until it is ready
#   kill I         SIGKILL node I (a crash: the survivors down it and take its shards over)
#   term I         SIGTERM node I and wait for it to exit (graceful: leaves, hands its shards off)
#   stop           SIGTERM every node and wait for them to exit
#   status         each node: pid, alive, ready; and the cluster's members as node 1.. sees them
#
# Node I: HTTP http://127.0.0.1:$((5080+I)), Akka remoting 127.0.0.1:$((4050+I)); nodes 1 and 2 are
# the seed nodes (node 1 forms the cluster alone when node 2 does not answer). Pid and log files are
# in data/cluster/ (node-I.pid, node-I.log). PostgreSQL is set up by scripts/postgres.sh when it
# does not answer. The gateway is built when its dll is missing (--build: always; --no-build: never).
#
# Environment (all optional):
#   CLUSTER_DIR=data/cluster       pid and log files
#   CLUSTER_HTTP_BASE=5080  CLUSTER_AKKA_BASE=4050   node I listens on BASE+I
#   CLUSTER_READY_TIMEOUT=120      seconds to wait for nodes to be ready
#   CA_PG_HOST/CA_PG_PORT/CA_PG_DB/CA_PG_USER/CA_PG_PASSWORD   the database (see postgres.sh)
#   CLUSTER_DLL=path               run the nodes this command starts from that gateway build instead of this
#                                  checkout's (e.g. the previous release: scripts/previous-release.sh prints it);
#                                  its config/ travels with it. Nodes of two builds run side by side (docs/upgrading.md).
#   CONVERSATION_ACTORS_*          passed to every node (e.g. CONVERSATION_ACTORS_SBR_STABLE_AFTER);
#                                  CONVERSATION_ACTORS_CURSOR_KEY defaults to a key generated once
#                                  and kept in CLUSTER_DIR/cursor-key, shared by all nodes.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
config=Release
build=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --config=*) config="${1#*=}"; shift ;;
    --build) build=always; shift ;;
    --no-build) build=never; shift ;;
    *) break ;;
  esac
done
command="${1:-}"
shift || true

dir="${CLUSTER_DIR:-$root/data/cluster}"
http_base="${CLUSTER_HTTP_BASE:-5080}"
akka_base="${CLUSTER_AKKA_BASE:-4050}"
ready_timeout="${CLUSTER_READY_TIMEOUT:-120}"
pg_host="${CA_PG_HOST:-127.0.0.1}"
pg_port="${CA_PG_PORT:-5432}"
dll="${CLUSTER_DLL:-$root/src/ConversationActors.Gateway/bin/$config/net10.0/ConversationActors.Gateway.dll}"

log() { echo "cluster.sh: $*" >&2; }
usage() { sed -n '2,27p' "$0" >&2; exit 2; }
url() { echo "http://127.0.0.1:$((http_base + $1))"; }
pid_file() { echo "$dir/node-$1.pid"; }
log_file() { echo "$dir/node-$1.log"; }

node_number() {
  [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || { log "a node number (1, 2, ...) is required, got '${1:-}'"; exit 2; }
}

# The node's pid when it is running, else nothing (and a stale pid file is removed).
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; else rm -f "$file"; fi
}

is_ready() { curl -fsS -m 3 "$(url "$1")/health/ready" >/dev/null 2>&1; }

ensure_built() {
  if [ -n "${CLUSTER_DLL:-}" ]; then
    [ -f "$dll" ] || { log "CLUSTER_DLL $dll is missing"; exit 1; }
    return
  fi
  if [ "$build" = always ] || { [ "$build" = auto ] && [ ! -f "$dll" ]; }; then
    log "building the gateway ($config)"
    dotnet build "$root/src/ConversationActors.Gateway" -c "$config" -nologo -v quiet >&2
  fi
  [ -f "$dll" ] || { log "$dll is missing (build it, or drop --no-build)"; exit 1; }
}

ensure_postgres() {
  if ! command -v pg_isready >/dev/null || ! pg_isready -q -h "$pg_host" -p "$pg_port"; then
    "$root/scripts/postgres.sh"
  fi
}

cursor_key() {
  if [ -n "${CONVERSATION_ACTORS_CURSOR_KEY:-}" ]; then echo "$CONVERSATION_ACTORS_CURSOR_KEY"; return; fi
  local file="$dir/cursor-key"
  if [ ! -s "$file" ]; then
    (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$file")
  fi
  cat "$file"
}

launch() {
  local i="$1" pid
  if pid="$(running_pid "$i")" && [ -n "$pid" ]; then
    log "node $i already runs (pid $pid)"
    return
  fi
  local connection="Host=$pg_host;Port=$pg_port;Database=${CA_PG_DB:-conversations};Username=${CA_PG_USER:-conversations};Password=${CA_PG_PASSWORD:-conversations}"
  local seeds="akka.tcp://conversation-actors@127.0.0.1:$((akka_base + 1)),akka.tcp://conversation-actors@127.0.0.1:$((akka_base + 2))"
  echo "=== $(date -u +%FT%TZ) starting node $i from $dll" >>"$(log_file "$i")"
  # setsid: the node outlives this script and its terminal; exec chain keeps $! the app's own pid.
  CONVERSATION_ACTORS_STORE=postgres \
    CONVERSATION_ACTORS_POSTGRES_CONNECTION="${CONVERSATION_ACTORS_POSTGRES_CONNECTION:-$connection}" \
    CONVERSATION_ACTORS_AKKA_HOST=127.0.0.1 \
    CONVERSATION_ACTORS_AKKA_PORT=$((akka_base + i)) \
    CONVERSATION_ACTORS_SEED_NODES="${CONVERSATION_ACTORS_SEED_NODES:-$seeds}" \
    CONVERSATION_ACTORS_CURSOR_KEY="$(cursor_key)" \
    CONVERSATION_ACTORS_CONFIG_DIR="${CONVERSATION_ACTORS_CONFIG_DIR:-$(dirname "$dll")/config}" \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    setsid dotnet "$dll" --urls "$(url "$i")" </dev/null >>"$(log_file "$i")" 2>&1 &
  echo $! >"$(pid_file "$i")"
  log "node $i started (pid $!, $(url "$i"), akka port $((akka_base + i)), log $(log_file "$i"))"
}

# Waits until every listed node answers /health/ready (Up in the cluster, shard region answers).
wait_ready() {
  local deadline=$((SECONDS + ready_timeout)) pending i pid
  while :; do
    pending=()
    for i in "$@"; do
      pid="$(running_pid "$i")"
      if [ -z "$pid" ]; then
        log "node $i exited while starting; last lines of $(log_file "$i"):"
        tail -n 20 "$(log_file "$i")" >&2
        exit 1
      fi
      is_ready "$i" || pending+=("$i")
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    if [ $SECONDS -ge $deadline ]; then
      log "not ready within ${ready_timeout}s: node(s) ${pending[*]} (see their logs in $dir)"
      exit 1
    fi
    sleep 0.5
  done
}

terminate() {
  local signal="$1" i="$2" pid
  pid="$(running_pid "$i")"
  if [ -z "$pid" ]; then
    log "node $i is not running"
    return
  fi
  kill "-$signal" "$pid"
  log "sent SIG$signal to node $i (pid $pid)"
}

wait_exit() {
  local i="$1" pid="$2" deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      log "node $i (pid $pid) did not exit within 60s of SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  rm -f "$(pid_file "$i")"
}

all_nodes() {
  local f
  shopt -s nullglob
  for f in "$dir"/node-*.pid; do
    f="${f##*/node-}"
    echo "${f%.pid}"
  done | sort -n
}

mkdir -p "$dir"
case "$command" in
  start)
    node_number "${1:-}"
    ensure_built
    ensure_postgres
    nodes=($(seq 1 "$1"))
    for i in "${nodes[@]}"; do launch "$i"; done
    wait_ready "${nodes[@]}"
    for i in "${nodes[@]}"; do echo "node $i $(url "$i")"; done
    ;;
  start-node)
    node_number "${1:-}"
    ensure_built
    ensure_postgres
    launch "$1"
    wait_ready "$1"
    echo "node $1 $(url "$1")"
    ;;
  kill)
    node_number "${1:-}"
    pid="$(running_pid "$1")"
    terminate KILL "$1"
    if [ -n "$pid" ]; then
      while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
      rm -f "$(pid_file "$1")"
    fi
    ;;
  term)
    node_number "${1:-}"
    pid="$(running_pid "$1")"
    terminate TERM "$1"
    if [ -n "$pid" ]; then
      started=$SECONDS
      wait_exit "$1" "$pid"
      log "node $1 left and exited after $((SECONDS - started))s"
    fi
    ;;
  stop)
    declare -A pids=()
    for i in $(all_nodes); do
      pid="$(running_pid "$i")"
      [ -n "$pid" ] || continue
      pids[$i]="$pid"
      terminate TERM "$i"
    done
    for i in "${!pids[@]}"; do wait_exit "$i" "${pids[$i]}"; done
    log "stopped ${#pids[@]} node(s)"
    ;;
  status)
    any=0
    for i in $(all_nodes); do
      pid="$(running_pid "$i")"
      [ -n "$pid" ] || continue
      any=1
      if is_ready "$i"; then ready=ready; else ready="not ready"; fi
      echo "node $i pid $pid $(url "$i") $ready"
    done
    if [ "$any" -eq 0 ]; then
      echo "no node is running"
    else
      for i in $(all_nodes); do
        if answer="$(curl -fsS -m 5 "$(url "$i")/v1/admin/cluster" 2>/dev/null)"; then
          echo "cluster as node $i sees it:"
          echo "$answer"
          break
        fi
      done
    fi
    ;;
  *) usage ;;
esac
