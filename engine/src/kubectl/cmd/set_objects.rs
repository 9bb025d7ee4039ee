//! What `kubectl set image|env|resources|serviceaccount` share
//! (k8s.io/kubectl pkg/cmd/set): the objects named by arguments, `-f` files
//! or a selector — with --local the files alone, never the server — and the
//! end of each object: written back (or a server dry run) and printed the
//! way `-o` asks, or only printed for --local and --dry-run=client.

use super::create::{check_output, dry_run, print_typed_result, DryRun};
use crate::api::{meta, ApiResource};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::manifests::{self, Sources};
use crate::kubectl::{resources, Env};
use serde_json::Value;

/// cli-runtime resource.LocalResourceError.
const LOCAL_NEEDS_FILES: &str = "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n";

/// One object a set command edits, as read.
pub struct Target {
    pub resource: ApiResource,
    pub object: Value,
}

impl Target {
    /// `deployment.apps/web`: the printed name.
    pub fn kind_name(&self) -> String {
        format!(
            "{}/{}",
            self.resource.qualified_singular(),
            meta::name(&self.object)
        )
    }

    /// resource.Info.ObjectName, which a failed edit names: the mapping's
    /// resource (`deployments/web`); for --local objects kubectl v1.33
    /// prints `deployment.apps/web` and a line break (observed).
    pub fn object_name(&self, local: bool) -> String {
        if local {
            format!("{}\n", self.kind_name())
        } else {
            format!("{}/{}", self.resource.name, meta::name(&self.object))
        }
    }
}

/// The flags every set command reads before anything else: --dry-run and
/// the printer -o names (cmdutil.GetDryRunStrategy, PrintFlags.ToPrinter).
pub struct Mode {
    pub local: bool,
    pub dry: DryRun,
}

pub fn mode(p: &Parsed) -> Result<Mode, CmdError> {
    let dry = dry_run(p)?;
    check_output(p)?;
    Ok(Mode {
        local: p.bool("local"),
        dry,
    })
}

impl Mode {
    /// The Validate step all four share.
    pub fn refuse_local_server(&self) -> Result<(), CmdError> {
        if self.local && self.dry == DryRun::Server {
            return Err(CmdError::Plain(
                "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
                    .into(),
            ));
        }
        Ok(())
    }
}

/// `--all` with `-l` (image, resources and env refuse both).
pub fn refuse_all_and_selector(p: &Parsed) -> Result<(), CmdError> {
    if p.bool("all") && p.str("selector").is_some_and(|s| !s.is_empty()) {
        return Err(CmdError::Plain(
            "cannot set --all and --selector at the same time".into(),
        ));
    }
    Ok(())
}

/// The builder's objects. With --local, `args` are an error where
/// `local_refuses_args` (image, resources) and ignored otherwise.
pub fn targets(
    env: &mut Env,
    p: &Parsed,
    mode: &Mode,
    args: &[String],
    local_refuses_args: bool,
) -> Result<Vec<Target>, CmdError> {
    let files = Sources::from(p);
    if mode.local && local_refuses_args && !args.is_empty() {
        return Err(CmdError::Raw(LOCAL_NEEDS_FILES.into()));
    }
    let nothing = || CmdError::Raw(super::scale::NOTHING.into());
    if mode.local || !files.is_empty() {
        if files.is_empty() {
            return Err(nothing());
        }
        if !mode.local && !args.is_empty() {
            return Err(CmdError::Plain(
                "resource/name arguments cannot be provided when a path is specified".into(),
            ));
        }
        let mut out = vec![];
        for m in manifests::load_sources(env, &files)? {
            let resource = m
                .resource(env.world.api.registry())
                .map_err(CmdError::Raw)?;
            let object = if mode.local {
                m.object
            } else {
                let ns = match meta::namespace(&m.object) {
                    "" => env.namespace(p),
                    ns => ns.to_string(),
                };
                env.world.api.get(&resource, &ns, meta::name(&m.object))?
            };
            out.push(Target { resource, object });
        }
        return Ok(out);
    }
    // Builder.ResourceTypeOrNameArgs: --all selects everything of one bare
    // type; names with a selector are refused (visitBySelector).
    let selector = p.str("selector").filter(|s| !s.is_empty());
    if args.is_empty() {
        if selector.is_some() {
            return Err(CmdError::Plain(
                "at least one resource must be specified to use a selector".into(),
            ));
        }
        return Err(nothing());
    }
    if selector.is_some() && args.iter().any(|a| a.contains('/')) {
        return Err(CmdError::Plain(
            "selectors and the all flag cannot be used when passing resource/name arguments".into(),
        ));
    }
    if selector.is_some() && args.len() > 1 {
        return Err(CmdError::Plain(
            "name cannot be provided when a selector is specified".into(),
        ));
    }
    let select = selector.is_some() || (p.bool("all") && args.len() == 1);
    let ns = env.namespace(p);
    let mut out = vec![];
    for req in resources::parse(env.world.api.registry(), args)? {
        let names: Vec<String> = match (req.names.is_empty(), select) {
            (false, _) => req.names.clone(),
            (true, false) => {
                return Err(CmdError::Plain(
                    "resource(s) were provided, but no name was specified".into(),
                ))
            }
            (true, true) => resources::selected_names(env, &req.resource, &ns, selector)?,
        };
        for name in names {
            let object = env.world.api.get(&req.resource, &ns, &name)?;
            out.push(Target {
                resource: req.resource.clone(),
                object,
            });
        }
    }
    Ok(out)
}

