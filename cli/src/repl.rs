//! Interactive mode: a prompt with line editing and history; the cluster's
//! clock follows real time between commands; `vi` and `kubectl edit` open
//! the editor of `edit.rs`; a streaming command (`kubectl get -w`, `watch`,
//! `logs -f`) runs on in real time until it ends or Ctrl-C.

use kubeplay_engine::{Cluster, Stream};
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;
use std::io::Write;
use std::time::{Duration, Instant};

/// How often a streaming command is polled (real time).
const POLL: Duration = Duration::from_millis(100);

pub fn run(mut cluster: Cluster) -> i32 {
    cluster.set_editor(true);
    cluster.set_streaming(true);
    crate::interrupt::install();
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
        if let Some((rows, cols)) = crate::interrupt::terminal_size() {
            cluster.set_terminal_size(rows, cols);
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
        if cluster.is_streaming() {
            stream(&mut cluster, &mut last);
        }
    }
}

/// Polls the foreground command as time passes until it ends or Ctrl-C.
fn stream(cluster: &mut Cluster, last: &mut Instant) {
    crate::interrupt::take();
    while cluster.is_streaming() {
        if let Some((rows, cols)) = crate::interrupt::terminal_size() {
            cluster.set_terminal_size(rows, cols);
        }
        if crate::interrupt::take() {
            // The terminal echoed `^C`; a remote one (`exec -it`) echoes its own.
            let said = cluster.interrupt();
            match said.strip_prefix("^C") {
                Some(rest) => print!("{rest}"),
                None if said.starts_with('\x1b') => print!("{said}"),
                None => print!("\n{said}"),
            }
            let _ = std::io::stdout().flush();
            return;
        }
        std::thread::sleep(POLL);
        let elapsed = last.elapsed().as_millis() as i64;
        *last = Instant::now();
        cluster.tick(elapsed);
        print!("{}", cluster.poll_stream());
        let _ = std::io::stdout().flush();
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
