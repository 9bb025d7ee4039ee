//! `kubectl edit TYPE NAME`: the object as YAML in a temp file under the
//! edit header, opened with $KUBE_EDITOR / $EDITOR (run by the shell, so
//! `KUBE_EDITOR="sed -i 's/a/b/'"` works in scripts), then saved back.
//! An invalid or unparsable result reopens the editor with the reasons at
//! the top, as kubectl does; an unchanged reopened file ends the edit.
//! When the host draws an editor and the editor is vi, vim or nano (the
//! default is vi), the edit stays open as a `Stream::Edit` instead, and
//! `EditSession::finish` takes the save through the same steps.

use crate::api::{meta, ApiResource};
use crate::editor::{self, Edit};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::yaml;
use crate::kubectl::request_context::RequestContext;
use crate::kubectl::{resources, Command, Env, Stream};
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

/// The editor's shell: the plain utilities, and vi, vim and nano as they
/// run without a terminal (no cluster programs).
struct Editors;
impl Programs for Editors {
    fn run(&mut self, inv: Invocation<'_>) -> Option<Output> {
        let name = inv.argv.first()?;
        editor::PROGRAMS
            .contains(&name.as_str())
            .then(|| editor::without_terminal(name))
    }
    fn names(&self) -> Vec<&'static str> {
        editor::PROGRAMS.to_vec()
    }
}

