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
/// nothing. vim 9.0 (`vim x </dev/null >out 2>err`), without its screen
/// control sequences: the warnings (main.c check_tty) on stderr, the
/// exit (os_unix.c read_error_exit, preserve_exit) on stdout. nano's is
/// winio.c get_input's `die`.
pub fn without_terminal(editor: &str) -> Output {
    let mut out = Output::default();
    if editor == "nano" {
        out.err("Too many errors from stdin\n");
    } else {
        out.err("Vim: Warning: Output is not to a terminal\nVim: Warning: Input is not from a terminal\n");
        out.out("Vim: Error reading input, exiting...\nVim: Finished.\n");
    }
    out.status = 1;
    out
}
