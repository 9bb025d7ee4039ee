//! `kubectl plugin list`: kubectl plugins are `kubectl-*` executables on
//! PATH; the playground's machine has none.

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};

pub const COMMAND: Command = Command {
    name: "plugin",
    aliases: &[],
    group: "Other Commands",
    short: "Provides utilities for interacting with plugins",
    flags: &[Flag::new(
        "name-only",
        FlagKind::Bool,
        "false",
        "If true, display only the binary name of each plugin, rather than its full path",
    )],
    run,
};

const HELP: &str = "Provides utilities for interacting with plugins.\n\n Plugins provide extended functionality that is not part of the major command-line distribution. Please refer to the documentation and examples for more information about how write your own plugins.\n\n The easiest way to discover and install plugins is via the kubernetes sub-project krew: [krew.sigs.k8s.io]. To install krew, visit https://krew.sigs.k8s.io/docs/user-guide/setup/install\n\nExamples:\n  # List all available plugins\n  kubectl plugin list\n  \n  # List only binary names of available plugins without paths\n  kubectl plugin list --name-only\n\nAvailable Commands:\n  list          List all visible plugin executables on a user's PATH\n\nUsage:\n  kubectl plugin [flags] [options]\n\nUse \"kubectl plugin <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    match p.args.first().map(String::as_str) {
        None => {
            env.print(HELP);
            Ok(())
        }
        Some("list") => Err(CmdError::Plain(
            "unable to find any kubectl plugins in your PATH".into(),
        )),
        Some(other) => Err(CmdError::Usage {
            msg: format!("unknown command \"{other}\""),
            command: "kubectl plugin".into(),
        }),
    }
}
