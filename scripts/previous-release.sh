#!/usr/bin/env bash
# Builds the release before this one (the commit in compat/previous-release) from git, in a worktree of this
# repository under data/compat/, and prints the path of its gateway dll. The upgrade test runs nodes of it side by side
# with this checkout's build (docs/upgrading.md). A worktree that already holds that commit's build is reused.
#
# Usage: scripts/previous-release.sh [--config Release|Debug]
# Needs the commit in this clone's history (a shallow clone: git fetch --unshallow).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
config=Release
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --config=*) config="${1#*=}"; shift ;;
    *) echo "previous-release.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

log() { echo "previous-release.sh: $*" >&2; }

commit="$(grep -v '^#' "$root/compat/previous-release" | tr -d '[:space:]')"
[[ "$commit" =~ ^[0-9a-f]{40}$ ]] || { log "compat/previous-release holds no commit hash"; exit 1; }
if ! git -C "$root" cat-file -e "$commit^{commit}" 2>/dev/null; then
  log "commit $commit (compat/previous-release) is not in this clone's history (a shallow clone? git fetch --unshallow)"
  exit 1
fi

dir="$root/data/compat/${commit:0:12}"
dll="$dir/src/ConversationActors.Gateway/bin/$config/net10.0/ConversationActors.Gateway.dll"
if [ -f "$dll" ] && [ "$(git -C "$dir" rev-parse HEAD 2>/dev/null)" = "$commit" ]; then
  echo "$dll"
  exit 0
fi

git -C "$root" worktree prune
if [ ! -d "$dir" ] || [ "$(git -C "$dir" rev-parse HEAD 2>/dev/null)" != "$commit" ]; then
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  git -C "$root" worktree add --force --detach "$dir" "$commit" >&2
fi
log "building the previous release ${commit:0:12} ($config) in $dir"
dotnet build "$dir/src/ConversationActors.Gateway" -c "$config" -nologo -v quiet >&2
[ -f "$dll" ] || { log "the build left no $dll"; exit 1; }
echo "$dll"
