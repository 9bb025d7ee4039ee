//! `docker ps [-a] [-q] [--filter F]… [--format F]` over the node
//! containers (docker/cli v28.5.1 cli/command/container/list.go; filters as
//! the daemon reads them: `label=K[=V]` all must match, `name=`, `id=`,
//! `status=` any of each).

use super::template::format_rows;
use super::{container_id, containers, human_duration, Cluster, COMMAND, EXIT_CODE, IMAGE};
use kubeplay_shell::Output;
use serde_json::{json, Value};

/// The default format (cli/command/formatter/container.go).
const DEFAULT: &str = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";
const HEADERS: [(&str, &str); 13] = [
    ("ID", "CONTAINER ID"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("CreatedAt", "CREATED AT"),
    ("RunningFor", "CREATED"),
    ("Ports", "PORTS"),
    ("State", "STATE"),
    ("Status", "STATUS"),
    ("Names", "NAMES"),
    ("Labels", "LABELS"),
    ("Networks", "NETWORKS"),
    ("Mounts", "MOUNTS"),
    ("LocalVolumes", "LOCAL VOLUMES"),
];

/// The role kind labels a node container with (`io.x-k8s.kind.role`).
pub fn role(node: &str) -> &'static str {
    if node.contains("control-plane") {
        "control-plane"
    } else {
        "worker"
    }
}

/// One container as `docker ps` sees it: the fields of its formatter, and
/// its labels (a map, for filters).
pub fn row(
    clusters: &[Cluster<'_>],
    now: i64,
    c: usize,
    i: usize,
) -> (Value, Vec<(String, String)>) {
    let (cluster, port, created, world) = &clusters[c];
    let k = &world.kubelets[i];
    let stopped = k.stopped_since();
    let status = match stopped {
        Some(at) => format!("Exited ({EXIT_CODE}) {} ago", human_duration(now - at)),
        None => format!(
            "Up {}",
            human_duration(now - k.started_since().unwrap_or(created.0))
        ),
    };
    let ports = if i == 0 && stopped.is_none() {
        format!("127.0.0.1:{port}->6443/tcp")
    } else {
        String::new()
    };
    let labels = vec![
        ("io.x-k8s.kind.cluster".to_string(), cluster.clone()),
        ("io.x-k8s.kind.role".to_string(), role(&k.node).to_string()),
    ];
    let created_at = created
        .rfc3339()
        .replace('T', " ")
        .replace('Z', " +0000 UTC");
    let v = json!({
        "ID": container_id(&k.node),
        "Image": IMAGE,
        "Command": COMMAND,
        "CreatedAt": created_at,
        "RunningFor": format!("{} ago", human_duration(now - created.0)),
        "Ports": ports,
        "State": if stopped.is_some() { "exited" } else { "running" },
        "Status": status,
        "Names": k.node,
        "Networks": "kind",
        "Mounts": "",
        "LocalVolumes": "0",
        "Labels": labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
    });
    (v, labels)
}

/// Whether a container passes every filter (`key=value` strings).
fn keep(v: &Value, labels: &[(String, String)], filters: &[&str]) -> bool {
    let field = |k: &str| v[k].as_str().unwrap_or("").to_string();
    let any = |key: &str, test: &dyn Fn(&str) -> bool| {
        let vals: Vec<&str> = filters
            .iter()
            .filter_map(|f| f.strip_prefix(key)?.strip_prefix('='))
            .collect();
        vals.is_empty() || vals.iter().any(|x| test(x))
    };
    let labels_ok = filters
        .iter()
        .filter_map(|f| f.strip_prefix("label="))
        .all(|want| match want.split_once('=') {
            Some((k, val)) => labels.iter().any(|(lk, lv)| lk == k && lv == val),
            None => labels.iter().any(|(lk, _)| lk == want),
        });
    labels_ok
        && any("name", &|x| field("Names").contains(x))
        && any("id", &|x| field("ID").starts_with(x))
        && any("status", &|x| field("State") == x)
}

/// `docker ps ARGS` (ARGS after `ps`).
pub fn run(clusters: &[Cluster<'_>], now: i64, args: &[&str], out: &mut Output) {
    let (mut all, mut quiet, mut format) = (false, false, DEFAULT.to_string());
    let mut filters: Vec<String> = vec![];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "-a" | "--all" => all = true,
            "-q" | "--quiet" => quiet = true,
            "-aq" | "-qa" => (all, quiet) = (true, true),
            "-f" | "--filter" | "--format" => {
                let Some(v) = it.next() else {
                    return super::flag_error(
                        out,
                        "ps",
                        "[OPTIONS]",
                        &format!("flag needs an argument: {a}"),
                    );
                };
                if *a == "--format" {
                    format = v.to_string();
                } else {
                    filters.push(v.to_string());
                }
            }
            _ if a.starts_with("--filter=") => filters.push(a["--filter=".len()..].into()),
            _ if a.starts_with("--format=") => format = a["--format=".len()..].into(),
            _ if a.starts_with("-f") && a.len() > 2 => filters.push(a[2..].into()),
            _ if a.starts_with('-') && a.len() > 1 => {
                let msg = match a.strip_prefix("--") {
                    Some(_) => format!("unknown flag: {a}"),
                    None => format!(
                        "unknown shorthand flag: '{}' in {a}",
                        a.chars().nth(1).unwrap_or('-')
                    ),
                };
                return super::flag_error(out, "ps", "[OPTIONS]", &msg);
            }
            // cli/required.go NoArgs.
            _ => {
                out.err("docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n");
                out.status = 1;
                return;
            }
        }
    }
    for f in &filters {
        let key = f.split('=').next().unwrap_or("");
        if !f.contains('=') {
            // pflag's invalid-argument error (opts.FilterOpt in docker/cli).
            let msg = format!("invalid argument {f:?} for \"-f, --filter\" flag: bad format of filter (expected name=value)");
            return super::flag_error(out, "ps", "[OPTIONS]", &msg);
        }
        if !["label", "name", "id", "status"].contains(&key) {
            out.err(format!(
                "Error response from daemon: invalid filter '{key}'\n"
            ));
            out.status = 1;
            return;
        }
    }
    let filters: Vec<&str> = filters.iter().map(String::as_str).collect();
    let rows: Vec<Value> = containers(clusters)
        .into_iter()
        .map(|(c, i)| row(clusters, now, c, i))
        .filter(|(v, labels)| (all || v["State"] == "running") && keep(v, labels, &filters))
        .map(|(v, _)| v)
        .collect();
    if quiet {
        format = "{{.ID}}".into();
    }
    match format_rows(&format, &rows, &HEADERS) {
        Ok(text) => out.out(text),
        Err(e) => {
            out.err(format!("template: {e}\n"));
            out.status = 1;
        }
    }
}
