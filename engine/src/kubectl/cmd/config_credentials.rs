//! `kubectl config set-credentials NAME`: adds a user entry to the
//! kubeconfig or merges the given fields into it (token, basic auth,
//! client certificate paths or, with --embed-certs, their data).

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::kubeconfig::Kubeconfig;
use crate::kubectl::Env;
use serde_json::{json, Value};

/// Standard base64 with padding, as Go's json encodes []byte.
pub(super) fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn absolute(cwd: &str, path: &str) -> String {
    crate::kubectl::manifests::absolute(cwd, path)
}

/// kubectl stores paths relative to the kubeconfig's folder when the file
/// lies below it (no `..`), else absolute.
pub(super) fn relative_to_config(config: &str, path: &str) -> String {
    let dir = config.rsplit_once('/').map_or("", |(d, _)| d);
    match path.strip_prefix(&format!("{dir}/")) {
        Some(rest) if !dir.is_empty() => rest.to_string(),
        _ => path.to_string(),
    }
}

pub fn run(env: &mut Env, p: &Parsed, k: &mut Kubeconfig) -> Result<(), CmdError> {
    if p.args.len() != 2 {
        let rest: Vec<String> = p.args[1..].to_vec();
        return Err(CmdError::Plain(format!(
            "unexpected args: [{}]",
            rest.join(" ")
        )));
    }
    let name = p.args[1].clone();
    if name.is_empty() {
        return Err(CmdError::Plain(
            "you must specify a non-empty user name".into(),
        ));
    }
    let given = |f: &str| p.has(f).then(|| p.str(f).unwrap_or("").to_string());
    let mut methods = vec![];
    if given("token").is_some_and(|t| !t.is_empty()) {
        methods.push("--token");
    }
    if given("username").is_some_and(|t| !t.is_empty())
        || given("password").is_some_and(|t| !t.is_empty())
    {
        methods.push("--username/--password");
    }
    if methods.len() > 1 {
        return Err(CmdError::Plain(format!(
            "you cannot specify more than one authentication method at the same time: {}",
            methods.join(", ")
        )));
    }
    let embed = p.bool("embed-certs");
    let cert = given("client-certificate").filter(|c| !c.is_empty());
    let key = given("client-key").filter(|c| !c.is_empty());
    if embed {
        if cert.is_none() && key.is_none() {
            return Err(CmdError::Plain(
                "you must specify a --client-certificate or --client-key to embed".into(),
            ));
        }
        for (flag, path) in [("client-certificate", &cert), ("client-key", &key)] {
            if let Some(path) = path {
                if !env.vfs.exists(&absolute(env.cwd, path)) {
                    return Err(CmdError::Plain(format!(
                        "could not stat {flag} file {path}: stat {path}: no such file or directory"
                    )));
                }
            }
        }
    }
    let mut users = k.list("users");
    if !users.iter().any(|u| u["name"] == name.as_str()) {
        users.push(json!({"name": name, "user": {}}));
    }
    let config_path = k.path.clone();
    for u in users.iter_mut().filter(|u| u["name"] == name.as_str()) {
        if !u["user"].is_object() {
            u["user"] = json!({});
        }
        let user = u["user"].as_object_mut().expect("just made an object");
        for (flag, field) in [
            ("client-certificate", "client-certificate"),
            ("client-key", "client-key"),
        ] {
            let Some(path) = given(flag) else { continue };
            let data_field = format!("{field}-data");
            if embed {
                let content = env
                    .vfs
                    .read(&absolute(env.cwd, &path))
                    .unwrap_or("")
                    .to_string();
                user.insert(data_field, json!(base64(content.as_bytes())));
                user.remove(field);
            } else if path.is_empty() {
                user.remove(field);
            } else {
                let abs = absolute(env.cwd, &path);
                user.insert(field.into(), json!(relative_to_config(&config_path, &abs)));
                user.remove(&data_field);
            }
        }
        for field in ["token", "username", "password"] {
            match given(field) {
                Some(v) if v.is_empty() => {
                    user.remove(field);
                }
                Some(v) => {
                    user.insert(field.into(), json!(v));
                }
                None => {}
            }
        }
        // Setting one kind of auth clears the other.
        let set = |f: &str| given(f).is_some_and(|v| !v.is_empty());
        let (token, basic) = (set("token"), set("username") || set("password"));
        if token && !basic {
            user.remove("username");
            user.remove("password");
        } else if basic && !token {
            user.remove("token");
        }
        if let Some(provider) = given("auth-provider") {
            if user.get("auth-provider").and_then(|a| a["name"].as_str()) != Some(provider.as_str())
            {
                user.insert("auth-provider".into(), json!({"name": provider}));
            }
        }
        if let Some(cmd) = given("exec-command") {
            let exec = user.entry("exec").or_insert_with(|| json!({}));
            exec["command"] = json!(cmd);
            if let Some(v) = given("exec-api-version") {
                exec["apiVersion"] = json!(v);
            }
            let args = p.all("exec-arg");
            if !args.is_empty() {
                exec["args"] = json!(args);
            }
        }
    }
    users.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    k.doc["users"] = Value::Array(users);
    k.save(env);
    env.print(format!("User \"{name}\" set.\n"));
    Ok(())
}
