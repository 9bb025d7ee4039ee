//! `kubectl scale`: set spec.replicas of deployments, replica sets and stateful sets.

use super::create::{print_result, DryRun};
use crate::api::{meta, Status};
use crate::apiserver::PatchType;
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::resources;
use crate::kubectl::{Command, Env};
use serde_json::json;

pub const COMMAND: Command = Command {
    name: "scale",
    aliases: &[],
    group: "Deploy Commands",
    short: "Change how many replicas a deployment, replica set or stateful set runs",
    flags: &[
        Flag::new(
            "replicas",
            FlagKind::Int,
            "0",
            "The new number of replicas.",
        ),
        Flag::new(
            "current-replicas",
            FlagKind::Int,
            "-1",
            "Only scale if the current count is this.",
        ),
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files naming what to scale.",
        )
        .short('f'),
        Flag::new(
            "selector",
            FlagKind::String,
            "",
            "Scale the objects matching this label selector.",
        )
        .short('l'),
        Flag::new(
            "all",
            FlagKind::Bool,
            "false",
            "Scale every object of the type.",
        ),
        Flag::new("output", FlagKind::String, "", "Only 'name'.").short('o'),
        Flag::new(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server.",
        ),
        Flag::new(
            "timeout",
            FlagKind::Duration,
            "0s",
            "How long to wait for the scale to finish.",
        ),
            Flag::new("allow-missing-template-keys", FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
        Flag::new("resource-version", FlagKind::String, "", "Precondition for resource version. Requires that the current resource version match this value in order to scale."),
        Flag::new("show-managed-fields", FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
        Flag::new("template", FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
        Flag::new("recursive", FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.").short('R'),
        Flag::new("kustomize", FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R.").short('k'),
        crate::kubectl::flags::RECORD,
    ],
    run,
};

pub(super) const NOTHING: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if !p.has("replicas") {
        return Err(CmdError::Plain(
            "required flag(s) \"replicas\" not set".into(),
        ));
    }
    let files = crate::kubectl::manifests::Sources::from(p);
    if p.args.is_empty() && files.is_empty() {
        return Err(CmdError::Raw(NOTHING.into()));
    }
    let replicas = p.int("replicas").unwrap_or(0);
    if replicas < 0 {
        return Err(CmdError::Plain(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"
                .into(),
        ));
    }
    let d = super::create::dry_run(p)?;
    super::create::check_output(p)?;
    let ns = env.namespace(p);
    // kubectl reads every object first, then scales the ones it found.
    let mut found = vec![];
    let mut missing: Vec<Status> = vec![];
    if !files.is_empty() {
        let manifests = crate::kubectl::manifests::load_sources(env, &files)?;
        if manifests.is_empty() {
            return Err(CmdError::Plain("no objects passed to scale".into()));
        }
        for m in manifests {
            let r = m
                .resource(env.world.api.registry())
                .map_err(CmdError::Raw)?;
            let name = meta::name(&m.object).to_string();
            let at = match meta::namespace(&m.object) {
                "" => ns.clone(),
                given => given.to_string(),
            };
            match env.world.api.get(&r, &at, &name) {
                Ok(obj) => found.push((r, name, obj)),
                Err(s) => missing.push(s),
            }
        }
    }
    // --all or -l select every object of a bare type.
    let select = p.bool("all") || p.str("selector").is_some_and(|s| !s.is_empty());
    let selector = p.str("selector").is_some_and(|s| !s.is_empty());
    if selector && (p.args.len() > 1 || p.args.iter().any(|a| a.contains('/'))) {
        return Err(CmdError::Plain(
            "name cannot be provided when a selector is specified".into(),
        ));
    }
    for req in resources::parse(env.world.api.registry(), &p.args)? {
        let r = req.resource;
        let names: Vec<String> = match (req.names.is_empty(), select) {
            (false, _) => req.names,
            (true, false) => {
                return Err(CmdError::Plain(
                    "resource(s) were provided, but no name was specified".into(),
                ))
            }
            (true, true) => resources::selected_names(
                env,
                &r,
                &ns,
                p.str("selector").filter(|s| !s.is_empty()),
            )?,
        };
        for name in names {
            match env.world.api.get(&r, &ns, &name) {
                Ok(obj) => found.push((r.clone(), name, obj)),
                Err(s) => missing.push(s),
            }
        }
    }
    if found.is_empty() && !missing.is_empty() {
        let messages: Vec<&str> = missing.iter().map(|s| s.message.as_str()).collect();
        let reason = match messages.as_slice() {
            [one] => one.to_string(),
            many => format!("[{}]", many.join(", ")),
        };
        return Err(CmdError::Plain(format!(
            "no objects passed to scale {reason}"
        )));
    }
    if found.is_empty() {
        return Err(CmdError::Plain("no objects passed to scale".into()));
    }
    let mut errors = String::new();
    let want_replicas = p.int("current-replicas").unwrap_or(-1);
    let want_version = p.str("resource-version").unwrap_or_default();
    for (r, name, obj) in found {
        // Only kinds with a scale subresource scale; the server has none
        // for the others.
        if !matches!(
            r.name.as_str(),
            "deployments" | "replicasets" | "statefulsets" | "replicationcontrollers"
        ) {
            errors.push_str(&status_text(&Status {
                code: 404,
                reason: "NotFound".into(),
                message: "the server could not find the requested resource".into(),
                details: None,
            }));
            continue;
        }
        // ScalePrecondition.validate (k8s.io/kubectl/pkg/scale/scale.go).
        let current = obj["spec"]["replicas"].as_i64().unwrap_or(1);
        let version = meta::str_at(&obj, &["metadata", "resourceVersion"]).unwrap_or("");
        if want_replicas != -1 && current != want_replicas {
            errors.push_str(&format!(
                "error: Expected replicas to be {want_replicas}, was {current}\n"
            ));
            continue;
        }
        if !want_version.is_empty() && version != want_version {
            errors.push_str(&format!(
                "error: Expected resource version to be {want_version}, was {version}\n"
            ));
            continue;
        }
        let kind_name = format!("{}/{name}", r.qualified_singular());
        // A client dry run sends nothing; scale.go prints the object it read
        // (also after a real or server-side scale).
        if d == DryRun::Client {
            print_result(env, p, &kind_name, &obj, "scaled", d);
            continue;
        }
        // Through the scale subresource (recorded as such in managedFields);
        // a server dry run scales a copy of the server.
        let scale = crate::apiserver::managed::FieldManager::new("kubectl").on("scale");
        let body = json!({"spec": {"replicas": replicas}});
        let out = match d {
            DryRun::Server => env.world.api.clone().as_manager(scale, |api| {
                api.patch(&r, &ns, &name, PatchType::Merge, &body)
            }),
            _ => env.world.api.as_manager(scale, |api| {
                api.patch(&r, &ns, &name, PatchType::Merge, &body)
            }),
        };
        // scale.go records with a second patch; its errors are only logged.
        if let (Ok(_), Some(patch), DryRun::None) =
            (&out, crate::kubectl::record::merge_patch(p), d)
        {
            let _ = env
                .world
                .api
                .patch(&r, &ns, &name, PatchType::Merge, &patch);
        }
        match out {
            Ok(_) => print_result(env, p, &kind_name, &obj, "scaled", d),
            Err(s) => errors.push_str(&status_text(&s)),
        }
    }
    for s in &missing {
        errors.push_str(&status_text(s));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors))
    }
}
