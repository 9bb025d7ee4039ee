#!/usr/bin/env bash
# Kubeplay's whole test suite, as CI runs it: installs what is missing, then
# formatting, clippy (native and wasm), the release build, the wasm tests in
# headless Chromium, the browser end-to-end test, and last the native tests
# (so the output ends with cargo test's summary).
set -euo pipefail
# shellcheck source=lib/tools.sh
source "$(dirname "$0")/lib/tools.sh"

ensure_build_tools
ensure_chromium
cd "$KUBEPLAY_ROOT"
# A clean clone gains nothing from incremental caches, and they double the
# target directory's size on disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

started=$SECONDS
step() {
  echo
  log "$* (at $((SECONDS - started))s)"
}

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, native (whole workspace)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy, wasm32 (web)"
cargo clippy -p kubeplay-web --target wasm32-unknown-unknown --all-targets -- -D warnings

step "trunk build --release"
trunk build --release
wasm="$(ls dist/*.wasm)"
echo "wasm bundle: $(stat -c %s "$wasm") bytes raw, $(gzip -9 -c "$wasm" | wc -c) bytes gzip"

step "wasm tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p kubeplay-web --target wasm32-unknown-unknown

step "browser end-to-end test"
cargo test -p kubeplay-e2e -- --nocapture

step "native tests (default members)"
cargo test
log "target directory: $(du -sh target | cut -f1)"
