//! `kubectl label` and `kubectl annotate`: add (`k=v`), change (with
//! `--overwrite`) or remove (`k-`) labels or annotations.

use super::create::{check_output, dry_run, print_result, DryRun};
use crate::api::{meta, ApiResource};
use crate::apiserver::PatchType;
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::manifests::{self, Sources};
use crate::kubectl::record::CHANGE_CAUSE;
use crate::kubectl::resources;
use crate::kubectl::{Command, Env};
use serde_json::{json, Map, Value};

/// The two commands' flags differ only in the field manager's name.
macro_rules! flags {
    ($manager:literal) => {
        &[
            Flag::new("allow-missing-template-keys", FlagKind::Bool, "true", "Ignore missing keys in go-template and jsonpath output."),
            Flag::new("field-manager", FlagKind::String, $manager, "Name of the manager used to track field ownership."),
            Flag::new("field-selector", FlagKind::String, "", "Selector (field query) to filter on."),
            Flag::new("kustomize", FlagKind::String, "", "Process the kustomization directory.").short('k'),
            Flag::new("local", FlagKind::Bool, "false", "If true, only print what the change would be, without contacting the API server."),
            Flag::new("recursive", FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively.").short('R'),
            Flag::new("show-managed-fields", FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
            Flag::new("template", FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
    Flag::new(
        "overwrite",
        FlagKind::Bool,
        "false",
        "Allow changing a key that already has a value.",
    ),
    Flag::new(
        "all",
        FlagKind::Bool,
        "false",
        "Every object of the type in the namespace.",
    ),
    Flag::new(
        "all-namespaces",
        FlagKind::Bool,
        "false",
        "Act in every namespace.",
    )
    .short('A'),
    Flag::new(
        "selector",
        FlagKind::String,
        "",
        "Objects matching this label selector.",
    )
    .short('l'),
    Flag::new(
        "filename",
        FlagKind::StringSlice,
        "[]",
        "Files naming the objects.",
    )
    .short('f'),
    Flag::new(
        "output",
        FlagKind::String,
        "",
        "Print the objects as json, yaml or name.",
    )
    .short('o'),
    Flag::new(
        "list",
        FlagKind::Bool,
        "false",
        "Show the current keys and values.",
    ),
    Flag::new(
        "dry-run",
        FlagKind::String,
        "none",
        "none, client or server.",
    ),
    Flag::new(
        "resource-version",
        FlagKind::String,
        "",
        "Only update at this resourceVersion.",
    ),
    crate::kubectl::flags::RECORD,
        ]
    };
}

const LABEL_FLAGS: &[Flag] = flags!("kubectl-label");
const ANNOTATE_FLAGS: &[Flag] = flags!("kubectl-annotate");

pub const LABEL: Command = Command {
    name: "label",
    aliases: &[],
    group: "Settings Commands",
    short: "Add, change or remove labels of objects",
    flags: LABEL_FLAGS,
    run: run_label,
};

pub const ANNOTATE: Command = Command {
    name: "annotate",
    aliases: &[],
    group: "Settings Commands",
    short: "Add, change or remove annotations of objects",
    flags: ANNOTATE_FLAGS,
    run: run_annotate,
};

fn run_label(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    run(env, p, "labels", "label")
}

fn run_annotate(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    run(env, p, "annotations", "annotation")
}

fn run(env: &mut Env, p: &Parsed, field: &str, noun: &str) -> Result<(), CmdError> {
    // Objects first, then changes (`k=v`, `k-`).
    let (targets, changes) = super::set::resources_and_pairs(&p.args, noun)?;
    if targets.is_empty() && p.all("filename").is_empty() {
        return Err(CmdError::Plain(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>"
                .into(),
        ));
    }
    if p.bool("local") && !targets.is_empty() {
        return Err(CmdError::Plain(
            "can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set"
                .into(),
        ));
    }
    if changes.is_empty() && !p.bool("list") {
        return Err(CmdError::Plain(format!(
            "at least one {noun} update is required"
        )));
    }
    let d = dry_run(p)?;
    check_output(p)?;
    let local = p.bool("local");
    if local && d == DryRun::Server {
        return Err(CmdError::Plain(
            "cannot specify --local and --dry-run=server - did you mean --dry-run=client?".into(),
        ));
    }
    let mut set = Map::new();
    let mut remove = vec![];
    for c in &changes {
        match c.split_once('=') {
            Some((k, v)) => {
                set.insert(k.to_string(), json!(v));
            }
            None => remove.push(c.trim_end_matches('-').to_string()),
        }
    }
    let mut errors = String::new();
    let (items, one) = objects(env, p, &targets, local, &mut errors)?;
    for (r, current) in items {
        let name = meta::name(&current).to_string();
        let kind_name = format!("{}/{name}", r.qualified_singular());
        if p.bool("list") {
            list(env, noun, field, &r, &current, one);
            continue;
        }
        let existing = meta::at(&current, &["metadata", field])
            .cloned()
            .unwrap_or(json!({}));
        if !p.bool("overwrite") {
            overwrites(noun, &set, &existing)?;
        }
        let mut patch = Map::new();
        let mut changed = false;
        for (k, v) in &set {
            if existing.get(k) != Some(v) {
                changed = true;
            }
            patch.insert(k.clone(), v.clone());
        }
        let mut removed = false;
        for k in &remove {
            if existing.get(k).is_some() {
                removed = true;
            } else if noun == "label" && !local && d != DryRun::Client {
                env.print(format!("label {k:?} not found.\n"));
            }
            patch.insert(k.clone(), Value::Null);
        }
        // `--record`: the change cause goes into the same patch, under
        // annotate's own changes (label.go / annotate.go Record).
        let cause = json!(p.change_cause);
        let recorded = p.bool("record")
            && meta::at(&current, &["metadata", "annotations", CHANGE_CAUSE]) != Some(&cause)
            && !(field == "annotations" && set.contains_key(CHANGE_CAUSE));
        let mut body = json!({"metadata": {}});
        if recorded {
            body["metadata"]["annotations"] = json!({ CHANGE_CAUSE: cause });
        }
        match body["metadata"][field].as_object_mut() {
            Some(m) => m.extend(patch),
            None => body["metadata"][field] = Value::Object(patch),
        }
        let mut after = current.clone();
        if !after["metadata"][field].is_object() {
            after["metadata"][field] = json!({});
        }
        crate::apiserver::patch::merge_patch(&mut after, &body);
        let verb = match noun {
            "label" => label_verb(&current, &after, p.bool("overwrite")),
            _ => "annotated",
        };
        // --local and --dry-run=client change the object they read and
        // send nothing; a server dry run writes to a copy of the server.
        let ns = meta::namespace(&current).to_string();
        let shown = if local || d == DryRun::Client {
            after
        } else if changed || removed || recorded {
            let answer = if d == DryRun::Server {
                env.world
                    .api
                    .clone()
                    .patch(&r, &ns, &name, PatchType::Merge, &body)
            } else {
                env.world.api.patch(&r, &ns, &name, PatchType::Merge, &body)
            };
            match answer {
                Ok(o) => o,
                Err(s) => {
                    errors.push_str(&status_text(&s));
                    continue;
                }
            }
        } else {
            current
        };
        print_result(env, p, &kind_name, &shown, verb, d);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors))
    }
}

/// label.go's message: the object's JSON before and after the change
/// (a missing labels map becomes an empty one), `unlabeled` when it got
/// shorter without --overwrite.
fn label_verb(before: &Value, after: &Value, overwrite: bool) -> &'static str {
    let (old, new) = (before.to_string(), after.to_string());
    if old == new {
        "not labeled"
    } else if !overwrite && new.len() < old.len() {
        "unlabeled"
    } else {
        "labeled"
    }
}

