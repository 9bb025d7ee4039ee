//! `kubectl create`: from files (`-f`), or a namespace by name.

use crate::api::meta;
use crate::apiserver::WriteOptions;
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::manifests;
use crate::kubectl::printers::{go_order, json, yaml};
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "create",
    aliases: &[],
    group: "Basic Commands (Beginner)",
    short: "Create objects from a manifest or from a few flags",
    flags: &[
        Flag::new(
            "windows-line-endings",
            FlagKind::Bool,
            "false",
            "Only relevant if --edit=true. Defaults to the line ending native to your platform.",
        ),
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files, directories or - (stdin) with the objects to create.",
        )
        .short('f'),
        Flag::new(
            "kustomize",
            FlagKind::String,
            "",
            "Process the kustomization directory. This flag can't be used together with -f or -R.",
        )
        .short('k'),
        Flag::new(
            "raw",
            FlagKind::String,
            "",
            "Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.",
        ),
        Flag::new(
            "recursive",
            FlagKind::Bool,
            "false",
            "Read directories given with -f recursively.",
        )
        .short('R'),
        Flag::new(
            "output",
            FlagKind::String,
            "",
            "Print the created objects as json, yaml or name.",
        )
        .short('o'),
        Flag::new(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server: only show what would be created.",
        ),
        Flag::new(
            "save-config",
            FlagKind::Bool,
            "false",
            "Record the configuration for later kubectl apply.",
        ),
        Flag::new(
            "validate",
            FlagKind::String,
            "strict",
            "How strictly to check the manifest against the schema.",
        ),
        Flag::new(
            "edit",
            FlagKind::Bool,
            "false",
            "Edit the object before creating it.",
        ),
        Flag::new(
            "selector",
            FlagKind::String,
            "",
            "Only create objects with these labels.",
        )
        .short('l'),
        Flag::new(
            "field-manager",
            FlagKind::String,
            "kubectl-create",
            "Name of the field manager.",
        ),
        Flag::new(
            "allow-missing-template-keys",
            FlagKind::Bool,
            "true",
            "See the generator's help.",
        ),
        Flag::new(
            "show-managed-fields",
            FlagKind::Bool,
            "false",
            "See the generator's help.",
        ),
        Flag::new(
            "template",
            FlagKind::String,
            "",
            "See the generator's help.",
        ),
        crate::kubectl::flags::RECORD,
    ],
    run,
};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DryRun {
    None,
    Client,
    Server,
}

pub fn dry_run(p: &Parsed) -> Result<DryRun, CmdError> {
    match p.str("dry-run").unwrap_or("none") {
        "none" | "false" => Ok(DryRun::None),
        // A bare `--dry-run` (deprecated; kubectl warns) is a client one.
        "client" | "true" | "unchanged" => Ok(DryRun::Client),
        "server" => Ok(DryRun::Server),
        other => Err(CmdError::Plain(format!(
            "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
        ))),
    }
}

/// The tail every generator command (create namespace|deployment|configmap|
/// secret, run) shares: a client dry run prints the object as built; otherwise
/// the object goes to the server without the null timestamps and empty status
/// kubectl's typed client leaves out, and the server's answer is printed.
/// `wrap` turns a failure into the command's error (some commands add text).
pub fn create_generated(
    env: &mut Env,
    p: &Parsed,
    resource: &str,
    kind_name: &str,
    obj: Value,
    wrap: impl Fn(crate::api::Status) -> CmdError,
) -> Result<(), CmdError> {
    let d = dry_run(p)?;
    let shown = send_generated(env, p, resource, obj, wrap)?;
    print_typed_result(env, p, kind_name, &shown, "created", d);
    Ok(())
}

/// Sends a generated object (unless it is a client dry run) and returns what
/// to print: the object as built, or the server's answer.
pub fn send_generated(
    env: &mut Env,
    p: &Parsed,
    resource: &str,
    obj: Value,
    wrap: impl Fn(crate::api::Status) -> CmdError,
) -> Result<Value, CmdError> {
    let d = dry_run(p)?;
    validate_directive(p)?;
    check_output(p)?;
    let r = env
        .world
        .api
        .registry()
        .resolve(resource)
        .cloned()
        .ok_or_else(|| CmdError::Plain(format!("{resource} are not served")))?;
    let mut obj = obj;
    // An explicit -n goes into the object (kubectl's EnforceNamespace).
    let ns = env.namespace(p);
    if r.namespaced && p.has("namespace") {
        meta::metadata_mut(&mut obj).insert("namespace".into(), json!(ns));
    }
    if p.bool("save-config") {
        let text = format!("{}\n", go_order::to_compact(&obj));
        let m = meta::metadata_mut(&mut obj);
        let annotations = m.entry("annotations").or_insert_with(|| json!({}));
        annotations[super::apply::LAST_APPLIED] = json!(text);
    }
    if d == DryRun::Client {
        return Ok(obj);
    }
    let mut body = obj;
    for path in [
        "/metadata",
        "/spec/template/metadata",
        "/spec/jobTemplate/metadata",
        "/spec/jobTemplate/spec/template/metadata",
    ] {
        if let Some(m) = body.pointer_mut(path).and_then(Value::as_object_mut) {
            m.remove("creationTimestamp");
        }
    }
    // Creating resets status anyway; the typed client's zero status stays home.
    body.as_object_mut().map(|m| m.remove("status"));
    let opts = WriteOptions {
        dry_run: d == DryRun::Server,
        ..Default::default()
    };
    env.world.api.create(&r, &ns, body, &opts).map_err(wrap)
}

