#!/usr/bin/env bash
# The front-desk page (Api/FrontDesk), bundled into Api/wwwroot/frontdesk, which the API serves at /frontdesk.
#
#   scripts/frontdesk.sh build                          npm ci (only when node_modules does not match package-lock.json), then bundle
#   scripts/frontdesk.sh watch                          rebuild on every change of Api/FrontDesk/src
#   scripts/frontdesk.sh ensure-installed [--browser]   install Node.js and npm from the distribution if missing;
#                                                       with --browser also Debian's chromium (for the Playwright tests)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source_dir="$root/Api/FrontDesk"
lock_stamp="node_modules/.frontdesk-installed-lock.json"   # the lock file node_modules was installed from

die() { echo "frontdesk.sh: $*" >&2; exit 1; }

cmd_ensure_installed() {
    local packages=()
    command -v node >/dev/null || packages+=(nodejs)
    command -v npm >/dev/null || packages+=(npm)
    if [[ "${1:-}" == "--browser" && ! -x /usr/bin/chromium ]]; then packages+=(chromium); fi
    [[ ${#packages[@]} -eq 0 ]] && return 0

    echo "Installing with apt-get: ${packages[*]}"
    local sudo=""
    if [[ $EUID -ne 0 ]]; then
        command -v sudo >/dev/null || die "installing ${packages[*]} needs root (or sudo)"
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q "${packages[@]}"
}

check_node() {
    command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are missing (run: $0 ensure-installed)"
    local major
    major=$(node -p 'process.versions.node.split(".")[0]')
    [[ $major -ge 18 ]] || die "Node.js 18 or later is needed to build the front desk; found $(node --version)"
}

install_packages() {
    cd "$source_dir"
    if [[ -d node_modules ]] && cmp -s package-lock.json "$lock_stamp"; then
        return 0
    fi
    echo "Installing the front desk's npm packages (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$lock_stamp"
}

cmd_build() {
    check_node
    install_packages
    cd "$source_dir"
    node build.mjs
}

cmd_watch() {
    check_node
    install_packages
    cd "$source_dir"
    node build.mjs --watch
}

command=${1:-}
[[ -n "$command" ]] || die "usage: $0 build|watch|ensure-installed [--browser]"
shift
case "$command" in
    build) cmd_build "$@" ;;
    watch) cmd_watch "$@" ;;
    ensure-installed) cmd_ensure_installed "$@" ;;
    *) die "unknown command: $command" ;;
esac