/// The builder's objects with what each is now: from `-f` files (read
/// from the server, or as written with --local) or from the arguments;
/// and whether one object was asked for (one file object, one name).
/// Objects the server does not have add their error to `errors`.
fn objects(
    env: &mut Env,
    p: &Parsed,
    targets: &[String],
    local: bool,
    errors: &mut String,
) -> Result<(Vec<(ApiResource, Value)>, bool), CmdError> {
    let files = Sources::from(p);
    let ns = env.namespace(p);
    let mut out = vec![];
    if !files.is_empty() {
        if !targets.is_empty() {
            return Err(CmdError::Plain(manifests::PATHS_AND_ARGS.into()));
        }
        let manifests = manifests::load_sources(env, &files)?;
        let one = manifests.len() == 1;
        for m in manifests {
            let r = m
                .resource(env.world.api.registry())
                .map_err(CmdError::Raw)?;
            if local {
                out.push((r, m.object));
                continue;
            }
            let at = match meta::namespace(&m.object) {
                "" => ns.clone(),
                given => given.to_string(),
            };
            match env.world.api.get(&r, &at, meta::name(&m.object)) {
                Ok(o) => out.push((r, o)),
                Err(s) => errors.push_str(&status_text(&s)),
            }
        }
        return Ok((out, one));
    }
    let requests = resources::parse(env.world.api.registry(), targets)?;
    let one = matches!(requests.as_slice(), [only] if only.names.len() == 1);
    for req in requests {
        let r = req.resource.clone();
        let names: Vec<String> = if req.names.is_empty() {
            if !p.bool("all") && !p.has("selector") {
                return Err(CmdError::Plain(
                    "resource(s) were provided, but no name was specified".into(),
                ));
            }
            resources::selected_names(env, &r, &ns, p.str("selector"))?
        } else {
            req.names.clone()
        };
        for name in names {
            match env.world.api.get(&r, &ns, &name) {
                Ok(o) => out.push((r.clone(), o)),
                Err(s) => errors.push_str(&status_text(&s)),
            }
        }
    }
    Ok((out, one))
}

