//! Who shares a container's PID namespace, for its `ps`: the target of an
//! ephemeral container (`kubectl debug --target=app`), or, in a pod with
//! `shareProcessNamespace: true`, the pause process and every other
//! container. Each container shows what its image runs (nginx's master and
//! one worker per CPU).

use super::prepare::container_argv;
use super::process::runs;
use super::ps::Peer;
use crate::api::meta;
use crate::api::quantity::Quantity;
use crate::apiserver::ApiServer;
use crate::images::{self, Image};
use serde_json::Value;

/// The processes container `name` of `pod` sees besides its own.
pub fn peers(api: &ApiServer, pod: &Value, name: &str) -> Vec<Peer> {
    let cpus = node_cpus(api, pod);
    let containers = |field: &str| -> Vec<Value> {
        meta::at(pod, &["spec", field])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    if meta::at(pod, &["spec", "shareProcessNamespace"]).and_then(Value::as_bool) == Some(true) {
        let mut peers = vec![Peer {
            pid: 1,
            user: "65535".into(),
            args: "/pause".into(),
        }];
        for c in containers("containers")
            .iter()
            .filter(|c| c["name"] != name)
        {
            // runc's own processes take the PIDs before each container's.
            let first = peers.iter().map(|p| p.pid).max().unwrap_or(1) + 7;
            peers.extend(processes(c, first, cpus));
        }
        return peers;
    }
    let target = containers("ephemeralContainers")
        .into_iter()
        .find(|c| c["name"] == name)
        .and_then(|c| c["targetContainerName"].as_str().map(String::from));
    target
        .and_then(|t| {
            containers("containers")
                .into_iter()
                .find(|c| c["name"] == t)
        })
        .map(|c| processes(&c, 1, cpus))
        .unwrap_or_default()
}

/// The processes container `c` runs, the first as `first`.
fn processes(c: &Value, first: u32, cpus: u32) -> Vec<Peer> {
    let img = c["image"]
        .as_str()
        .and_then(|i| images::parse(i).ok())
        .as_ref()
        .and_then(images::lookup);
    let env = img
        .map(|i| {
            i.env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut argv = container_argv(c, img, &env);
    if let Some(img) = img {
        argv = runs(img, argv);
    }
    let line = argv.join(" ");
    match img {
        Some(i) if runs_nginx(i, &argv) => {
            let mut procs = vec![Peer {
                pid: first,
                user: "root".into(),
                args: nginx_master_args(&line),
            }];
            procs.extend(nginx_worker_pids(first, cpus).map(|pid| Peer {
                pid,
                user: NGINX_WORKER_UID.to_string(),
                args: "nginx: worker process".into(),
            }));
            procs
        }
        _ => vec![Peer {
            pid: first,
            user: "root".into(),
            args: line,
        }],
    }
}

/// The user nginx's workers run as (the image's `nginx` user).
pub const NGINX_WORKER_UID: u32 = 101;

/// How nginx's master names itself, given the command line it ran.
pub fn nginx_master_args(line: &str) -> String {
    format!("nginx: master process {line}")
}

/// nginx's worker PIDs, one per CPU: the entrypoint's scripts used the
/// PIDs between the master's and the workers'.
pub fn nginx_worker_pids(master: u32, cpus: u32) -> impl Iterator<Item = u32> {
    (0..cpus).map(move |n| master + 28 + n)
}

fn runs_nginx(image: &Image, argv: &[String]) -> bool {
    image.repository == "nginx"
        && argv
            .first()
            .is_some_and(|a| a.rsplit('/').next() == Some("nginx"))
}

/// The CPUs of the pod's node (nginx starts a worker for each).
fn node_cpus(api: &ApiServer, pod: &Value) -> u32 {
    let node = meta::str_at(pod, &["spec", "nodeName"]).unwrap_or("");
    api.registry()
        .resolve("nodes")
        .and_then(|r| api.get(r, "", node).ok())
        .and_then(|n| {
            n["status"]["capacity"]["cpu"]
                .as_str()
                .and_then(Quantity::parse)
        })
        .map_or(1, |q| q.value().clamp(1, 64) as u32)
}
