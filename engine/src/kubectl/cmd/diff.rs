//! `kubectl diff -f FILE`: what `kubectl apply` would change. Each object is
//! applied as a server-side dry run (a dry-run create when it is missing, the
//! apply three-way patch otherwise), the live and the merged objects are
//! written as YAML (managed fields left out, Secret data masked) and compared
//! as `diff -u -N LIVE-dir MERGED-dir` prints it. Exit status 1 means
//! differences, as diff's own.

use crate::api::meta;
use crate::apiserver::{PatchType, WriteOptions};
use crate::clock::Time;
use crate::kubectl::cmd::apply::LAST_APPLIED;
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::yaml;
use crate::kubectl::{manifests, three_way, Command, Env};
use crate::rng::Rng;
use kubeplay_shell::line_diff;
use serde_json::{json, Map, Value};

pub const COMMAND: Command = Command {
    name: "diff",
    aliases: &[],
    group: "Advanced Commands",
    short: "Diff the live version against a would-be applied version",
    flags: &[
        Flag::new("concurrency", FlagKind::Int, "1", "Number of objects to process in parallel when diffing against the live version. Larger number = faster, but more memory, I/O and CPU over that shorter period of time."),
        Flag::new("field-manager", FlagKind::String, "kubectl-client-side-apply", "Name of the manager used to track field ownership."),
        Flag::new("filename", FlagKind::StringSlice, "[]", "Filename, directory, or URL to files contains the configuration to diff").short('f'),
        Flag::new("force-conflicts", FlagKind::Bool, "false", "If true, server-side apply will force the changes against conflicts."),
        Flag::new("kustomize", FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R.").short('k'),
        Flag::new("prune", FlagKind::Bool, "false", "Include resources that would be deleted by pruning. Can be used with -l and default shows all resources would be pruned"),
        Flag::new("prune-allowlist", FlagKind::StringSlice, "[]", "Overwrite the default allowlist with <group/version/kind> for --prune"),
        Flag::new("recursive", FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.").short('R'),
        Flag::new("selector", FlagKind::String, "", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.").short('l'),
        Flag::new("server-side", FlagKind::Bool, "false", "If true, apply runs in the server instead of the client."),
        Flag::new("show-managed-fields", FlagKind::Bool, "false", "If true, include managed fields in the diff."),
    ],
    run,
};

/// `os.MkdirTemp`'s name: the prefix and a random uint32 in decimal. Drawn
/// from the virtual time and store revision so the cluster's RNG never moves.
fn temp_dir(prefix: &str, salt: u64) -> String {
    format!("/tmp/{prefix}-{}", Rng::seeded(salt).next_u64() as u32)
}

/// A file's modification time as GNU diff prints it.
fn diff_time(t: Time) -> String {
    let rfc = t.rfc3339(); // 2025-06-01T09:00:00Z
    let (date, clock) = rfc
        .trim_end_matches('Z')
        .split_once('T')
        .unwrap_or((&rfc, ""));
    let nanos = t.0.rem_euclid(1000) * 1_000_000;
    format!("{date} {clock}.{nanos:09} +0000")
}

/// What the diff shows of an object: no managed fields unless asked.
fn shown(obj: &Value, managed: bool) -> Value {
    let mut o = obj.clone();
    if !managed {
        if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("managedFields");
        }
    }
    o
}

/// Secret values never reach the terminal: equal keys read `***`, changed
/// ones `*** (before)` / `*** (after)` (diff.go's Masker).
fn mask_secret(from: Option<&mut Value>, to: &mut Value) {
    let before: Map<String, Value> = from
        .as_ref()
        .and_then(|f| f.get("data"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let after: Map<String, Value> = to
        .get("data")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut f = Map::new();
    let mut t = Map::new();
    for (k, v) in &before {
        match after.get(k) {
            Some(w) if w != v => {
                f.insert(k.clone(), json!("*** (before)"));
                t.insert(k.clone(), json!("*** (after)"));
            }
            Some(_) => {
                f.insert(k.clone(), json!("***"));
                t.insert(k.clone(), json!("***"));
            }
            None => {
                f.insert(k.clone(), json!("***"));
            }
        }
    }
    for k in after.keys() {
        t.entry(k.clone()).or_insert(json!("***"));
    }
    if let Some(from) = from {
        if from.get("data").is_some_and(Value::is_object) {
            from["data"] = Value::Object(f);
        }
    }
    if to.get("data").is_some_and(Value::is_object) {
        to["data"] = Value::Object(t);
    }
}

/// Errors exit 2 (`CheckDiffErr`), so 1 keeps meaning "there are differences".
fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    match diff(env, p) {
        Err(e @ CmdError::Exit { .. }) => Err(e),
        Err(e) => Err(CmdError::Exit {
            text: e.text(),
            code: 2,
        }),
        Ok(()) => Ok(()),
    }
}

fn diff(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let files = manifests::Sources::from(p);
    if files.is_empty() {
        return Err(CmdError::Plain("must specify one of -f and -k".into()));
    }
    let default_ns = env.namespace(p);
    let managed = p.bool("show-managed-fields");
    let now = env.world.api.now();
    let salt = (now.0 as u64) ^ env.world.api.revision().rotate_left(32);
    let live_dir = temp_dir("LIVE", salt);
    let merged_dir = temp_dir("MERGED", salt ^ 0x4D45_5247_4544);
    let stamp = diff_time(now);
    let mut out: Vec<(String, String)> = vec![];
    for m in manifests::load_sources(env, &files)? {
        let r = m
            .resource(env.world.api.registry())
            .map_err(CmdError::Raw)?;
        let name = meta::name(&m.object).to_string();
        let obj_ns = meta::namespace(&m.object).to_string();
        let ns = if obj_ns.is_empty() || !r.namespaced {
            if r.namespaced {
                default_ns.clone()
            } else {
                String::new()
            }
        } else {
            obj_ns
        };
        let mut local = m.object.clone();
        if r.namespaced {
            meta::metadata_mut(&mut local).insert("namespace".into(), json!(ns));
        }
        let live = match env.world.api.get(&r, &ns, &name) {
            Ok(o) => Some(o),
            Err(s) if s.code == 404 => None,
            Err(s) => return Err(CmdError::Api(s)),
        };
        let merged = merged(env, &r, &ns, &name, &local, live.as_ref()).map_err(|mut s| {
            if s.reason != "Invalid" {
                s.message = format!("error when creating \"{}\": {}", m.source, s.message);
            }
            CmdError::Raw(status_text(&s))
        })?;
        let mut from = live.as_ref().map(|l| shown(l, managed));
        let mut to = shown(&merged, managed);
        if r.group.is_empty() && r.kind == "Secret" {
            mask_secret(from.as_mut(), &mut to);
        }
        let from_text = from.as_ref().map(yaml::to_yaml).unwrap_or_default();
        let to_text = yaml::to_yaml(&to);
        let hunks = line_diff::hunks(&from_text, &to_text);
        if hunks.is_empty() {
            continue;
        }
        let group = if r.group.is_empty() {
            String::new()
        } else {
            format!("{}.", r.group)
        };
        let file = format!("{group}{}.{}.{ns}.{name}", r.version, r.kind);
        let chunk = format!(
            "diff -u -N {live_dir}/{file} {merged_dir}/{file}\n--- {live_dir}/{file}\t{stamp}\n+++ {merged_dir}/{file}\t{stamp}\n{hunks}"
        );
        out.push((file, chunk));
    }
    if out.is_empty() {
        return Ok(());
    }
    // `diff -r` compares the two directories' files in name order.
    out.sort();
    env.print(out.into_iter().map(|(_, c)| c).collect::<String>());
    Err(CmdError::Exit {
        text: String::new(),
        code: 1,
    })
}

/// The object as the server would store it after `kubectl apply`, without
/// storing anything: a dry-run create, or the apply patch on a copy of the
/// server (a dry-run update keeps the live resourceVersion).
fn merged(
    env: &mut Env,
    r: &crate::api::ApiResource,
    ns: &str,
    name: &str,
    local: &Value,
    live: Option<&Value>,
) -> Result<Value, crate::api::Status> {
    let Some(current) = live else {
        let opts = WriteOptions {
            dry_run: true,
            ..Default::default()
        };
        return env.world.api.create(r, ns, local.clone(), &opts);
    };
    // kubectl's modified configuration without the annotation: the live
    // last-applied value is kept, so it never shows in the diff.
    let mut local = local.clone();
    let annotations = meta::metadata_mut(&mut local)
        .entry("annotations")
        .or_insert_with(|| json!({}));
    if let Some(a) = annotations.as_object_mut() {
        a.remove(LAST_APPLIED);
    }
    let local = &local;
    let original: Option<Value> = meta::str_at(current, &["metadata", "annotations", LAST_APPLIED])
        .and_then(|s| serde_json::from_str(s).ok());
    let unstructured = r.is_custom() || r.group == "apiextensions.k8s.io";
    let (patch, kind) = if unstructured {
        (
            three_way::json_merge_patch(original.as_ref(), local, current),
            PatchType::Merge,
        )
    } else {
        (
            three_way::patch(original.as_ref(), local, current),
            PatchType::Strategic,
        )
    };
    if patch.as_object().is_some_and(|m| m.is_empty()) {
        return Ok(current.clone());
    }
    let mut scratch = env.world.api.clone();
    let mut out = scratch.patch(r, ns, name, kind, &patch)?;
    if let Some(rv) = meta::str_at(current, &["metadata", "resourceVersion"]) {
        out["metadata"]["resourceVersion"] = json!(rv);
    }
    Ok(out)
}
