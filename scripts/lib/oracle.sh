# Installs the test-time trust-policy oracle (../shared/oracle, AGPL-3.0 npm packages)
# into build/oracle. Test-time only: nothing from it is ever bundled or linked.
#
#   source scripts/lib/oracle.sh && ensure_oracle && node build/oracle/simulate.mjs < case.json
#
# ensure_oracle is idempotent: it copies the folder and runs `npm ci` only when the
# lock file changed. It returns 1 (with a message on stderr) when ../shared/oracle is
# absent (a user's fresh clone) or the install fails; callers then skip oracle tests.
# STACKENGINE_SHARED overrides the location of ../shared.

ensure_oracle() {
  local root build shared src dest
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  build="${STACKENGINE_BUILD_DIR:-$root/build}"
  shared="${STACKENGINE_SHARED:-$root/../shared}"
  src="$shared/oracle"
  dest="$build/oracle"
  if [ ! -f "$src/simulate.mjs" ] || [ ! -f "$src/package-lock.json" ]; then
    echo "oracle: skipped: $src not found (only tests use it)" >&2
    return 1
  fi
  if [ -f "$dest/.stackengine-lock" ] && cmp -s "$src/package-lock.json" "$dest/.stackengine-lock" \
     && cmp -s "$src/simulate.mjs" "$dest/simulate.mjs" && [ -d "$dest/node_modules" ]; then
    return 0
  fi
  mkdir -p "$dest"
  # Copy only the adapter and its pins; cases stay in ../shared (never in the repo).
  cp "$src/package.json" "$src/package-lock.json" "$src/simulate.mjs" "$dest/"
  if ! (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error >&2); then
    echo "oracle: npm ci failed in $dest" >&2
    return 1
  fi
  cp "$src/package-lock.json" "$dest/.stackengine-lock"
}

# Allow `bash scripts/lib/oracle.sh` to install it directly (used by tests/oracle.mjs).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_oracle
fi
