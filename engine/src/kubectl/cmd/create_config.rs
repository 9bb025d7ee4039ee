//! `kubectl create configmap|secret generic NAME --from-literal=k=v
//! --from-file=[key=]path --from-env-file=path`.

use crate::apiserver::defaults::secret::base64;
use crate::kubectl::cmd::create::create_generated;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::manifests::absolute;
use crate::kubectl::Env;
use serde_json::{json, Map, Value};

/// Key/value pairs from the --from-* flags, in kubectl's order (files, literals, env files).
fn sources(env: &Env, p: &Parsed) -> Result<Vec<(String, String)>, CmdError> {
    let mut out = vec![];
    for f in p.all("from-file") {
        let (key, path) = match f.split_once('=') {
            Some((k, path)) => (k.to_string(), path.to_string()),
            None => (f.rsplit('/').next().unwrap_or(&f).to_string(), f.clone()),
        };
        let full = absolute(env.cwd, &path);
        let text = env.vfs.read(&full).ok_or_else(|| {
            CmdError::Plain(format!("error reading {path}: no such file or directory"))
        })?;
        out.push((key, text.to_string()));
    }
    for l in p.all("from-literal") {
        let Some((k, v)) = l.split_once('=') else {
            return Err(CmdError::Plain(format!(
                "invalid literal source {l}, expected key=value"
            )));
        };
        out.push((k.to_string(), v.to_string()));
    }
    for f in p.all("from-env-file") {
        let full = absolute(env.cwd, &f);
        let text = env
            .vfs
            .read(&full)
            .ok_or_else(|| CmdError::Plain(format!("open {f}: no such file or directory")))?;
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (k, v) = line.split_once('=').unwrap_or((line, ""));
            out.push((k.to_string(), v.to_string()));
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
    for (k, v) in sources(env, p)? {
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
