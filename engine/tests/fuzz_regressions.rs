//! Replays every input the fuzzers (`scripts/fuzz.sh`) ever made fail, plus
//! hand-picked nasty ones, through the same entry points: none may panic.

use kubeplay_engine::fuzz_targets;
use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/regressions")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let data = std::fs::read(entry.path()).unwrap();
        run(&data);
        n += 1;
    }
    n
}

#[test]
fn manifests_found_by_fuzzing_do_not_panic() {
    let n = replay("manifest", fuzz_targets::manifest);
    assert!(n > 0, "fuzz/regressions/manifest holds the kept cases");
}

#[test]
fn shell_lines_found_by_fuzzing_do_not_panic() {
    let n = replay("shell_line", fuzz_targets::shell_line);
    assert!(n > 0, "fuzz/regressions/shell_line holds the kept cases");
}

#[test]
fn kubectl_args_found_by_fuzzing_do_not_panic() {
    let n = replay("kubectl_args", fuzz_targets::kubectl_args);
    assert!(n > 0, "fuzz/regressions/kubectl_args holds the kept cases");
}
