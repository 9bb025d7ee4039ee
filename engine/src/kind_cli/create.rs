//! `kind create cluster` (pkg/cluster/internal/create/create.go): a new
//! world booted as kind boots a cluster, its kubeconfig entry merged into
//! the kubeconfig and made current, the status lines kind prints when
//! stderr is not a terminal (cli/status.go: ` • step  ...`, ` ✓ step`).

use super::{parse, KindEnv};
use crate::clusters::{Fleet, KindCluster};
use crate::kubectl::kubeconfig::{self, Kubeconfig};
use crate::presets::{self, KindConfig};
use crate::world::World;
use kubeplay_shell::Output;

const NODE_IMAGE: &str = "kindest/node:v1.33.1";

/// create.go logSalutation (kind picks one at random; here the cluster's seed).
const SALUTATIONS: &[&str] = &[
    "Have a nice day! 👋",
    "Thanks for using kind! 😊",
    "Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/",
    "Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂",
];

/// Go's time.Duration String of whole seconds (`5m0s`, `30s`, `1h0m0s`).
fn go_duration(secs: i64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s}s"),
        (0, _) => format!("{m}m{s}s"),
        _ => format!("{h}h{m}m{s}s"),
    }
}

/// One status phase as kind logs it without a terminal.
fn step(out: &mut Output, what: &str) {
    out.err(format!(" • {what}  ...\n ✓ {what}\n"));
}

fn read_config(env: &KindEnv, path: &str) -> Result<KindConfig, String> {
    let text = if path == "-" {
        env.stdin.read().to_string()
    } else {
        let abs = crate::kubectl::manifests::absolute(env.cwd, path);
        env.vfs
            .read(&abs)
            .ok_or_else(|| format!("error reading file: open {path}: no such file or directory"))?
            .to_string()
    };
    KindConfig::parse(&text)
}

/// The first free host number on the `kind` docker network for `nodes`
/// new nodes (docker hands out the lowest free addresses).
fn first_free_ip(fleet: &Fleet, nodes: usize) -> usize {
    let used: Vec<usize> = fleet
        .kind_clusters()
        .iter()
        .flat_map(|(_, _, _, w)| w.kubelets.iter())
        .filter_map(|k| k.node_ip.rsplit('.').next()?.parse().ok())
        .collect();
    let mut first = presets::KIND_FIRST_IP;
    while (first..first + nodes).any(|i| used.contains(&i)) {
        first += 1;
    }
    first
}

