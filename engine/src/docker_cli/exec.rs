//! `docker exec [-i] [-t] NODE CMD…` in a node container: what the
//! tutorials run there. `kubectl` on a control-plane node talks to its own
//! cluster (kubeadm's /etc/kubernetes/admin.conf); `curl -k
//! https://<cluster>-control-plane:6443/version` gets the API server's
//! `/version` over the kind network. Other programs are not simulated.

use super::{container_id, find, Cluster};
use crate::clusters::Fleet;
use crate::kubectl::{self, kubeconfig};
use kubeplay_shell::{Output, Stdin, Vfs};
use std::collections::BTreeMap;

/// kubectl without a kubeconfig (a worker node has no admin.conf):
/// client-go's default server.
pub const NO_KUBECONFIG: &str = "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n";

/// Splits `[FLAGS] CONTAINER CMD…`; None when no command is given.
pub fn split<'a>(args: &'a [&'a str]) -> Option<(&'a str, &'a [&'a str])> {
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') {
        // The flags of `docker exec` that take a value.
        if matches!(
            args[i],
            "-u" | "--user" | "-w" | "--workdir" | "-e" | "--env"
        ) {
            i += 1;
        }
        i += 1;
    }
    let name = args.get(i)?;
    let cmd = args.get(i + 1..).filter(|c| !c.is_empty())?;
    Some((name, cmd))
}

/// The one-letter flags given before the container (`-it` → `it`,
/// `--interactive` → `i`, `--tty` → `t`).
pub fn flag_letters(args: &[&str]) -> String {
    args.iter()
        .take_while(|a| a.starts_with('-'))
        .flat_map(|a| match *a {
            "--interactive" => vec!['i'],
            "--tty" => vec!['t'],
            a if !a.starts_with("--") => a[1..].chars().collect(),
            _ => vec![],
        })
        .collect()
}

/// `docker exec … NODE kubectl ARGS` on a running control-plane node: runs
/// kubectl against that node's cluster with the node's admin.conf. None
/// when ARGS is no such command (then `run` answers).
pub fn kubectl_in_node(fleet: &mut Fleet, args: &[String], stdin: &Stdin) -> Option<Output> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let ["exec", rest @ ..] = args.as_slice() else {
        return None;
    };
    let (name, cmd) = split(rest)?;
    if cmd[0] != "kubectl" {
        return None;
    }
    let mut clusters = fleet.kind_clusters_mut();
    let (c, i) = find(&clusters, name)?;
    let cluster = clusters[c].0.clone();
    let world = &mut *clusters[c].3;
    if world.kubelets[i].is_stopped() || !world.kubelets[i].node.contains("control-plane") {
        return None;
    }
    let argv: Vec<String> = cmd[1..].iter().map(|s| s.to_string()).collect();
    Some(kubectl_on_plane(world, &cluster, &argv, stdin))
}

/// kubectl on a control-plane node of `cluster`, with its admin.conf.
pub fn kubectl_on_plane(
    world: &mut crate::world::World,
    cluster: &str,
    argv: &[String],
    stdin: &Stdin,
) -> Output {
    let path = "/etc/kubernetes/admin.conf";
    let mut doc = serde_json::Value::Null;
    let server = format!("https://{cluster}-control-plane:6443");
    kubeconfig::merge_kind(&mut doc, &kubeconfig::kind_doc(cluster, &server));
    let mut vfs = Vfs::default();
    vfs.write(path, &kubectl::printers::yaml::to_yaml(&doc));
    let vars = BTreeMap::from([("KUBECONFIG".to_string(), path.to_string())]);
    let mut env = kubectl::Env::scripted(world, &mut vfs, &vars, "/", stdin);
    let status = kubectl::run(argv, &mut env);
    let mut out = env.out;
    out.status = status;
    out
}

/// `docker exec ARGS` (ARGS after `exec`) for what `kubectl_in_node` did
/// not take.
pub fn run(clusters: &[Cluster<'_>], args: &[&str], out: &mut Output) {
    let Some((name, cmd)) = split(args) else {
        out.err("docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n");
        out.status = 1;
        return;
    };
    let Some((c, i)) = find(clusters, name) else {
        out.err(format!(
            "Error response from daemon: No such container: {name}\n"
        ));
        out.status = 1;
        return;
    };
    let node = &clusters[c].3.kubelets[i];
    if node.is_stopped() {
        // daemon/exec.go (moby v28): the full container ID.
        let id = super::inspect::long_id(&node.node);
        out.err(format!(
            "Error response from daemon: container {id} is not running\n"
        ));
        out.status = 1;
        return;
    }
    let program = cmd[0].rsplit('/').next().unwrap_or(cmd[0]);
    // A shell without `-i` reads an empty stdin: it ends at once.
    if matches!(program, "bash" | "sh") && cmd.len() == 1 && !flag_letters(args).contains('i') {
        return;
    }
    match program {
        "curl" => curl(clusters, &cmd[1..], out),
        "crictl" if cmd.get(1) == Some(&"images") => super::crictl::images(node, &cmd[2..], out),
        "kubectl" => {
            out.err(NO_KUBECONFIG);
            out.status = 1;
        }
        // Programs the kindest/node image has, not simulated here (it has
        // no ping: kind v0.29.0 images/base/Dockerfile installs no iputils).
        "bash" | "sh" | "crictl" | "ctr" | "cat" | "ls" | "ps" | "ip" | "journalctl"
        | "systemctl" => {
            out.err(format!(
                "kubeplay: `{program}` inside the node container {} is not simulated; kubeplay runs `kubectl` (control plane), `crictl images` and `curl -k https://<cluster>-control-plane:6443/version` there\n",
                container_id(&node.node)
            ));
            out.status = 1;
        }
        // moby v28: the runtime's start error; 127 when not found.
        _ => {
            out.err(format!("OCI runtime exec failed: exec failed: unable to start container process: exec: \"{}\": executable file not found in $PATH: unknown\n", cmd[0]));
            out.status = 127;
        }
    }
}

/// curl in a node: `https://<cluster>-control-plane:6443/version` of any
/// kind cluster (all share the `kind` network).
pub fn curl(clusters: &[Cluster<'_>], args: &[&str], out: &mut Output) {
    let url = args.iter().find(|a| a.starts_with("http"));
    let target = url.and_then(|u| {
        let rest = u.strip_prefix("https://")?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let cluster = host.strip_suffix("-control-plane:6443")?;
        let c = clusters.iter().find(|c| c.0 == cluster)?;
        Some((c, path))
    });
    match target {
        Some((c, "version")) if c.3.control_plane_running() => {
            out.out(crate::kubectl::server_version_json())
        }
        Some(_) => {
            // curl's exit 7: could not connect (with -s nothing is printed).
            out.status = 7;
        }
        None => {
            out.err("kubeplay: curl in a node reaches only https://<cluster>-control-plane:6443/version\n");
            out.status = 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_come_before_the_container_and_its_command() {
        assert_eq!(
            split(&["-it", "n", "crictl", "images"]),
            Some(("n", &["crictl", "images"][..]))
        );
        assert_eq!(split(&["-u", "root", "n", "ls"]), Some(("n", &["ls"][..])));
        assert_eq!(split(&["n"]), None);
    }
}
