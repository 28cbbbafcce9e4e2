#!/usr/bin/env bash
# The one test command (README, .ci/run): builds the solution and runs every test project, the TypeScript client's
# tests, the alert rules' promtool tests, the web console's browser tests and the bench smoke, then prints the closing
# line `tests: N passed, M failed, K skipped` summed from the TRX results and Node's test runner (skipped = tests that
# did not run: xunit skips are "notExecuted" in a TRX, Node's "# skip"; under --quick the cluster tests, the
# console's browser tests and the bench smoke are counted as skipped).
# Two phases: every test outside Category=Cluster (one test project at a time, so timing-sensitive
# tests never share the two cores with the fuzzer; ~3 min), then the multi-process cluster
# tests (one at a time, real PostgreSQL via scripts/postgres.sh, which installs it if missing: ~6 min).
# Usage: scripts/test.sh [--quick] [extra dotnet test arguments]
#   --quick   skip the cluster tests (no PostgreSQL needed), the client's browser test and the console's tests
set -uo pipefail
cd "$(dirname "$0")/.."

quick=0
if [ "${1:-}" = "--quick" ]; then
  quick=1
  shift
fi

results="TestResults"
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build ConversationActors.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

status=0
dotnet test ConversationActors.sln -c Release --no-build -nologo -m:1 --filter "Category!=Cluster" \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

if [ "$quick" -eq 0 ]; then
  # Alone, after the rest: they measure fail-over times and must not share the two cores.
  dotnet test tests/ConversationActors.Cluster.Tests -c Release --no-build -nologo --filter "Category=Cluster" \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?
fi

passed=0
failed=0
skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx)
counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(counter passed "$counters")
  f=$(counter failed "$counters")
  e=$(counter error "$counters")
  t=$(counter timeout "$counters")
  a=$(counter aborted "$counters")
  n=$(counter notExecuted "$counters")
  k=$(counter skipped "$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${n:-0} + ${k:-0}))
done

# Adds a log's Node-runner-style `# pass N` / `# fail M` / `# skip K` lines to the closing line's counts; a script
# that exited non-zero without a failing test (it could not install or build what it needs) counts as one failure.
add_counts() {
  local log=$1 status=$2 log_failed
  log_failed=$(awk '/^# fail [0-9]+$/ { n += $3 } END { print n + 0 }' "$log")
  if [ "$status" -ne 0 ] && [ "$log_failed" -eq 0 ]; then
    log_failed=1
  fi
  passed=$((passed + $(awk '/^# pass [0-9]+$/ { n += $3 } END { print n + 0 }' "$log")))
  failed=$((failed + log_failed))
  skipped=$((skipped + $(awk '/^# (skip|todo) [0-9]+$/ { n += $3 } END { print n + 0 }' "$log")))
}

# The TypeScript client (issue 16): Node's test runner against real gateway processes, plus the browser test in
# Chromium unless --quick. Its `# pass N` / `# fail M` lines add to the closing line.
client_log="$results/typescript-client.log"
client_args=()
[ "$quick" -eq 1 ] && client_args+=(--no-browser)
./scripts/test-clients.sh "${client_args[@]}" 2>&1 | tee "$client_log"
add_counts "$client_log" "${PIPESTATUS[0]}"

# The Prometheus alert rules (issue 31): promtool's check and unit tests, under --quick too (under a second).
alerts_log="$results/alerts.log"
./scripts/test-alerts.sh 2>&1 | tee "$alerts_log"
add_counts "$alerts_log" "${PIPESTATUS[0]}"

# The bench's smoke run (issue #13): every scenario at tiny sizes (~1 minute), so a broken scenario fails here and
# not in the next quiet benchmark run. It counts as one test; --quick skips it (and counts it as skipped).
if [ "$quick" -eq 0 ]; then
  if ./scripts/bench.sh --smoke --no-build > "$results/bench-smoke.log" 2>&1; then
    echo "bench smoke: passed"
    passed=$((passed + 1))
  else
    echo "bench smoke: FAILED (see $results/bench-smoke.log)"
    grep -E "FAILED|failed:" "$results/bench-smoke.log" | head -n 5
    failed=$((failed + 1))
  fi
else
  skipped=$((skipped + 1))
fi

if [ "$quick" -eq 1 ]; then
  # The cluster phase did not run: count its tests (the [Fact]s of the classes marked Category=Cluster) as skipped.
  cluster_files=$(grep -l 'Trait("Category", "Cluster")' tests/ConversationActors.Cluster.Tests/*.cs)
  cluster_tests=$(cat $cluster_files | grep -cE '^\s*\[(Fact|Theory)' || true)
  echo "cluster phase skipped (--quick): ${cluster_tests} cluster tests not run"
  skipped=$((skipped + cluster_tests))
fi

# The web console (issue 17): its browser tests in Chromium, skipped by --quick; counted like the client's.
if [ "$quick" -eq 0 ]; then
  console_log="$results/console.log"
  ./scripts/test-console.sh 2>&1 | tee "$console_log"
  add_counts "$console_log" "${PIPESTATUS[0]}"
fi

if [ ${#trx_files[@]} -eq 0 ]; then
  echo "no test results were written"
  status=1
  failed=$((failed + 1))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # dotnet test failed without a failing test (a crashed test host, say): count it as a failure.
  failed=1
fi

# What failed, by name, just above the closing line: CI shows a long log's tail, where the dotnet runner's own
# "Failed ..." lines may have scrolled out of it.
for trx in "${trx_files[@]}"; do
  grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Timeout\|Aborted\)"[^>]*>' "$trx" \
    | sed -n 's/.*testName="\([^"]*\)".*/failed: \1/p'
done
for log in "$client_log" "$alerts_log" ${console_log:+"$console_log"}; do
  grep -E '^\s*not ok ' "$log" | sed 's/^\s*/failed: /'
done

echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
