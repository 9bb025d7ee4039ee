//! The kubectl subcommands, one file each, and the table that lists them.

mod api_resources;
mod apply;
pub mod create;
mod delete;
mod describe;
mod get;
pub mod help;
mod logs;
mod run;
mod version;

use super::Command;

/// In the order `kubectl --help` lists them.
pub static COMMANDS: &[Command] = &[
    create::COMMAND,
    run::COMMAND,
    get::COMMAND,
    delete::COMMAND,
    logs::COMMAND,
    describe::COMMAND,
    apply::COMMAND,
    api_resources::RESOURCES,
    api_resources::VERSIONS,
    version::COMMAND,
];
