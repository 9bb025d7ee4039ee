//! Editors at the terminal: `vi`, `vim` and `nano` as host programs, and
//! the edit a host that draws an editor (the browser's overlay, the REPL's
//! $EDITOR or line editor) keeps open until it saves or quits
//! (`Cluster::editing`, `Cluster::finish_edit`). With no editor to draw (a
//! script) they fail as the real ones do without a terminal.

use crate::kubectl::{EditSession, Env};
use crate::world::World;
use kubeplay_shell::{Invocation, Output, Stdin, Vfs};
use std::collections::BTreeMap;

/// The editors the terminal has.
pub const PROGRAMS: &[&str] = &["nano", "vi", "vim"];

/// The editor a command line like $EDITOR (`vim`, `/usr/bin/nano -w`)
/// runs, when it is one of ours.
pub fn program_of(command: &str) -> Option<&'static str> {
    let first = command.split_whitespace().next()?;
    let name = first.rsplit('/').next()?;
    PROGRAMS.iter().copied().find(|p| *p == name)
}

/// What the host shows: a file, its text, and the editor asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRequest {
    /// The file's absolute path ("" for a buffer with no file, `vi` alone).
    pub path: String,
    pub text: String,
    /// `vi`, `vim` or `nano`.
    pub editor: String,
}

/// An editor open in the foreground.
#[derive(Clone, Debug)]
pub enum Edit {
    /// `vi FILE`: the file and what it held (empty when new).
    File {
        editor: String,
        /// As typed, for the editor's messages.
        arg: String,
        path: String,
        text: String,
    },
    /// `kubectl edit`: an object in its temp file.
    Kubectl(Box<EditSession>),
}

impl Edit {
    pub fn request(&self) -> EditRequest {
        match self {
            Edit::File {
                editor, path, text, ..
            } => EditRequest {
                path: path.clone(),
                text: text.clone(),
                editor: editor.clone(),
            },
            Edit::Kubectl(s) => EditRequest {
                path: s.path.clone(),
                text: s.text.clone(),
                editor: s.editor().to_string(),
            },
        }
    }

    /// The editor closed, having saved `saved` (None: quit without
    /// saving). Returns what the command prints then, and the edit still
    /// open (`kubectl edit` reopens an invalid object).
    pub fn finish(
        self,
        saved: Option<String>,
        vfs: &mut Vfs,
        world: Option<&mut World>,
    ) -> (Output, Option<Edit>) {
        // vim and nano end the last line they write.
        let saved = saved.map(|mut s| {
            if !s.is_empty() && !s.ends_with('\n') {
                s.push('\n');
            }
            s
        });
        match self {
            Edit::File {
                editor, arg, path, ..
            } => (save_file(&editor, &arg, &path, saved, vfs), None),
            Edit::Kubectl(session) => {
                // Its cluster was deleted while the editor was open.
                let Some(world) = world else {
                    return (Output::default(), None);
                };
                let (vars, stdin) = (BTreeMap::new(), Stdin::default());
                let mut env = Env::scripted(world, vfs, &vars, "/", &stdin);
                env.can_edit = true;
                let next = session.finish(saved, &mut env);
                (env.out, next.map(|s| Edit::Kubectl(Box::new(s))))
            }
        }
    }
}

/// Writes what `vi FILE` saved; the editor's own message if it cannot.
fn save_file(editor: &str, arg: &str, path: &str, saved: Option<String>, vfs: &mut Vfs) -> Output {
    let mut out = Output::default();
    let Some(text) = saved else {
        return out;
    };
    if path.is_empty() {
        // vim's message for `:w` in a buffer with no name (nano asks for one).
        out.err("E32: No file name\n");
        out.status = 1;
        return out;
    }
    if let Err(e) = vfs.write_checked(path, &text, false) {
        out.err(if editor == "nano" {
            // nano's status bar (files.c write_file).
            format!("[ Error writing {arg}: {} ]\n", e.msg())
        } else {
            // vim's (bufwrite.c).
            format!("\"{arg}\" E212: Can't open file for writing\n")
        });
        out.status = 1;
    }
    out
}

