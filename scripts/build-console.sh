#!/usr/bin/env bash
# Copies the TypeScript client's ES module build (clients/typescript, `tsc`) into the web console's embedded assets,
# src/ConversationActors.Gateway/WebConsole/assets/client/, so the gateway serves it with no CDN and `dotnet run` needs no
# Node. The copy is committed; run this after changing the client. `--check` only compares (exit 1 when stale).
# Usage: scripts/build-console.sh [--check]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
client="$root/clients/typescript"
target="$root/src/ConversationActors.Gateway/WebConsole/assets/client"

cd "$client"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npx tsc -p tsconfig.json

fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
for file in dist/*.js; do
  # The source maps stay behind (they point at src/*.ts, which the gateway does not serve).
  grep -v '^//# sourceMappingURL=' "$file" >"$fresh/$(basename "$file")"
done

if [ "${1:-}" = "--check" ]; then
  if diff -r "$fresh" "$target" >/dev/null; then
    echo "build-console.sh: the console's copy of the TypeScript client is current"
    exit 0
  fi
  echo "build-console.sh: the console's copy of the TypeScript client is stale; run scripts/build-console.sh" >&2
  diff -r "$fresh" "$target" >&2 || true
  exit 1
fi

rm -rf "$target"
mkdir -p "$target"
cp "$fresh"/*.js "$target/"
echo "build-console.sh: copied $(ls "$target" | wc -l) files to ${target#"$root"/}"
