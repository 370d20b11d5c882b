#!/usr/bin/env bash
# The fault campaign: two silo processes and one API node (co-hosting a silo) on a durable PostgreSQL cluster (fsync on)
# kept in .data/pg-faults, under a retrying load of bookings, moves, cancels and restores, while silos are killed
# (kill -9) and started again and PostgreSQL is restarted once in immediate mode; then the invariants are checked.
#   faults/run.sh           long mode: 24 kills, 16 clients (about ten minutes); the Release build
#   faults/run.sh --quick   2 kills, 8 clients (about a minute): the Debug build, which ./test.sh has just made in CI
# Writes faults/results/summary.md (also printed) and faults/results/operations.jsonl (every operation as the client
# saw it); server logs go to faults/results/logs. Exits non-zero if an invariant fails; recovery times are reported.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_DIR=.data/pg-faults
PG_PORT=55446
quick=()
configuration=Release
for arg in "$@"; do
    case "$arg" in
        --quick) quick=(--quick); configuration=Debug ;;
        *) echo "usage: faults/run.sh [--quick]" >&2; exit 2 ;;
    esac
done

rm -rf faults/results
mkdir -p .data faults/results/logs
echo "Building ($configuration)..."
for project in Api/Realtime.Api.csproj faults/Realtime.Faults/Realtime.Faults.csproj; do
    dotnet build "$project" -c "$configuration" --nologo -v quiet >faults/results/logs/build.log 2>&1 || { cat faults/results/logs/build.log; exit 1; }
done

scripts/postgres.sh ensure-installed
scripts/postgres.sh start "$PG_DIR" "$PG_PORT"
trap 'scripts/postgres.sh stop "$PG_DIR"' EXIT

# Three server processes x 2 pools x Maximum Pool Size 40 = 240 connections at most, under max_connections 300
# (scripts/postgres.sh), with room left for the campaign's own queries.
dotnet faults/Realtime.Faults/bin/$configuration/net10.0/Realtime.Faults.dll ${quick[@]+"${quick[@]}"} \
    --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=40" \
    --restart-postgres "scripts/postgres.sh restart $PG_DIR" \
    --silo Silo/bin/$configuration/net10.0/Realtime.Silo.dll \
    --api Api/bin/$configuration/net10.0/Realtime.Api.dll \
    --results faults/results
