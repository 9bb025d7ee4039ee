//! GNU nohup: runs a program immune to hangups. At a terminal its output
//! goes to `nohup.out` (appended), and it says so on stderr: what a learner
//! sees after `nohup kubectl port-forward svc/web 8080:80 &`.

use crate::exec::{Exec, Flow, Sink};
use crate::Stream;

pub fn nohup(ex: &mut Exec, argv: &[String], temp: &[(String, String)]) -> Flow {
    if argv.len() < 2 {
        ex.err("nohup: missing operand\nTry 'nohup --help' for more information.\n");
        ex.set_status(125);
        return Flow::Next;
    }
    let stdin_tty = ex.stdin_is_tty();
    let stdout_tty = ex.stdout_is_tty();
    let stderr_tty = ex.fds.err == Sink::Term(Stream::Stderr) && stdout_tty_possible(ex);
    let saved = ex.fds.clone();
    let ignoring = if stdin_tty { "ignoring input and " } else { "" };
    if stdout_tty {
        let sink = match ex.open_out("nohup.out", true) {
            Ok(s) => s,
            Err(_) => {
                ex.err("nohup: failed to open 'nohup.out': Permission denied\n");
                ex.set_status(125);
                return Flow::Next;
            }
        };
        ex.err(&format!(
            "nohup: {ignoring}appending output to 'nohup.out'\n"
        ));
        ex.fds.out = sink.clone();
        if stderr_tty {
            ex.fds.err = sink;
        }
    } else if stderr_tty {
        ex.err(&format!("nohup: {ignoring}redirecting stderr to stdout\n"));
        ex.fds.err = ex.fds.out.clone();
    } else if stdin_tty {
        ex.err("nohup: ignoring input\n");
    }
    let ran = ex.exec_program(&argv[1..], temp);
    ex.fds = saved;
    ran.unwrap_or_else(|e| {
        let text = format!("nohup: failed to run command '{}': {}\n", argv[1], e.msg());
        ex.err(&text);
        ex.set_status(e.status());
        Flow::Next
    })
}

/// Whether the shell has a terminal at all (`kubectl exec` without -t has none).
fn stdout_tty_possible(ex: &Exec) -> bool {
    !ex.sh.no_tty
}
