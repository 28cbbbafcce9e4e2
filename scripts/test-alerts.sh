#!/usr/bin/env bash
# The Prometheus alert rules (config/prometheus/alerts.yml, issue 31): `promtool check rules` (syntax, templates) and
# `promtool test rules` over tests/prometheus/alerts.test.yml (each alert fires when it should, and not before).
# promtool comes from Debian's `prometheus` package, installed with apt-get when missing. It runs under
# scripts/test.sh --quick too: it takes under a second and needs no gateway (the metric names the rules use are
# checked against a real scrape by the Gateway tests' AlertRulesTests). Prints Node-runner-style `# pass N` /
# `# fail M` (one test for the check, one per test group of the unit tests; `not ok - NAME` for each failure),
# which scripts/test.sh adds to its closing line.
# Usage: scripts/test-alerts.sh
set -uo pipefail
cd "$(dirname "$0")/.."

rules=config/prometheus/alerts.yml
tests=tests/prometheus/alerts.test.yml

if ! command -v promtool >/dev/null; then
  echo "installing promtool (Debian package prometheus)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus; } >/dev/null || { echo "could not install prometheus"; echo "# fail 1"; exit 1; }
fi

passed=0
failed=0
if promtool check rules "$rules"; then
  echo "ok - promtool check rules $rules"
  passed=$((passed + 1))
else
  echo "not ok - promtool check rules $rules"
  failed=$((failed + 1))
fi

groups=$(grep -c '^  - name:' "$tests")
output=$(promtool test rules "$tests" 2>&1)
test_status=$?
echo "$output"
# promtool names each failing test group as "name: NAME," (once per failing alert and time).
failing=$(sed -n 's/^ *name: \(.*\),$/\1/p' <<<"$output" | sort -u)
failing_groups=$(grep -c . <<<"$failing")
if [ "$test_status" -ne 0 ] && [ "$failing_groups" -eq 0 ]; then
  failing_groups=$groups # it did not get as far as the tests (a file it could not read, say)
  failing="every test of $tests"
fi
if [ -n "$failing" ]; then
  sed 's/^/not ok - /' <<<"$failing"
fi
passed=$((passed + groups - failing_groups))
failed=$((failed + failing_groups))

echo "# pass $passed"
echo "# fail $failed"
[ "$failed" -eq 0 ]
