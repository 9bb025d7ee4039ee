//! What the fuzzers (`fuzz/`, cargo fuzz) drive, shared with the test that
//! replays every input they ever found (`engine/tests/fuzz_regressions.rs`).
//! Each entry takes arbitrary bytes and must return without panicking,
//! hanging or leaving the cluster unable to answer.

use crate::{Cluster, Preset};

thread_local! {
    static BASE: Cluster = Cluster::new(Preset::Minikube, 1);
}

/// Virtual time one input may take: long enough for every path (a watch's
/// first rows, a pod starting, a rollout), short enough that an input like
/// `timeout 7000m kubectl get pods -w` (a legitimate wait of days, not a
/// hang) stays within libFuzzer's per-input timeout under the sanitizer.
const INPUT_TIME_MS: i64 = 120_000;

/// A booted cluster to clone per input (booting costs ~10 ms, cloning far less).
fn fresh() -> Cluster {
    let mut c = BASE.with(Cluster::clone);
    c.limit_time_per_line(INPUT_TIME_MS);
    c
}

/// Single-quotes `s` for the shell, so any bytes reach kubectl as one word.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The cluster still answers after the input. Stopping the control plane
/// (`minikube stop`) or breaking the kubeconfig is a state a learner may
/// choose, not a fault: the control plane is started again and the store
/// asked directly, then the shell.
fn still_answers(cluster: &mut Cluster) {
    cluster.world_mut().start_control_plane();
    cluster.world_mut().settle();
    let api = &cluster.world().api;
    let namespaces = api.registry().resolve("namespaces").cloned();
    let default = namespaces.and_then(|r| api.get(&r, "", "default").ok());
    assert!(default.is_some(), "the cluster stopped answering");
    assert_eq!(
        cluster.run("echo ok").stdout(),
        "ok\n",
        "the shell stopped answering"
    );
}

/// Decode → default → validate → admit: the bytes as a manifest file given to
/// `kubectl apply -f` and `kubectl create -f`.
pub fn manifest(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut cluster = fresh();
    cluster.write_file("/root/fuzz.yaml", &text);
    cluster.run("kubectl apply -f /root/fuzz.yaml");
    cluster.run("kubectl create -f /root/fuzz.yaml");
    still_answers(&mut cluster);
}

/// The bytes as one command line for the shell.
pub fn shell_line(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut cluster = fresh();
    cluster.run(&text);
    still_answers(&mut cluster);
}

/// The bytes, split at NUL, as kubectl's arguments.
pub fn kubectl_args(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let args: Vec<String> = text.split('\0').map(quoted).collect();
    let mut cluster = fresh();
    cluster.run(&format!("kubectl {}", args.join(" ")));
    still_answers(&mut cluster);
}
