//! `crictl images` in a kind node (crictl v1.33.0, what kindest/node
//! v1.33.1 ships; cmd/crictl/image.go): every image the node's containerd
//! holds — kind's preloaded ones, `kind load`ed and pulled ones — sorted
//! by reference, with the 13-digit image ID and the size as go-units
//! prints it, in a tabwriter of minimum width 20.

use super::template::table_min;
use super::units::human_size;
use crate::kind_cli::manage::{image_id, image_names};
use crate::kubelet::Kubelet;
use kubeplay_shell::Output;

/// Image sizes for kind v0.29's preloaded images, which the catalogue of
/// runnable images does not hold (approximate: content size in containerd).
const PRELOADED_SIZES: &[(&str, u64)] = &[
    ("registry.k8s.io/kube-apiserver", 30_100_000),
    ("registry.k8s.io/kube-controller-manager", 27_600_000),
    ("registry.k8s.io/kube-scheduler", 21_800_000),
    ("registry.k8s.io/kube-proxy", 31_900_000),
    ("registry.k8s.io/etcd", 58_900_000),
    ("registry.k8s.io/coredns/coredns", 20_900_000),
    ("docker.io/kindest/kindnetd", 44_400_000),
    ("docker.io/kindest/local-path-provisioner", 22_500_000),
    ("docker.io/kindest/local-path-helper", 3_080_000),
];

fn size_of(repo: &str, full: &str) -> u64 {
    if let Some((_, s)) = PRELOADED_SIZES.iter().find(|(r, _)| *r == repo) {
        return *s;
    }
    crate::images::parse(full)
        .ok()
        .and_then(|r| crate::images::lookup(&r))
        .map_or(5_000_000, |i| i.size_bytes)
}

/// `crictl images` ARGS (after `images`); only the default table.
pub fn images(node: &Kubelet, args: &[&str], out: &mut Output) {
    if let Some(a) = args.iter().find(|a| a.starts_with('-')) {
        out.err(format!(
            "kubeplay: `crictl images {a}` is not simulated; `crictl images` prints the table\n"
        ));
        out.status = 1;
        return;
    }
    // (repository, tag, full reference) per image the runtime knows.
    let mut refs: Vec<(String, String, String)> = vec![];
    for image in node.images() {
        let full = image_names(image).pop().unwrap_or_default();
        let (repo, tag) = match full.rsplit_once(':') {
            Some((r, t)) if !t.contains('/') => (r.to_string(), t.to_string()),
            _ => (full.clone(), "<none>".to_string()),
        };
        if !refs.iter().any(|(_, _, f)| *f == full) {
            refs.push((repo, tag, full));
        }
    }
    // imageByRef: sorted by the first repo tag.
    refs.sort_by(|a, b| a.2.cmp(&b.2));
    let mut rows = vec![vec![
        "IMAGE".to_string(),
        "TAG".into(),
        "IMAGE ID".into(),
        "SIZE".into(),
    ]];
    for (repo, tag, full) in refs {
        // The ID `kind load` reported: of the name without docker.io.
        let short_name = full
            .strip_prefix("docker.io/library/")
            .or_else(|| full.strip_prefix("docker.io/"))
            .unwrap_or(&full);
        let id = image_id(short_name);
        let short: String = id.trim_start_matches("sha256:").chars().take(13).collect();
        rows.push(vec![
            repo.clone(),
            tag,
            short,
            human_size(size_of(&repo, &full) as f64, 3),
        ]);
    }
    out.out(table_min(&rows, 20));
}