/// `vi|vim|nano [OPTION]... [FILE]...`: with an editor to draw, the first
/// file opened (a new one if missing); without, the no-terminal failure.
pub fn program(inv: &Invocation<'_>, can_edit: bool) -> (Output, Option<Edit>) {
    let editor = inv.argv[0].clone();
    if !can_edit {
        return (without_terminal(&editor), None);
    }
    let arg = inv.argv[1..]
        .iter()
        .find(|a| !a.starts_with(['-', '+']))
        .cloned()
        .unwrap_or_default();
    let path = if arg.is_empty() {
        String::new()
    } else {
        crate::kubectl::manifests::absolute(inv.cwd, &arg)
    };
    let text = inv.vfs.read(&path).unwrap_or("").to_string();
    let edit = Edit::File {
        editor,
        arg,
        path,
        text,
    };
    (Output::default(), Some(edit))
}

/// What the editor prints when neither its input nor its output is a
/// terminal (a script) and its input is at its end; it exits 1 and writes
/// nothing. vim 9.0 (`vim x </dev/null >out 2>err`, and run by the real
/// kubectl edit), without its screen control sequences and carriage
/// returns: the warnings (main.c check_tty) on stderr, the exit
/// (os_unix.c read_error_exit, preserve_exit) on stdout. nano is not
/// installed here: its text is nano's source (winio.c get_input's `die`).
pub fn without_terminal(editor: &str) -> Output {
    let mut out = Output::default();
    if editor == "nano" {
        out.err("Too many errors from stdin\n");
    } else {
        // The blank line is vim's "\r\n" after its warnings.
        out.err("Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n\n");
        out.out("Vim: Error reading input, exiting...\nVim: Finished.\n");
    }
    out.status = 1;
    out
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    fn cluster() -> Cluster {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        c.set_editor(true);
        c
    }

    fn text(o: &kubeplay_shell::Output) -> String {
        o.chunks.iter().map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn vi_opens_a_new_file_and_saves_it() {
        let mut c = cluster();
        let out = c.run("cd /tmp && vi hello.txt");
        assert_eq!((text(&out), out.status), (String::new(), 0));
        let req = c.editing().expect("an editor is open");
        assert_eq!(req.path, "/tmp/hello.txt");
        assert_eq!(req.text, "");
        assert_eq!(req.editor, "vi");
        assert!(c.is_streaming(), "the prompt waits for the editor");
        let out = c.finish_edit(Some("hello\nworld".into()));
        assert_eq!((text(&out), out.status), (String::new(), 0));
        assert!(c.editing().is_none());
        assert_eq!(text(&c.run("cat /tmp/hello.txt")), "hello\nworld\n");
    }

    #[test]
    fn completion_knows_the_editors() {
        let c = cluster();
        let words = c.complete("vi");
        assert!(words.iter().any(|w| w == "vi"), "{words:?}");
        assert!(words.iter().any(|w| w == "vim"), "{words:?}");
        assert!(c.complete("na").iter().any(|w| w == "nano"));
    }

    #[test]
    fn quitting_without_saving_leaves_the_file() {
        let mut c = cluster();
        c.run("echo one > a.txt");
        c.run("nano a.txt");
        assert_eq!(c.editing().map(|r| r.text), Some("one\n".into()));
        assert_eq!(text(&c.finish_edit(None)), "");
        assert_eq!(text(&c.run("cat a.txt")), "one\n");
        c.run("vim new.txt");
        c.finish_edit(None);
        assert_eq!(c.run("ls new.txt").status, 2, "no file for a quit");
        // Nothing open: nothing to finish.
        assert_eq!(c.finish_edit(Some("x".into())), Default::default());
    }

    #[test]
    fn a_save_that_cannot_be_written_says_so() {
        let mut c = cluster();
        c.run("vi /nope/x.txt");
        let out = c.finish_edit(Some("x\n".into()));
        assert_eq!(
            text(&out),
            "\"/nope/x.txt\" E212: Can't open file for writing\n"
        );
        assert_eq!(c.run("echo $?").stdout(), "1\n");
    }

    fn edited(c: &mut Cluster, from: &str, to: &str) -> kubeplay_shell::Output {
        let req = c.editing().expect("kubectl edit opened an editor");
        assert!(req.text.contains(from), "{from:?} in:\n{}", req.text);
        c.finish_edit(Some(req.text.replace(from, to)))
    }

    #[test]
    fn kubectl_edit_waits_for_the_editor_and_sends_the_save() {
        let mut c = cluster();
        c.run("kubectl create deployment web --image=nginx");
        let out = c.run("kubectl edit deploy web");
        assert_eq!((text(&out), out.status), (String::new(), 0));
        let req = c.editing().unwrap();
        assert!(req.path.starts_with("/tmp/kubectl-edit-"), "{}", req.path);
        assert!(req.text.starts_with("# Please edit the object below."));
        assert!(!req.text.contains("managedFields"));
        let out = edited(&mut c, "replicas: 1", "replicas: 3");
        assert_eq!(
            (out.stdout(), out.status),
            ("deployment.apps/web edited\n".into(), 0)
        );
        assert!(c.editing().is_none());
        let replicas = c.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'");
        assert_eq!(replicas.stdout(), "3");
        // The save went as kubectl edit's own request.
        let managers = c.run(
            "kubectl get deploy web --show-managed-fields -o jsonpath='{.metadata.managedFields[*].manager}'",
        );
        assert!(
            managers.stdout().contains("kubectl-edit"),
            "{}",
            managers.stdout()
        );
        assert_eq!(c.run("ls /tmp").stdout(), "", "the temp file is gone");
    }

    #[test]
    fn kubectl_edit_quit_or_unchanged_is_cancelled() {
        let mut c = cluster();
        c.run("kubectl create deployment web --image=nginx");
        c.run("EDITOR=nano kubectl edit deploy web");
        assert_eq!(c.editing().unwrap().editor, "nano");
        let out = c.finish_edit(None);
        assert_eq!(
            (out.stderr(), out.status),
            ("Edit cancelled, no changes made.\n".into(), 0)
        );
        c.run("kubectl edit deploy web");
        let same = c.editing().unwrap().text;
        assert_eq!(out, c.finish_edit(Some(same)));
    }

    #[test]
    fn kubectl_edit_reopens_an_invalid_object_with_the_reasons() {
        let mut c = cluster();
        c.run("kubectl create deployment web --image=nginx");
        c.run("kubectl edit deploy web");
        let out = edited(&mut c, "replicas: 1", "replicas: -1");
        assert_eq!(out.stderr(), "error: deployments.apps \"web\" is invalid\n");
        let again = c.editing().expect("reopened");
        assert!(
            again.text.contains(
                "#\n# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n"
            ),
            "{}",
            again.text
        );
        // Quitting the reopened file keeps the copy, as kubectl does.
        let out = c.finish_edit(None);
        assert_eq!(
            out.stderr(),
            format!(
                "A copy of your changes has been stored to \"{}\"\nerror: Edit cancelled, no valid changes were saved.\n",
                again.path
            )
        );
        assert_eq!(out.status, 1);
        assert_eq!(c.run("echo $?").stdout(), "1\n");
        assert!(c.editing().is_none());
        // Fixed in the reopened file instead: sent.
        c.run("kubectl edit deploy web");
        edited(&mut c, "replicas: 1", "replicas: -1");
        let out = edited(&mut c, "replicas: -1", "replicas: 2");
        assert_eq!(out.stdout(), "deployment.apps/web edited\n");
    }

    #[test]
    fn kubectl_edit_of_several_objects_opens_them_in_turn() {
        let mut c = cluster();
        c.run("kubectl create deployment a --image=nginx");
        c.run("kubectl create deployment b --image=nginx");
        c.run("kubectl edit deploy a b");
        assert!(c.editing().unwrap().text.contains("name: a\n"));
        let out = edited(&mut c, "replicas: 1", "replicas: 2");
        assert_eq!(out.stdout(), "deployment.apps/a edited\n");
        assert!(c.editing().unwrap().text.contains("name: b\n"));
        let out = c.finish_edit(None);
        assert_eq!(out.stderr(), "Edit cancelled, no changes made.\n");
        assert!(c.editing().is_none());
    }

    #[test]
    fn an_editor_with_arguments_is_still_ours() {
        let mut c = cluster();
        c.run("kubectl create deployment web --image=nginx");
        c.run("EDITOR='/usr/bin/vim -u NONE' kubectl edit deploy web");
        assert_eq!(c.editing().map(|r| r.editor), Some("vim".into()));
        assert_eq!(super::program_of("emacs -nw"), None);
    }

    #[test]
    fn other_editors_still_run_in_the_shell() {
        let mut c = cluster();
        c.run("kubectl create deployment web --image=nginx");
        let out =
            c.run("KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: 4/'\" kubectl edit deploy web");
        assert_eq!(out.stdout(), "deployment.apps/web edited\n");
        assert!(c.editing().is_none());
    }
}
