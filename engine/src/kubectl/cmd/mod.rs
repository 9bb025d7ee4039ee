//! The kubectl subcommands, one file each, and the table that lists them.

mod api_resources;
mod create;
mod delete;
mod get;
pub mod help;
mod version;

use super::Command;

/// In the order `kubectl --help` lists them.
pub static COMMANDS: &[Command] = &[
    create::COMMAND,
    get::COMMAND,
    delete::COMMAND,
    api_resources::RESOURCES,
    api_resources::VERSIONS,
    version::COMMAND,
];
