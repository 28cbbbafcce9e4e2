#!/usr/bin/env bash
# Gets a local PostgreSQL ready for a cluster: installs it from Debian's packages if it is missing,
# starts it, and creates the role and the database the nodes use. Idempotent: run it as often as you
# like; when the database already answers with the configured credentials it changes nothing.
#
# Usage: scripts/postgres.sh [--reset | --stop]
#   --reset   drop and recreate the database (tests use this for a fresh journal)
#   --stop    stop the PostgreSQL cluster on the port (fast shutdown: as an operator's restart for an
#             upgrade does; the store-outage tests use it); run without arguments to start it again
# Environment (defaults match config/postgres.conf):
#   CA_PG_HOST=127.0.0.1  CA_PG_PORT=5432  CA_PG_DB=conversations
#   CA_PG_USER=conversations  CA_PG_PASSWORD=conversations
# Installing and starting need root (or sudo); a database that already answers needs neither.
set -euo pipefail

host="${CA_PG_HOST:-127.0.0.1}"
port="${CA_PG_PORT:-5432}"
db="${CA_PG_DB:-conversations}"
user="${CA_PG_USER:-conversations}"
password="${CA_PG_PASSWORD:-conversations}"
reset=0
stop=0
for arg in "$@"; do
  case "$arg" in
    --reset) reset=1 ;;
    --stop) stop=1 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "postgres.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { echo "postgres.sh: $*" >&2; }

# Run a command as root: directly, or through sudo when we are not root.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root (or sudo) for: $*"; return 1
  fi
}

# Run psql as the postgres superuser over the local socket (peer authentication).
as_postgres() {
  if [ "$(id -un)" = postgres ]; then psql -v ON_ERROR_STOP=1 -qtA "$@"; else
    as_root su postgres -s /bin/sh -c 'cd / && psql -v ON_ERROR_STOP=1 -qtA "$@"' -- psql "$@"
  fi
}

app_can_connect() {
  command -v psql >/dev/null &&
    PGPASSWORD="$password" PGCONNECT_TIMEOUT=3 psql -h "$host" -p "$port" -U "$user" -d "$db" -qtAc 'select 1' >/dev/null 2>&1
}

if [ "$stop" -eq 1 ]; then
  read -r version name _ < <(pg_lsclusters -h | awk -v p="$port" '$3 == p' | sort -k1,1n | tail -n 1)
  if [ -z "${version:-}" ]; then
    log "no PostgreSQL cluster on port $port"
    exit 1
  fi
  log "stopping PostgreSQL $version/$name (fast)"
  as_root pg_ctlcluster "$version" "$name" stop -m fast
  exit 0
fi

if [ "$reset" -eq 0 ] && app_can_connect; then
  log "database $db on $host:$port is ready (user $user)"
  exit 0
fi

# 1. Install.
if ! command -v pg_lsclusters >/dev/null || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq postgresql >/dev/null
fi

# 2. Start the newest cluster on the port (Debian creates "main" on install).
if ! pg_isready -q -h "$host" -p "$port"; then
  read -r version name _ < <(pg_lsclusters -h | awk -v p="$port" '$3 == p' | sort -k1,1n | tail -n 1)
  if [ -z "${version:-}" ]; then
    log "no PostgreSQL cluster listens on port $port (pg_lsclusters shows none); create one with pg_createcluster"
    exit 1
  fi
  log "starting PostgreSQL $version/$name"
  as_root pg_ctlcluster "$version" "$name" start
  for _ in $(seq 1 60); do
    pg_isready -q -h "$host" -p "$port" && break
    sleep 0.5
  done
  pg_isready -q -h "$host" -p "$port" || { log "PostgreSQL did not accept connections on $host:$port"; exit 1; }
fi

# 3. Role and database. Identifiers and the password are quoted for SQL by format().
as_postgres -v user="$user" -v password="$password" <<'SQL'
SELECT format(CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user')
                   THEN 'ALTER ROLE %I WITH LOGIN PASSWORD %L'
                   ELSE 'CREATE ROLE %I WITH LOGIN PASSWORD %L' END, :'user', :'password') \gexec
SQL
if [ "$reset" -eq 1 ]; then
  log "dropping database $db"
  as_postgres -v db="$db" <<'SQL'
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SQL
fi
as_postgres -v db="$db" -v user="$user" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

if ! app_can_connect; then
  log "PostgreSQL runs but $user cannot connect to $db on $host:$port (check pg_hba.conf allows password auth on TCP)"
  exit 1
fi
log "database $db on $host:$port is ready (user $user)"
