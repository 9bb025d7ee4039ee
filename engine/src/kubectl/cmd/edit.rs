//! `kubectl edit TYPE NAME`: the object as YAML in a temp file under the
//! edit header, opened with $KUBE_EDITOR / $EDITOR (run by the shell, so
//! `KUBE_EDITOR="sed -i 's/a/b/'"` works in scripts), then saved back.
//! An invalid or unparsable result reopens the editor with the reasons at
//! the top, as kubectl does; an unchanged reopened file ends the edit.

use crate::api::meta;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::yaml;
use crate::kubectl::{resources, Command, Env};
use kubeplay_shell::{Invocation, Output, Programs, Shell};
use serde_json::Value;

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

pub const COMMAND: Command = Command {
    name: "edit",
    aliases: &[],
    group: "Basic Commands (Intermediate)",
    short: "Edit a resource on the server",
    flags: &[
        f(
            "allow-missing-template-keys",
            FlagKind::Bool,
            "true",
            "Ignore template errors for missing fields or keys.",
        ),
        f(
            "field-manager",
            FlagKind::String,
            "kubectl-edit",
            "Name of the manager used to track field ownership.",
        ),
        f(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files identifying the resources to edit.",
        )
        .short('f'),
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
        f(
            "output-patch",
            FlagKind::Bool,
            "false",
            "Print the patch sent to the server.",
        ),
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
            "Keep managedFields in the edited YAML.",
        ),
        f(
            "subresource",
            FlagKind::String,
            "",
            "The subresource to edit (status).",
        ),
        f(
            "template",
            FlagKind::String,
            "",
            "Template for -o go-template.",
        ),
        f(
            "validate",
            FlagKind::String,
            "strict",
            "strict (or true), warn, ignore (or false).",
        ),
        f(
            "windows-line-endings",
            FlagKind::Bool,
            "false",
            "Use CRLF line endings.",
        ),
        crate::kubectl::flags::RECORD,
    ],
    run,
};

const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/// The editor's shell has the plain utilities only (no cluster programs).
struct NoPrograms;
impl Programs for NoPrograms {
    fn run(&mut self, _: Invocation<'_>) -> Option<Output> {
        None
    }
    fn names(&self) -> Vec<&'static str> {
        vec![]
    }
}