/// `-o`, with `--template` joined to a bare template format
/// (`-o jsonpath --template={.x}` is `-o jsonpath={.x}`: PrintFlags.ToPrinter).
pub(super) fn output_format(p: &Parsed) -> String {
    let o = p.str("output").unwrap_or("");
    match p.str("template").filter(|t| !t.is_empty()) {
        Some(t)
            if matches!(
                o,
                "go-template" | "template" | "jsonpath" | "jsonpath-as-json"
            ) =>
        {
            format!("{o}={t}")
        }
        _ => o.to_string(),
    }
}

/// The printer `-o` names must exist before anything is sent.
pub fn check_output(p: &Parsed) -> Result<(), CmdError> {
    let o = output_format(p);
    match o.as_str() {
        "" | "yaml" | "json" | "name" => Ok(()),
        "jsonpath" | "go-template" | "template" | "jsonpath-as-json" => Err(CmdError::Plain(
            "template format specified but no template given".into(),
        )),
        o if o.starts_with("go-template=") || o.starts_with("template=") => {
            let template = o.split_once('=').map_or("", |(_, t)| t);
            crate::kubectl::printers::gotemplate::check(template).map_err(|e| {
                CmdError::Plain(format!(
                    "error parsing template {template}, template: output:1: {e}"
                ))
            })
        }
        o if o.starts_with("jsonpath=") || o.starts_with("jsonpath-as-json=") => {
            let template = o.split_once('=').map_or("", |(_, t)| t);
            crate::kubectl::printers::jsonpath::execute(template, &json!({}))
                .map(|_| ())
                .map_err(|e| CmdError::Plain(format!("error parsing jsonpath {template}, {e}")))
        }
        other => Err(CmdError::Plain(format!(
            "unable to match a printer suitable for the output format \"{other}\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"
        ))),
    }
}

/// `--validate`: strict (or true), warn, ignore (or false).
pub fn validate_directive(p: &Parsed) -> Result<(), CmdError> {
    match p.str("validate").unwrap_or("strict") {
        "strict" | "true" | "warn" | "ignore" | "false" => Ok(()),
        other => Err(CmdError::Plain(format!(
            "invalid - validate option \"{other}\"; must be one of: strict (or true), warn, ignore (or false)"
        ))),
    }
}

/// The builder with `--namespace` given: a file's object of another
/// namespace is refused (resource.FilenameParam's enforceNamespace).
pub(super) fn enforce_namespace(
    p: &Parsed,
    r: &crate::api::ApiResource,
    obj_ns: &str,
    default_ns: &str,
) -> Result<(), CmdError> {
    if r.namespaced && !obj_ns.is_empty() && p.has("namespace") && obj_ns != default_ns {
        return Err(CmdError::Plain(format!(
            "the namespace from the provided object \"{obj_ns}\" does not match the namespace \"{default_ns}\". You must pass '--namespace={obj_ns}' to perform this operation."
        )));
    }
    Ok(())
}

fn dry_run_suffix(d: DryRun) -> &'static str {
    match d {
        DryRun::None => "",
        DryRun::Client => " (dry run)",
        DryRun::Server => " (server dry run)",
    }
}

/// Prints a created object the way `-o` asks (or `kind/name created`).
pub fn print_result(
    env: &mut Env,
    p: &Parsed,
    kind_name: &str,
    obj: &Value,
    verb: &str,
    d: DryRun,
) {
    print_object(env, p, (kind_name, verb), obj, d, false)
}

/// As `print_result`, for objects a typed client returned (JSON in Go field order).
pub fn print_typed_result(
    env: &mut Env,
    p: &Parsed,
    kind_name: &str,
    obj: &Value,
    verb: &str,
    d: DryRun,
) {
    print_object(env, p, (kind_name, verb), obj, d, true)
}

