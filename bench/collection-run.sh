#!/usr/bin/env bash
# The collection run benchmark (docs/benchmarks.md, "Collection run"): generates a utility of CONTRACTS contracts
# with bench/Stadtwerk.ImportGenerator, imports it, moves every installment plan to the same monthly due day
# (as a utility collects: the month's last day) with a mandate signed in 2025, then runs
# `stadtwerk payments collect --date 2027-01-31` under /usr/bin/time -v (peak working set), a second time to show
# that a repeated run writes nothing, and counts what was written.
# Usage: bench/collection-run.sh sqlite|postgres CONTRACTS
# On PostgreSQL, KEEP_DB=1 keeps the database stadtwerk_bench_collect afterwards, and REUSE_DB=1 runs on the kept one
# (its collection runs, requests and entries removed first) instead of generating and importing again.
set -euo pipefail
provider=${1:?sqlite or postgres}
contracts=${2:?number of contracts}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet build -c Release src/Stadtwerk.Cli -v q -nologo >/dev/null
dotnet build -c Release bench/Stadtwerk.ImportGenerator -v q -nologo >/dev/null
cli="dotnet $root/src/Stadtwerk.Cli/bin/Release/net10.0/stadtwerk.dll"
work=$(mktemp -d /tmp/stadtwerk-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
reuse=${REUSE_DB:-0}
if [ "$reuse" != 1 ]; then
  dotnet bench/Stadtwerk.ImportGenerator/bin/Release/net10.0/Stadtwerk.ImportGenerator.dll "$work/csv" "$contracts" >&2
fi

if [ "$provider" = postgres ]; then
  eval "$(bash scripts/postgres.sh)"
  admin="postgresql://stadtwerk:stadtwerk@127.0.0.1:5432/postgres"
  echo "server: $(psql -Atc "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ') FROM pg_settings WHERE name IN ('shared_buffers', 'max_wal_size')" "$admin") (bench/postgres-tuning.sh sizes it)"
  if [ "$reuse" != 1 ]; then
    psql -q "$admin" -c "DROP DATABASE IF EXISTS stadtwerk_bench_collect" -c "CREATE DATABASE stadtwerk_bench_collect"
  fi
  conn="Host=127.0.0.1;Port=5432;Username=stadtwerk;Password=stadtwerk;Database=stadtwerk_bench_collect"
  db=(--provider Postgres --connection "$conn")
  run_sql() { psql -q -tA "postgresql://stadtwerk:stadtwerk@127.0.0.1:5432/stadtwerk_bench_collect" -c "$1"; }
else
  conn="Data Source=$work/bench.db"
  db=(--provider Sqlite --connection "$conn")
  run_sql() { sqlite3 "$work/bench.db" "$1"; }
fi

$cli db migrate "${db[@]}" >&2
if [ "$reuse" = 1 ]; then
  run_sql "TRUNCATE direct_debits, installment_requests, collection_runs CASCADE"
else
  $cli import all "$work/csv" "${db[@]}" >&2
fi
run_sql "UPDATE contracts SET installment_first_due = '2026-12-31', installment_count = 11, end_date = NULL WHERE installment_amount IS NOT NULL"
run_sql "UPDATE contracts SET bank_mandate_signed_on = '2025-01-01' WHERE bank_mandate_reference IS NOT NULL"
# What autovacuum does soon after a bulk load (PostgreSQL 13+ vacuums after many inserts too): hint bits and the
# visibility map of the imported and updated rows are set, so the collection run is measured on an established database and not on
# the first reads after the import.
if [ "$provider" = postgres ]; then
  run_sql "VACUUM (ANALYZE) customers, premises, contracts, meters, readings, tariffs"
else
  run_sql "ANALYZE"
fi
for attempt in first repeat; do
  echo "collection run ($attempt):"
  /usr/bin/time -v $cli payments collect --date 2027-01-31 "${db[@]}" 2>"$work/time.txt"
  grep -E 'Maximum resident set size|Elapsed \(wall clock\)|Percent of CPU' "$work/time.txt"
done
echo "installment requests: $(run_sql "SELECT count(*) FROM installment_requests")"
echo "direct debits: $(run_sql "SELECT count(*) FROM direct_debits")"
if [ "$provider" = postgres ] && [ "${KEEP_DB:-0}" != 1 ]; then
  psql -q "$admin" -c "DROP DATABASE stadtwerk_bench_collect"
fi
