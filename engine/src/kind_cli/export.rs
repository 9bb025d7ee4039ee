//! `kind export logs [DIR]` (kind v0.29.0 pkg/cmd/kind/export/logs): the
//! directory's path on stdout, "Exporting logs for cluster ..." on stderr,
//! and in it `kind-version.txt` and per node what kind copies from the
//! node: the kubernetes version and `/var/log`'s pod and container logs
//! (CRI format). What a simulation has no source for (docker info and
//! inspect, journald, serial console, crictl images) is left out.

use super::{cluster_name, parse, KindEnv, VERSION};
use crate::api::meta;
use crate::apiserver::log_request::rfc3339_nano;
use crate::apiserver::ListOptions;
use crate::kubectl::kubeconfig::{self, Kubeconfig};
use crate::world::World;
use kubeplay_shell::Output;
use serde_json::Value;

pub fn logs(env: &mut KindEnv, args: &[String], out: &mut Output) -> Result<(), String> {
    let f = parse(args, &[("name", Some('n'), true)])?;
    if f.args.len() > 1 {
        return Err(format!(
            "accepts at most 1 arg(s), received {}",
            f.args.len()
        ));
    }
    let name = cluster_name(&f, env.vars);
    let now = env.fleet.now().0;
    let clusters = env.fleet.kind_clusters();
    let Some((_, _, _, world)) = clusters.iter().find(|c| c.0 == name) else {
        return Err(format!("unknown cluster \"{name}\""));
    };
    // fs.TempDir("", ""): /tmp and a random number (here from the clock).
    let dir = match f.args.first() {
        Some(d) => d.clone(),
        None => format!("/tmp/{}", 1_000_000_000 + now.rem_euclid(3_000_000_000)),
    };
    out.err(format!("Exporting logs for cluster \"{name}\" to:\n"));
    out.out(format!("{dir}\n"));
    let root = crate::kubectl::manifests::absolute(env.cwd, &dir);
    let files = node_files(world);
    env.vfs
        .write(&format!("{root}/kind-version.txt"), VERSION.trim_end());
    for (path, text) in files {
        env.vfs.write(&format!("{root}/{path}"), &text);
    }
    Ok(())
}

/// Each node's files, as paths under the export directory.
fn node_files(world: &World) -> Vec<(String, String)> {
    let api = &world.api;
    let mut files = vec![];
    let (Some(nodes_r), Some(pods_r)) = (
        api.registry().resolve("nodes").cloned(),
        api.registry().resolve("pods").cloned(),
    ) else {
        return files;
    };
    let nodes = api
        .list_shared(&nodes_r, None, &ListOptions::default())
        .unwrap_or_default();
    let pods = api
        .list_shared(&pods_r, None, &ListOptions::default())
        .unwrap_or_default();
    for node in &nodes {
        let node_name = meta::name(node);
        let version = meta::str_at(node, &["status", "nodeInfo", "kubeletVersion"]).unwrap_or("");
        files.push((
            format!("{node_name}/kubernetes-version.txt"),
            version.to_string(),
        ));
        for pod in pods
            .iter()
            .filter(|p| meta::str_at(p, &["spec", "nodeName"]) == Some(node_name))
        {
            files.extend(pod_files(world, node_name, pod));
        }
    }
    files
}

/// `/var/log/pods/<ns>_<pod>_<uid>/<container>/<restarts>.log` and its
/// `/var/log/containers/<pod>_<ns>_<container>-<id>.log` link (tar -h copies
/// the file).
fn pod_files(world: &World, node: &str, pod: &Value) -> Vec<(String, String)> {
    let (ns, name) = (meta::namespace(pod), meta::name(pod));
    let uid = meta::str_at(pod, &["metadata", "uid"]).unwrap_or("");
    let statuses = ["initContainerStatuses", "containerStatuses"]
        .iter()
        .filter_map(|k| pod["status"][k].as_array())
        .flatten();
    let mut files = vec![];
    for s in statuses {
        let container = s["name"].as_str().unwrap_or("");
        let Some(id) = s["containerID"].as_str().and_then(|i| i.split_once("://")) else {
            continue;
        };
        let lines = world
            .api
            .pod_log_lines(ns, name, container, false)
            .unwrap_or_default();
        let text: String = lines
            .iter()
            .map(|(at, line)| {
                let (body, tag) = match line.strip_suffix('\n') {
                    Some(b) => (b, "F"),
                    None => (line.as_str(), "P"),
                };
                format!("{} stdout {tag} {body}\n", rfc3339_nano(*at))
            })
            .collect();
        let restarts = s["restartCount"].as_i64().unwrap_or(0);
        files.push((
            format!("{node}/pods/{ns}_{name}_{uid}/{container}/{restarts}.log"),
            text.clone(),
        ));
        files.push((
            format!("{node}/containers/{name}_{ns}_{container}-{}.log", id.1),
            text,
        ));
    }
    files
}

/// `kind export kubeconfig`: the cluster's entries merged into the
/// kubeconfig (current context included), as `kind create cluster` does.
pub fn kubeconfig(env: &mut KindEnv, args: &[String], out: &mut Output) -> Result<(), String> {
    let f = parse(
        args,
        &[
            ("name", Some('n'), true),
            ("kubeconfig", None, true),
            ("internal", None, false),
        ],
    )?;
    super::manage::no_args(&f.args, "kind export kubeconfig")?;
    let name = cluster_name(&f, env.vars);
    let server = super::manage::api_server(env.fleet, &name, f.bool("internal"))?;
    let explicit = f.get("kubeconfig").filter(|k| !k.is_empty());
    let path = Kubeconfig::path_in(env.vars, env.cwd, explicit);
    let mut doc = Kubeconfig::load_at(env.vfs, path.clone())
        .map(|k| k.doc)
        .unwrap_or_default();
    kubeconfig::merge_kind(&mut doc, &kubeconfig::kind_doc(&name, &server));
    env.vfs
        .write(&path, &crate::kubectl::printers::yaml::to_yaml(&doc));
    out.err(format!("Set kubectl context to \"kind-{name}\"\n"));
    Ok(())
}
