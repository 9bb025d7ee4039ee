//! The one engine call `pods/exec` needs: run a command in a container and
//! say what it wrote and how it ended (the kubelet's exec, `World::exec_with_tty`),
//! or, for a command that takes virtual time, hand back its stream.

use crate::sim::Sim;
use kubeplay_engine::kubectl::ExecFollow;

pub struct ExecRequest {
    pub namespace: String,
    pub pod: String,
    pub container: String,
    pub command: Vec<String>,
    pub stdin: Vec<u8>,
    pub tty: bool,
}

pub struct ExecOutput {
    /// What the command wrote, by channel (1 stdout, 2 stderr), in the
    /// order it wrote it: `kubectl cp` stops reading at the archive's end,
    /// so tar's warnings must come before the archive they precede.
    pub chunks: Vec<(u8, Vec<u8>)>,
    pub exit_code: i32,
}

/// How a command started: ended at once, or running on in virtual time
/// (`sh -c 'while true; do ...; sleep 1; done'`), to be followed.
pub enum Started {
    Done(ExecOutput),
    Streaming(Box<ExecFollow>),
}

/// Runs `req.command` in the container; Err is a failure to run it at all.
pub fn exec(sim: &mut Sim, req: &ExecRequest) -> Result<Started, String> {
    if req.command.is_empty() {
        return Err("you must specify at least one command for the container".into());
    }
    let stdin = String::from_utf8_lossy(&req.stdin);
    let world = sim.cluster.world_mut();
    let place = world.exec_place(&req.namespace, &req.pod, &req.container);
    let start = world.now().0;
    let out = world.exec_with_tty(
        &req.namespace,
        &req.pod,
        &req.container,
        &req.command,
        &stdin,
        req.tty,
    )?;
    if let Some(place) = place.filter(|_| ExecFollow::takes_time(&out, start)) {
        return Ok(Started::Streaming(Box::new(ExecFollow::new(
            &req.namespace,
            place,
            &req.command,
            &stdin,
            req.tty,
            start,
            out,
        ))));
    }
    let channel = |stderr: bool| if stderr && !req.tty { 2 } else { 1 };
    let ordered: usize = out.chunks.iter().map(|(_, t)| t.len()).sum();
    // Runtime errors come without chunks: then stdout, then stderr.
    let chunks = if ordered == out.stdout.len() + out.stderr.len() {
        out.chunks
    } else {
        vec![(false, out.stdout), (true, out.stderr)]
    };
    Ok(Started::Done(ExecOutput {
        chunks: chunks
            .into_iter()
            .map(|(stderr, text)| (channel(stderr), text.into_bytes()))
            .collect(),
        exit_code: out.exit_code,
    }))
}
