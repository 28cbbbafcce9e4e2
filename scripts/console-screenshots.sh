#!/usr/bin/env bash
# Regenerates the README's console screenshots (docs/console/*.png) by running the console's browser tests with
# CONSOLE_README_SHOTS=1: each view is captured by the test that drives it, so a picture is only refreshed by a
# passing test. The two-node picture needs PostgreSQL: this script starts it with scripts/postgres.sh (root).
# Usage: scripts/console-screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet build src/ConversationActors.Gateway -c Release -nologo -v quiet
./scripts/postgres.sh
CONSOLE_README_SHOTS=1 ./scripts/test-console.sh
ls -l docs/console/
