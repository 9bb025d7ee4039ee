//! The kubectl subcommands, one file each, and the table that lists them.

mod api_resources;
mod apply;
mod apply_prune;
mod apply_server_side;
pub mod attach;
pub mod attach_stream;
mod auth;
mod auth_reconcile;
mod autoscale;
mod certificate;
mod cluster_info;
mod cluster_info_dump;
mod completion;
mod config;
mod config_credentials;
mod config_set;
mod cordon;
mod cp;
pub mod create;
mod create_config;
mod create_deployment;
mod create_more;
mod create_rbac;
mod create_service;
pub mod create_sub;
mod create_token;
mod debug;
mod delete;
pub(crate) mod delete_interactive;
mod describe;
mod diff;
mod drain;
mod drain_evict;
pub mod edit;
mod events;
mod exec;
pub mod exec_stream;
mod explain;
mod expose;
mod get;
pub mod get_watch;
pub mod help;
#[cfg(test)]
mod help_oracle;
mod kustomize;
mod label;
mod logs;
pub mod logs_window;
mod patch;
mod plugin;
pub mod pod_for_object;
pub mod port_forward;
mod proxy;
mod raw;
mod replace;
mod rollout;
mod rollout_revisions;
mod run;
mod run_attached;
mod scale;
mod set;
mod set_more;
mod set_objects;
mod set_rbac_selector;
mod set_typed;
mod taint;
mod top;
pub(crate) mod version;
mod wait;

use super::Command;
pub(crate) use kustomize::build as kustomize_build;

/// In the order `kubectl --help` lists them.
pub static COMMANDS: &[Command] = &[
    create::COMMAND,
    expose::COMMAND,
    run::COMMAND,
    set::COMMAND,
    explain::COMMAND,
    get::COMMAND,
    edit::COMMAND,
    delete::COMMAND,
    rollout::COMMAND,
    scale::COMMAND,
    autoscale::COMMAND,
    certificate::COMMAND,
    cluster_info::COMMAND,
    top::COMMAND,
    cordon::CORDON,
    cordon::UNCORDON,
    drain::COMMAND,
    taint::COMMAND,
    describe::COMMAND,
    logs::COMMAND,
    attach::COMMAND,
    exec::COMMAND,
    port_forward::COMMAND,
    proxy::COMMAND,
    cp::COMMAND,
    auth::COMMAND,
    debug::COMMAND,
    events::COMMAND,
    diff::COMMAND,
    apply::COMMAND,
    patch::COMMAND,
    replace::COMMAND,
    wait::COMMAND,
    kustomize::COMMAND,
    label::LABEL,
    label::ANNOTATE,
    completion::COMMAND,
    api_resources::RESOURCES,
    api_resources::VERSIONS,
    config::COMMAND,
    plugin::COMMAND,
    version::COMMAND,
];

/// `kubectl CMD [SUBCOMMAND...] --help`.
pub fn help_text(c: &Command, p: &super::flags::Parsed) -> String {
    help::command_help(c.name, &p.args)
}
