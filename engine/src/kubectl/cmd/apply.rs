//! `kubectl apply` (client-side): create what is missing; otherwise patch the
//! live object with a three-way merge of the last applied configuration (kept
//! in an annotation), the new configuration and the live state.

use super::apply_prune;
use crate::api::meta;
use crate::apiserver::{PatchType, WriteOptions};
use crate::kubectl::cmd::create::{dry_run, print_result, DryRun};
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::json;
use crate::kubectl::{manifests, three_way, Command, Env};
use serde_json::{json, Value};

pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

pub const COMMAND: Command = Command {
    name: "apply",
    aliases: &[],
    group: "Advanced Commands",
    short: "Make the cluster match manifests: create what is missing, update what differs",
    flags: &[
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files, directories or - (stdin) with the configuration to apply.",
        )
        .short('f'),
        Flag::new(
            "recursive",
            FlagKind::Bool,
            "false",
            "Read directories given with -f recursively.",
        )
        .short('R'),
        Flag::new(
            "kustomize",
            FlagKind::String,
            "",
            "Apply a kustomization directory.",
        )
        .short('k'),
        Flag::new(
            "output",
            FlagKind::String,
            "",
            "Print the applied objects as json, yaml or name.",
        )
        .short('o'),
        Flag::new(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server: only show what would change.",
        ),
        Flag::new(
            "server-side",
            FlagKind::Bool,
            "false",
            "Let the server merge (server-side apply).",
        ),
        Flag::new(
            "force",
            FlagKind::Bool,
            "false",
            "Delete and re-create objects that cannot be patched.",
        ),
        Flag::new(
            "prune",
            FlagKind::Bool,
            "false",
            "Delete objects no longer in the configuration.",
        ),
        Flag::new(
            "selector",
            FlagKind::String,
            "",
            "Only apply objects with these labels.",
        )
        .short('l'),
        Flag::new(
            "validate",
            FlagKind::String,
            "strict",
            "How strictly to check the manifest against the schema.",
        ),
        Flag::new(
            "field-manager",
            FlagKind::String,
            "kubectl-client-side-apply",
            "Name of the field manager.",
        ),
        Flag::new(
            "overwrite",
            FlagKind::Bool,
            "true",
            "Let the configuration win over changes made since the last apply.",
        ),
        Flag::new(
            "wait",
            FlagKind::Bool,
            "false",
            "Wait for pruned objects to be gone.",
        ),
            Flag::new("all", FlagKind::Bool, "false", "Select all resources in the namespace of the specified resource types."),
        Flag::new("allow-missing-template-keys", FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
        Flag::new("cascade", FlagKind::String, "background", "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
        Flag::new("force-conflicts", FlagKind::Bool, "false", "If true, server-side apply will force the changes against conflicts."),
        Flag::new("grace-period", FlagKind::Int, "-1", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."),
        Flag::new("openapi-patch", FlagKind::Bool, "true", "If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types."),
        Flag::new("prune-allowlist", FlagKind::StringSlice, "[]", "Overwrite the default allowlist with <group/version/kind> for --prune"),
        Flag::new("show-managed-fields", FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
        Flag::new("subresource", FlagKind::String, "", "If specified, apply will operate on the subresource of the requested object.  Only allowed when using --server-side."),
        Flag::new("template", FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
        Flag::new("timeout", FlagKind::Duration, "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
        crate::kubectl::flags::RECORD,
    ],
    run,
};

/// The configuration kubectl sends: the object as given (with its namespace
/// set), annotated with itself minus that annotation.
fn modified_configuration(obj: &Value) -> Value {
    let mut without = obj.clone();
    let annotations = meta::metadata_mut(&mut without)
        .entry("annotations")
        .or_insert_with(|| json!({}));
    // Annotations that are not a map read as none (unstructured's GetAnnotations).
    if !annotations.is_object() {
        *annotations = json!({});
    }
    if let Some(a) = annotations.as_object_mut() {
        a.remove(LAST_APPLIED);
    }
    let text = format!("{}\n", json::to_compact(&without));
    let mut with = without;
    with["metadata"]["annotations"][LAST_APPLIED] = Value::String(text);
    with
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    // apply.go Complete's checks, in its order.
    let d = dry_run(p)?;
    if p.bool("force-conflicts") && !p.bool("server-side") {
        return Err(CmdError::Plain(
            "--force-conflicts only works with --server-side".into(),
        ));
    }
    if d == DryRun::Client && p.bool("server-side") {
        return Err(CmdError::Plain(
            "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)".into(),
        ));
    }
    let prune_kinds = apply_prune::allowlist(env, p)?;
    apply_prune::check_flags(p)?;
    super::create::validate_directive(p)?;
    let files = manifests::Sources::from(p);
    if files.is_empty() {
        return Err(CmdError::Plain("must specify one of -f and -k".into()));
    }
    // The pruner's delete options (read with the rest of the flags).
    let prune_opts = WriteOptions {
        grace_period: super::delete::grace_period(p)?,
        propagation: Some(super::delete::propagation(env, p)?),
        dry_run: d == DryRun::Server,
    };
    let default_ns = env.namespace(p);
    let list = manifests::load_sources(env, &files)?;
    let mut list = manifests::select(list, p.str("selector"))?;
    if list.is_empty() {
        return Err(CmdError::Plain("no objects passed to apply".into()));
    }
    // apply.go applyOneObject records first: the saved configuration and
    // the applied fields include the change cause.
    for m in &mut list {
        crate::kubectl::record::record(p, &mut m.object);
    }
    if p.bool("server-side") {
        return super::apply_server_side::run(env, p, list, &default_ns, d);
    }
    let mut errors: Vec<String> = vec![];
    let mut visited = apply_prune::Visited::default();
    let mut written = env.world.api.revision();
    for m in list {
        env.world.settle_between_requests(&mut written);
        let name = meta::name(&m.object).to_string();
        let r = match m.resource(env.world.api.registry()) {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let obj_ns = meta::namespace(&m.object).to_string();
        super::create::enforce_namespace(p, &r, &obj_ns, &default_ns)?;
        let ns = if obj_ns.is_empty() {
            default_ns.clone()
        } else {
            obj_ns
        };
        let mut obj = m.object.clone();
        if r.namespaced {
            meta::metadata_mut(&mut obj).insert("namespace".into(), json!(ns));
            visited.namespaces.insert(ns.clone());
        }
        let kind_name = format!("{}/{}", r.qualified_singular(), name);
        let modified = modified_configuration(&obj);
        let live = env.world.api.get(&r, &ns, &name);
        let result = match live {
            Err(s) if s.code == 404 => {
                if d == DryRun::Client {
                    print_result(env, p, &kind_name, &modified, "created", d);
                    continue;
                }
                let opts = WriteOptions {
                    dry_run: d == DryRun::Server,
                    ..Default::default()
                };
                env.world
                    .api
                    .create(&r, &ns, modified, &opts)
                    .map(|o| (o, "created"))
            }
            Err(s) => Err(s),
            Ok(current) => {
                let original: Option<Value> =
                    meta::str_at(&current, &["metadata", "annotations", LAST_APPLIED])
                        .and_then(|s| serde_json::from_str(s).ok());
                if original.is_none() && d != DryRun::Client {
                    env.eprint(format!("Warning: resource {}/{name} is missing the {LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n", r.name));
                }
                // Kinds outside kubectl's scheme get a JSON merge patch.
                let unstructured = r.is_custom() || r.group == "apiextensions.k8s.io";
                let patch = if unstructured {
                    three_way::json_merge_patch(original.as_ref(), &modified, &current)
                } else {
                    three_way::patch(original.as_ref(), &modified, &current)
                };
                let patch_type = if unstructured {
                    PatchType::Merge
                } else {
                    PatchType::Strategic
                };
                // A client dry run sends no patch, so it never finds the
                // object unchanged (applyOneObject).
                if d == DryRun::Client {
                    Ok((current, "configured"))
                } else if patch.as_object().is_some_and(|m| m.is_empty()) {
                    Ok((current, "unchanged"))
                } else if d != DryRun::None {
                    Ok((current, "configured"))
                } else {
                    env.world
                        .api
                        .patch(&r, &ns, &name, patch_type, &patch)
                        .map(|o| (o, "configured"))
                }
            }
        };
        match result {
            Ok((o, verb)) => {
                if let Some(uid) = meta::str_at(&o, &["metadata", "uid"]) {
                    visited.uids.insert(uid.to_string());
                }
                print_result(env, p, &kind_name, &o, verb, d)
            }
            Err(mut s) => {
                if s.reason != "Invalid" {
                    s.message = format!("error when creating \"{}\": {}", m.source, s.message);
                }
                errors.push(status_text(&s));
            }
        }
    }
    if !errors.is_empty() {
        return crate::kubectl::errors::aggregate(errors);
    }
    if p.bool("prune") {
        apply_prune::prune_all(env, p, prune_kinds, &visited, (d, prune_opts))?;
    }
    Ok(())
}
