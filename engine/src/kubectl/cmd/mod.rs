//! The kubectl subcommands, one file each, and the table that lists them.

mod api_resources;
mod apply;
mod auth;
mod cluster_info;
mod config;
pub mod create;
mod create_config;
mod create_deployment;
mod create_token;
mod delete;
mod describe;
mod get;
pub mod help;
mod label;
mod logs;
mod patch;
mod rollout;
mod run;
mod scale;
mod set;
pub(crate) mod version;

use super::Command;

/// In the order `kubectl --help` lists them.
pub static COMMANDS: &[Command] = &[
    create::COMMAND,
    run::COMMAND,
    set::COMMAND,
    get::COMMAND,
    delete::COMMAND,
    rollout::COMMAND,
    scale::COMMAND,
    cluster_info::COMMAND,
    logs::COMMAND,
    describe::COMMAND,
    auth::COMMAND,
    apply::COMMAND,
    patch::COMMAND,
    label::LABEL,
    label::ANNOTATE,
    api_resources::RESOURCES,
    api_resources::VERSIONS,
    config::COMMAND,
    version::COMMAND,
];