/// cmdutil.StripComments: lines starting with `#` go.
fn strip_comments(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Runs the editor on `path` through a shell over the same files.
fn launch(env: &mut Env, path: &str) -> Result<(), CmdError> {
    let editor = ["KUBE_EDITOR", "EDITOR"]
        .iter()
        .find_map(|k| env.env.get(*k).filter(|v| !v.is_empty()).cloned())
        .unwrap_or_else(|| "vi".into());
    let mut shell = Shell::new("root", "minikube");
    std::mem::swap(shell.vfs_mut(), env.vfs);
    let line = format!("cd '{}' && {editor} '{path}'", env.cwd);
    let out = shell.run(&line, &mut NoPrograms);
    std::mem::swap(shell.vfs_mut(), env.vfs);
    let not_found = out.status == 127 && !editor.contains(' ');
    if !not_found {
        env.eprint(out.stderr());
    }
    if out.status != 0 {
        // The editor as kubectl holds it: split on spaces, or given to bash -c.
        let shell = editor.contains(' ') && editor.contains(['"', '\'', '\\']);
        let args = if shell {
            format!("/bin/bash -c {editor}")
        } else {
            editor.clone()
        };
        let what = if out.status == 127 && !shell {
            "unable to launch the editor"
        } else {
            "there was a problem with the editor"
        };
        return Err(CmdError::Plain(format!("{what} {args:?}")));
    }
    Ok(())
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let reqs = resources::parse(env.world.api.registry(), &p.args)?;
    if reqs.is_empty() {
        return Err(CmdError::Raw("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n".into()));
    }
    let ns = env.namespace(p);
    for req in reqs {
        for name in &req.names {
            let live = env.world.api.get(&req.resource, &ns, name)?;
            edit_one(env, &req.resource, &ns, live)?;
        }
    }
    Ok(())
}

/// A stable temp file name (the real one is random; ours follows the revision).
fn temp_path(env: &Env) -> String {
    let n = 1_000_000_000
        + (env.world.api.revision() * 7919 + env.world.now().0 as u64 % 1000) % 999_999_999;
    format!("/tmp/kubectl-edit-{n}.yaml")
}

fn edit_one(
    env: &mut Env,
    r: &crate::api::ApiResource,
    ns: &str,
    live: Value,
) -> Result<(), CmdError> {
    let mut shown = live.clone();
    if let Some(m) = shown.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("managedFields");
    }
    let original = yaml::to_yaml(&shown);
    let path = temp_path(env);
    let mut text = format!("{HEADER}{original}");
    let mut previous: Option<String> = None;
    let resource_name = r.qualified_name();
    let name = meta::name(&live).to_string();
    loop {
        let _ = env.vfs.mkdir_p("/tmp");
        env.vfs.write(&path, &text);
        launch(env, &path)?;
        let edited = env.vfs.read(&path).unwrap_or("").to_string();
        if let Some(prev) = &previous {
            if strip_comments(prev) == strip_comments(&edited) {
                env.eprint(format!(
                    "A copy of your changes has been stored to \"{path}\"\n"
                ));
                return Err(CmdError::Plain(
                    "Edit cancelled, no valid changes were saved.".into(),
                ));
            }
        } else if strip_comments(&original) == strip_comments(&edited) {
            let _ = env.vfs.remove(&path);
            env.eprint("Edit cancelled, no changes made.\n");
            return Ok(());
        }
        let body = strip_comments(&edited);
        if body.trim().is_empty() {
            let _ = env.vfs.remove(&path);
            env.eprint("Edit cancelled, saved file was empty.\n");
            return Ok(());
        }
        let reasons: Vec<String>;
        let head: String;
        match serde_yaml::from_str::<Value>(&body) {
            Err(e) => {
                head = format!(
                    "The edited file had a syntax error: error converting YAML to JSON: yaml: {e}"
                );
                reasons = vec![];
            }
            Ok(obj) => {
                let same_identity = obj.get("apiVersion") == live.get("apiVersion")
                    && obj.get("kind") == live.get("kind")
                    && meta::name(&obj) == name;
                if !same_identity {
                    env.eprint(format!(
                        "A copy of your changes has been stored to \"{path}\"\n"
                    ));
                    return Err(CmdError::Plain(
                        "At least one of apiVersion, kind and name was changed".into(),
                    ));
                }
                match env.world.api.update(r, ns, obj) {
                    Ok(_) => {
                        let _ = env.vfs.remove(&path);
                        env.print(format!("{}/{name} edited\n", r.qualified_singular()));
                        return Ok(());
                    }
                    Err(s) if s.reason == "Invalid" => {
                        env.eprint(format!("error: {resource_name} \"{name}\" is invalid\n"));
                        head = format!("{resource_name} \"{name}\" was not valid");
                        reasons = s
                            .details
                            .as_ref()
                            .map(|d| {
                                d.causes
                                    .iter()
                                    .map(|c| format!("{}: {}", c.field, c.message))
                                    .collect()
                            })
                            .unwrap_or_default();
                    }
                    Err(s) if s.code == 404 => {
                        env.eprint(format!(
                            "error: {resource_name} \"{name}\" could not be found on the server\nThe edits you made on deleted resources have been saved to \"{path}\"\n"
                        ));
                        return Err(CmdError::Raw(String::new()));
                    }
                    Err(s) => {
                        env.eprint(format!(
                            "error: {resource_name} \"{name}\" could not be patched: {}\nYou can run `kubectl replace -f {path}` to try this update again.\n",
                            s.message
                        ));
                        return Err(CmdError::Raw(String::new()));
                    }
                }
            }
        }
        // Reopen with the reasons on top and the edited content below.
        let mut h = HEADER.to_string();
        if reasons.is_empty() {
            h.push_str(&format!("# {head}\n"));
        } else {
            h.push_str(&format!("# {head}:\n"));
            for r in &reasons {
                h.push_str(&format!("# * {r}\n"));
            }
        }
        h.push_str("#\n");
        text = format!("{h}{body}");
        previous = Some(edited);
    }
}
