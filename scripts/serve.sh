#!/usr/bin/env bash
# Builds Kubeplay and serves it on http://127.0.0.1:8080 (rebuilding on
# changes), after installing whatever is missing: the wasm32 target, trunk,
# wasm-bindgen-cli and wasm-opt (see scripts/lib/tools.sh).
set -euo pipefail
# shellcheck source=lib/tools.sh
source "$(dirname "$0")/lib/tools.sh"

ensure_build_tools
cd "$KUBEPLAY_ROOT"
log "serving on http://127.0.0.1:8080"
exec trunk serve --release "$@"
