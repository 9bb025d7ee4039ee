//! `kubectl version`: client, kustomize and server versions.

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::yaml;
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "version",
    aliases: &[],
    group: "Other Commands",
    short: "Show the kubectl and API server versions",
    flags: &[
        Flag::new(
            "client",
            FlagKind::Bool,
            "false",
            "Show only the client version; no server needed.",
        ),
        Flag::new(
            "output",
            FlagKind::String,
            "",
            "Output format: 'yaml' or 'json'.",
        )
        .short('o'),
    ],
    run,
};

/// What `kubectl version` prints before it asks the server.
pub const CLIENT_TEXT: &str = "Client Version: v1.33.1\nKustomize Version: v5.6.0\n";

/// kubectl v1.33.1 as built upstream (`kubectl version --client -o json`), in Go field order.
const CLIENT: &[(&str, &str)] = &[
    ("major", "1"),
    ("minor", "33"),
    ("gitVersion", "v1.33.1"),
    ("gitCommit", "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828"),
    ("gitTreeState", "clean"),
    ("buildDate", "2025-05-15T08:27:33Z"),
    ("goVersion", "go1.24.2"),
    ("compiler", "gc"),
    ("platform", "linux/amd64"),
];

/// The API server's `/version` (docs/facts/minikube-v1.33.md), in Go field order.
pub const SERVER: &[(&str, &str)] = &[
    ("major", "1"),
    ("minor", "33"),
    ("emulationMajor", "1"),
    ("emulationMinor", "33"),
    ("minCompatibilityMajor", "1"),
    ("minCompatibilityMinor", "32"),
    ("gitVersion", "v1.33.1"),
    ("gitCommit", "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828"),
    ("gitTreeState", "clean"),
    ("buildDate", "2025-05-15T08:19:08Z"),
    ("goVersion", "go1.24.2"),
    ("compiler", "gc"),
    ("platform", "linux/amd64"),
];

/// `/version` as the API server writes it: indented, fields in struct order
/// (the HTTP server's answer and `kubectl get --raw /version`).
pub fn server_json() -> String {
    let lines: Vec<String> = SERVER
        .iter()
        .map(|(k, v)| format!("  \"{k}\": \"{v}\""))
        .collect();
    format!("{{\n{}\n}}", lines.join(",\n"))
}

fn as_map(fields: &[(&str, &str)]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect(),
    )
}

/// Go's MarshalIndent of the version struct: two-space indent, field order.
fn ordered_json(client_only: bool) -> String {
    let block = |fields: &[(&str, &str)]| {
        let lines: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("    \"{k}\": \"{v}\""))
            .collect();
        format!("{{\n{}\n  }}", lines.join(",\n"))
    };
    let mut parts = vec![
        format!("  \"clientVersion\": {}", block(CLIENT)),
        "  \"kustomizeVersion\": \"v5.6.0\"".to_string(),
    ];
    if !client_only {
        parts.push(format!("  \"serverVersion\": {}", block(SERVER)));
    }
    format!("{{\n{}\n}}\n", parts.join(",\n"))
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let client_only = p.bool("client");
    match p.str("output").unwrap_or("") {
        "" => {
            env.print(CLIENT_TEXT);
            if !client_only {
                env.print("Server Version: v1.33.1\n");
            }
        }
        "json" => env.print(ordered_json(client_only)),
        "yaml" => {
            let mut v = json!({"clientVersion": as_map(CLIENT), "kustomizeVersion": "v5.6.0"});
            if !client_only {
                v["serverVersion"] = as_map(SERVER);
            }
            // kubectl writes the YAML with Fprintln: a blank line follows.
            env.print(format!("{}\n", yaml::to_yaml(&v)));
        }
        _ => return Err(CmdError::Plain("--output must be 'yaml' or 'json'".into())),
    }
    Ok(())
}
