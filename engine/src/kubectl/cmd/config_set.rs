//! `kubectl config set-cluster NAME`, `config set PROPERTY VALUE` and
//! `config unset PROPERTY` (kubectl v0.33.1 pkg/cmd/config: create_cluster.go,
//! set.go, unset.go, navigation_step_parser.go), on the kubeconfig in the
//! virtual file system. Texts checked with kubectl.1.33.

use super::config_credentials::{base64, relative_to_config};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::kubeconfig::Kubeconfig;
use crate::kubectl::manifests::absolute;
use crate::kubectl::Env;
use serde_json::{json, Map, Value};

/// helpErrorf: the subcommand's help on stdout, then the error.
fn unexpected(env: &mut Env, sub: &str, args: &[String]) -> CmdError {
    let words = vec![sub.to_string()];
    env.print(super::help::command_help("config", &words));
    CmdError::Plain(format!("Unexpected args: [{}]", args.join(" ")))
}

/// The entry `name` of the list `field` (clusters, contexts, users), made
/// as Go's zero value of its struct if missing.
fn entry<'a>(doc: &'a mut Value, field: &str, name: &str) -> &'a mut Map<String, Value> {
    let (inner, zero) = match field {
        "clusters" => ("cluster", json!({"server": ""})),
        "contexts" => ("context", json!({"cluster": "", "user": ""})),
        _ => ("user", json!({})),
    };
    if !doc[field].is_array() {
        doc[field] = json!([]);
    }
    let list = doc[field].as_array_mut().expect("just made a list");
    let at = match list.iter().position(|e| e["name"] == name) {
        Some(i) => i,
        None => {
            list.push(json!({"name": name, inner: zero}));
            list.len() - 1
        }
    };
    if !list[at][inner].is_object() {
        list[at][inner] = json!({});
    }
    list[at][inner]
        .as_object_mut()
        .expect("just made an object")
}

pub fn set_cluster(env: &mut Env, p: &Parsed, k: &mut Kubeconfig) -> Result<(), CmdError> {
    if p.args.len() != 2 {
        return Err(unexpected(env, "set-cluster", &p.args[1..]));
    }
    let name = p.args[1].clone();
    let given = |f: &str| p.has(f).then(|| p.str(f).unwrap_or("").to_string());
    let ca = given("certificate-authority").filter(|c| !c.is_empty());
    let insecure = given("insecure-skip-tls-verify");
    if p.bool("embed-certs") && ca.is_none() {
        return Err(CmdError::Plain(
            "you must specify a --certificate-authority to embed".into(),
        ));
    }
    if ca.is_some() && insecure.as_deref() == Some("true") {
        return Err(CmdError::Plain(
            "you cannot specify a certificate authority and insecure mode at the same time".into(),
        ));
    }
    let ca_content = match (&ca, p.bool("embed-certs")) {
        (Some(path), true) => Some(
            env.vfs
                .read(&absolute(env.cwd, path))
                .ok_or_else(|| {
                    CmdError::Plain(format!(
                        "could not read certificate-authority data from {path}: open {path}: no such file or directory"
                    ))
                })?
                .to_string(),
        ),
        _ => None,
    };
    let config_path = k.path.clone();
    let cluster = entry(&mut k.doc, "clusters", &name);
    for field in ["server", "tls-server-name", "proxy-url"] {
        match given(field) {
            Some(v) if v.is_empty() && field != "server" => {
                cluster.remove(field);
            }
            Some(v) => {
                cluster.insert(field.into(), json!(v));
            }
            None => {}
        }
    }
    if let Some(v) = &insecure {
        if v == "true" {
            cluster.insert("insecure-skip-tls-verify".into(), json!(true));
            cluster.remove("certificate-authority");
            cluster.remove("certificate-authority-data");
        } else {
            cluster.remove("insecure-skip-tls-verify");
        }
    }
    if let Some(path) = &ca {
        cluster.remove("insecure-skip-tls-verify");
        match &ca_content {
            Some(data) => {
                cluster.insert(
                    "certificate-authority-data".into(),
                    json!(base64(data.as_bytes())),
                );
                cluster.remove("certificate-authority");
            }
            None => {
                let abs = absolute(env.cwd, path);
                cluster.insert(
                    "certificate-authority".into(),
                    json!(relative_to_config(&config_path, &abs)),
                );
                cluster.remove("certificate-authority-data");
            }
        }
    }
    k.save(env);
    env.print(format!("Cluster \"{name}\" set.\n"));
    Ok(())
}

