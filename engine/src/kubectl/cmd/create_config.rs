//! `kubectl create configmap|secret generic NAME --from-literal=k=v
//! --from-file=[key=]path --from-env-file=path`.

use crate::apiserver::defaults::secret::base64;
use crate::kubectl::cmd::create::create_generated;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::manifests::absolute;
use crate::kubectl::Env;
use serde_json::{json, Map, Value};

/// IsEnvVarName's message (an env file's keys).
const ENV_NAME: &str = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/// `IsEnvVarName`: `[-._a-zA-Z][-._a-zA-Z0-9]*`.
pub(super) fn env_var_name_ok(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || "-._".contains(c))
        && chars.all(|c| c.is_ascii_alphanumeric() || "-._".contains(c))
}

/// `"KEY" is not a valid key name: ...` for an env file's or `set env`'s key.
pub(super) fn invalid_env_name(key: &str) -> CmdError {
    CmdError::Plain(format!(
        "{} is not a valid key name: {ENV_NAME}",
        crate::api::status::go_quote(key)
    ))
}

/// Key/value pairs from the --from-* flags, in kubectl's order (files,
/// literals, env files), with create_configmap.go's and
/// create_secret.go's checks: an env file alone, keys that are valid and
/// added once. `kind` names the object in the messages.
fn sources(env: &Env, p: &Parsed, kind: &str) -> Result<Vec<(String, String)>, CmdError> {
    let env_files = p.all("from-env-file");
    if !env_files.is_empty()
        && (!p.all("from-file").is_empty() || !p.all("from-literal").is_empty())
    {
        return Err(CmdError::Plain(
            "from-env-file cannot be combined with from-file or from-literal".into(),
        ));
    }
    let mut out: Vec<(String, String)> = vec![];
    let mut add = |key: String, value: String, checked: bool| -> Result<(), CmdError> {
        if checked {
            if let Some(e) = crate::apiserver::validation::configmap::key_errors(&key).first() {
                return Err(CmdError::Plain(format!(
                    "{} is not a valid key name for a {}: {e}",
                    crate::api::status::go_quote(&key),
                    if kind == "secret" {
                        "Secret"
                    } else {
                        "ConfigMap"
                    }
                )));
            }
        }
        if out.iter().any(|(k, _)| *k == key) {
            return Err(CmdError::Plain(if kind == "secret" {
                format!("cannot add key {key}, another key by that name already exists")
            } else {
                format!(
                    "cannot add key {}, another key by that name already exists in Data for ConfigMap {}",
                    crate::api::status::go_quote(&key),
                    crate::api::status::go_quote(p.args.last().map_or("", String::as_str))
                )
            }));
        }
        out.push((key, value));
        Ok(())
    };
    for f in p.all("from-file") {
        let (key, path) = match f.split_once('=') {
            Some((k, path)) => (Some(k.to_string()), path.to_string()),
            None => (None, f.clone()),
        };
        let full = absolute(env.cwd, &path);
        // A directory: each regular file in it, under its own name.
        if env.vfs.is_dir(&full) && key.is_none() {
            for entry in env.vfs.list(&full).unwrap_or_default() {
                let file = format!("{}/{entry}", full.trim_end_matches('/'));
                if let Some(text) = env.vfs.read(&file) {
                    add(entry, text.to_string(), true)?;
                }
            }
            continue;
        }
        let text = env.vfs.read(&full).ok_or_else(|| {
            CmdError::Plain(format!("error reading {path}: no such file or directory"))
        })?;
        let key = key.unwrap_or_else(|| path.rsplit('/').next().unwrap_or(&path).to_string());
        add(key, text.to_string(), true)?;
    }
    for l in p.all("from-literal") {
        let Some((k, v)) = l.split_once('=') else {
            return Err(CmdError::Plain(format!(
                "invalid literal source {l}, expected key=value"
            )));
        };
        add(k.to_string(), v.to_string(), true)?;
    }
    for f in env_files {
        let full = absolute(env.cwd, &f);
        let text = env
            .vfs
            .read(&full)
            .ok_or_else(|| CmdError::Plain(format!("open {f}: no such file or directory")))?;
        for line in text
            .lines()
            .map(|l| l.trim_start())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (k, v) = line.split_once('=').unwrap_or((line, ""));
            if !env_var_name_ok(k) {
                return Err(invalid_env_name(k));
            }
            add(k.to_string(), v.to_string(), false)?;
        }
    }
    Ok(out)
}

/// `kind` is "configmap" or "secret" (generic).
pub fn run(env: &mut Env, p: &Parsed, kind: &str) -> Result<(), CmdError> {
    let (name_index, command) = if kind == "secret" {
        match p.args.get(1).map(String::as_str) {
            Some("generic") => (2, "kubectl create secret generic"),
            Some(other) => {
                return Err(CmdError::Plain(format!(
                    "\"kubectl create secret {other}\" is not available in this playground yet"
                )))
            }
            None => {
                return Err(CmdError::Plain(
                    "\"kubectl create secret\" needs a type: generic".into(),
                ))
            }
        }
    } else {
        (1, "kubectl create configmap")
    };
    let Some(name) = p.args.get(name_index).cloned() else {
        return Err(CmdError::Usage {
            msg: "exactly one NAME is required, got 0".into(),
            command: command.into(),
        });
    };
    let mut data = Map::new();
    for (k, v) in sources(env, p, kind)? {
        let value = if kind == "secret" {
            base64(v.as_bytes())
        } else {
            v
        };
        data.insert(k, json!(value));
    }
    let (api_kind, resource) = if kind == "secret" {
        ("Secret", "secrets")
    } else {
        ("ConfigMap", "configmaps")
    };
    let mut obj = json!({"apiVersion": "v1", "kind": api_kind, "metadata": {"creationTimestamp": null, "name": name}});
    if !data.is_empty() {
        obj["data"] = Value::Object(data);
    }
    if let Some(t) = p.str("type").filter(|t| !t.is_empty() && kind == "secret") {
        obj["type"] = json!(t);
    }
    let secret = kind == "secret";
    create_generated(env, p, resource, &format!("{kind}/{name}"), obj, |s| {
        // kubectl's own wording: no colon after "secret".
        CmdError::Plain(if secret {
            format!("failed to create secret {}", s.message)
        } else {
            format!("failed to create configmap: {}", s.message)
        })
    })
}
