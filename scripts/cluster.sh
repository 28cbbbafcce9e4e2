#!/usr/bin/env bash
# A local multi-process cluster: gateway nodes on loopback sharing one PostgreSQL journal.
#
# Usage: scripts/cluster.sh [--config Release|Debug] [--build|--no-build] COMMAND
#   start N        start nodes 1..N (those not running), wait until all are Up and ready, print URLs
#   start-node I   start node I, which joins the running cluster (never forms one: its own address is put
#                  last among the seeds); wait until it is ready
#   kill I         SIGKILL node I (a crash: the survivors down it and take its shards over; under
#                  CLUSTER_SUPERVISE=1 the supervisor restarts it)
#   term I         SIGTERM node I and wait for it to exit (graceful: leaves, hands its shards off);
#                  its supervisor, if any, is stopped first
#   stop           SIGTERM every node (supervisors first) and wait for them to exit
#   status         each node: pid, alive, ready; and the cluster's members as node 1.. sees them
#
# Node I: HTTP http://127.0.0.1:$((5080+I)), Akka remoting 127.0.0.1:$((4050+I)); nodes 1 and 2 are
# the seed nodes (node 1 forms the cluster alone when node 2 does not answer). Pid and log files are
# in data/cluster/ (node-I.pid, node-I.log). PostgreSQL is set up by scripts/postgres.sh when it
# does not answer. The gateway is built when its dll is missing (--build: always; --no-build: never).
#
# CLUSTER_HOSTS=distinct: node I binds HTTP and Akka remoting on its own loopback address 127.0.0.(10+I)
# (same ports; seeds follow), and runs in its own cgroup (v2) conversation-actors-node-<HTTP port>, so
# that scripts/netfault.sh can divide the network between nodes (the kernel gives every outgoing
# loopback connection the source address 127.0.0.1; the cgroup tells whose socket it is).
# CLUSTER_SUPERVISE=1: each node runs under a restart loop, as systemd's Restart=always would: when
# the node exits (a crash, or downed by the split-brain resolver) it is started again after
# CLUSTER_RESTART_DELAY seconds (1), each restart logged in node-I.log; supervisor-I.pid is the loop's.
#
# Environment (all optional):
#   CLUSTER_DIR=data/cluster       pid and log files
#   CLUSTER_HTTP_BASE=5080  CLUSTER_AKKA_BASE=4050   node I listens on BASE+I
#   CLUSTER_READY_TIMEOUT=120      seconds to wait for nodes to be ready
#   CLUSTER_HOSTS=same|distinct    127.0.0.1 for every node (default), or 127.0.0.(10+I) (see above)
#   CLUSTER_SUPERVISE=0|1          run each node under a restart loop (see above)
#   CLUSTER_RESTART_DELAY=1        seconds the supervisor waits before restarting an exited node
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
user_seeds="${CONVERSATION_ACTORS_SEED_NODES:-}"
hosts="${CLUSTER_HOSTS:-same}"
supervise="${CLUSTER_SUPERVISE:-0}"
restart_delay="${CLUSTER_RESTART_DELAY:-1}"

usage() { sed -n '2,41p' "$0" >&2; exit 2; }
host() { if [ "$hosts" = distinct ]; then echo "127.0.0.$((10 + $1))"; else echo 127.0.0.1; fi; }
url() { echo "http://$(host "$1"):$((http_base + $1))"; }
pid_file() { echo "$dir/node-$1.pid"; }
supervisor_pid_file() { echo "$dir/supervisor-$1.pid"; }
# The node's cgroup (v2) under CLUSTER_HOSTS=distinct; scripts/netfault.sh names it the same way.
cgroup_dir() { echo "$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)/conversation-actors-node-$((http_base + $1))"; }
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

