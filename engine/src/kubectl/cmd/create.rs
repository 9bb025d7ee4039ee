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
            "duration",
            FlagKind::String,
            "0s",
            "create token: requested lifetime of the issued token.",
        ),
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files, directories or - (stdin) with the objects to create.",
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
            "image",
            FlagKind::StringSlice,
            "[]",
            "Image(s) for the deployment's containers.",
        ),
        Flag::new("replicas", FlagKind::Int, "1", "Number of replicas.").short('r'),
        Flag::new(
            "from-literal",
            FlagKind::StringArray,
            "[]",
            "configmap/secret: a key=value pair.",
        ),
        Flag::new(
            "from-file",
            FlagKind::StringSlice,
            "[]",
            "configmap/secret: a file, or key=file.",
        ),
        Flag::new(
            "from-env-file",
            FlagKind::StringSlice,
            "[]",
            "configmap/secret: a file of key=value lines.",
        ),
        Flag::new("type", FlagKind::String, "", "secret: the secret's type."),
        Flag::new(
            "port",
            FlagKind::Int,
            "-1",
            "The port the containers expose.",
        ),
    ],
    run,
};

#[derive(Clone, Copy, PartialEq)]
pub enum DryRun {
    None,
    Client,
    Server,
}

pub fn dry_run(p: &Parsed) -> Result<DryRun, CmdError> {
    match p.str("dry-run").unwrap_or("none") {
        "none" | "false" => Ok(DryRun::None),
        "client" | "true" => Ok(DryRun::Client),
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
    if d == DryRun::Client {
        print_result(env, p, kind_name, &obj, "created", d);
        return Ok(());
    }
    let r = env
        .world
        .api
        .registry()
        .resolve(resource)
        .cloned()
        .ok_or_else(|| CmdError::Plain(format!("{resource} are not served")))?;
    let mut body = obj;
    for path in ["/metadata", "/spec/template/metadata"] {
        if let Some(m) = body.pointer_mut(path).and_then(Value::as_object_mut) {
            m.remove("creationTimestamp");
        }
    }
    if body
        .get("status")
        .is_some_and(|s| s.as_object().is_some_and(|m| m.is_empty()))
    {
        body.as_object_mut().map(|m| m.remove("status"));
    }
    let ns = env.namespace(p);
    let opts = WriteOptions {
        dry_run: d == DryRun::Server,
        ..Default::default()
    };
    let created = env.world.api.create(&r, &ns, body, &opts).map_err(wrap)?;
    print_typed_result(env, p, kind_name, &created, "created", d);
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
    match p.str("output").unwrap_or("") {
        "yaml" => env.print(yaml::to_yaml(obj)),
        "json" if typed => env.print(go_order::to_json(obj)),
        "json" => env.print(json::to_json(obj)),
        "name" => env.print(format!("{kind_name}\n")),
        _ => env.print(format!("{kind_name} {verb}{}\n", dry_run_suffix(d))),
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let files = p.all("filename");
    if files.is_empty() {
        return match p.args.first().map(String::as_str) {
            Some("namespace" | "ns") => create_namespace(env, p),
            Some("deployment" | "deploy") => super::create_deployment::run(env, p),
            Some("configmap" | "cm") => super::create_config::run(env, p, "configmap"),
            Some("secret") => super::create_config::run(env, p, "secret"),
            Some("token") => super::create_token::run(env, p),
            Some(_) | None => Err(CmdError::Plain("must specify one of -f and -k".into())),
        };
    }
    let d = dry_run(p)?;
    let items = manifests::load(env, &files, p.bool("recursive"))?;
    let mut errors = String::new();
    let default_ns = env.namespace(p);
    for m in items {
        let name = meta::name(&m.object).to_string();
        let r = match m.resource(env.world.api.registry()) {
            Ok(r) => r,
            Err(e) => {
                errors.push_str(&e);
                continue;
            }
        };
        let obj_ns = meta::namespace(&m.object);
        if r.namespaced && !obj_ns.is_empty() && p.has("namespace") && obj_ns != default_ns {
            return Err(CmdError::Plain(format!(
                "the namespace from the provided object \"{obj_ns}\" does not match the namespace \"{default_ns}\". You must pass '--namespace={obj_ns}' to perform this operation."
            )));
        }
        let ns = if obj_ns.is_empty() {
            default_ns.clone()
        } else {
            obj_ns.to_string()
        };
        let kind_name = format!("{}/{}", r.qualified_singular(), name);
        if d == DryRun::Client {
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
                errors.push_str(&status_text(&s));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors))
    }
}

fn create_namespace(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let usage = |msg: String| CmdError::Usage {
        msg,
        command: "kubectl create namespace".into(),
    };
    if p.args.len() != 2 {
        return Err(usage(format!(
            "exactly one NAME is required, got {}",
            p.args.len() - 1
        )));
    }
    let name = &p.args[1];
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
