#!/usr/bin/env bash
# Issue #9: measures ingest, page reads (with the HTTP/serialization/Redis/PostgreSQL baselines), recovery,
# memory, the write shapes, history costs, scale curves, store outages, a soak and the torture suite (issue 26) in one
# run, and rewrites docs/benchmarks.md. About 20 minutes on 2 cores plus the soak (30 minutes unless --soak-minutes)
# and the torture soak (10 minutes unless --torture-minutes).
# Installs what it needs: redis-server (apt) when missing, PostgreSQL via scripts/postgres.sh.
#
# Usage: scripts/bench.sh [--smoke] [--no-build] [--only GROUPS] [--before REV]
#   --smoke     tiny sizes, one repetition (< 2 minutes): checks the bench works; writes data/bench/benchmarks-smoke.md
#   --no-build  use the existing Release build
#   --soak-minutes N  the soak's length (default 30)
#   --torture-minutes N  the torture soak's length (default 10): the tests' torture workload and checks, longer
#   --only      comma-separated groups (micro,recovery,memory,sqlite,pages,postgres,history,soak,torture,outage): try just those
#               (pages: the page reads alone on a fresh SQLite server);
#               writes data/bench/benchmarks-partial.md, never docs/benchmarks.md
#   --before REV  also run that git revision's own server (a worktree in data/bench, built Release) on the spread, hot
#               and fan-out shapes, right after this build's: the before rows of CPU per message (issue 27)
# Environment: BENCH_REDIS_PORT (6379), the CA_PG_* variables of scripts/postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0
build=1
only=""
soak_minutes=""
torture_minutes=""
before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --no-build) build=0 ;;
    --only) only="${2:?--only needs a list of groups}"; shift ;;
    --soak-minutes) soak_minutes="${2:?--soak-minutes needs a number}"; shift ;;
    --torture-minutes) torture_minutes="${2:?--torture-minutes needs a number}"; shift ;;
    --before) before="${2:?--before needs a git revision}"; shift ;;
    -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "bench.sh: $*" >&2; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root (or sudo) for: $*"; return 1
  fi
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# 1. Redis: installed from apt when missing, started without persistence on loopback.
redis_port="${BENCH_REDIS_PORT:-6379}"
if ! command -v redis-server >/dev/null; then
  log "installing redis-server from apt"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq redis-server >/dev/null
fi
if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
  log "starting redis-server on 127.0.0.1:$redis_port"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize yes >/dev/null
  for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.25; done
fi

# 2. PostgreSQL: installed, started, role and database created (idempotent).
./scripts/postgres.sh

pg_conn="Host=${CA_PG_HOST:-127.0.0.1};Port=${CA_PG_PORT:-5432};Database=${CA_PG_DB:-conversations};Username=${CA_PG_USER:-conversations};Password=${CA_PG_PASSWORD:-conversations}"

# 3. Release build of the bench (and with it the gateway, actors and domain).
if [ "$build" -eq 1 ]; then
  log "building Release"
  dotnet build bench/ConversationActors.Bench -c Release -nologo -v quiet
fi

# 4. Run. The driver starts the gateway servers and the child measurements itself.
bench_dll="bench/ConversationActors.Bench/bin/Release/net10.0/ConversationActors.Bench.dll"
args=(run --work data/bench --pg "$pg_conn" --redis "127.0.0.1:$redis_port")
if [ "$smoke" -eq 1 ]; then
  args+=(--smoke --report data/bench/benchmarks-smoke.md)
fi
if [ -n "$soak_minutes" ]; then
  args+=(--soak-minutes "$soak_minutes")
fi
if [ -n "$torture_minutes" ]; then
  args+=(--torture-minutes "$torture_minutes")
fi
if [ -n "$before" ]; then
  args+=(--before "$before")
fi
if [ -n "$only" ]; then
  args+=(--only "$only")
  [ "$smoke" -eq 1 ] || args+=(--report data/bench/benchmarks-partial.md)
fi
# The driver is the load client: workstation GC, so its own collections (server GC pauses both cores' worth of heaps
# on this 2-core machine) are not counted as the server's latency. The servers and measuring children it starts keep
# the gateway's server GC (ServerProcess.SelfStartInfo sets it).
DOTNET_gcServer=0 DOTNET_GCgen0size=0x4000000 exec dotnet "$bench_dll" "${args[@]}"
