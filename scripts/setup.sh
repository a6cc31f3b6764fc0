#!/usr/bin/env bash
# Installs what the build (`setup.sh build`) or the tests (`setup.sh test`)
# need, skipping whatever is already there. Only crates.io, npm, PyPI and
# Debian's packages are used: no prebuilt binary is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# The version of a package as Cargo.lock resolved it.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup_build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  # Trunk and wasm-bindgen-cli compile side by side (about 11 minutes on 2
  # cores): each has long stretches where one crate compiles alone, and the
  # other fills the second core.
  local installs=() names=()
  # Trunk 0.22 needs a newer rustc than this machine's.
  if [ "$(trunk --version 2>/dev/null)" != "trunk 0.21.14" ]; then
    # Without its default features (TLS for `trunk serve` and downloads, the
    # update check): Trunk builds offline here, with the tools on PATH; 52 s
    # less to compile on 2 cores (415 -> 363 s, make bench's set-up note).
    # Nor with its own release profile (fat LTO, one codegen unit): Trunk
    # spends its time waiting for cargo and wasm-opt, and that profile cost
    # minutes of one core to compile (scripts/setup-timing.sh).
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install trunk --version 0.21.14 --locked --no-default-features &
    installs+=($!) names+=("trunk 0.21.14")
  fi
  local wbg
  wbg=$(locked_version wasm-bindgen)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
    # Not --locked: one of its locked dependencies is yanked.
    cargo install wasm-bindgen-cli --version "$wbg" --force &
    installs+=($!) names+=("wasm-bindgen-cli $wbg")
  fi
  if [ ${#installs[@]} -gt 0 ]; then say "cargo install ${names[*]}"; fi
  for install in "${installs[@]}"; do wait "$install"; done
  # Trunk builds with --offline (Trunk.toml), so the crates must be here first.
  say "cargo fetch"
  cargo fetch --locked --quiet
  if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
    say "npm ci (binaryen's wasm-opt)"
    (cd tools && npm ci --no-audit --no-fund)
  fi
}

setup_test() {
  setup_build
  apt_install chromium postgresql
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ]; then
    say "npm ci (playwright-core, driving Debian's chromium; axe-core)"
    (cd tests/e2e && npm ci --no-audit --no-fund)
  fi
  # RetailCRM's official Python client, which a test drives against the module API.
  if ! tools/venv/bin/python -c 'import retailcrm' 2>/dev/null; then
    say "pip install retailcrm 5.3.0 (into tools/venv)"
    python3 -m venv tools/venv
    tools/venv/bin/pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
  fi
}

setup_bench() {
  setup_build
  apt_install chromium wrk
  if [ ! -d benches/node_modules/playwright-core ]; then
    say "npm ci (playwright-core for the browser benchmarks)"
    (cd benches && npm ci --no-audit --no-fund)
  fi
}

case "${1:-build}" in
  build) setup_build ;;
  test) setup_test ;;
  bench) setup_bench ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac
