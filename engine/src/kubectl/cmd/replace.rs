//! `kubectl replace -f FILE [--force]`: PUT each object over the live one
//! (taking the live resourceVersion when the file has none); with --force,
//! delete it, wait until it is gone, and create it again.

use crate::api::meta;
use crate::apiserver::WriteOptions;
use crate::kubectl::cmd::create::{dry_run, print_result, DryRun};
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::json;
use crate::kubectl::{manifests, Command, Env};
use serde_json::json;

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

pub const COMMAND: Command = Command {
    name: "replace",
    aliases: &[],
    group: "Advanced Commands",
    short: "Replace a resource by file name or stdin",
    flags: &[
        f(
            "allow-missing-template-keys",
            FlagKind::Bool,
            "true",
            "Ignore template errors for missing fields or keys.",
        ),
        f(
            "cascade",
            FlagKind::String,
            "background",
            "With --force: background, orphan or foreground deletion.",
        ),
        f(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server: only show what would be replaced.",
        ),
        f(
            "field-manager",
            FlagKind::String,
            "kubectl-replace",
            "Name of the manager used to track field ownership.",
        ),
        f(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "The files that contain the configurations to replace.",
        )
        .short('f'),
        f(
            "force",
            FlagKind::Bool,
            "false",
            "Delete and re-create the resource.",
        ),
        f(
            "grace-period",
            FlagKind::Int,
            "-1",
            "With --force: seconds given to the resource to terminate gracefully.",
        ),
        f(
            "kustomize",
            FlagKind::String,
            "",
            "A kustomization directory to process.",
        )
        .short('k'),
        f(
            "output",
            FlagKind::String,
            "",
            "Output format: json, yaml, name.",
        )
        .short('o'),
        f("raw", FlagKind::String, "", "Raw URI to PUT to the server."),
        f(
            "recursive",
            FlagKind::Bool,
            "false",
            "Process -f directories recursively.",
        )
        .short('R'),
        f(
            "save-config",
            FlagKind::Bool,
            "false",
            "Record the configuration for later kubectl apply.",
        ),
        f(
            "show-managed-fields",
            FlagKind::Bool,
            "false",
            "Keep managedFields in JSON or YAML output.",
        ),
        f(
            "subresource",
            FlagKind::String,
            "",
            "The subresource to replace (status, scale).",
        ),
        f(
            "template",
            FlagKind::String,
            "",
            "Template for -o go-template.",
        ),
        f(
            "timeout",
            FlagKind::Duration,
            "0s",
            "With --force: how long to wait for the delete.",
        ),
        f(
            "validate",
            FlagKind::String,
            "strict",
            "strict (or true), warn, ignore (or false).",
        ),
        f(
            "wait",
            FlagKind::Bool,
            "false",
            "With --force: wait for the resource to be gone.",
        ),
    ],
    run,
};

/// How long --force waits for a deletion in virtual time.
const DELETE_WAIT_MS: i64 = 120_000;

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let files = manifests::Sources::from(p);
    if files.is_empty() {
        return Err(CmdError::Plain("must specify one of -f and -k".into()));
    }
    if let Some(raw) = p.str("raw").filter(|r| !r.is_empty()) {
        return super::raw::write(env, p, "replace", raw);
    }
    let d = dry_run(p)?;
    super::create::validate_directive(p)?;
    let items = manifests::load_sources(env, &files)?;
    let default_ns = env.namespace(p);
    let mut errors = String::new();
    let mut written = env.world.api.revision();
    for m in items {
        env.world.settle_between_requests(&mut written);
        let r = match m.resource(env.world.api.registry()) {
            Ok(r) => r,
            Err(e) => {
                errors.push_str(&e);
                continue;
            }
        };
        let mut obj = m.object.clone();
        let ns = match meta::namespace(&obj) {
            "" => default_ns.clone(),
            n => n.to_string(),
        };
        let name = meta::name(&obj).to_string();
        let kind_name = format!("{}/{name}", r.qualified_singular());
        if p.bool("save-config") {
            let text = format!("{}\n", json::to_compact(&obj));
            let md = meta::metadata_mut(&mut obj);
            let a = md.entry("annotations").or_insert_with(|| json!({}));
            a[super::apply::LAST_APPLIED] = json!(text);
        }
        if d == DryRun::Client {
            print_result(env, p, &kind_name, &obj, "replaced", d);
            continue;
        }
        let when = |mut s: crate::api::Status, verb: &str| {
            if s.reason != "Invalid" {
                s.message = format!("error when {verb} \"{}\": {}", m.source, s.message);
            }
            status_text(&s)
        };
        if p.bool("force") {
            let opts = WriteOptions {
                dry_run: d == DryRun::Server,
                ..Default::default()
            };
            match env.world.api.delete(&r, &ns, &name, &opts) {
                Ok(_) => env.print(format!("{} \"{name}\" deleted\n", r.qualified_singular())),
                Err(s) if s.code == 404 => {}
                Err(s) => {
                    errors.push_str(&status_text(&s));
                    continue;
                }
            }
            // Wait (in virtual time) until the old object is gone.
            let end = env.world.now().0 + DELETE_WAIT_MS;
            while d == DryRun::None
                && env.world.api.get(&r, &ns, &name).is_ok()
                && env.world.now().0 < end
            {
                env.world.advance(1000);
            }
            meta::metadata_mut(&mut obj).remove("resourceVersion");
            match env.world.api.create(&r, &ns, obj, &opts) {
                Ok(created) => print_result(env, p, &kind_name, &created, "replaced", d),
                Err(s) => errors.push_str(&when(s, "creating")),
            }
            continue;
        }
        // Replace with overwrite: take the live resourceVersion if the file has none.
        if meta::str_at(&obj, &["metadata", "resourceVersion"]).is_none_or(str::is_empty) {
            match env.world.api.get(&r, &ns, &name) {
                Ok(live) => {
                    let rv = meta::str_at(&live, &["metadata", "resourceVersion"])
                        .unwrap_or("")
                        .to_string();
                    meta::metadata_mut(&mut obj).insert("resourceVersion".into(), json!(rv));
                }
                Err(s) => {
                    errors.push_str(&when(s, "replacing"));
                    continue;
                }
            }
        }
        if d == DryRun::Server {
            print_result(env, p, &kind_name, &obj, "replaced", d);
            continue;
        }
        match env.world.api.update(&r, &ns, obj) {
            Ok(updated) => print_result(env, p, &kind_name, &updated, "replaced", d),
            Err(s) => errors.push_str(&when(s, "replacing")),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors))
    }
}
