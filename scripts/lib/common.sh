# Shared by scripts/*: paths, logging, and "install only what is missing".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${STACKENGINE_BUILD_DIR:-$ROOT/build}"
export NODE_PATH=/usr/share/nodejs   # emscripten 3.1.6 finds acorn only through this
JOBS="$(nproc 2>/dev/null || echo 2)"

log() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0")" "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

# apt packages the project needs; see README "What the scripts install".
APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates xz-utils perl python3 nodejs npm
  emscripten libre2-dev nlohmann-json3-dev doctest-dev libtomlplusplus-dev libcli11-dev libyaml-cpp-dev
  unicode-data python3-six clang-14 libclang-rt-14-dev chromium
)

ensure_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # Node 20 ships on the CI image; only install Debian's nodejs/npm when node is absent.
  if command -v node >/dev/null; then
    local keep=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || keep+=("$p"); done
    missing=("${keep[@]+"${keep[@]}"}")
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing apt packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_npm_packages() {
  # package-lock.json pins every JS tool (playwright-core, esbuild, CodeMirror, axe-core, ...).
  local stamp="$ROOT/node_modules/.stackengine-lock"
  if [ -f "$stamp" ] && cmp -s "$ROOT/package-lock.json" "$stamp"; then return 0; fi
  log "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ROOT/package-lock.json" "$stamp"
}
