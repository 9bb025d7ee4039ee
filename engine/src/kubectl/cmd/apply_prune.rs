//! `kubectl apply --prune` (apply's pruner, prune.go): once every object
//! is applied, objects of the allowlisted kinds in the namespaces the apply
//! visited that match `-l`, were made by apply (they carry its annotation)
//! and were not part of this apply are deleted and printed as `pruned`.

use super::create::{print_result, DryRun};
use crate::api::{meta, ApiResource};
use crate::apiserver::{ListOptions, WriteOptions};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::Env;
use std::collections::{BTreeSet, HashSet};

use super::apply::LAST_APPLIED;

/// prune.go's default allowlist: (group, version, kind), namespaced first.
const DEFAULT_ALLOWLIST: &[(&str, &str, &str)] = &[
    ("", "v1", "ConfigMap"),
    ("", "v1", "Endpoints"),
    ("", "v1", "PersistentVolumeClaim"),
    ("", "v1", "Pod"),
    ("", "v1", "ReplicationController"),
    ("", "v1", "Secret"),
    ("", "v1", "Service"),
    ("batch", "v1", "Job"),
    ("batch", "v1", "CronJob"),
    ("networking.k8s.io", "v1", "Ingress"),
    ("apps", "v1", "DaemonSet"),
    ("apps", "v1", "Deployment"),
    ("apps", "v1", "ReplicaSet"),
    ("apps", "v1", "StatefulSet"),
    ("", "v1", "Namespace"),
    ("", "v1", "PersistentVolume"),
];

/// What this apply touched.
#[derive(Default)]
pub struct Visited {
    pub uids: HashSet<String>,
    pub namespaces: BTreeSet<String>,
}

/// apply's Validate for the prune flags, in its order.
pub fn check_flags(p: &Parsed) -> Result<(), CmdError> {
    let selector = p.str("selector").unwrap_or("");
    let plain = |m: &str| Err(CmdError::Plain(m.into()));
    if p.bool("all") && !selector.is_empty() {
        return plain("cannot set --all and --selector at the same time");
    }
    if !p.bool("prune") {
        return Ok(());
    }
    if !p.bool("all") && selector.is_empty() {
        return plain("all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector");
    }
    if p.bool("server-side") {
        return plain("--prune is in alpha and doesn't currently work on objects created by server-side apply");
    }
    Ok(())
}

/// One `--prune-allowlist` entry: `group/version/kind`, `core` for the
/// core group.
fn parse_entry(e: &str) -> Result<(String, String, String), CmdError> {
    match e.split('/').collect::<Vec<_>>().as_slice() {
        [g, v, k] => {
            let g = if *g == "core" { "" } else { g };
            Ok((g.to_string(), v.to_string(), k.to_string()))
        }
        _ => Err(CmdError::Plain(format!(
            "invalid GroupVersionKind format: {e}, please follow <group/version/kind>"
        ))),
    }
}

/// The kinds `--prune-allowlist` names, mapped up front as apply's
/// Complete maps them (None: the defaults, chosen when pruning).
pub fn allowlist(env: &Env, p: &Parsed) -> Result<Option<Vec<ApiResource>>, CmdError> {
    let given = p.all("prune-allowlist");
    if !p.bool("prune") || given.is_empty() {
        return Ok(None);
    }
    let entries = given
        .iter()
        .map(|e| parse_entry(e))
        .collect::<Result<Vec<_>, _>>()?;
    resolve(env, entries).map(Some)
}

fn resolve(
    env: &Env,
    entries: Vec<(String, String, String)>,
) -> Result<Vec<ApiResource>, CmdError> {
    let reg = env.world.api.registry();
    let mut out = vec![];
    for (group, version, kind) in entries {
        let api_version = if group.is_empty() {
            version
        } else {
            format!("{group}/{version}")
        };
        match reg.for_kind(&api_version, &kind) {
            Some(r) => out.push(r.clone()),
            None => {
                return Err(CmdError::Plain(format!(
                    "no matches for kind \"{kind}\" in version \"{api_version}\""
                )))
            }
        }
    }
    Ok(out)
}

/// prune.go's default allowlist, with its deprecation warning (apply
/// always has a namespace).
fn default_kinds(env: &mut Env) -> Result<Vec<ApiResource>, CmdError> {
    let at = crate::network::http::klog_time(env.world.now().0);
    env.eprint(format!("W{at} prune.go:71] Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.\n"));
    let entries = DEFAULT_ALLOWLIST
        .iter()
        .map(|(g, v, k)| (g.to_string(), v.to_string(), k.to_string()))
        .collect();
    resolve(env, entries)
}

/// The pruner's pass after a successful apply.
pub fn prune_all(
    env: &mut Env,
    p: &Parsed,
    kinds: Option<Vec<ApiResource>>,
    visited: &Visited,
    (d, opts): (DryRun, WriteOptions),
) -> Result<(), CmdError> {
    let kinds = match kinds {
        Some(k) => k,
        None => default_kinds(env)?,
    };
    let list_opts = ListOptions {
        label_selector: p
            .str("selector")
            .filter(|s| !s.is_empty())
            .map(String::from),
        field_selector: None,
    };
    let mut scopes: Vec<(Option<String>, &ApiResource)> = vec![];
    for ns in &visited.namespaces {
        for r in kinds.iter().filter(|r| r.namespaced) {
            scopes.push((Some(ns.clone()), r));
        }
    }
    for r in kinds.iter().filter(|r| !r.namespaced) {
        scopes.push((None, r));
    }
    for (ns, r) in scopes {
        let objects = env.world.api.list(r, ns.as_deref(), &list_opts)?;
        for obj in objects {
            let applied = meta::at(&obj, &["metadata", "annotations", LAST_APPLIED]).is_some();
            let uid = meta::str_at(&obj, &["metadata", "uid"]).unwrap_or("");
            if !applied || visited.uids.contains(uid) {
                continue;
            }
            let name = meta::name(&obj).to_string();
            if d != DryRun::Client {
                let ns = ns.as_deref().unwrap_or("");
                env.world.api.delete(r, ns, &name, &opts)?;
            }
            let kind_name = format!("{}/{name}", r.qualified_singular());
            print_result(env, p, &kind_name, &obj, "pruned", d);
        }
    }
    Ok(())
}
