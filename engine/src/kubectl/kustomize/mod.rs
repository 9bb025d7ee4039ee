//! kustomize v5.6.0 as kubectl v1.33 embeds it (`kubectl kustomize DIR`,
//! `-k DIR`): a kustomization in the virtual file system, its resources
//! (files and directories with their own kustomization), generators and the
//! common transformers. Facts from sigs.k8s.io/kustomize api (v5.6.0) and
//! checked against kubectl.1.33's output. Not built: components,
//! replacements, helm charts, remote bases.

mod generators;
mod names;
mod patches;
mod transformers;

use crate::api::Registry;
use crate::kubectl::manifests::{absolute, decode};
use kubeplay_shell::Vfs;
use serde_json::Value;

/// One resource of a build, with the name it had before this build's
/// transformers renamed it (what `replicas` and ordering look at).
#[derive(Clone, Debug)]
pub struct Res {
    pub obj: Value,
    pub original_name: String,
    /// Generated with a content-hash suffix still to add (at the very end).
    pub hash_pending: bool,
}

/// What a build prints besides its documents.
#[derive(Default)]
pub struct Built {
    pub objects: Vec<Value>,
    /// `# Warning: ...` lines (stderr).
    pub warnings: Vec<String>,
}

const FILES: [&str; 3] = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/// Fields this playground does not apply yet: a kustomization using one
/// is refused rather than built wrongly.
const UNBUILT: &[&str] = &[
    "components",
    "replacements",
    "vars",
    "helmCharts",
    "crds",
    "transformers",
    "generators",
    "validators",
    "openapi",
];

/// `evalsymlink failure on 'P' : lstat ABS: no such file or directory`.
fn missing(shown: &str, abs: &str) -> String {
    format!("evalsymlink failure on '{shown}' : lstat {abs}: no such file or directory")
}

/// `kustomize build DIR` (DIR as typed, relative to `cwd`).
pub fn build(vfs: &Vfs, reg: &Registry, cwd: &str, dir: &str) -> Result<Built, String> {
    let abs = absolute(cwd, dir);
    if !vfs.is_dir(&abs) {
        return Err(format!(
            "must build at directory: not a valid directory: {}",
            missing(dir, &abs)
        ));
    }
    let mut built = Built::default();
    let mut res = build_dir(vfs, reg, &abs, &mut built.warnings)?;
    names::add_hashes(&mut res);
    order(&mut res);
    built.objects = res.into_iter().map(|r| r.obj).collect();
    Ok(built)
}

/// The documents as `kubectl kustomize` prints them.
pub fn render(objects: &[Value]) -> String {
    objects
        .iter()
        .map(crate::kubectl::printers::yaml::to_yaml)
        .collect::<Vec<_>>()
        .join("---\n")
}

fn build_dir(
    vfs: &Vfs,
    reg: &Registry,
    dir: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Res>, String> {
    let Some(file) = FILES
        .iter()
        .map(|f| format!("{}/{f}", dir.trim_end_matches('/')))
        .find(|p| vfs.is_file(p))
    else {
        return Err(format!(
            "unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '{dir}'"
        ));
    };
    let text = vfs.read(&file).unwrap_or("");
    let k: Value = serde_yaml::from_str(text).map_err(|e| {
        format!(
            "invalid Kustomization: {}",
            crate::kubectl::manifests::yaml_error_text(&e)
        )
    })?;
    let k = if k.is_null() {
        Value::Object(Default::default())
    } else {
        k
    };
    if let Some(f) = UNBUILT.iter().find(|f| k.get(**f).is_some()) {
        return Err(format!(
            "the kustomization field '{f}' is not available in this playground yet"
        ));
    }
    // kustomize v5.6.0's deprecation notes, in its (alphabetical) order.
    for (old, new) in [
        ("bases", "resources"),
        ("commonLabels", "labels"),
        ("imageTags", "images"),
        ("patchesJson6902", "patches"),
        ("patchesStrategicMerge", "patches"),
    ] {
        if k.get(old).is_some() {
            warnings.push(format!("# Warning: '{old}' is deprecated. Please use '{new}' instead. Run 'kustomize edit fix' to update your Kustomization automatically."));
        }
    }
    let mut res = vec![];
    let entries = strings(&k["resources"])
        .into_iter()
        .chain(strings(&k["bases"]));
    for entry in entries {
        let abs = absolute(dir, &entry);
        let wrap = |inner: String| {
            format!(
                "accumulating resources: accumulation err='accumulating resources from '{entry}': {}': {inner}",
                missing(&abs, &abs)
            )
        };
        if vfs.is_dir(&abs) {
            res.extend(build_dir(vfs, reg, &abs, warnings)?);
        } else if let Some(text) = vfs.read(&abs) {
            let docs = decode(&entry, text).map_err(|e| e.text().trim_end().to_string())?;
            res.extend(docs.into_iter().map(|obj| Res {
                original_name: crate::api::meta::name(&obj).to_string(),
                obj,
                hash_pending: false,
            }));
        } else {
            let inner = format!(
                "must build at directory: not a valid directory: {}",
                missing(&abs, &abs)
            );
            return Err(wrap(inner));
        }
    }
    res.extend(generators::generate(vfs, dir, &k)?);
    patches::apply_early(vfs, dir, &k, &mut res)?;
    transformers::apply(reg, &k, &mut res);
    patches::apply_json6902(vfs, dir, &k, &mut res)?;
    transformers::replicas_and_images(&k, &mut res);
    Ok(res)
}

/// A list of strings from a kustomization field (absent: empty).
pub(crate) fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// kustomize's legacy order (`api/resid/gvk.go`): these kinds first, in this
/// order, the webhook configurations last, the rest between by group,
/// version and kind; then by namespace and original name.
const FIRST: &[&str] = &[
    "Namespace",
    "ResourceQuota",
    "StorageClass",
    "CustomResourceDefinition",
    "ServiceAccount",
    "PodSecurityPolicy",
    "Role",
    "ClusterRole",
    "RoleBinding",
    "ClusterRoleBinding",
    "ConfigMap",
    "Secret",
    "Endpoints",
    "Service",
    "LimitRange",
    "PriorityClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "Deployment",
    "StatefulSet",
    "CronJob",
    "PodDisruptionBudget",
];
const LAST: &[&str] = &[
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

fn order(res: &mut [Res]) {
    let key = |r: &Res| {
        let kind = r.obj["kind"].as_str().unwrap_or("").to_string();
        let rank = match (
            FIRST.iter().position(|k| *k == kind),
            LAST.iter().position(|k| *k == kind),
        ) {
            (Some(i), _) => i as i64 - FIRST.len() as i64,
            (_, Some(i)) => 1 + i as i64,
            _ => 0,
        };
        let api_version = r.obj["apiVersion"].as_str().unwrap_or("");
        let (group, version) = api_version.split_once('/').unwrap_or(("~G", api_version));
        let ns = crate::api::meta::namespace(&r.obj);
        let ns = if ns.is_empty() { "~X" } else { ns };
        (
            rank,
            format!("{group}_{version}_{kind}"),
            format!("{ns}|{}", r.original_name),
        )
    };
    res.sort_by_key(key);
}
