#!/usr/bin/env bash
# Network faults between the nodes of a local cluster started with CLUSTER_HOSTS=distinct (scripts/cluster.sh):
# divides the loopback network with nftables rules, or freezes a node as a long GC pause would.
#
# Usage: scripts/netfault.sh COMMAND
#   split "A B" "C D"   every node of the first group loses every node of the second, both ways
#   isolate I           node I loses every other node (those with a pid file in CLUSTER_DIR, or 1..CLUSTER_NODES)
#   bridge A B C        B and C lose each other; A still sees both (a non-transitive partition)
#   heal                removes every rule of this script (its own nftables table), nothing else
#   status              the rules now in force
#   freeze I / thaw I   SIGSTOP / SIGCONT node I (a stop-the-world pause: its sockets stay open)
#
# How: the kernel gives every outgoing loopback connection the source address 127.0.0.1, so addresses alone do not
# say which node sent a packet. cluster.sh runs node I in its own cgroup (v2), and "A loses B" is four rules in one
# table: node A's sockets may neither send to B's address nor receive from it, and the same for B's sockets and A's
# address (hooks output and input, on lo). Clients outside the cluster (curl, the tests) still reach every node.
# nftables is installed (apt-get) when `nft` is missing; needs root.
#
# Environment: CLUSTER_DIR, CLUSTER_HTTP_BASE (as for cluster.sh: they name the table and the cgroups),
# CLUSTER_NODES (how many nodes "isolate" knows when there are no pid files).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${CLUSTER_DIR:-$root/data/cluster}"
http_base="${CLUSTER_HTTP_BASE:-5080}"
table="conversation_actors_$http_base"
command="${1:-}"
shift || true

log() { echo "netfault.sh: $*" >&2; }
usage() { sed -n '2,20p' "$0" >&2; exit 2; }
host() { echo "127.0.0.$((10 + $1))"; }
node_number() {
  [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || { log "a node number (1, 2, ...) is required, got '${1:-}'"; exit 2; }
}

# Node I's cgroup as nft names it: relative to /sys/fs/cgroup, where nft looks (cgroup v2 may be mounted below it).
cgroup() {
  local mount
  mount="$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)"
  [ -n "$mount" ] || { log "no cgroup v2 mount: the nodes cannot be told apart"; exit 1; }
  local path="$mount/conversation-actors-node-$((http_base + $1))"
  [ -d "$path" ] || { log "node $1 has no cgroup $path: start the cluster with CLUSTER_HOSTS=distinct"; exit 1; }
  path="${path#/sys/fs/cgroup}"
  echo "${path#/}"
}

ensure_nft() {
  command -v nft >/dev/null && return
  log "installing nftables"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nftables >&2 || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nftables >&2; }
}

# The rules of one command are gathered here and applied by apply_rules in one nft transaction: the network divides at
# one instant, and a command costs one nft call.
rules=()

ensure_table() {
  rules+=("add table inet $table"
    "add chain inet $table output { type filter hook output priority 0; policy accept; }"
    "add chain inet $table input { type filter hook input priority 0; policy accept; }")
}

apply_rules() {
  printf '%s\n' "${rules[@]}" | nft -f -
}

# Node A's sockets lose B's address, and B's sockets lose A's.
sever() {
  local a="$1" b="$2" ca cb
  ca="$(cgroup "$a")"
  cb="$(cgroup "$b")"
  rules+=("add rule inet $table output socket cgroupv2 level 1 \"$ca\" ip daddr $(host "$b") counter drop comment \"$a-/-$b\""
    "add rule inet $table input socket cgroupv2 level 1 \"$ca\" ip saddr $(host "$b") counter drop comment \"$a-/-$b\""
    "add rule inet $table output socket cgroupv2 level 1 \"$cb\" ip daddr $(host "$a") counter drop comment \"$b-/-$a\""
    "add rule inet $table input socket cgroupv2 level 1 \"$cb\" ip saddr $(host "$a") counter drop comment \"$b-/-$a\"")
  log "node $a and node $b no longer reach each other"
}

all_nodes() {
  local f found=()
  shopt -s nullglob
  for f in "$dir"/node-*.pid; do
    f="${f##*/node-}"
    found+=("${f%.pid}")
  done
  if [ ${#found[@]} -eq 0 ]; then seq 1 "${CLUSTER_NODES:-3}"; else printf '%s\n' "${found[@]}" | sort -n; fi
}

node_pid() {
  local file="$dir/node-$1.pid"
  [ -s "$file" ] || { log "node $1 has no pid file ($file)"; exit 1; }
  cat "$file"
}

case "$command" in
  split)
    [ $# -eq 2 ] || usage
    ensure_nft
    ensure_table
    for a in $1; do node_number "$a"; for b in $2; do node_number "$b"; sever "$a" "$b"; done; done
    apply_rules
    ;;
  isolate)
    node_number "${1:-}"
    ensure_nft
    ensure_table
    for b in $(all_nodes); do [ "$b" = "$1" ] || sever "$1" "$b"; done
    apply_rules
    ;;
  bridge)
    [ $# -eq 3 ] || usage
    for i in "$@"; do node_number "$i"; done
    ensure_nft
    ensure_table
    sever "$2" "$3"
    apply_rules
    log "node $1 still reaches both"
    ;;
  heal)
    ensure_nft
    if nft delete table inet "$table" 2>/dev/null; then log "healed: table inet $table removed"; else log "nothing to heal"; fi
    ;;
  status)
    ensure_nft
    nft list table inet "$table" 2>/dev/null || echo "no rules (table inet $table does not exist)"
    ;;
  freeze)
    node_number "${1:-}"
    kill -STOP "$(node_pid "$1")"
    log "node $1 frozen (SIGSTOP, pid $(node_pid "$1"))"
    ;;
  thaw)
    node_number "${1:-}"
    kill -CONT "$(node_pid "$1")"
    log "node $1 thawed (SIGCONT, pid $(node_pid "$1"))"
    ;;
  *) usage ;;
esac
