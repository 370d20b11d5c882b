#!/usr/bin/env bash
# Benchmarks: Realtime side by side with the exclusion-constraint baseline and the durable-commit ceiling (pgbench),
# in one run on one durable PostgreSQL cluster (fsync on) kept in .data/pg-bench.
#   bench/run.sh           full run: writes BENCHMARKS.md at the repository root (run it on a quiet machine)
#   bench/run.sh --only "Uniform load,Hot contention"   some scenarios only (the warm-up always runs), to a report in
#                          bench/results/partial.md that leaves BENCHMARKS.md alone
#   bench/run.sh --quick   small counts and windows (under two minutes): writes bench/results/quick.md; asserts no
#                          thresholds, fails only if the harness itself fails. It runs the Debug build (which
#                          ./test.sh has just made in CI) since its figures mean nothing anyway.
# Server logs go to bench/results/logs.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_DIR=.data/pg-bench
PG_PORT=55444
quick=()
only=()
output=BENCHMARKS.md
configuration=Release
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=(--quick); output=bench/results/quick.md; configuration=Debug ;;
        --only) only=(--only "$2"); [ "$output" = BENCHMARKS.md ] && output=bench/results/partial.md; shift ;;
        *) echo "usage: bench/run.sh [--quick] [--only SCENARIOS]" >&2; exit 2 ;;
    esac
    shift
done

mkdir -p .data bench/results/logs
echo "Building ($configuration)..."
for project in Api/Realtime.Api.csproj bench/Realtime.Bench.Baseline/Realtime.Bench.Baseline.csproj bench/Realtime.Bench/Realtime.Bench.csproj; do
    dotnet build "$project" -c "$configuration" --nologo -v quiet >bench/results/logs/build.log 2>&1 || { cat bench/results/logs/build.log; exit 1; }
done

scripts/postgres.sh ensure-installed
scripts/postgres.sh start "$PG_DIR" "$PG_PORT"
trap 'scripts/postgres.sh stop "$PG_DIR"' EXIT
pgbench=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pgbench

dotnet bench/Realtime.Bench/bin/$configuration/net10.0/Realtime.Bench.dll ${quick[@]+"${quick[@]}"} ${only[@]+"${only[@]}"} \
    --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=200" \
    --pgbench "$pgbench" \
    --realtime Api/bin/$configuration/net10.0/Realtime.Api.dll \
    --baseline bench/Realtime.Bench.Baseline/bin/$configuration/net10.0/Realtime.Bench.Baseline.dll \
    --output "$output" \
    --logs bench/results/logs \
    --limits bench/limits.md
