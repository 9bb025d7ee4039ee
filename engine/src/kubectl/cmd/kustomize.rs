//! `kubectl kustomize DIR`: the built documents on stdout (or written to
//! `-o FILE`). Flags as kubectl v1.33 lists them; the plugin, helm and
//! network ones are accepted and change nothing here.

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::manifests::absolute;
use crate::kubectl::{kustomize, Command, Env};

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

pub const COMMAND: Command = Command {
    name: "kustomize",
    aliases: &[],
    group: "Advanced Commands",
    short: "Build a kustomization target from a directory or URL",
    flags: &[
        f("as-current-user", FlagKind::Bool, "false", "use the uid and gid of the command executor to run the function in the container"),
        f("enable-alpha-plugins", FlagKind::Bool, "false", "enable kustomize plugins"),
        f("enable-helm", FlagKind::Bool, "false", "Enable use of the Helm chart inflator generator."),
        f("env", FlagKind::StringArray, "[]", "a list of environment variables to be used by functions").short('e'),
        f("helm-api-versions", FlagKind::StringArray, "[]", "Kubernetes api versions used by Helm for Capabilities.APIVersions"),
        f("helm-command", FlagKind::String, "helm", "helm command (path to executable)"),
        f("helm-debug", FlagKind::Bool, "false", "Enable debug output from the Helm chart inflator generator."),
        f("helm-kube-version", FlagKind::String, "", "Kubernetes version used by Helm for Capabilities.KubeVersion"),
        f("load-restrictor", FlagKind::String, "LoadRestrictionsRootOnly", "if set to 'LoadRestrictionsNone', local kustomizations may load files from outside their root. This does, however, break the relocatability of the kustomization."),
        f("mount", FlagKind::StringArray, "[]", "a list of storage options read from the filesystem"),
        f("network", FlagKind::Bool, "false", "enable network access for functions that declare it"),
        f("network-name", FlagKind::String, "bridge", "the docker network to run the container in"),
        f("output", FlagKind::String, "", "If specified, write output to this path.").short('o'),
    ],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if p.args.len() > 1 {
        return Err(CmdError::Plain(
            "specify one path to a kustomization directory".into(),
        ));
    }
    let dir = p.args.first().map_or(".", String::as_str);
    let text = build_text(env, dir)?;
    match p.str("output").filter(|o| !o.is_empty()) {
        Some(path) => {
            let abs = absolute(env.cwd, path);
            env.vfs.write(&abs, &text);
        }
        None => env.print(text),
    }
    Ok(())
}

/// Builds `dir`, printing kustomize's warnings; errors as kubectl prints them.
pub fn build(env: &mut Env, dir: &str) -> Result<Vec<serde_json::Value>, CmdError> {
    let built = kustomize::build(env.vfs, env.world.api.registry(), env.cwd, dir)
        .map_err(CmdError::Plain)?;
    for w in &built.warnings {
        env.eprint(format!("{w}\n"));
    }
    Ok(built.objects)
}

fn build_text(env: &mut Env, dir: &str) -> Result<String, CmdError> {
    Ok(kustomize::render(&build(env, dir)?))
}