/// cmdutil.StripComments: lines starting with `#` go.
fn strip_comments(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// $KUBE_EDITOR, else $EDITOR, else vi (kubectl's editor.go).
fn editor_of(env: &Env) -> String {
    ["KUBE_EDITOR", "EDITOR"]
        .iter()
        .find_map(|k| env.env.get(*k).filter(|v| !v.is_empty()).cloned())
        .unwrap_or_else(|| "vi".into())
}

/// Runs the editor on `path` through a shell over the same files.
fn launch(env: &mut Env, path: &str) -> Result<(), CmdError> {
    let editor = editor_of(env);
    let mut shell = Shell::new("root", "minikube");
    std::mem::swap(shell.vfs_mut(), env.vfs);
    let line = format!("cd '{}' && {editor} '{path}'", env.cwd);
    let out = shell.run(&line, &mut Editors);
    std::mem::swap(shell.vfs_mut(), env.vfs);
    // The editor has kubectl's terminal (vim's messages without one).
    let not_found = out.status == 127 && !editor.contains(' ');
    if !not_found {
        for (stream, text) in out.chunks.iter().cloned() {
            match stream {
                kubeplay_shell::Stream::Stdout => env.print(text),
                kubeplay_shell::Stream::Stderr => env.eprint(text),
            }
        }
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
    let mut objects: Vec<(ApiResource, String)> = reqs
        .into_iter()
        .flat_map(|req| {
            let r = req.resource;
            req.names.into_iter().map(move |n| (r.clone(), n))
        })
        .collect();
    objects.reverse();
    let held = editor::program_of(&editor_of(env)).filter(|_| env.can_edit);
    if let Some(editor) = held {
        let request = RequestContext::current(&env.world.api);
        let editor = editor.to_string();
        if let Some(session) = EditSession::next(env, &ns, objects, request, editor)? {
            env.stream = Some(Stream::Edit(Box::new(Edit::Kubectl(Box::new(session)))));
        }
        return Ok(());
    }
    while let Some((r, name)) = objects.pop() {
        let live = env.world.api.get(&r, &ns, &name)?;
        let mut session = EditSession::open(env, r, &ns, live);
        loop {
            session.write(env);
            launch(env, &session.path)?;
            let edited = env.vfs.read(&session.path).unwrap_or("").to_string();
            if let Some(done) = session.saved(env, edited) {
                done?;
                break;
            }
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

/// One object at the editor: what the file holds, and what a save is
/// checked against.
#[derive(Clone, Debug)]
pub struct EditSession {
    resource: ApiResource,
    ns: String,
    name: String,
    live: Value,
    /// The object as first shown, without the header.
    original: String,
    /// The temp file.
    pub(crate) path: String,
    /// What the file holds for the editor: the header and the object, or
    /// the failures and the last save when it is reopened.
    pub(crate) text: String,
    /// The save the file was reopened after.
    previous: Option<String>,
    /// Held open by the host (`Cluster::editing`): what it needs besides.
    held: Option<Held>,
}

/// What an edit the host holds open needs after the command returned.
#[derive(Clone, Debug)]
struct Held {
    /// The objects still to edit, the next last.
    rest: Vec<(ApiResource, String)>,
    /// Who the saves are sent as (the run's user, validation, manager).
    request: RequestContext,
    editor: String,
}

impl EditSession {
    fn open(env: &mut Env, resource: ApiResource, ns: &str, live: Value) -> EditSession {
        let mut shown = live.clone();
        if let Some(m) = shown.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("managedFields");
        }
        let original = yaml::to_yaml(&shown);
        EditSession {
            resource,
            ns: ns.to_string(),
            name: meta::name(&live).to_string(),
            live,
            path: temp_path(env),
            text: format!("{HEADER}{original}"),
            original,
            previous: None,
            held: None,
        }
    }

    /// The next of `objects` (the next last) opened and held, None when
    /// there is none left; an error if it cannot be read.
    fn next(
        env: &mut Env,
        ns: &str,
        mut objects: Vec<(ApiResource, String)>,
        request: RequestContext,
        editor: String,
    ) -> Result<Option<EditSession>, CmdError> {
        let Some((r, name)) = objects.pop() else {
            return Ok(None);
        };
        let live = env.world.api.get(&r, ns, &name)?;
        let mut session = EditSession::open(env, r, ns, live);
        session.write(env);
        session.held = Some(Held {
            rest: objects,
            request,
            editor,
        });
        Ok(Some(session))
    }

    /// The editor the host shows.
    pub(crate) fn editor(&self) -> &str {
        self.held.as_ref().map_or("vi", |h| h.editor.as_str())
    }

    /// Puts the text for the editor in the temp file.
    fn write(&self, env: &mut Env) {
        let _ = env.vfs.mkdir_p("/tmp");
        env.vfs.write(&self.path, &self.text);
    }

    /// The host's editor closed, having saved `saved` (None: quit without
    /// saving, the file as it was). Prints what kubectl does, sets the
    /// status, and returns the edit still open: this object reopened, or
    /// the next one.
    pub fn finish(mut self, saved: Option<String>, env: &mut Env) -> Option<EditSession> {
        let held = self.held.take()?;
        held.request.clone().run(env, move |env| {
            let edited = saved.unwrap_or_else(|| self.text.clone());
            env.vfs.write(&self.path, &edited);
            let result = match self.saved(env, edited) {
                None => {
                    self.write(env);
                    self.held = Some(held);
                    return Some(self);
                }
                Some(result) => result,
            };
            let ns = self.ns.clone();
            let next = result
                .and_then(|()| EditSession::next(env, &ns, held.rest, held.request, held.editor));
            match next {
                Ok(session) => session,
                Err(e) => {
                    env.out.status = crate::kubectl::status(Err(e), env);
                    None
                }
            }
        })
    }

    /// What kubectl does with a saved file: Some when the edit of this
    /// object ended (sent, cancelled or failed), None when the file is to
    /// be reopened with the failures on top (`self.text`).
    fn saved(&mut self, env: &mut Env, edited: String) -> Option<Result<(), CmdError>> {
        let path = self.path.clone();
        let name = self.name.clone();
        let resource_name = self.resource.qualified_name();
        if let Some(prev) = &self.previous {
            if strip_comments(prev) == strip_comments(&edited) {
                env.eprint(format!(
                    "A copy of your changes has been stored to \"{path}\"\n"
                ));
                return Some(Err(CmdError::Plain(
                    "Edit cancelled, no valid changes were saved.".into(),
                )));
            }
        } else if strip_comments(&self.original) == strip_comments(&edited) {
            let _ = env.vfs.remove(&path);
            env.eprint("Edit cancelled, no changes made.\n");
            return Some(Ok(()));
        }
        let body = strip_comments(&edited);
        if body.trim().is_empty() {
            let _ = env.vfs.remove(&path);
            env.eprint("Edit cancelled, saved file was empty.\n");
            return Some(Ok(()));
        }
        let reasons: Vec<String>;
        let head: String;
        match serde_yaml::from_str::<Value>(&crate::kubectl::yaml11::resolve_booleans(&body)) {
            Err(e) => {
                head = format!(
                    "The edited file had a syntax error: error converting YAML to JSON: yaml: {e}"
                );
                reasons = vec![];
            }
            Ok(obj) => {
                let same_identity = obj.get("apiVersion") == self.live.get("apiVersion")
                    && obj.get("kind") == self.live.get("kind")
                    && meta::name(&obj) == name;
                if !same_identity {
                    env.eprint(format!(
                        "A copy of your changes has been stored to \"{path}\"\n"
                    ));
                    return Some(Err(CmdError::Plain(
                        "At least one of apiVersion, kind and name was changed".into(),
                    )));
                }
                match env.world.api.update(&self.resource, &self.ns, obj) {
                    Ok(_) => {
                        let _ = env.vfs.remove(&path);
                        env.print(format!(
                            "{}/{name} edited\n",
                            self.resource.qualified_singular()
                        ));
                        return Some(Ok(()));
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
                        return Some(Err(CmdError::Raw(String::new())));
                    }
                    Err(s) => {
                        env.eprint(format!(
                            "error: {resource_name} \"{name}\" could not be patched: {}\nYou can run `kubectl replace -f {path}` to try this update again.\n",
                            s.message
                        ));
                        return Some(Err(CmdError::Raw(String::new())));
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
        self.text = format!("{h}{body}");
        self.previous = Some(edited);
        None
    }
}
