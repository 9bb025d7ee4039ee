//! `kubectl explain TYPE[.FIELD...]`: documentation of a kind or a field,
//! from the API server's OpenAPI v3 schemas (kubectl/explain.rs renders).

use crate::api::openapi::schemas;
use crate::kubectl::errors::CmdError;
use crate::kubectl::explain;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};

pub const COMMAND: Command = Command {
    name: "explain",
    aliases: &[],
    group: "Basic Commands (Intermediate)",
    short: "Get documentation for a resource",
    flags: &[
        Flag::new(
            "api-version",
            FlagKind::String,
            "",
            "Explain the kind as this API group/version serves it",
        ),
        Flag::new(
            "output",
            FlagKind::String,
            "plaintext",
            "How to render the schema (plaintext, plaintext-openapiv2)",
        ),
        Flag::new(
            "recursive",
            FlagKind::Bool,
            "false",
            "List the fields of fields too, names and types only",
        ),
    ],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let args = &p.args;
    if args.is_empty() {
        return Err(CmdError::Plain("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.".into()));
    }
    if args.len() > 1 {
        return Err(CmdError::Plain(
            "We accept only this format: explain RESOURCE".into(),
        ));
    }
    let input = args[0].trim_end_matches('.');
    let mut parts = input.split('.');
    let typed = parts.next().unwrap_or("");
    let reg = env.world.api.registry();
    let Some(r) = reg.resolve(typed).cloned() else {
        // explain prints the lookup's error bare.
        return Err(CmdError::Raw(format!(
            "the server doesn't have a resource type \"{typed}\"\n"
        )));
    };
    // `deployments.apps.spec`: a full resource.group prefix is the type.
    let qualified = format!("{}.{}", r.name, r.group);
    let fields: Vec<String> = match input.strip_prefix(&qualified) {
        Some(rest) if !r.group.is_empty() && (rest.is_empty() || rest.starts_with('.')) => rest
            .split('.')
            .filter(|f| !f.is_empty())
            .map(String::from)
            .collect(),
        _ => parts.map(String::from).collect(),
    };
    let (mut group, mut version) = (r.group.clone(), r.version.clone());
    if let Some(gv) = p.str("api-version").filter(|v| !v.is_empty()) {
        (group, version) = match gv.split_once('/') {
            Some((g, v)) => (g.to_string(), v.to_string()),
            None => (String::new(), gv.to_string()),
        };
    }
    match p.str("output").unwrap_or("plaintext") {
        "plaintext" => {}
        other => return Err(CmdError::Plain(format!("unrecognized format: {other}"))),
    }
    let all = schemas();
    if all.name_of(&group, &version, &r.kind).is_none() {
        let gv = if group.is_empty() {
            version.clone()
        } else {
            format!("{group}/{version}")
        };
        return Err(CmdError::Plain(format!(
            "couldn't find resource for \"{gv}, Resource={}\"",
            r.name
        )));
    }
    match explain::render(
        all,
        (&group, &version, &r.kind),
        &fields,
        p.bool("recursive"),
    ) {
        Ok(text) => {
            env.print(text);
            Ok(())
        }
        Err((printed, error)) => {
            env.print(printed);
            Err(CmdError::Plain(error))
        }
    }
}
