# shellcheck shell=bash
# Shared install logic for scripts/serve.sh and scripts/test.sh: each
# `ensure_*` installs a tool only when it is missing (or the wrong version)
# and puts it on PATH. Only package registries are used (crates.io, npm,
# Debian apt); nothing downloads prebuilt binaries from elsewhere.

KUBEPLAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KUBEPLAY_TOOLS="${KUBEPLAY_TOOLS:-$HOME/.local/share/kubeplay/tools}"
TRUNK_VERSION=0.21.14        # trunk 0.22 needs a newer rustc
BINARYEN_VERSION=132.0.0     # npm binaryen; Debian's 108 breaks Leptos builds

export PATH="$HOME/.cargo/bin:$PATH"
# Trunk must never try to download tools.
export TRUNK_OFFLINE=true

log() { echo "==> $*" >&2; }

# apt-get install, as root or through sudo, with `apt-get update` first.
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  log "apt-get install $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then return; fi
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  if command -v trunk >/dev/null && [ "$(trunk --version | awk '{print $2}')" = "$TRUNK_VERSION" ]; then
    return
  fi
  log "cargo install trunk $TRUNK_VERSION (several minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
}

# The wasm-bindgen version Cargo.lock pins: wasm-bindgen-cli must equal it.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$KUBEPLAY_ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  if [ -z "$want" ]; then
    echo "no wasm-bindgen in Cargo.lock" >&2
    return 1
  fi
  if command -v wasm-bindgen >/dev/null && command -v wasm-bindgen-test-runner >/dev/null &&
    [ "$(wasm-bindgen --version | awk '{print $2}')" = "$want" ]; then
    return
  fi
  log "cargo install wasm-bindgen-cli $want"
  # Without --locked: one release's lock file pins a yanked crate.
  cargo install wasm-bindgen-cli --version "$want"
}

ensure_npm() {
  if command -v npm >/dev/null; then return; fi
  apt_install nodejs npm
}

ensure_binaryen() {
  local dir="$KUBEPLAY_TOOLS/binaryen"
  local bin="$dir/node_modules/.bin/wasm-opt"
  if ! { [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "version_${BINARYEN_VERSION%%.*}"; }; then
    ensure_npm
    log "npm install binaryen@$BINARYEN_VERSION into $dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  apt_install chromium chromium-driver
}

# Everything `trunk build` / `trunk serve` needs.
ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_binaryen
}
