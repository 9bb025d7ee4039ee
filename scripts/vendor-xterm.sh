#!/usr/bin/env bash
# Refreshes the vendored xterm.js files in static/vendor/xterm/ from the npm
# registry (`npm pack`, no CDN). Run it when bumping the versions below, then
# commit the result.
set -euo pipefail

XTERM_VERSION=6.0.0
FIT_VERSION=0.11.0

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/static/vendor/xterm"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "@xterm/xterm@$XTERM_VERSION" "@xterm/addon-fit@$FIT_VERSION" >/dev/null
mkdir xterm fit
tar -xzf xterm-xterm-"$XTERM_VERSION".tgz -C xterm
tar -xzf xterm-addon-fit-"$FIT_VERSION".tgz -C fit

rm -rf "$dest"
mkdir -p "$dest"
# The ES modules, without their source-map comments (the maps are not vendored).
sed '/^\/\/# sourceMappingURL=/d' xterm/package/lib/xterm.mjs >"$dest/xterm.mjs"
sed '/^\/\/# sourceMappingURL=/d' fit/package/lib/addon-fit.mjs >"$dest/addon-fit.mjs"
cp xterm/package/css/xterm.css "$dest/xterm.css"
cp xterm/package/LICENSE "$dest/LICENSE"
cat >"$dest/VERSIONS" <<VERSIONS
@xterm/xterm $XTERM_VERSION
@xterm/addon-fit $FIT_VERSION
(MIT, see LICENSE; refreshed by scripts/vendor-xterm.sh)
VERSIONS
ls -l "$dest"