/// `--list`: the keys and values (sorted here; Go's map order varies);
/// label names each object first (`Kind.group/name`) unless one was asked for.
fn list(env: &mut Env, noun: &str, field: &str, r: &ApiResource, obj: &Value, one: bool) {
    let entries = obj["metadata"][field]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let indent = if noun == "label" && !one {
        env.print(format!(
            "Listing labels for {}.{}/{}:\n",
            r.kind,
            r.group,
            meta::name(obj)
        ));
        " "
    } else {
        ""
    };
    for (k, v) in entries {
        env.print(format!("{indent}{k}={}\n", v.as_str().unwrap_or("")));
    }
}

/// Refuses changing a key that has another value without `--overwrite`, in
/// label.go's words (an aggregate) or annotate.go's (one sentence; the
/// change cause may always change).
fn overwrites(noun: &str, set: &Map<String, Value>, existing: &Value) -> Result<(), CmdError> {
    let clashes: Vec<(&String, &str)> = set
        .iter()
        .filter(|(k, v)| existing.get(k.as_str()).is_some_and(|e| e != *v))
        .filter(|(k, _)| noun == "label" || k.as_str() != CHANGE_CAUSE)
        .map(|(k, _)| (k, existing[k.as_str()].as_str().unwrap_or("")))
        .collect();
    if clashes.is_empty() {
        return Ok(());
    }
    if noun == "label" {
        let errs: Vec<String> = clashes
            .iter()
            .map(|(k, old)| format!("'{k}' already has a value ({old}), and --overwrite is false"))
            .collect();
        // CheckErr prints an aggregate of several one per line, bare.
        return Err(match errs.as_slice() {
            [one] => CmdError::Plain(one.clone()),
            many => CmdError::Raw(many.iter().map(|e| format!("{e}\n")).collect()),
        });
    }
    let found: Vec<String> = clashes
        .iter()
        .map(|(k, old)| format!("'{k}' already has a value ({old})"))
        .collect();
    Err(CmdError::Plain(format!(
        "--overwrite is false but found the following declared annotation(s): {}",
        found.join("; ")
    )))
}