# launch I form|join: "form" (start N) lets node 1, the first seed, form a new cluster when no other seed answers;
# "join" (start-node, and every restart by the supervisor) puts the node's own address last in the seed list, so it
# only ever joins a running cluster and waits until one answers. A seed restarted while cut off from the others would
# otherwise form a second cluster beside the first (two copies of its users' entities, and the clusters never merge).
launch() {
  local i="$1" mode="$2" pid
  if pid="$(running_pid "$i")" && [ -n "$pid" ]; then
    log "node $i already runs (pid $pid)"
    return
  fi
  local connection="Host=$pg_host;Port=$pg_port;Database=${CA_PG_DB:-conversations};Username=${CA_PG_USER:-conversations};Password=${CA_PG_PASSWORD:-conversations}"
  local seed1="akka.tcp://conversation-actors@$(host 1):$((akka_base + 1))" seed2="akka.tcp://conversation-actors@$(host 2):$((akka_base + 2))"
  local seeds="$seed1,$seed2" join_seeds="$seed1,$seed2"
  [ "$i" != 1 ] || join_seeds="$seed2,$seed1"
  [ "$mode" = join ] && seeds="$join_seeds"
  if [ -n "$user_seeds" ]; then seeds="$user_seeds" join_seeds="$user_seeds"; fi
  local cgroup=""
  if [ "$hosts" = distinct ]; then
    cgroup="$(cgroup_dir "$i")"
    mkdir -p "$cgroup" || { log "cannot create the cgroup $cgroup (CLUSTER_HOSTS=distinct needs cgroup v2 and root)"; exit 1; }
  fi
  echo "=== $(date -u +%FT%TZ) starting node $i from $dll" >>"$(log_file "$i")"
  # setsid: the node outlives this script and its terminal. Unsupervised, the exec chain keeps $! the app's own
  # pid; supervised, $! is the restart loop's and the loop writes each node's pid into node-I.pid.
  export CONVERSATION_ACTORS_STORE=postgres \
    CONVERSATION_ACTORS_POSTGRES_CONNECTION="${CONVERSATION_ACTORS_POSTGRES_CONNECTION:-$connection}" \
    CONVERSATION_ACTORS_AKKA_HOST="$(host "$i")" \
    CONVERSATION_ACTORS_AKKA_PORT=$((akka_base + i)) \
    CONVERSATION_ACTORS_SEED_NODES="$seeds" \
    CONVERSATION_ACTORS_CURSOR_KEY="$(cursor_key)" \
    CONVERSATION_ACTORS_CONFIG_DIR="${CONVERSATION_ACTORS_CONFIG_DIR:-$(dirname "$dll")/config}" \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
  local node_log pid_path
  node_log="$(log_file "$i")"
  pid_path="$(pid_file "$i")"
  if [ "$supervise" = 1 ]; then
    rm -f "$pid_path"
    # shellcheck disable=SC2016 # expanded by the loop's own shell
    setsid bash -c '
      [ -z "$1" ] || echo $$ >"$1/cgroup.procs"
      while :; do
        dotnet "$2" --urls "$3" </dev/null >>"$4" 2>&1 &
        node=$!
        echo "$node" >"$5"
        wait "$node" && status=0 || status=$?
        echo "=== $(date -u +%FT%TZ) node $6 (pid $node) exited with status $status; the supervisor restarts it in $7 s" >>"$4"
        sleep "$7"
        echo "=== $(date -u +%FT%TZ) starting node $6 (supervisor restart, joining only)" >>"$4"
        export CONVERSATION_ACTORS_SEED_NODES="$8"
      done' supervisor "$cgroup" "$dll" "$(url "$i")" "$node_log" "$pid_path" "$i" "$restart_delay" "$join_seeds" </dev/null >>"$node_log" 2>&1 &
    echo $! >"$(supervisor_pid_file "$i")"
    local deadline=$((SECONDS + 10))
    until [ -s "$pid_path" ]; do
      [ $SECONDS -lt $deadline ] || { log "the supervisor of node $i did not start it"; exit 1; }
      sleep 0.1
    done
  elif [ -n "$cgroup" ]; then
    # shellcheck disable=SC2016
    setsid bash -c 'echo $$ >"$1/cgroup.procs"; exec dotnet "$2" --urls "$3"' node "$cgroup" "$dll" "$(url "$i")" </dev/null >>"$node_log" 2>&1 &
    echo $! >"$pid_path"
  else
    setsid dotnet "$dll" --urls "$(url "$i")" </dev/null >>"$node_log" 2>&1 &
    echo $! >"$pid_path"
  fi
  log "node $i started (pid $(cat "$pid_path"), $(url "$i"), akka port $((akka_base + i)), log $node_log$([ "$supervise" = 1 ] && echo ", supervised"))"
}

# Stops node I's supervisor (if any) so that the node's next exit is final. The loop has no trap: SIGTERM ends it
# at once, and the node it started goes on.
unsupervise() {
  local file pid
  file="$(supervisor_pid_file "$1")"
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    log "stopped the supervisor of node $1 (pid $pid)"
  fi
  rm -f "$file"
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
  for f in "$dir"/node-*.pid "$dir"/supervisor-*.pid; do
    f="${f##*/node-}"
    f="${f##*/supervisor-}"
    echo "${f%.pid}"
  done | sort -nu
}

mkdir -p "$dir"
case "$command" in
  start)
    node_number "${1:-}"
    ensure_built
    ensure_postgres
    nodes=($(seq 1 "$1"))
    for i in "${nodes[@]}"; do launch "$i" form; done
    wait_ready "${nodes[@]}"
    for i in "${nodes[@]}"; do echo "node $i $(url "$i")"; done
    ;;
  start-node)
    node_number "${1:-}"
    ensure_built
    ensure_postgres
    launch "$1" join
    wait_ready "$1"
    echo "node $1 $(url "$1")"
    ;;
  kill)
    node_number "${1:-}"
    pid="$(running_pid "$1")"
    terminate KILL "$1"
    if [ -n "$pid" ]; then
      while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
      # Under supervision the loop may already have written its restarted node's pid: leave that one.
      [ "$(cat "$(pid_file "$1")" 2>/dev/null)" != "$pid" ] || rm -f "$(pid_file "$1")"
    fi
    ;;
  term)
    node_number "${1:-}"
    unsupervise "$1"
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
    for i in $(all_nodes); do unsupervise "$i"; done
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
