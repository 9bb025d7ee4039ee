//! The one engine call `pods/exec` needs: run a command in a container and
//! say what it wrote and how it ended (the kubelet's exec, `World::exec_with_tty`).

use crate::sim::Sim;

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
pub fn exec(sim: &mut Sim, req: &ExecRequest) -> Result<ExecOutput, String> {
    if req.command.is_empty() {
        return Err("you must specify at least one command for the container".into());
    }
    let stdin = String::from_utf8_lossy(&req.stdin);
    let out = sim.cluster.world_mut().exec_with_tty(
        &req.namespace,
        &req.pod,
        &req.container,
        &req.command,
        &stdin,
        req.tty,
    )?;
    Ok(ExecOutput {
        stdout: out.stdout.into_bytes(),
        stderr: out.stderr.into_bytes(),
        exit_code: out.exit_code,
    })
}
