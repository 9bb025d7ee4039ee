//! `kubectl label` and `kubectl annotate`: add (`k=v`), change (with
//! `--overwrite`) or remove (`k-`) labels or annotations.

use crate::api::meta;
use crate::apiserver::PatchType;
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
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
    // Arguments with `=` or a trailing `-` are changes; the rest name objects.
    let (changes, targets): (Vec<String>, Vec<String>) =
        p.args.iter().cloned().partition(|a| {
            a.contains('=') || (a.ends_with('-') && !a.contains('/')) && a.len() > 1
        });
    if targets.is_empty() && p.all("filename").is_empty() {
        return Err(CmdError::Plain(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>"
                .into(),
        ));
    }
    if changes.is_empty() && !p.bool("list") {
        return Err(CmdError::Plain(format!(
            "at least one {noun} update is required"
        )));
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
    let ns = env.namespace(p);
    let mut errors = String::new();
    for req in resources::parse(env.world.api.registry(), &targets)? {
        let r = req.resource.clone();
        let names: Vec<String> = if req.names.is_empty() {
            if !p.bool("all") && !p.has("selector") {
                return Err(CmdError::Plain(
                    "resource(s) were provided, but no name was specified".into(),
                ));
            }
            let opts = crate::apiserver::ListOptions {
                label_selector: p.str("selector").map(String::from),
                ..Default::default()
            };
            env.world
                .api
                .list(&r, Some(&ns), &opts)?
                .iter()
                .map(|o| meta::name(o).to_string())
                .collect()
        } else {
            req.names.clone()
        };
        for name in names {
            let current = match env.world.api.get(&r, &ns, &name) {
                Ok(o) => o,
                Err(s) => {
                    errors.push_str(&status_text(&s));
                    continue;
                }
            };
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
                }
                patch.insert(k.clone(), Value::Null);
            }
            // `--record`: the change cause goes into the same patch, under
            // annotate's own changes (label.go / annotate.go Record).
            let cause = json!(p.change_cause);
            let recorded = p.bool("record")
                && meta::at(&current, &["metadata", "annotations", CHANGE_CAUSE]) != Some(&cause)
                && !(field == "annotations" && set.contains_key(CHANGE_CAUSE));
            let verb = match (noun, changed || recorded, removed) {
                ("label", true, _) => "labeled",
                ("label", false, true) => "unlabeled",
                ("label", false, false) => "not labeled",
                _ => "annotated",
            };
            let mut body = json!({"metadata": {}});
            if recorded {
                body["metadata"]["annotations"] = json!({ CHANGE_CAUSE: cause });
            }
            match body["metadata"][field].as_object_mut() {
                Some(m) => m.extend(patch),
                None => body["metadata"][field] = Value::Object(patch),
            }
            if changed || removed || recorded {
                if let Err(s) = env.world.api.patch(&r, &ns, &name, PatchType::Merge, &body) {
                    errors.push_str(&status_text(&s));
                    continue;
                }
            }
            env.print(format!("{}/{name} {verb}\n", r.qualified_singular()));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors))
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
