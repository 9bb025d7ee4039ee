#![cfg(target_arch = "wasm32")]
//! The scheduling benchmark in the browser's wasm: the same scenario as the
//! native `scheduling` rows of `engine/benches/engine.rs` (identical nodes,
//! 10m/16Mi pods, one scheduler pass), timed with `performance.now()`, and
//! the wasm memory the pods take. A benchmark, not a test: ignored unless
//! asked for (`scripts/bench-wasm.sh` runs it in release mode in headless
//! Chromium and prints the rows for docs/PERFORMANCE.md).

use kubeplay_engine::apiserver::{ListOptions, WriteOptions};
use kubeplay_engine::clock::Time;
use kubeplay_engine::world::World;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn pod(i: usize) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": format!("p{i}"), "namespace": "default", "labels": {"app": format!("app{}", i % 10)}},
        "spec": {"containers": [{"name": "c", "image": "nginx:1.27",
                 "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]}
    })
}

fn node(i: usize) -> Value {
    let name = format!("n{i}");
    json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "status": {
            "capacity": {"cpu": "32", "memory": "128Gi", "pods": "110"},
            "allocatable": {"cpu": "32", "memory": "128Gi", "pods": "110"},
            "conditions": [{"type": "Ready", "status": "True"}]
        }
    })
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65_536
}

/// One row: pods/s of a scheduler pass, and the wasm memory grown per pod
/// while the pods were created and scheduled.
fn scheduling(nodes: usize, pods: usize) -> String {
    let mut w = World::new(1, Time::from_secs(1_748_768_400));
    kubeplay_engine::presets::boot_minikube(&mut w, 1);
    let nr = w.api.registry().resolve("nodes").cloned().unwrap();
    for i in 0..nodes {
        w.api
            .create(&nr, "", node(i), &WriteOptions::default())
            .unwrap();
    }
    let before = memory_bytes();
    let r = w.api.registry().resolve("pods").cloned().unwrap();
    for i in 0..pods {
        w.api
            .create(&r, "default", pod(i), &WriteOptions::default())
            .unwrap();
    }
    let mut sched = std::mem::take(&mut w.scheduler);
    let start = now_ms();
    sched.reconcile(&mut w.api);
    let secs = (now_ms() - start) / 1000.0;
    let bound = w
        .api
        .list_shared(&r, None, &ListOptions::default())
        .unwrap()
        .iter()
        .filter(|p| p["spec"]["nodeName"].is_string())
        .count();
    let per_pod = (memory_bytes() - before) / pods;
    format!(
        "| wasm: scheduling {pods} pods on {nodes} nodes ({bound} bound) | {:.0} pods/s | {per_pod} bytes/pod |",
        pods as f64 / secs
    )
}

#[wasm_bindgen_test]
#[ignore]
fn scheduling_throughput_in_wasm() {
    for (nodes, pods) in [(1_000, 10_000), (5_000, 10_000)] {
        console_log!("{}", scheduling(nodes, pods));
    }
}
