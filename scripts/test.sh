#!/usr/bin/env bash
# Runs the whole test suite. Installs and starts what the tests need when it is missing:
# PostgreSQL (scripts/postgres.sh; or set STADTWERK_TEST_POSTGRES to use your own server) and
# Chromium for the browser tests and the PDF tools (poppler-utils, qpdf) for the letter tests (scripts/chromium.sh).
# Usage: scripts/test.sh [extra arguments for dotnet test]
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "scripts/test.sh: the .NET 10 SDK is required (dotnet not on PATH)" >&2
  exit 1
fi

if [ ! -d ../shared/spec/examples ]; then
  echo "scripts/test.sh: the spec examples are expected in ../shared/spec/examples beside the repository" >&2
  exit 1
fi

# A real PostgreSQL server: the integration tests run on SQLite AND PostgreSQL and fail without it.
eval "$(bash scripts/postgres.sh)"
bash scripts/chromium.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test --solution Stadtwerk.slnx -c Release "$@" 2>&1 | tee "$log" || status=$?

# One plain closing line for CI: 'N passed, N failed' summed over all test assemblies.
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "scripts/test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
