//! The one engine call `pods/exec` needs: run a command in a container and
//! say what it wrote and how it ended. The engine does not run commands in
//! containers yet (another room is adding it); until it does, this answers
//! `echo` (its arguments joined by spaces, and a newline) and refuses the rest
//! with a message that says so. Replace the body of [`exec`] with the engine's
//! call; nothing else in `exec/` needs to change.

use crate::sim::Sim;

// `namespace` and `tty` wait for the engine's call.
#[allow(dead_code)]
pub struct ExecRequest {
    pub namespace: String,
    pub pod: String,
    pub container: String,
    pub command: Vec<String>,
    pub stdin: Vec<u8>,
    pub tty: bool,
}

pub struct ExecOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub exit_code: i32,
}

/// Runs `req.command` in the container; Err is a failure to run it at all.
pub fn exec(_sim: &mut Sim, req: &ExecRequest) -> Result<ExecOutput, String> {
    match req.command.split_first() {
        Some((cmd, args)) if cmd == "echo" => Ok(ExecOutput {
            stdout: format!("{}\n", args.join(" ")).into_bytes(),
            stderr: vec![],
            exit_code: 0,
        }),
        Some((cmd, _)) => Err(format!(
            "kubeplay cannot run \"{cmd}\" in container \"{}\" of pod \"{}\" yet",
            req.container, req.pod
        )),
        None => Err("you must specify at least one command for the container".into()),
    }
}
