#!/usr/bin/env bash
# The web console's browser tests (tests/console): `npm ci` there (playwright-core), then Node's test runner drives
# Debian's Chromium (headless; installed with apt-get when missing) against real gateway processes (the Release build
# of src/ConversationActors.Gateway, which scripts/test.sh builds first). The two-node test runs when PostgreSQL
# answers on CA_PG_HOST:CA_PG_PORT (scripts/test.sh's full run starts it for the cluster tests); otherwise it is
# reported as skipped. Screenshots: TestResults/console/. Node's runner ends with `# pass N` / `# fail M`, which
# scripts/test.sh adds to its closing line.
# Usage: scripts/test-console.sh
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/tests/console"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing Node.js (Debian packages)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; } >/dev/null || { echo "# fail 1"; exit 1; }
fi
if ! command -v chromium >/dev/null; then
  echo "installing Chromium (Debian package) for the console tests"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null || { echo "could not install chromium"; echo "# fail 1"; exit 1; }
fi

gateway_dll="$root/src/ConversationActors.Gateway/bin/Release/net10.0/ConversationActors.Gateway.dll"
if [ ! -f "$gateway_dll" ]; then
  dotnet build "$root/src/ConversationActors.Gateway" -c Release -nologo -v quiet || { echo "# fail 1"; exit 1; }
fi

npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "# fail 1"; exit 1; }

# One test at a time: each starts its own gateway process (or two), and the machine has two cores.
exec node --test --test-concurrency=1 console.test.mjs
