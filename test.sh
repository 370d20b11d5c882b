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
# The notification tests send e-mail to a real SMTP server: Debian's aiosmtpd, run with the system Python.
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    echo "python3-aiosmtpd is not installed: installing it with apt-get"
    apt_sudo=""; [[ $EUID -ne 0 ]] && apt_sudo="sudo"
    { DEBIAN_FRONTEND=noninteractive $apt_sudo apt-get install -y -q --no-install-recommends python3-aiosmtpd \
        || { $apt_sudo apt-get update -q \
             && DEBIAN_FRONTEND=noninteractive $apt_sudo apt-get install -y -q --no-install-recommends python3-aiosmtpd; }; } \
        || fail "could not install python3-aiosmtpd (the SMTP server the notification tests send e-mail to)"
fi
# The front-desk page is built with Node.js/npm; its tests drive Debian's Chromium (/usr/bin/chromium).
scripts/frontdesk.sh ensure-installed --browser || fail "could not install Node.js/npm or Chromium (for the front-desk page and its tests)"
scripts/frontdesk.sh build || fail "could not build the front-desk page (Api/FrontDesk)"
scripts/postgres.sh stop "$PG_DIR" >/dev/null 2>&1 || true   # left over from an interrupted run
rm -rf "$PG_DIR"
PG_FAST=1 scripts/postgres.sh start "$PG_DIR" "$PG_PORT" || fail "could not start PostgreSQL"
trap 'scripts/postgres.sh stop "$PG_DIR"' EXIT

export REALTIME_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

# One test project at a time: some tests measure server-wide PostgreSQL write volume, and two cores are few.
echo "Building Realtime.sln"
dotnet build Realtime.sln --nologo -v quiet 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
if [[ $status -eq 0 ]]; then
    for project in tests/*/*.Tests.csproj; do
        echo "Running: dotnet test $project $*"
        dotnet test "$project" --no-build --nologo "$@" 2>&1 | tee -a "$LOG"
        [[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
    done
fi

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