/// The end of one edited object: for --local and --dry-run=client the
/// changed object is printed as is; otherwise it goes to the server (a copy
/// of it for --dry-run=server) and the answer is printed. A failed write
/// adds `failed` and the server's message to `errors`.
pub fn finish(
    env: &mut Env,
    p: &Parsed,
    mode: &Mode,
    t: &Target,
    after: Value,
    (what, failed): (&str, &str),
    errors: &mut String,
) {
    let kind_name = t.kind_name();
    if mode.local || mode.dry == DryRun::Client {
        let mut shown = after;
        super::set_typed::fill(&mut shown);
        print_typed_result(env, p, &kind_name, &shown, what, mode.dry);
        return;
    }
    let ns = meta::namespace(&t.object).to_string();
    let mut body = after;
    meta::metadata_mut(&mut body).remove("resourceVersion");
    let answer = if mode.dry == DryRun::Server {
        // Run on a copy: nothing is written (as raw_write's dry runs).
        env.world.api.clone().update(&t.resource, &ns, body)
    } else {
        env.world.api.update(&t.resource, &ns, body)
    };
    match answer {
        Ok(o) => print_typed_result(env, p, &kind_name, &o, what, mode.dry),
        Err(s) => errors.push_str(&format!(
            "error: {failed}{}\n",
            s.message.trim_end_matches('\n')
        )),
    }
}

/// Where a kind keeps its pod spec (polymorphichelpers.UpdatePodSpecForObject).
pub fn pod_spec_path(kind: &str) -> &'static str {
    match kind {
        "Pod" => "/spec",
        "CronJob" => "/spec/jobTemplate/spec/template/spec",
        _ => "/spec/template/spec",
    }
}

/// The collected errors as kubectl's aggregate prints them.
/// `finish` for every changed object, then the result: the errors met while
/// editing come before those of the writes.
pub fn finish_all(
    env: &mut Env,
    p: &Parsed,
    mode: &Mode,
    changed: Vec<(Target, Value)>,
    what: (&str, &str),
    mut errors: String,
) -> Result<(), CmdError> {
    for (t, after) in changed {
        finish(env, p, mode, &t, after, what, &mut errors);
    }
    result(errors)
}

pub fn result(errors: String) -> Result<(), CmdError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors))
    }
}

/// `pod_spec`, with its error added to `errors` (the object is then skipped).
pub fn pod_spec_or_report<'a>(
    t: &Target,
    local: bool,
    after: &'a mut Value,
    errors: &mut String,
) -> Option<&'a mut Value> {
    pod_spec(t, local, after)
        .map_err(|e| errors.push_str(&e))
        .ok()
}

/// The pod spec of an object being edited, or the error UpdatePodSpecForObject
/// gives for a kind without one, as the set commands report it.
pub fn pod_spec<'a>(
    t: &Target,
    local: bool,
    after: &'a mut Value,
) -> Result<&'a mut Value, String> {
    let kinds = [
        "Pod",
        "ReplicationController",
        "Deployment",
        "DaemonSet",
        "ReplicaSet",
        "StatefulSet",
        "Job",
        "CronJob",
    ];
    let kind = t.resource.kind.as_str();
    if !kinds.contains(&kind) {
        return Err(format!(
            "error: {} the object is not a pod or does not have a pod template: *{}.{kind}\n",
            t.object_name(local),
            t.resource.version
        ));
    }
    let path = pod_spec_path(kind);
    if after.pointer(path).is_none() {
        let mut at = &mut *after;
        for key in path.split('/').skip(1) {
            if !at[key].is_object() {
                at[key] = serde_json::json!({});
            }
            at = &mut at[key];
        }
    }
    Ok(after.pointer_mut(path).expect("made above"))
}
