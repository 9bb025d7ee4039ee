//! `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`.

use super::create::{print_result, DryRun};
use crate::apiserver::field_validation::FieldValidation;
use crate::apiserver::patch::undecodable_patch;
use crate::apiserver::PatchType;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::resources;
use crate::kubectl::{Command, Env};
use serde_json::Value;

pub const COMMAND: Command = Command {
    name: "patch",
    aliases: &[],
    group: "Advanced Commands",
    short: "Change fields of an object with a strategic, merge or JSON patch",
    flags: &[
        Flag::new("patch", FlagKind::String, "", "The patch, as JSON or YAML.").short('p'),
        Flag::new(
            "patch-file",
            FlagKind::String,
            "",
            "A file holding the patch.",
        ),
        Flag::new(
            "type",
            FlagKind::String,
            "strategic",
            "strategic, merge or json.",
        ),
        Flag::new(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server.",
        ),
        Flag::new(
            "output",
            FlagKind::String,
            "",
            "Print the result as json, yaml or name.",
        )
        .short('o'),
        Flag::new(
            "subresource",
            FlagKind::String,
            "",
            "Patch a subresource such as status or scale.",
        ),
        Flag::new(
            "local",
            FlagKind::Bool,
            "false",
            "Patch the file given with -f without the server.",
        ),
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files naming the object.",
        )
        .short('f'),
        Flag::new(
            "field-manager",
            FlagKind::String,
            "kubectl-patch",
            "Name of the field manager.",
        ),
            Flag::new("allow-missing-template-keys", FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
        Flag::new("show-managed-fields", FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
        Flag::new("template", FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
        Flag::new("recursive", FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.").short('R'),
        Flag::new("kustomize", FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R.").short('k'),
        crate::kubectl::flags::RECORD,
    ],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let text = match (
        p.str("patch").filter(|s| !s.is_empty()),
        p.str("patch-file").filter(|s| !s.is_empty()),
    ) {
        (Some(t), _) => t.to_string(),
        (None, Some(f)) => {
            let path = crate::kubectl::manifests::absolute(env.cwd, f);
            env.vfs.read(&path).map(String::from).ok_or_else(|| {
                CmdError::Plain(format!(
                    "unable to read patch file: open {f}: no such file or directory"
                ))
            })?
        }
        (None, None) => {
            return Err(CmdError::Plain(
                "must specify --patch or --patch-file containing the contents of the patch".into(),
            ))
        }
    };
    let kind = match p.str("type").unwrap_or("strategic") {
        "strategic" => PatchType::Strategic,
        "merge" => PatchType::Merge,
        "json" => PatchType::Json,
        other => {
            return Err(CmdError::Plain(format!(
                "--type must be one of [\"json\" \"merge\" \"strategic\"], not \"{other}\""
            )))
        }
    };
    // kubectl passes a patch that starts with `{` on as it is (apimachinery's
    // yaml.ToJSON); the API server then refuses a broken one with
    // encoding/json's text, as its patcher words it for the patch type.
    // Anything else is read as YAML first.
    let json_like = text.trim_start().starts_with('{');
    let body: Result<Value, crate::api::Status> = match serde_json::from_str(&text) {
        Ok(v) => Ok(v),
        Err(e) if json_like => {
            let msg = crate::api::go_json::syntax_error(text.as_bytes(), &e);
            // kubectl patch sends no fieldValidation: the server's Warn.
            Err(crate::api::Status::bad_request(undecodable_patch(
                kind,
                FieldValidation::Warn,
                &msg,
            )))
        }
        Err(_) => Ok(
            serde_yaml::from_str(&crate::kubectl::yaml11::resolve_booleans(&text)).map_err(
                |e| {
                    CmdError::Plain(format!(
                        "unable to parse \"{text}\": yaml: {}",
                        crate::kubectl::manifests::yaml_error_text(&e)
                    ))
                },
            )?,
        ),
    };
    let d = super::create::dry_run(p)?;
    super::create::check_output(p)?;
    let ns = env.namespace(p);
    let reqs = resources::parse(env.world.api.registry(), &p.args)?;
    if reqs.is_empty() {
        return Err(CmdError::Raw("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n".into()));
    }
    for req in reqs {
        for name in &req.names {
            let before = env.world.api.get(&req.resource, &ns, name)?;
            let body = body.clone().map_err(CmdError::Api)?;
            let status_only = p.str("subresource") == Some("status");
            let kind_name = format!("{}/{name}", req.resource.qualified_singular());
            // A client dry run patches the object it read, locally.
            if d == DryRun::Client {
                let after = crate::apiserver::patch::apply(kind, &before, &body)
                    .map_err(CmdError::Plain)?;
                let verb = match after == before {
                    true => "patched (no change)",
                    false => "patched",
                };
                print_result(env, p, &kind_name, &after, verb, DryRun::None);
                continue;
            }
            // A server dry run patches a copy of the server.
            let mut copy = (d == DryRun::Server).then(|| env.world.api.clone());
            let api = copy.as_mut().unwrap_or(&mut env.world.api);
            let result = if status_only {
                api.patch_status(&req.resource, &ns, name, kind, &body)
            } else {
                api.patch(&req.resource, &ns, name, kind, &body)
            };
            let after = result.map_err(|s| {
                if s.code == 415 {
                    // kubectl wraps it (no longer a Status): `error: ...`.
                    let r = &req.resource;
                    CmdError::Plain(format!(
                        "{} is not supported by {}, Kind={}: {}",
                        kind.content_type(),
                        r.api_version(),
                        r.kind,
                        s.message
                    ))
                } else {
                    CmdError::Api(s)
                }
            })?;
            // Whether the server changed anything (its resourceVersion aside).
            let without_rv = |o: &Value| {
                let mut o = o.clone();
                if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
                    m.remove("resourceVersion");
                }
                o
            };
            let same = without_rv(&before) == without_rv(&after);
            // patch.go records with a second patch through the same helper
            // (subresource included); its errors are only logged.
            if let (Some(rp), DryRun::None) = (crate::kubectl::record::merge_patch(p), d) {
                let (r, merge) = (&req.resource, PatchType::Merge);
                let _ = match status_only {
                    true => env.world.api.patch_status(r, &ns, name, merge, &rp),
                    false => env.world.api.patch(r, &ns, name, merge, &rp),
                };
            }
            let verb = if same {
                "patched (no change)"
            } else {
                "patched"
            };
            // patch.go's messages never name the dry run.
            print_result(env, p, &kind_name, &after, verb, DryRun::None);
        }
    }
    Ok(())
}
