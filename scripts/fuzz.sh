#!/usr/bin/env bash
# Fuzzes one input path of the engine for a while:
#   scripts/fuzz.sh manifest|shell_line|kubectl_args [SECONDS]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); libFuzzer wants nightly
# features, which RUSTC_BOOTSTRAP enables on the stable toolchain.
# A crash leaves its input in fuzz/artifacts/TARGET/: copy it into
# fuzz/regressions/TARGET/ so `cargo test` replays it forever
# (engine/tests/fuzz_regressions.rs).
set -euo pipefail
target=${1:?target: manifest, shell_line or kubectl_args}
secs=${2:-600}
cd "$(dirname "$0")/../fuzz"
corpus=corpus/$target
mkdir -p "$corpus"
# Seeds: the inputs the project already knows are interesting.
case $target in
  manifest) cp ../../shared/fixtures/seed003/*.y*ml "$corpus"/ 2>/dev/null || true
            cp regressions/manifest/* "$corpus"/ 2>/dev/null || true ;;
  shell_line|kubectl_args)
            i=0
            # Every command line of our transcripts, and every kubectl line
            # the seed tutorials teach (when the shared seeds are beside us).
            { grep -h '^\$ ' ../tests/transcripts/*.txt | sed 's/^\$ //'
              grep -hoE '^ *(\$ )?kubectl .*' ../../shared/seeds/INVENTORY-*.md 2>/dev/null \
                | sed -E 's/^ *(\$ )?//' | sort -u
            } | while IFS= read -r line; do
              i=$((i + 1))
              if [ "$target" = kubectl_args ]; then
                case $line in kubectl\ *) printf '%s' "${line#kubectl }" | tr ' ' '\0' > "$corpus/t$i" ;; esac
              else
                printf '%s' "$line" > "$corpus/t$i"
              fi
            done ;;
esac
# -timeout is per input: under the sanitizer on a shared 2-core machine a
# seed that moves minutes of virtual time (`timeout 7m kubectl get hpa
# --watch`, `run -it` waiting for its pod) takes 20-30 s; slow, not a hang.
RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "$corpus" -- \
  -max_total_time="$secs" -max_len=8192 -timeout="${FUZZ_TIMEOUT:-90}" -rss_limit_mb=4096
