//! The official Kubernetes Python client (`pip install kubernetes`) against
//! `kubeplay serve`: `tests/python/client.py` lists namespaces, creates a pod,
//! watches it become Running as virtual time moves, reads its log. Skipped,
//! with a message, when python3 or the client cannot be had.

mod common;

use kubeplay_server::kubeconfig_yaml;
use std::path::Path;
use std::process::Command;

fn has_client() -> bool {
    Command::new("python3")
        .args(["-c", "import kubernetes"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn python_client_creates_and_watches_a_pod() {
    if !has_client() {
        let _ = Command::new("python3")
            .args(["-m", "pip", "install", "-q", "kubernetes"])
            .output();
    }
    if !has_client() {
        println!("python_client: python3 with the kubernetes package not available; skipped");
        return;
    }
    let server = common::start(3);
    let dir = std::env::temp_dir().join(format!("kubeplay-python-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let kubeconfig = dir.join("kubeconfig");
    std::fs::write(&kubeconfig, kubeconfig_yaml(server.port())).expect("kubeconfig");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/client.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&kubeconfig)
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // How many MODIFIED events arrive depends on when the watch opened
    // relative to the time jump; the start, the end and the rest do not.
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "namespaces: default kube-node-lease kube-public kube-system",
            "created: py Pending"
        ],
        "{stdout}"
    );
    let events: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("event: "))
        .copied()
        .collect();
    assert!(
        events.len() >= 2 && events[0].starts_with("event: ADDED"),
        "{stdout}"
    );
    assert_eq!(events.last(), Some(&"event: MODIFIED Running"), "{stdout}");
    assert_eq!(
        lines[lines.len() - 2..],
        [
            "log ends: 2025/06/01 09:01:06 [notice] 1#1: start worker process 30",
            "error: 404 Not Found"
        ],
        "{stdout}"
    );
}
