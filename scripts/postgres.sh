#!/usr/bin/env bash
# A private PostgreSQL cluster in a data folder of its own, for run.sh and test.sh.
#
#   scripts/postgres.sh ensure-installed          install PostgreSQL from the distribution if missing
#   scripts/postgres.sh start DATA_DIR PORT       initdb (if empty) and start; no-op if already running
#   scripts/postgres.sh stop DATA_DIR             fast shutdown; no-op if not running
#   scripts/postgres.sh restart DATA_DIR          immediate shutdown (as a crash: recovery at start) and start again
#   scripts/postgres.sh createdb DATA_DIR PORT NAME   create a database unless it exists
#
# The cluster listens on 127.0.0.1 only, trusts connections from there (user "postgres", no password)
# and keeps its Unix socket and log inside DATA_DIR, so nothing outside it is touched.
# Run as root, the server runs as the "postgres" OS user (initdb and pg_ctl refuse root): DATA_DIR is
# chowned to it and, if needed, its parent folders get o+x (traverse only, not list) so it can reach it.
# Run as another user, the server runs as that user.
# PG_FAST=1 at init time turns off fsync (for throw-away test clusters only).
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

pg_bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$dir" && -x "$dir/initdb" ]] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (run: $0 ensure-installed)"
    echo "$dir"
}

as_server_user() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

absolute() { mkdir -p "$1" && (cd "$1" && pwd -P); }

# Makes sure the server user can reach DATA_DIR when we are root.
grant_access() {
    local data_dir=$1
    [[ $EUID -eq 0 ]] || return 0
    id postgres >/dev/null 2>&1 || die "OS user 'postgres' is missing (run: $0 ensure-installed)"
    chown postgres:postgres "$data_dir"
    chmod 700 "$data_dir"
    # Parents from the top down, so that a folder is only changed if it is itself the obstacle.
    local dir parents=()
    dir=$(dirname "$data_dir")
    while [[ "$dir" != "/" ]]; do
        parents=("$dir" "${parents[@]}")
        dir=$(dirname "$dir")
    done
    for dir in "${parents[@]}"; do
        if ! runuser -u postgres -- test -x "$dir"; then
            echo "postgres.sh: granting traverse permission (o+x) on $dir so the postgres user can reach $data_dir"
            chmod o+x "$dir"
        fi
    done
    runuser -u postgres -- test -w "$data_dir" || die "the postgres user cannot write $data_dir"
}

is_running() {
    local bin=$1 data_dir=$2
    [[ -f "$data_dir/PG_VERSION" ]] || return 1
    as_server_user "$bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
}

cmd_ensure_installed() {
    if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
        echo "PostgreSQL: $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
        return 0
    fi
    echo "PostgreSQL is not installed: installing it with apt-get"
    local sudo=""
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null || die "installing PostgreSQL needs root (or sudo)"
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends postgresql
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || die "apt-get finished but initdb is still missing"
}

cmd_start() {
    [[ $# -eq 2 ]] || die "usage: $0 start DATA_DIR PORT"
    local data_dir port bin
    data_dir=$(absolute "$1"); port=$2; bin=$(pg_bin_dir)
    [[ "$port" =~ ^[0-9]+$ ]] || die "PORT must be a number: $port"

    if is_running "$bin" "$data_dir"; then
        echo "PostgreSQL already running: $data_dir"
        return 0
    fi
    grant_access "$data_dir"

    if [[ ! -f "$data_dir/PG_VERSION" ]]; then
        [[ -z "$(ls -A "$data_dir")" ]] || die "$data_dir is neither empty nor a PostgreSQL data folder"
        echo "Initialising PostgreSQL cluster in $data_dir"
        local initdb_log
        initdb_log=$(mktemp)
        as_server_user "$bin/initdb" -D "$data_dir" -U postgres -E UTF8 --no-locale \
            --auth-local=trust --auth-host=reject >"$initdb_log" 2>&1 \
            || { cat "$initdb_log" >&2; rm -f "$initdb_log"; die "initdb failed"; }
        rm -f "$initdb_log"
        # Unix socket (owner only, inside the data folder) and 127.0.0.1; nothing else.
        as_server_user tee "$data_dir/pg_hba.conf" >/dev/null <<HBA
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
HBA
        local extra=""
        if [[ "${PG_FAST:-0}" == "1" ]]; then
            extra=$'fsync = off\nsynchronous_commit = off\nfull_page_writes = off'
        fi
        as_server_user tee -a "$data_dir/postgresql.conf" >/dev/null <<CONF

# --- added by scripts/postgres.sh ---
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 128MB
include_if_exists = 'realtime-local.conf'
$extra
CONF
    fi

    # Written on every start: port and socket folder follow the arguments.
    as_server_user tee "$data_dir/realtime-local.conf" >/dev/null <<CONF
port = $port
unix_socket_directories = '$data_dir'
CONF

    echo "Starting PostgreSQL on 127.0.0.1:$port ($data_dir)"
    # The ports used here lie in Linux's range for the local end of outgoing connections, so another program's
    # connection can hold one for a moment (PostgreSQL then logs "Address already in use"): wait and try again.
    local attempt=1
    until as_server_user "$bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 start >/dev/null; do
        if (( attempt < 5 )) && tail -n 5 "$data_dir/server.log" | grep -q "Address already in use"; then
            echo "Port $port is in use; trying again in 3 s"
            sleep 3
            attempt=$((attempt + 1))
            continue
        fi
        tail -n 30 "$data_dir/server.log" >&2 || true
        die "PostgreSQL did not start"
    done
}

cmd_stop() {
    [[ $# -eq 1 ]] || die "usage: $0 stop DATA_DIR"
    local data_dir bin
    [[ -d "$1" ]] || return 0
    data_dir=$(absolute "$1"); bin=$(pg_bin_dir)
    if is_running "$bin" "$data_dir"; then
        echo "Stopping PostgreSQL ($data_dir)"
        as_server_user "$bin/pg_ctl" -D "$data_dir" -m fast -w -t 60 stop >/dev/null
    fi
}

cmd_restart() {
    [[ $# -eq 1 ]] || die "usage: $0 restart DATA_DIR"
    local data_dir bin
    data_dir=$(absolute "$1"); bin=$(pg_bin_dir)
    is_running "$bin" "$data_dir" || die "PostgreSQL is not running: $data_dir"
    as_server_user "$bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -m immediate -w -t 60 restart >/dev/null
}

cmd_createdb() {
    [[ $# -eq 3 ]] || die "usage: $0 createdb DATA_DIR PORT NAME"
    local port=$2 name=$3 bin
    bin=$(pg_bin_dir)
    [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "database name must be a plain identifier: $name"
    local psql=("$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
    if [[ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" == "1" ]]; then
        return 0
    fi
    echo "Creating database $name"
    "${psql[@]}" -c "CREATE DATABASE \"$name\""
}

command=${1:-}
[[ -n "$command" ]] || die "usage: $0 ensure-installed | start DATA_DIR PORT | stop DATA_DIR | restart DATA_DIR | createdb DATA_DIR PORT NAME"
shift
case "$command" in
    ensure-installed) cmd_ensure_installed "$@" ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    restart) cmd_restart "$@" ;;
    createdb) cmd_createdb "$@" ;;
    *) die "unknown command: $command" ;;
esac
