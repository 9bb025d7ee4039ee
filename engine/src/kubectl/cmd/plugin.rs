//! `kubectl plugin list`: kubectl plugins are `kubectl-*` executables on
//! PATH; the playground's machine has none.

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::{Command, Env};

pub const COMMAND: Command = Command {
    name: "plugin",
    aliases: &[],
    group: "Other Commands",
    short: "Provides utilities for interacting with plugins",
    flags: &[],
    run,
};

fn run(_env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    match p.args.first().map(String::as_str) {
        None => Err(super::help::group_alone("plugin")),
        Some("list") => Err(CmdError::Plain(
            "unable to find any kubectl plugins in your PATH".into(),
        )),
        Some(other) => Err(CmdError::Usage {
            msg: format!("unknown command \"{other}\""),
            command: "kubectl plugin".into(),
        }),
    }
}
