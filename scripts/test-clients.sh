#!/usr/bin/env bash
# The TypeScript client's tests: `npm ci` (the committed lock file), `tsc`, then Node's test runner against real
# gateway processes (the Release build of src/ConversationActors.Gateway, which scripts/test.sh builds first), and
# the browser test in Debian's Chromium (headless, playwright-core), installed with apt-get when missing.
# Node's runner ends with `# pass N` and `# fail M`; scripts/test.sh adds them to its closing line.
# Usage: scripts/test-clients.sh [--no-browser]
set -uo pipefail
cd "$(dirname "$0")/../clients/typescript"

browser=1
if [ "${1:-}" = "--no-browser" ]; then
  browser=0
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing Node.js (Debian packages)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; } >/dev/null || { echo "# fail 1"; exit 1; }
fi

gateway_dll="../../src/ConversationActors.Gateway/bin/Release/net10.0/ConversationActors.Gateway.dll"
if [ ! -f "$gateway_dll" ]; then
  dotnet build ../../src/ConversationActors.Gateway -c Release -nologo -v quiet || { echo "# fail 1"; exit 1; }
fi

npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "# fail 1"; exit 1; }
npx tsc -p tsconfig.json || { echo "tsc failed"; echo "# fail 1"; exit 1; }

files=(test/client.test.mjs test/listener.test.mjs test/readme.test.mjs test/resume.test.mjs test/openapi.test.mjs)
if [ "$browser" -eq 1 ]; then
  if ! command -v chromium >/dev/null; then
    echo "installing Chromium (Debian package) for the browser test"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null || { echo "could not install chromium"; echo "# fail 1"; exit 1; }
  fi
  files+=(test/browser.test.mjs)
fi

# One run at a time: each test starts its own gateway process, and the machine has two cores.
exec node --test --test-concurrency=1 "${files[@]}"
