#!/usr/bin/env bash
# The billing run benchmark (docs/benchmarks.md, "Billing runs"): generates a utility of CONTRACTS contracts with
# bench/Stadtwerk.ImportGenerator, imports it, adds the gas factors, and bills the 2020 periods with
# `stadtwerk billing-run start` under /usr/bin/time -v (peak working set of the process that bills).
# With DISPATCH=N (N processes, e.g. DISPATCH=1), the bill letters the run queued are then rendered and stored by N
# `stadtwerk bills dispatch` processes at once (docs/benchmarks.md, "Bill letters"), also under /usr/bin/time -v.
# Usage: [DISPATCH=N] bench/billing-run.sh sqlite|postgres CONTRACTS [WORKERS]
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
dotnet bench/Stadtwerk.ImportGenerator/bin/Release/net10.0/Stadtwerk.ImportGenerator.dll "$work/csv" "$contracts" >&2

gas_factors="INSERT INTO gas_conversion_factors (id, network_area, valid_from, valid_to, state_factor, calorific_value) VALUES
  ('0195F000-0000-7000-8000-000000000001', 'Musterstadt-Nord', '2020-01-01', '2020-12-31', '0.9581', '11.287000'),
  ('0195F000-0000-7000-8000-000000000002', 'Musterstadt-Süd', '2020-01-01', '2020-12-31', '0.9602', '11.315000');"
if [ "$provider" = postgres ]; then
  eval "$(bash scripts/postgres.sh)"
  admin="postgresql://stadtwerk:stadtwerk@127.0.0.1:5432/postgres"
  psql -q "$admin" -c "DROP DATABASE IF EXISTS stadtwerk_bench_run" -c "CREATE DATABASE stadtwerk_bench_run"
  conn="Host=127.0.0.1;Port=5432;Username=stadtwerk;Password=stadtwerk;Database=stadtwerk_bench_run"
  db=(--provider Postgres --connection "$conn")
  run_sql() { psql -q -tA "postgresql://stadtwerk:stadtwerk@127.0.0.1:5432/stadtwerk_bench_run" -c "$1"; }
else
  conn="Data Source=$work/bench.db"
  db=(--provider Sqlite --connection "$conn")
  run_sql() { sqlite3 "$work/bench.db" "$1"; }
fi

$cli db migrate "${db[@]}" >&2
$cli import all "$work/csv" "${db[@]}" >&2
run_sql "$gas_factors"
export BillingRuns__Workers=${3:-$(nproc)}
/usr/bin/time -v $cli billing-run start --period-end-from 2020-01-01 --period-end-to 2020-12-31 "${db[@]}" 2>"$work/time.txt"
grep -E 'Maximum resident set size|Elapsed \(wall clock\)|Percent of CPU' "$work/time.txt"
if [ -n "${DISPATCH:-}" ]; then
  start=$(date +%s.%N)
  for i in $(seq 1 "$DISPATCH"); do
    /usr/bin/time -v $cli bills dispatch "${db[@]}" >"$work/dispatch-$i.txt" 2>"$work/dispatch-time-$i.txt" &
  done
  wait
  end=$(date +%s.%N)
  for i in $(seq 1 "$DISPATCH"); do
    echo "dispatch process $i: $(tail -1 "$work/dispatch-$i.txt")"
    grep -E 'Maximum resident set size' "$work/dispatch-time-$i.txt"
  done
  letters=$(run_sql "SELECT count(*) FROM stored_documents")
  echo "letters stored: $letters in $(echo "$end - $start" | bc) s with $DISPATCH process(es)"
fi
if [ "$provider" = postgres ]; then
  psql -q "$admin" -c "DROP DATABASE stadtwerk_bench_run"
fi
