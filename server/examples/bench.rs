//! Server benchmark: how long `kubeplay serve` takes to answer, and what a
//! real `kubectl get pods` costs through it at 1,000 pods.
//!
//!     cargo run --release -p kubeplay-server --example bench [PODS]
//!
//! Prints one line per figure (the numbers in docs/PERFORMANCE.md). Uses the
//! real kubectl v1.33 (`$KUBECTL_1_33`, else the Google Cloud SDK's) when
//! present; the raw HTTP figures need nothing.

use kubeplay_engine::Preset;
use kubeplay_server::{kubeconfig_yaml, Config, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// One request on its own connection; the status code and the body size.
fn request(port: u16, method: &str, path: &str, headers: &str, body: &[u8]) -> (u16, usize) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\n{headers}\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).expect("write");
    s.write_all(body).expect("write");
    let mut out = vec![];
    s.read_to_end(&mut out).expect("read");
    let code = std::str::from_utf8(&out[9..12])
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, out.len())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let pods: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let t0 = Instant::now();
    let server = Server::start(&Config {
        port: 0,
        preset: Preset::Minikube,
        seed: 1,
        speed: 0.0,
    })
    .expect("server starts");
    let port = server.port();
    while request(port, "GET", "/readyz", "", b"").0 != 200 {
        std::thread::sleep(Duration::from_millis(1));
    }
    println!(
        "serve ready (bind, cluster, /readyz answered): {}",
        ms(t0.elapsed())
    );
    let t = Instant::now();
    request(port, "GET", "/openapi/v3/apis/apps/v1", "", b"");
    println!(
        "first /openapi/v3/apis/apps/v1 (documents unpacked): {}",
        ms(t.elapsed())
    );

    let single = pods.min(100);
    let t = Instant::now();
    for i in 0..single {
        let body = format!(
            r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"p{i:04}","labels":{{"app":"bench"}}}},"spec":{{"containers":[{{"name":"c","image":"nginx"}}]}}}}"#
        );
        let (code, _) = request(
            port,
            "POST",
            "/api/v1/namespaces/default/pods",
            "Content-Type: application/json\r\n",
            body.as_bytes(),
        );
        assert_eq!(code, 201, "creating pod {i}");
    }
    let created = t.elapsed();
    println!(
        "create {single} pods one by one over HTTP: {} ({} a pod)",
        ms(created),
        ms(created / single as u32)
    );
    let rest = pods - single;
    if rest > 0 {
        let body = format!(
            r#"{{"apiVersion":"apps/v1","kind":"Deployment","metadata":{{"name":"bench"}},"spec":{{"replicas":{rest},"selector":{{"matchLabels":{{"app":"bulk"}}}},"template":{{"metadata":{{"labels":{{"app":"bulk"}}}},"spec":{{"containers":[{{"name":"c","image":"nginx"}}]}}}}}}}}"#
        );
        let t = Instant::now();
        let (code, _) = request(
            port,
            "POST",
            "/apis/apps/v1/namespaces/default/deployments",
            "Content-Type: application/json\r\n",
            body.as_bytes(),
        );
        assert_eq!(code, 201, "creating the Deployment");
        println!(
            "create a Deployment of {rest} replicas (its ReplicaSet and pods, scheduled): {}",
            ms(t.elapsed())
        );
    }

    let table = "Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json\r\n";
    let runs: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            request(
                port,
                "GET",
                "/api/v1/namespaces/default/pods?limit=500",
                table,
                b"",
            );
            t.elapsed()
        })
        .collect();
    println!(
        "GET pods as Table, limit=500 (one page, median of 10): {}",
        ms(median(runs))
    );
    let runs: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            request(port, "GET", "/api/v1/namespaces/default/pods", "", b"");
            t.elapsed()
        })
        .collect();
    println!(
        "GET pods as JSON, all {pods} (median of 10): {}",
        ms(median(runs))
    );

    let kubectl = std::env::var_os("KUBECTL_1_33")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/google-cloud-sdk/bin/kubectl.1.33"));
    if !kubectl.is_file() {
        println!("kubectl v1.33 not found (set KUBECTL_1_33): no kubectl figures");
        advance(port, pods);
        return;
    }
    let dir = std::env::temp_dir().join(format!("kubeplay-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let kc = dir.join("kubeconfig");
    std::fs::write(&kc, kubeconfig_yaml(port)).expect("kubeconfig");
    let run = |args: &[&str]| {
        let t = Instant::now();
        let out = Command::new(&kubectl)
            .arg("--kubeconfig")
            .arg(&kc)
            .args(args)
            .env("HOME", &dir)
            .output()
            .expect("kubectl");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            t.elapsed(),
            out.stdout.iter().filter(|b| **b == b'\n').count(),
        )
    };
    run(&["get", "ns"]); // discovery cached in $HOME/.kube/cache
    let mut lines = 0;
    let runs: Vec<Duration> = (0..5)
        .map(|_| {
            let (d, n) = run(&["get", "pods"]);
            lines = n;
            d
        })
        .collect();
    println!(
        "kubectl get pods, {} rows (median of 5, discovery cached): {}",
        lines.saturating_sub(1),
        ms(median(runs))
    );
    let runs: Vec<Duration> = (0..5).map(|_| run(&["version"]).0).collect();
    println!(
        "kubectl version (kubectl's own start-up, for scale): {}",
        ms(median(runs))
    );
    let _ = std::fs::remove_dir_all(&dir);
    advance(port, pods);
}

/// Last, as it is the slowest: time moving on with every pod in the cluster.
fn advance(port: u16, pods: usize) {
    if std::env::var_os("BENCH_SKIP_ADVANCE").is_some() {
        return;
    }
    let t = Instant::now();
    request(port, "POST", "/kubeplay/advance?seconds=10", "", b"");
    println!(
        "advance 10 s of virtual time with {pods} pods: {}",
        ms(t.elapsed())
    );
}
