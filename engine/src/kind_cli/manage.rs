//! `kind delete cluster`, `kind get clusters|nodes|kubeconfig` and `kind
//! load docker-image` (kind v0.29.0 pkg/cmd/kind/{delete,get,load}, the
//! docker provider and pkg/cluster/internal/{delete,kubeconfig}).

use super::{cluster_name, parse, KindEnv};
use crate::clusters::Fleet;
use crate::kubectl::kubeconfig::{self, Kubeconfig};
use crate::world::World;
use kubeplay_shell::Output;

/// A cluster's node containers as `docker ps` lists them (newest first),
/// which is the order kind's ListNodes sees them in.
fn node_names(world: &World) -> Vec<String> {
    world
        .kubelets
        .iter()
        .rev()
        .map(|k| k.node.clone())
        .collect()
}

fn nodes_of(fleet: &Fleet, name: &str) -> Vec<String> {
    fleet
        .kind_clusters()
        .iter()
        .find(|c| c.0 == name)
        .map(|c| node_names(c.3))
        .unwrap_or_default()
}

pub(super) fn no_args(args: &[String], path: &str) -> Result<(), String> {
    match args.first() {
        Some(a) => Err(format!("unknown command \"{a}\" for \"{path}\"")),
        None => Ok(()),
    }
}

pub fn get_clusters(env: &mut KindEnv, args: &[String], out: &mut Output) -> Result<(), String> {
    let f = parse(args, &[])?;
    no_args(&f.args, "kind get clusters")?;
    let mut names: Vec<String> = env.fleet.kind_clusters().into_iter().map(|c| c.0).collect();
    names.sort();
    if names.is_empty() {
        out.err("No kind clusters found.\n");
    }
    for n in names {
        out.out(format!("{n}\n"));
    }
    Ok(())
}

pub fn get_nodes(env: &mut KindEnv, args: &[String], out: &mut Output) -> Result<(), String> {
    let f = parse(
        args,
        &[
            ("name", Some('n'), true),
            ("all-clusters", Some('A'), false),
        ],
    )?;
    no_args(&f.args, "kind get nodes")?;
    let nodes: Vec<String> = if f.bool("all-clusters") {
        let mut clusters = env.fleet.kind_clusters();
        clusters.sort_by(|a, b| a.0.cmp(&b.0));
        let all: Vec<String> = clusters.iter().flat_map(|c| node_names(c.3)).collect();
        if all.is_empty() {
            out.err("No kind nodes for any cluster.\n");
        }
        all
    } else {
        let name = cluster_name(&f, env.vars);
        let nodes = nodes_of(env.fleet, &name);
        if nodes.is_empty() {
            out.err(format!("No kind nodes found for cluster \"{name}\".\n"));
        }
        nodes
    };
    for n in nodes {
        out.out(format!("{n}\n"));
    }
    Ok(())
}

pub fn get_kubeconfig(env: &mut KindEnv, args: &[String], out: &mut Output) -> Result<(), String> {
    let f = parse(
        args,
        &[("name", Some('n'), true), ("internal", None, false)],
    )?;
    no_args(&f.args, "kind get kubeconfig")?;
    let name = cluster_name(&f, env.vars);
    let server = api_server(env.fleet, &name, f.bool("internal"))?;
    let doc = kubeconfig::kind_doc(&name, &server);
    // Fprintln of the encoded YAML: a blank line after it.
    out.out(format!(
        "{}\n",
        crate::kubectl::printers::yaml::to_yaml(&doc)
    ));
    Ok(())
}

/// The cluster's API server as its kubeconfig names it: the host port, or
/// with `--internal` the control-plane container's address.
pub(super) fn api_server(fleet: &Fleet, name: &str, internal: bool) -> Result<String, String> {
    let Some(port) = fleet
        .kind_clusters()
        .iter()
        .find(|c| c.0 == name)
        .map(|c| c.1)
    else {
        return Err(format!("could not locate any control plane nodes for cluster named '{name}'. Use the --name option to select a different cluster"));
    };
    Ok(if internal {
        format!("https://{name}-control-plane:6443")
    } else {
        Fleet::server_of(port)
    })
}