/// The fields `config set` may write in each struct, and whether they are
/// booleans.
fn field_kind(list: &str, field: &str) -> Option<bool> {
    let fields: &[(&str, bool)] = match list {
        "clusters" => &[
            ("server", false),
            ("tls-server-name", false),
            ("insecure-skip-tls-verify", true),
            ("certificate-authority", false),
            ("certificate-authority-data", false),
            ("proxy-url", false),
            ("disable-compression", true),
        ],
        "contexts" => &[("cluster", false), ("user", false), ("namespace", false)],
        _ => &[
            ("client-certificate", false),
            ("client-certificate-data", false),
            ("client-key", false),
            ("client-key-data", false),
            ("token", false),
            ("tokenFile", false),
            ("as", false),
            ("as-uid", false),
            ("username", false),
            ("password", false),
        ],
    };
    fields.iter().find(|(f, _)| *f == field).map(|(_, b)| *b)
}

/// Go prints a map of pointers in this error; the addresses are any.
fn map_error(doc: &Value, list: &str) -> CmdError {
    let names: Vec<String> = doc[list]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, e)| {
            format!(
                "{}:0xc000{:06x}",
                e["name"].as_str().unwrap_or(""),
                0x26f680 + i * 0x80
            )
        })
        .collect();
    CmdError::Plain(format!(
        "can't set a map to a value: map[{}]",
        names.join(" ")
    ))
}

pub fn set(env: &mut Env, p: &Parsed, k: &mut Kubeconfig) -> Result<(), CmdError> {
    if p.args.len() != 3 {
        return Err(unexpected(env, "set", &p.args[1..]));
    }
    let (property, value) = (p.args[1].clone(), p.args[2].clone());
    let steps: Vec<&str> = property.split('.').collect();
    match steps.as_slice() {
        ["current-context"] => k.doc["current-context"] = json!(value),
        [list @ ("clusters" | "contexts" | "users"), name, field] => {
            let Some(boolean) = field_kind(list, field) else {
                return Err(map_error(&k.doc, list));
            };
            let v = if boolean {
                match value.as_str() {
                    "true" | "1" | "t" | "T" | "TRUE" | "True" => json!(true),
                    "false" | "0" | "f" | "F" | "FALSE" | "False" => json!(false),
                    _ => {
                        return Err(CmdError::Plain(format!(
                            "strconv.ParseBool: parsing \"{value}\": invalid syntax"
                        )))
                    }
                }
            } else {
                json!(value)
            };
            entry(&mut k.doc, list, name).insert(field.to_string(), v);
        }
        [list @ ("clusters" | "contexts" | "users"), ..] => return Err(map_error(&k.doc, list)),
        [first, ..] => {
            return Err(CmdError::Plain(format!(
                "unable to parse {first} after [] at api.Config"
            )))
        }
        [] => return Err(unexpected(env, "set", &p.args[1..])),
    }
    k.save(env);
    env.print(format!("Property \"{property}\" set.\n"));
    Ok(())
}

pub fn unset(env: &mut Env, p: &Parsed, k: &mut Kubeconfig) -> Result<(), CmdError> {
    if p.args.len() != 2 {
        return Err(unexpected(env, "unset", &p.args[1..]));
    }
    let property = p.args[1].clone();
    let steps: Vec<&str> = property.split('.').collect();
    match steps.as_slice() {
        ["current-context"] => k.doc["current-context"] = json!(""),
        [list @ ("clusters" | "contexts" | "users"), name] => {
            if let Some(l) = k.doc[*list].as_array_mut() {
                l.retain(|e| e["name"] != *name);
            }
        }
        [list @ ("clusters" | "contexts" | "users"), name, field] => {
            let inner = &list[..list.len() - 1];
            if let Some(l) = k.doc[*list].as_array_mut() {
                for e in l.iter_mut().filter(|e| e["name"] == *name) {
                    if let Some(o) = e[inner].as_object_mut() {
                        o.remove(*field);
                    }
                }
            }
        }
        [first, ..] => {
            return Err(CmdError::Plain(format!(
                "unable to parse {first} after [] at api.Config"
            )))
        }
        [] => return Err(unexpected(env, "unset", &p.args[1..])),
    }
    k.save(env);
    env.print(format!("Property \"{property}\" unset.\n"));
    Ok(())
}
