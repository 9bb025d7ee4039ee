#!/usr/bin/env bash
# The wasm benchmark rows (web/tests/bench.rs): the engine's scheduler in
# headless Chromium, release build. Prints the table rows for
# docs/PERFORMANCE.md. Needs what scripts/test.sh installs.
set -euo pipefail
# shellcheck source=lib/tools.sh
source "$(dirname "$0")/lib/tools.sh"
ensure_build_tools
ensure_chromium
cd "$KUBEPLAY_ROOT"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p kubeplay-web --target wasm32-unknown-unknown --release --test bench \
  -- --include-ignored --nocapture 2>&1 | grep "^| wasm"
