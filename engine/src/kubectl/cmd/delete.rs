//! `kubectl delete`: by type and name, `type/name`, `-f`, `-l` or `--all`;
//! waits (in virtual time) until the objects are gone.

use super::create::DryRun;
use super::delete_interactive::{Answer, Pending};
use crate::api::{meta, ApiResource};
use crate::apiserver::{ListOptions, Propagation, WriteOptions};
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::resources;
use crate::kubectl::{manifests, Command, Env, Stream};
use crate::world::World;
use kubeplay_shell::Output;

pub const COMMAND: Command = Command {
    name: "delete",
    aliases: &[],
    group: "Basic Commands (Intermediate)",
    short: "Delete objects by name, label, file or all of a type",
    flags: &[
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files naming the objects to delete.",
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
            "selector",
            FlagKind::String,
            "",
            "Delete the objects matching this label selector.",
        )
        .short('l'),
        Flag::new(
            "field-selector",
            FlagKind::String,
            "",
            "Delete the objects matching this field selector.",
        ),
        Flag::new(
            "all",
            FlagKind::Bool,
            "false",
            "Delete every object of the given types in the namespace.",
        ),
        Flag::new(
            "all-namespaces",
            FlagKind::Bool,
            "false",
            "Act in every namespace.",
        )
        .short('A'),
        Flag::new(
            "ignore-not-found",
            FlagKind::Bool,
            "false",
            "Treat missing objects as already deleted.",
        ),
        Flag::new(
            "wait",
            FlagKind::Bool,
            "true",
            "Wait until the objects are gone before returning.",
        ),
        Flag::new(
            "grace-period",
            FlagKind::Int,
            "-1",
            "Seconds the objects get to stop; -1 uses their own default.",
        ),
        Flag::new(
            "force",
            FlagKind::Bool,
            "false",
            "Delete at once, without waiting for the objects to stop.",
        ),
        Flag::new("now", FlagKind::Bool, "false", "Same as --grace-period=1."),
        Flag::new(
            "timeout",
            FlagKind::Duration,
            "0s",
            "How long to wait before giving up.",
        ),
        Flag::new(
            "cascade",
            FlagKind::String,
            "background",
            "background, orphan or foreground.",
        ),
        Flag::new("output", FlagKind::String, "", "Only 'name' is supported.").short('o'),
        Flag::new(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server.",
        ),
        Flag::new(
            "interactive",
            FlagKind::Bool,
            "false",
            "Ask before deleting each object.",
        )
        .short('i'),
        Flag::new("raw", FlagKind::String, "", "Raw URI to DELETE."),
        Flag::new(
            "kustomize",
            FlagKind::String,
            "",
            "Process a kustomization directory. This flag can't be used together with -f or -R.",
        )
        .short('k'),
    ],
    run,
};

const NOTHING: &str = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

/// How long `kubectl delete` waits by default (virtual time).
const WAIT_MS: i64 = 60_000;

#[derive(Clone, Debug)]
pub(super) struct Target {
    pub resource: ApiResource,
    pub namespace: String,
    pub name: String,
    /// The file that named it (`-f`), which its errors mention.
    pub source: Option<String>,
}