pub fn cluster(env: &mut KindEnv, args: &[String], out: &mut Output) -> Result<(), String> {
    let f = parse(
        args,
        &[
            ("name", Some('n'), true),
            ("config", None, true),
            ("image", None, true),
            ("retain", None, false),
            ("wait", None, true),
            ("kubeconfig", None, true),
        ],
    )?;
    if let Some(a) = f.args.first() {
        return Err(format!(
            "unknown command \"{a}\" for \"kind create cluster\""
        ));
    }
    let wait_ms = match f.get("wait") {
        Some(w) => crate::kubectl::duration_ms(w).ok_or_else(|| {
            format!("invalid argument \"{w}\" for \"--wait\" flag: time: invalid duration \"{w}\"")
        })?,
        None => 0,
    };
    let fail = |e: String| format!("failed to create cluster: {e}");
    let mut config = match f.get("config").filter(|c| !c.is_empty()) {
        Some(path) => read_config(env, path).map_err(fail)?,
        None => KindConfig::default_cluster(),
    };
    if let Some(n) = f.get("name").filter(|n| !n.is_empty()) {
        config.name = n.to_string();
    } else if let Some(n) = env.vars.get("KIND_CLUSTER_NAME").filter(|n| !n.is_empty()) {
        config.name = n.clone();
    }
    let name = config.name.clone();
    if env.fleet.kind_clusters().iter().any(|c| c.0 == name) {
        return Err(fail(format!(
            "node(s) already exist for a cluster with the name \"{name}\""
        )));
    }
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    if !valid {
        return Err(fail(format!(
            "'{name}' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`"
        )));
    }
    if name.len() > 50 {
        out.err(format!("cluster name \"{name}\" is probably too long, this might not work properly on some systems\n"));
    }
    let (cps, workers) = (
        usize::from(config.control_planes),
        usize::from(config.workers),
    );
    let image = f.get("image").unwrap_or(NODE_IMAGE);
    out.err(format!("Creating cluster \"{name}\" ...\n"));
    step(out, &format!("Ensuring node image ({image}) 🖼"));
    // A fixed apiServerPort another cluster holds: docker refuses to
    // publish it twice, so the nodes are never made.
    let holder = config.api_server_port.and_then(|p| {
        let clusters = env.fleet.kind_clusters();
        clusters.iter().find(|c| c.1 == p).map(|c| c.0.to_string())
    });
    if let (Some(p), Some(other)) = (config.api_server_port, holder) {
        let what = format!("Preparing nodes {}", "📦 ".repeat(cps + workers));
        out.err(format!(" • {what}  ...\n ✗ {what}\n"));
        return Err(fail(format!(
            "kubeplay: docker could not publish 127.0.0.1:{p} (Bind for 127.0.0.1:{p} failed: port is already allocated): cluster \"{other}\" holds it"
        )));
    }
    step(
        out,
        &format!("Preparing nodes {}", "📦 ".repeat(cps + workers)),
    );
    if cps > 1 {
        step(out, "Configuring the external load balancer ⚖️");
    }
    step(out, "Writing configuration 📜");
    step(out, "Starting control-plane 🕹️");
    step(out, "Installing CNI 🔌");
    step(out, "Installing StorageClass 💾");
    if cps > 1 {
        step(out, "Joining more control-plane nodes 🎮");
    }
    if workers > 0 {
        step(out, "Joining worker nodes 🚜");
    }

    // The new cluster boots on the playground's clock; the others wait for it.
    env.fleet.sync();
    let now = env.fleet.now();
    let taken: Vec<u16> = env.fleet.kind_clusters().iter().map(|c| c.1).collect();
    let (seed, random_port) = env.fleet.more.next_identity(&taken);
    let port = config.api_server_port.unwrap_or(random_port);
    let first_ip = first_free_ip(env.fleet, cps + workers);
    let mut world = World::new(seed, now);
    presets::boot_kind_named(&mut world, seed, &name, (cps, workers), first_ip);
    env.fleet.more.created.push(KindCluster {
        name: name.clone(),
        port,
        created: now,
        world,
    });
    env.fleet.sync();
    if wait_ms > 0 {
        let what = format!(
            "Waiting ≤ {} for control-plane = Ready ⏳",
            go_duration((wait_ms + 500) / 1000)
        );
        // The control plane is Ready by the time the nodes have joined.
        out.err(format!(" • {what}  ...\n ✓ {what}\n • Ready after 0s 💚\n"));
    }

    let explicit = f.get("kubeconfig").filter(|k| !k.is_empty());
    let path = Kubeconfig::path_in(env.vars, env.cwd, explicit);
    let mut doc = Kubeconfig::load_at(env.vfs, path.clone())
        .map(|k| k.doc)
        .unwrap_or_default();
    let kind = kubeconfig::kind_doc(&name, &Fleet::server_of(port));
    kubeconfig::merge_kind(&mut doc, &kind);
    env.vfs
        .write(&path, &crate::kubectl::printers::yaml::to_yaml(&doc));

    let context = format!("kind-{name}");
    let mut sample = format!("kubectl cluster-info --context {context}");
    if let Some(k) = explicit {
        sample.push_str(&format!(" --kubeconfig {}", shell_quote(k)));
    }
    out.err(format!(
        "Set kubectl context to \"{context}\"\nYou can now use your cluster with:\n\n{sample}\n\n{}\n",
        SALUTATIONS[(seed % SALUTATIONS.len() as u64) as usize]
    ));
    Ok(())
}

/// shellescape.Quote: a word of safe characters as is, else single-quoted.
fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@%+=:,./-_".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\"'\"'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_go_prints_them() {
        assert_eq!(go_duration(300), "5m0s");
        assert_eq!(go_duration(30), "30s");
        assert_eq!(go_duration(3600), "1h0m0s");
    }

    #[test]
    fn paths_are_quoted_only_when_needed() {
        assert_eq!(shell_quote("/tmp/k.conf"), "/tmp/k.conf");
        assert_eq!(shell_quote("my file"), "'my file'");
    }
}