pub fn delete(env: &mut KindEnv, args: &[String], out: &mut Output) -> Result<(), String> {
    let f = parse(
        args,
        &[("name", Some('n'), true), ("kubeconfig", None, true)],
    )?;
    no_args(&f.args, "kind delete cluster")?;
    let name = cluster_name(&f, env.vars);
    out.err(format!("Deleting cluster \"{name}\" ...\n"));
    let nodes = nodes_of(env.fleet, &name);
    // kubeconfig.Remove: every file of the loading rules, written only if changed.
    let explicit = f.get("kubeconfig").filter(|k| !k.is_empty());
    let path = Kubeconfig::path_in(env.vars, env.cwd, explicit);
    if let Ok(mut k) = Kubeconfig::load_at(env.vfs, path.clone()) {
        if env.vfs.read(&path).is_some() && kubeconfig::remove_kind(&mut k.doc, &name) {
            env.vfs
                .write(&path, &crate::kubectl::printers::yaml::to_yaml(&k.doc));
        }
    }
    if nodes.is_empty() {
        return Ok(());
    }
    let fleet = &mut *env.fleet;
    if fleet.boot_kind.as_deref() == Some(name.as_str()) && !fleet.more.boot_deleted {
        fleet.more.boot_deleted = true;
        // Nothing of it is kept: an empty world holds its place.
        *fleet.boot = World::new(0, fleet.boot.now());
    } else {
        fleet.more.created.retain(|c| c.name != name);
    }
    let quoted: Vec<String> = nodes.iter().map(|n| format!("{n:?}")).collect();
    out.err(format!("Deleted nodes: [{}]\n", quoted.join(" ")));
    Ok(())
}

/// The image ID docker would report for an image the learner built
/// (`docker build` is not simulated: any image counts as built).
pub(crate) fn image_id(image: &str) -> String {
    format!("sha256:{}", crate::kubelet::fake_digest(image))
}

/// The names containerd knows an image by: as given, and normalized
/// (`docker.io/library/` for official images).
pub(crate) fn image_names(image: &str) -> Vec<String> {
    let mut names = vec![image.to_string()];
    let with_tag = match image.rsplit_once(':') {
        Some((_, t)) if !t.contains('/') => image.to_string(),
        _ => format!("{image}:latest"),
    };
    let first = with_tag.split('/').next().unwrap_or("");
    let full = if !with_tag.contains('/') {
        format!("docker.io/library/{with_tag}")
    } else if first.contains('.') || first.contains(':') || first == "localhost" {
        with_tag.clone()
    } else {
        format!("docker.io/{with_tag}")
    };
    for n in [with_tag, full] {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

pub fn load(env: &mut KindEnv, args: &[String], out: &mut Output) -> Result<(), String> {
    let f = parse(args, &[("name", Some('n'), true), ("nodes", None, true)])?;
    if f.args.is_empty() {
        return Err("a list of image names is required".into());
    }
    let mut images: Vec<String> = vec![];
    for i in &f.args {
        if crate::images::parse(i).is_err() {
            return Err(format!("image: \"{i}\" not present locally"));
        }
        if !images.contains(i) {
            images.push(i.clone());
        }
    }
    let name = cluster_name(&f, env.vars);
    let nodes = nodes_of(env.fleet, &name);
    if nodes.is_empty() {
        return Err(format!("no nodes found for cluster \"{name}\""));
    }
    let wanted: Vec<String> = match f.get("nodes") {
        Some(list) => {
            let picked: Vec<String> = list.split(',').map(String::from).collect();
            if let Some(unknown) = picked.iter().find(|n| !nodes.contains(n)) {
                return Err(format!("unknown node: \"{unknown}\""));
            }
            picked
        }
        None => nodes,
    };
    let mut clusters = env.fleet.kind_clusters_mut();
    let Some(world) = clusters.iter_mut().find(|c| c.0 == name).map(|c| &mut c.3) else {
        return Ok(());
    };
    let mut selected: Vec<String> = vec![];
    for image in &images {
        let id = image_id(image);
        for node in &wanted {
            let Some(k) = world.kubelets.iter_mut().find(|k| &k.node == node) else {
                continue;
            };
            if k.has_image(image) {
                continue;
            }
            out.err(format!("Image: \"{image}\" with ID \"{id}\" not yet present on node \"{node}\", loading...\n"));
            let names = image_names(image);
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            k.preload(&refs);
            if !selected.contains(node) {
                selected.push(node.clone());
            }
        }
        if selected.is_empty() {
            out.err(format!(
                "Image: \"{image}\" with ID \"{id}\" found to be already present on all nodes.\n"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_short_and_full_names() {
        assert_eq!(
            image_names("my-app:latest"),
            vec!["my-app:latest", "docker.io/library/my-app:latest"]
        );
        assert_eq!(
            image_names("me/app"),
            vec!["me/app", "me/app:latest", "docker.io/me/app:latest"]
        );
        assert_eq!(
            image_names("registry.k8s.io/pause:3.10"),
            vec!["registry.k8s.io/pause:3.10"]
        );
    }
}