/// The grace period kubectl sends (delete.go's Complete): None = the object's own.
pub(super) fn grace_period(p: &Parsed) -> Result<Option<i64>, CmdError> {
    let mut grace = p.int("grace-period").unwrap_or(-1);
    let force = p.bool("force");
    if p.bool("now") {
        if grace != -1 {
            return Err(CmdError::Plain(
                "--now and --grace-period cannot be specified together".into(),
            ));
        }
        grace = 1;
    }
    if grace == 0 && !force {
        // kubectl turns --grace-period=0 into 1 unless --force is given.
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    if force && grace > 0 {
        return Err(CmdError::Plain(
            "--force and --grace-period greater than 0 cannot be specified together".into(),
        ));
    }
    Ok((grace >= 0).then_some(grace))
}

/// `--cascade` as delete_flags.go reads it (booleans still accepted, with a warning).
pub(super) fn propagation(env: &mut Env, p: &Parsed) -> Result<Propagation, CmdError> {
    let value = p.str("cascade").unwrap_or("background");
    let as_bool = match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    };
    match (value, as_bool) {
        (_, Some(b)) => {
            let (policy, word) = if b {
                (Propagation::Background, "background")
            } else {
                (Propagation::Orphan, "orphan")
            };
            env.eprint(format!("warning: --cascade={value} is deprecated (boolean value) and can be replaced with --cascade={word}.\n"));
            Ok(policy)
        }
        ("orphan", _) => Ok(Propagation::Orphan),
        ("foreground", _) => Ok(Propagation::Foreground),
        ("background", _) => Ok(Propagation::Background),
        _ => Err(CmdError::Plain(format!(
            "invalid cascade value ({value}). Must be \"background\", \"foreground\", or \"orphan\""
        ))),
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let files = manifests::Sources::from(p);
    if let Some(raw) = p.str("raw").filter(|r| !r.is_empty()) {
        // Complete reads the grace period and --cascade, then stops for --raw.
        grace_period(p)?;
        propagation(env, p)?;
        if let Some(o) = p.str("output").filter(|o| !o.is_empty() && *o != "name") {
            return Err(CmdError::Plain(format!(
                "unexpected -o output mode: {o}. We only support '-o name'"
            )));
        }
        return super::raw::write(env, p, "delete", raw);
    }
    if p.args.is_empty() && files.is_empty() {
        return Err(CmdError::Raw(NOTHING.into()));
    }
    if !files.is_empty() && !p.args.is_empty() {
        return Err(CmdError::Plain(manifests::PATHS_AND_ARGS.into()));
    }
    let grace = grace_period(p)?;
    let dry = super::create::dry_run(p)?;
    let opts = WriteOptions {
        grace_period: grace,
        propagation: Some(propagation(env, p)?),
        dry_run: dry == DryRun::Server,
    };
    let verb = if grace == Some(0) {
        "force deleted"
    } else {
        "deleted"
    };
    let ns = env.namespace(p);
    let mut targets: Vec<Target> = vec![];
    let mut errors = String::new();
    if !files.is_empty() {
        for m in manifests::load_sources(env, &files)? {
            match m.resource(env.world.api.registry()) {
                Ok(r) => {
                    let obj_ns = meta::namespace(&m.object);
                    targets.push(Target {
                        resource: r,
                        namespace: if obj_ns.is_empty() {
                            ns.clone()
                        } else {
                            obj_ns.into()
                        },
                        name: meta::name(&m.object).into(),
                        source: Some(m.source.clone()),
                    })
                }
                Err(e) => errors.push_str(&e),
            }
        }
    } else {
        let requests = resources::parse(env.world.api.registry(), &p.args)?;
        let select = p.has("selector") || p.has("field-selector") || p.bool("all");
        for req in requests {
            if req.names.is_empty() {
                if !select {
                    return Err(CmdError::Plain(
                        "resource(s) were provided, but no name was specified".into(),
                    ));
                }
                let opts = ListOptions {
                    label_selector: p.str("selector").map(String::from),
                    field_selector: p.str("field-selector").map(String::from),
                };
                let scope = (!p.bool("all-namespaces")).then_some(ns.as_str());
                let found = env.world.api.list(&req.resource, scope, &opts);
                let found =
                    found.map_err(|e| resources::selector_error(&req.resource, &opts, e))?;
                for o in found {
                    targets.push(Target {
                        resource: req.resource.clone(),
                        namespace: meta::namespace(&o).into(),
                        name: meta::name(&o).into(),
                        source: None,
                    });
                }
            } else {
                for name in req.names {
                    targets.push(Target {
                        resource: req.resource.clone(),
                        namespace: ns.clone(),
                        name,
                        source: None,
                    });
                }
            }
        }
    }
    // Validate (delete.go) runs after Complete found the resources, before any deletion.
    if let Some(o) = p.str("output").filter(|o| !o.is_empty() && *o != "name") {
        return Err(CmdError::Plain(format!(
            "unexpected -o output mode: {o}. We only support '-o name'"
        )));
    }
    let deletion = Deletion {
        targets,
        opts,
        verb,
        names_only: p.str("output") == Some("name"),
        ignore_not_found: p.bool("ignore-not-found"),
        wait: p.bool("wait") && dry == DryRun::None,
        dry,
    };
    if p.bool("interactive") {
        if !errors.is_empty() {
            return Err(CmdError::Raw(errors));
        }
        match super::delete_interactive::confirm(env, &deletion.targets) {
            Answer::Yes => {}
            Answer::No => return Ok(()),
            Answer::Typed => {
                env.stream = Some(Stream::Confirm(Box::new(Pending::new(deletion))));
                return Ok(());
            }
        }
    }
    // delete.go prints this on stdout, with no namespace.
    if deletion.targets.is_empty() && errors.is_empty() && !deletion.ignore_not_found {
        env.print("No resources found\n");
    }
    env.flush_warnings();
    deletion.run(env.world, &mut env.out, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors))
    }
}

/// What a `delete` deletes once it goes ahead, and how it reports it.
#[derive(Clone, Debug)]
pub(crate) struct Deletion {
    pub(super) targets: Vec<Target>,
    opts: WriteOptions,
    verb: &'static str,
    names_only: bool,
    ignore_not_found: bool,
    wait: bool,
    dry: DryRun,
}

impl Deletion {
    /// Deletes each target, printing as kubectl does; errors are added to
    /// `errors` (stderr, exit status 1).
    pub fn run(self, world: &mut World, out: &mut Output, errors: &mut String) {
        let warn = |world: &mut World, out: &mut Output| {
            for w in world.api.take_warnings() {
                out.err(format!("Warning: {w}\n"));
            }
        };
        let mut deleted: Vec<Target> = vec![];
        if self.opts.grace_period == Some(0) && !self.targets.is_empty() {
            out.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
        }
        let suffix = match self.dry {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        };
        let mut written = world.api.revision();
        for t in self.targets {
            world.settle_between_requests(&mut written);
            // A client dry run only reads what it would delete.
            let result = if self.dry == DryRun::Client {
                world.api.get(&t.resource, &t.namespace, &t.name)
            } else {
                world
                    .api
                    .delete(&t.resource, &t.namespace, &t.name, &self.opts)
            };
            warn(world, out);
            match result {
                Ok(_) => {
                    let kind = t.resource.qualified_singular();
                    out.out(if self.names_only {
                        format!("{kind}/{}\n", t.name)
                    } else {
                        format!("{kind} \"{}\" {}{suffix}\n", t.name, self.verb)
                    });
                    deleted.push(t);
                }
                Err(s) if s.code == 404 && self.ignore_not_found => {}
                Err(mut s) => {
                    if let Some(source) = &t.source {
                        s.message = format!("error when deleting \"{source}\": {}", s.message);
                    }
                    errors.push_str(&status_text(&s));
                }
            }
        }
        if self.wait && !deleted.is_empty() {
            let api_gone = |w: &World| {
                deleted
                    .iter()
                    .all(|t| w.api.get(&t.resource, &t.namespace, &t.name).is_err())
            };
            // The controllers and kubelets act on the deletion at once, as
            // the server settles after each request: a pod with no running
            // container is gone in the same instant.
            world.settle();
            world.advance_until(WAIT_MS, api_gone);
        }
    }
}
