//! Interactive mode: a prompt with line editing and history; the cluster's
//! clock follows real time between commands; `vi` and `kubectl edit` open
//! the editor of `edit.rs`.

use kubeplay_engine::{Cluster, Stream};
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;
use std::io::Write;
use std::time::Instant;

pub fn run(mut cluster: Cluster) -> i32 {
    cluster.set_editor(true);
    let mut editor = match DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("kubeplay: cannot open the terminal: {e}");
            return 2;
        }
    };
    let mut last = Instant::now();
    let mut status = 0;
    loop {
        let mut input = String::new();
        let mut prompt = cluster.prompt();
        loop {
            match editor.readline(&prompt) {
                Ok(line) => {
                    if !input.is_empty() {
                        input.push('\n');
                    }
                    input.push_str(&line);
                    if cluster.is_complete(&input) {
                        break;
                    }
                    prompt = "> ".into();
                }
                Err(ReadlineError::Interrupted) => {
                    input.clear();
                    prompt = cluster.prompt();
                }
                Err(_) => {
                    println!("exit");
                    return status;
                }
            }
        }
        let elapsed = last.elapsed().as_millis() as i64;
        last = Instant::now();
        cluster.tick(elapsed);
        if input.trim().is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(input.as_str());
        if matches!(input.trim(), "exit" | "logout") && !cluster.in_session() {
            println!("exit");
            return status;
        }
        let mut out = cluster.run(&input);
        loop {
            print_output(&out);
            status = out.status;
            // `vi FILE`, `kubectl edit`: the editor, then what the command
            // prints (kubectl edit may reopen the file).
            let Some(req) = cluster.editing() else { break };
            let saved = crate::edit::edit(&req, &mut editor);
            out = cluster.finish_edit(saved);
        }
    }
}

fn print_output(out: &kubeplay_engine::Output) {
    for (stream, chunk) in &out.chunks {
        match stream {
            Stream::Stdout => print!("{chunk}"),
            Stream::Stderr => eprint!("{chunk}"),
        }
    }
    let _ = std::io::stdout().flush();
}