fn print_object(
    env: &mut Env,
    p: &Parsed,
    (kind_name, verb): (&str, &str),
    obj: &Value,
    d: DryRun,
    typed: bool,
) {
    let shown = match p.bool("show-managed-fields") {
        true => std::borrow::Cow::Borrowed(obj),
        false => crate::kubectl::printers::omit_managed_fields(obj),
    };
    match output_format(p).as_str() {
        "yaml" => env.print(yaml::to_yaml(&shown)),
        "json" if typed => env.print(go_order::to_json(&shown)),
        "json" => env.print(json::to_json(&shown)),
        "name" => env.print(format!("{kind_name}\n")),
        o if o.starts_with("go-template=") || o.starts_with("template=") => {
            let template = o.split_once('=').map_or("", |(_, t)| t);
            match crate::kubectl::printers::gotemplate::execute(template, obj) {
                Ok(text) => env.print(text),
                Err(e) => env.eprint(format!(
                    "error: error executing template \"{template}\": template: output:1: executing \"output\": {e}\n"
                )),
            }
        }
        o if o.starts_with("jsonpath-as-json=") => {
            let template = &o["jsonpath-as-json=".len()..];
            if let Ok(text) = crate::kubectl::printers::jsonpath::execute_json(template, obj) {
                env.print(text);
            }
        }
        o if o.starts_with("jsonpath=") => {
            match crate::kubectl::printers::jsonpath::execute(&o["jsonpath=".len()..], obj) {
                Ok(text) => env.print(text),
                Err(e) => env.eprint(format!(
                    "error: error parsing jsonpath {}, {e}\n",
                    &o["jsonpath=".len()..]
                )),
            }
        }
        _ => env.print(format!("{kind_name} {verb}{}\n", dry_run_suffix(d))),
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let files = manifests::Sources::from(p);
    if let Some(raw) = p.str("raw").filter(|r| !r.is_empty()) {
        if !p.args.is_empty() {
            return Err(CmdError::Usage {
                msg: format!("Unexpected args: [{}]", p.args.join(" ")),
                command: "kubectl create".into(),
            });
        }
        if files.is_empty() {
            return Err(CmdError::Plain("must specify one of -f and -k".into()));
        }
        return super::raw::write(env, p, "create", raw);
    }
    if files.is_empty() {
        if let Some(result) = super::create_sub::run(env, p) {
            return result;
        }
        if !p.args.is_empty() {
            return Err(CmdError::Usage {
                msg: format!("Unexpected args: [{}]", p.args.join(" ")),
                command: "kubectl create".into(),
            });
        }
        return Err(CmdError::Plain("must specify one of -f and -k".into()));
    }
    let d = dry_run(p)?;
    let items = manifests::load_sources(env, &files)?;
    let items = manifests::select(items, p.str("selector"))?;
    if items.is_empty() {
        return Err(CmdError::Plain("no objects passed to create".into()));
    }
    let mut errors: Vec<String> = vec![];
    let default_ns = env.namespace(p);
    let mut written = env.world.api.revision();
    for mut m in items {
        env.world.settle_between_requests(&mut written);
        // create.go records before the dry run and the create.
        crate::kubectl::record::record(p, &mut m.object);
        let name = meta::name(&m.object).to_string();
        let r = match m.resource(env.world.api.registry()) {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let obj_ns = meta::namespace(&m.object);
        enforce_namespace(p, &r, obj_ns, &default_ns)?;
        let ns = if obj_ns.is_empty() {
            default_ns.clone()
        } else {
            obj_ns.to_string()
        };
        let kind_name = format!("{}/{}", r.qualified_singular(), name);
        if d == DryRun::Client {
            // The resource builder has set the namespace it will use.
            if r.namespaced {
                m.object["metadata"]["namespace"] = json!(ns);
            }
            print_result(env, p, &kind_name, &m.object, "created", d);
            continue;
        }
        let opts = WriteOptions {
            dry_run: d == DryRun::Server,
            ..Default::default()
        };
        match env.world.api.create(&r, &ns, m.object, &opts) {
            Ok(obj) => {
                let kind_name = format!("{}/{}", r.qualified_singular(), meta::name(&obj));
                print_result(env, p, &kind_name, &obj, "created", d);
            }
            Err(mut s) => {
                if s.reason != "Invalid" {
                    s.message = format!("error when creating \"{}\": {}", m.source, s.message);
                }
                errors.push(status_text(&s));
            }
        }
    }
    crate::kubectl::errors::aggregate(errors)
}

pub fn create_namespace(env: &mut Env, p: &Parsed, name: &str) -> Result<(), CmdError> {
    let obj = json!({
        "apiVersion": "v1", "kind": "Namespace",
        "metadata": {"name": name, "creationTimestamp": null},
        "spec": {}, "status": {}
    });
    create_generated(
        env,
        p,
        "namespaces",
        &format!("namespace/{name}"),
        obj,
        CmdError::Api,
    )
}
