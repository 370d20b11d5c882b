#!/usr/bin/env bash
# Runs every test of the solution against real dependencies, installing what is missing.
#   ./test.sh                      all tests
#   ./test.sh --filter <expr>      extra arguments go to `dotnet test`
# PostgreSQL: a private, throw-away cluster on 127.0.0.1:55432 with its data in .data/pg-test (recreated on
# every run, stopped on exit). Tests create and drop their own databases through REALTIME_TEST_POSTGRES.
set -uo pipefail
cd "$(dirname "$0")"

PG_DIR=.data/pg-test
PG_PORT=55432
LOG=.data/test-output.log
started=$SECONDS

fail() { echo; echo "TESTS NOT RUN: $*" >&2; exit 1; }

mkdir -p .data
scripts/postgres.sh ensure-installed || fail "could not install PostgreSQL"
scripts/postgres.sh stop "$PG_DIR" >/dev/null 2>&1 || true   # left over from an interrupted run
rm -rf "$PG_DIR"
PG_FAST=1 scripts/postgres.sh start "$PG_DIR" "$PG_PORT" || fail "could not start PostgreSQL"
trap 'scripts/postgres.sh stop "$PG_DIR"' EXIT

export REALTIME_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

echo "Running: dotnet test Realtime.sln $*"
dotnet test Realtime.sln --nologo "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}

echo
echo "==================== test summary ===================="
grep -E '^(Passed|Failed)!' "$LOG" | sed -E 's/^[[:space:]]+//' || true
grep -E '^[[:space:]]+Failed [A-Za-z_]' "$LOG" | sed -E 's/^[[:space:]]+/  /' || true
passed=$(grep -oE 'Passed: +[0-9]+' "$LOG" | awk '{ n += $2 } END { print n + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' "$LOG" | awk '{ n += $2 } END { print n + 0 }')
if [[ $status -eq 0 ]]; then
    echo "RESULT: all tests passed ($((SECONDS - started)) s)"
else
    echo "RESULT: FAILED (dotnet test exit code $status, $((SECONDS - started)) s; full output in $LOG)"
fi
echo "$passed passed, $failed failed"
exit "$status"
