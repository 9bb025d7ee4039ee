//! `kubectl certificate approve|deny` (certificates.go): each named (or
//! `-f`) CertificateSigningRequest gets the Approved or Denied condition
//! through its approval subresource, unless it has one already (`--force`
//! writes it anyway); each is printed as approved or denied.

use super::create::{print_result, DryRun};
use crate::api::meta;
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::Parsed;
use crate::kubectl::manifests::{self, Sources};
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "certificate",
    aliases: &[],
    group: "Cluster Management Commands",
    short: "Modify certificate resources",
    flags: &[],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    match p.args.first().map(String::as_str) {
        Some("approve") => modify(env, p, "Approved"),
        Some("deny") => modify(env, p, "Denied"),
        Some(_) => Err(super::help::unknown_subcommand(
            "certificate",
            &p.args.join(" "),
        )),
        // cobra's help for a group without a Run, on stdout, exit 0.
        None => {
            env.print(super::help::command_help("certificate", &[]));
            Ok(())
        }
    }
}

/// The condition kubectl adds (reason and message as certificates.go words them).
fn condition(kind: &str, now: &str) -> Value {
    let (reason, message) = if kind == "Approved" {
        (
            "KubectlApprove",
            "This CSR was approved by kubectl certificate approve.",
        )
    } else {
        (
            "KubectlDeny",
            "This CSR was denied by kubectl certificate deny.",
        )
    };
    json!({
        "type": kind, "status": "True", "reason": reason, "message": message,
        "lastUpdateTime": now,
    })
}

fn modify(env: &mut Env, p: &Parsed, kind: &str) -> Result<(), CmdError> {
    let files = Sources::from(p);
    let mut names: Vec<String> = p.args[1..].to_vec();
    if names.is_empty() && files.is_empty() {
        return Err(CmdError::Plain(
            "one or more CSRs must be specified as <name> or -f <filename>".into(),
        ));
    }
    for m in manifests::load_sources(env, &files)? {
        names.push(meta::name(&m.object).to_string());
    }
    let Some(r) = env
        .world
        .api
        .registry()
        .resolve("certificatesigningrequests.certificates.k8s.io")
        .cloned()
    else {
        return Err(CmdError::Plain(
            "certificatesigningrequests are not served".into(),
        ));
    };
    let verb = if kind == "Approved" {
        "approved"
    } else {
        "denied"
    };
    let mut errors = String::new();
    for name in names {
        let csr = match env.world.api.get(&r, "", &name) {
            Ok(o) => o,
            Err(s) => {
                errors.push_str(&status_text(&s));
                continue;
            }
        };
        let mut conditions: Vec<Value> = meta::at(&csr, &["status", "conditions"])
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        // The first Approved or Denied condition decides: the same one is
        // already done, the other one refuses.
        let decided = conditions
            .iter()
            .filter_map(|c| c["type"].as_str())
            .find(|t| matches!(*t, "Approved" | "Denied"))
            .map(String::from);
        if let Some(other) = decided.as_deref().filter(|t| *t != kind) {
            errors.push_str(&format!(
                "error: certificate signing request \"{name}\" is already {other}\n"
            ));
            continue;
        }
        let shown = if decided.is_some() && !p.bool("force") {
            csr
        } else {
            if decided.is_none() {
                conditions.push(condition(kind, &env.world.now().rfc3339()));
            }
            let mut body = csr;
            body["status"]["conditions"] = json!(conditions);
            match env.world.api.update_approval(&r, body) {
                Ok(o) => o,
                Err(s) => {
                    errors.push_str(&status_text(&s));
                    continue;
                }
            }
        };
        let kind_name = format!("{}/{name}", r.qualified_singular());
        print_result(env, p, &kind_name, &shown, verb, DryRun::None);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors))
    }
}
