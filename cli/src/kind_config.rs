//! `--kind-config FILE`: a kind `Cluster` config read as `kind create cluster
//! --config FILE` reads it, failing with kind's `ERROR: failed to create
//! cluster: ...` line.

use kubeplay_engine::{KindConfig, Preset};

/// The preset a kind config file describes, or the line kind would print.
pub fn load(path: &str) -> Result<Preset, String> {
    let fail = |e: String| format!("ERROR: failed to create cluster: {e}");
    let text = std::fs::read_to_string(path).map_err(|e| {
        // Go's *PathError text, as os.ReadFile reports it.
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        fail(format!("error reading file: open {path}: {why}"))
    })?;
    KindConfig::parse(&text)
        .map(Preset::KindConfig)
        .map_err(fail)
}
