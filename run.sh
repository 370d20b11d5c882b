#!/usr/bin/env bash
# Starts the whole system on this machine: a local PostgreSQL (set up on first use, data kept in .data/pg)
# and one process hosting the silo and the API.
#   ./run.sh                 run on PostgreSQL
#   ./run.sh --in-memory     run without PostgreSQL; NOTHING is kept when the process stops
#   ./run.sh --demo          also load demo data (a chain with two locations, staff, rooms, services, clients, today's visits)
#   ./run.sh --urls http://0.0.0.0:8080   other arguments go to the API host (default URL: http://localhost:5080)
# Stop with Ctrl+C (PostgreSQL is stopped too; its data stays).
set -euo pipefail
cd "$(dirname "$0")"

PG_DIR=.data/pg
PG_PORT=55433
DATABASE=realtime

in_memory=0
args=()
for arg in "$@"; do
    case "$arg" in
        --in-memory) in_memory=1 ;;
        --demo) export Realtime__Demo=true ;;
        *) args+=("$arg") ;;
    esac
done

if [[ $in_memory -eq 1 ]]; then
    export Realtime__Storage=Memory
    echo "In-memory mode: PostgreSQL is not used and nothing is persisted."
else
    mkdir -p .data
    scripts/postgres.sh ensure-installed
    scripts/postgres.sh start "$PG_DIR" "$PG_PORT"
    trap 'scripts/postgres.sh stop "$PG_DIR"' EXIT
    scripts/postgres.sh createdb "$PG_DIR" "$PG_PORT" "$DATABASE"
    export Realtime__Storage=Postgres
    export Orleans__AdvertisedIP=${Orleans__AdvertisedIP:-127.0.0.1}   # one machine: stay on loopback
    export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DATABASE"
    echo "PostgreSQL: $ConnectionStrings__Postgres (data in $PG_DIR)"
fi

# Built first and then run directly (not through `dotnet run`), so that this script waits for the server
# to finish shutting down before it stops PostgreSQL.
mkdir -p .data
scripts/frontdesk.sh ensure-installed   # Node.js and npm from the distribution, to build the front-desk page
echo "Building..."
{ scripts/frontdesk.sh build && dotnet build Api --nologo -v quiet; } >.data/run-build.log 2>&1 || { cat .data/run-build.log; exit 1; }

url=${Urls:-http://localhost:5080}   # Api/appsettings.json "Urls", unless overridden
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
        --urls) url=${args[$((i + 1))]:-$url} ;;
        --urls=*) url=${args[$i]#--urls=} ;;
    esac
done
url=${url%%;*}
echo
echo "Realtime API:  $url"
echo "Front desk:    $url/frontdesk   (sign in with a staff API key)"
echo "API docs:      $url/docs   (OpenAPI document: $url/openapi/v1.json)"
echo "Health check:  $url/health/live, $url/health/ready"
[[ "${Realtime__Demo:-}" == "true" ]] && echo "Demo data:     the demo owner key is printed in the log below"
echo

trap 'exit 143' TERM
trap 'exit 130' INT
dotnet Api/bin/Debug/net10.0/Realtime.Api.dll --contentRoot "$PWD/Api" ${args[@]+"${args[@]}"}
