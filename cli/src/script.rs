//! Script mode: run input line by line (joining lines while the shell says
//! the command is incomplete), printing output as bash would, no prompts.

use kubeplay_engine::{Cluster, Stream};
use std::io::Write;

/// Splits a script into the inputs the shell runs one at a time.
pub fn inputs(cluster: &Cluster, text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut pending = String::new();
    for line in text.lines() {
        if !pending.is_empty() {
            pending.push('\n');
        }
        pending.push_str(line);
        if cluster.is_complete(&pending) {
            out.push(std::mem::take(&mut pending));
        }
    }
    if !pending.is_empty() {
        out.push(pending);
    }
    out
}

/// Runs a script; returns the last command's exit status.
pub fn run(mut cluster: Cluster, text: &str) -> i32 {
    let mut status = 0;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    for input in inputs(&cluster, text) {
        let out = cluster.run(&input);
        for (stream, chunk) in &out.chunks {
            // A closed pipe (e.g. `| head`) is not an error worth reporting.
            let _ = match stream {
                Stream::Stdout => stdout.lock().write_all(chunk.as_bytes()),
                Stream::Stderr => stderr.lock().write_all(chunk.as_bytes()),
            };
        }
        status = out.status;
    }
    let _ = stdout.lock().flush();
    status
}
