//! The REPL's editor for `vi FILE` and `kubectl edit`: the real $VISUAL or
//! $EDITOR on a temp file when one is set, else a plain line editor (the
//! numbered lines, then the new text typed line by line).

use kubeplay_engine::editor::EditRequest;
use rustyline::DefaultEditor;
use std::path::PathBuf;

/// Edits `req`; returns the text saved, None to quit without saving.
pub fn edit(req: &EditRequest, lines: &mut DefaultEditor) -> Option<String> {
    let real = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()));
    match real {
        Some(editor) => with_program(&editor, req),
        None => line_editor(req, lines),
    }
}

/// Runs `editor` (a command line, as git runs it: through `sh -c`) on a
/// temp file holding the text, and reads it back.
fn with_program(editor: &str, req: &EditRequest) -> Option<String> {
    let name = req.path.rsplit('/').next().filter(|n| !n.is_empty());
    let file = temp_file(name.unwrap_or("buffer.txt"));
    if let Err(e) = std::fs::write(&file, &req.text) {
        eprintln!("kubeplay: cannot write {}: {e}", file.display());
        return None;
    }
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&file)
        .status();
    let saved = match status {
        Ok(s) if s.success() => std::fs::read_to_string(&file).ok(),
        Ok(s) => {
            eprintln!("kubeplay: the editor {editor:?} exited with {s}; nothing saved");
            None
        }
        Err(e) => {
            eprintln!("kubeplay: cannot run the editor {editor:?}: {e}");
            None
        }
    };
    let _ = std::fs::remove_file(&file);
    saved
}

fn temp_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("kubeplay-{}-{name}", std::process::id()))
}

/// Shows the numbered lines and reads the new text up to a line holding
/// only `.`; a `.` first, Ctrl-C or Ctrl-D keep the file as it was.
fn line_editor(req: &EditRequest, lines: &mut DefaultEditor) -> Option<String> {
    let title = if req.path.is_empty() {
        "[No Name]"
    } else {
        &req.path
    };
    println!("--- {} {title} ---", req.editor);
    for (n, line) in req.text.lines().enumerate() {
        println!("{:>4}  {line}", n + 1);
    }
    if req.text.is_empty() {
        println!("      (empty)");
    }
    println!(
        "Type the new text; end it with a line holding only \".\" (\".\" first, Ctrl-C or Ctrl-D: keep it as it is)."
    );
    let mut text = String::new();
    loop {
        match lines.readline("") {
            Ok(line) if line == "." => break,
            Ok(line) => {
                text.push_str(&line);
                text.push('\n');
            }
            Err(_) => return None,
        }
    }
    (!text.is_empty()).then_some(text)
}
