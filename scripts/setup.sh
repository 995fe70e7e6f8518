#!/usr/bin/env bash
# faultline set-up, idempotent: a second run takes seconds.
#  1. npm dependencies (and the compiled CLI)
#  2. a Docker engine: if none answers and this is Debian/Ubuntu with root (or sudo), install
#     Debian's docker.io and start it; otherwise say exactly what to do
#  3. faultline's container images, built locally where missing (debootstrap base → role images)
#  4. a browser for the HTML report's tests: Debian's chromium (scenarios run without it)
set -euo pipefail
cd "$(dirname "$0")/.."
state_dir=.faultline
mkdir -p "$state_dir"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "this step needs root: $*  (run setup as root or install sudo)"
  fi
}

is_debian_like() { [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release; }

apt_install() {
  is_debian_like || die "cannot install $* automatically on this OS; install it and run setup again"
  say "installing $* with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- 1. Node and npm dependencies -------------------------------------------------------------
command -v node >/dev/null 2>&1 || die "Node.js 20.18+ is required (e.g. apt-get install nodejs from NodeSource)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=18)?0:1)' \
  || die "Node.js 20.18+ is required, found $(node --version)"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat "$state_dir/npm-lock.sha256" 2>/dev/null)" != "$lock_hash" ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund >/dev/null
  echo "$lock_hash" > "$state_dir/npm-lock.sha256"
fi
say "compiling faultline"
npm run --silent build

# --- 2. Docker engine --------------------------------------------------------------------------
docker_answers() { docker info >/dev/null 2>&1; }
# The daemon may run while this user may not talk to it (not in the docker group): ask as root.
daemon_runs() { as_root docker info >/dev/null 2>&1; }
if ! docker_answers && daemon_runs; then
  die "Docker runs but $(id -un) cannot reach it: add yourself to the docker group (sudo usermod -aG docker $(id -un)) and log in again"
fi
if ! docker_answers; then
  if ! command -v dockerd >/dev/null 2>&1; then
    is_debian_like || die "no Docker engine is reachable. Install Docker (https://docs.docker.com/engine/install/) and start it, or set DOCKER_HOST"
    apt_install docker.io
  fi
  command -v docker >/dev/null 2>&1 || apt_install docker.io
  if ! daemon_runs; then
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
      say "starting Docker with systemctl"
      as_root systemctl start docker || true
    fi
  fi
  if ! daemon_runs; then
    say "starting dockerd in the background (log: $state_dir/dockerd.log)"
    as_root sh -c "nohup dockerd > '$PWD/$state_dir/dockerd.log' 2>&1 & echo \$! > '$PWD/$state_dir/dockerd.pid'"
  fi
  for _ in $(seq 1 60); do daemon_runs && break; sleep 1; done
  daemon_runs || die "Docker did not come up; see $state_dir/dockerd.log"
  docker_answers || die "Docker runs but $(id -un) cannot reach it: add yourself to the docker group (sudo usermod -aG docker $(id -un)) and log in again"
fi
say "Docker engine: $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo unknown)"

# --- 3. Images ---------------------------------------------------------------------------------
# Only building the base image from Debian packages (debootstrap) needs root; try without first.
if ! node bin/faultline.js images build; then
  [ -z "${FAULTLINE_BASE_FROM:-}" ] || die "building images failed"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  say "building the base image needs root (debootstrap); building it as root"
  as_root env "PATH=$PATH" node bin/faultline.js images build --base-only
  node bin/faultline.js images build
fi
# --- 4. Browser for the report tests ------------------------------------------------------------
if [ ! -x "${FAULTLINE_CHROMIUM:-/usr/bin/chromium}" ]; then
  if is_debian_like && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }; then
    apt_install chromium
  else
    say "no chromium: the HTML report's browser tests will not run (install Debian's chromium, or set FAULTLINE_CHROMIUM)"
  fi
fi
say "ready. Run a scenario: npx faultline run scenarios/app-replica-kill.scenario.ts"
