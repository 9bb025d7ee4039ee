//! `kubectl config`: read and change the kubeconfig file in the virtual file
//! system (contexts, the current context, clusters, users).

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::kubeconfig::Kubeconfig;
use crate::kubectl::printers::table::Layout;
use crate::kubectl::printers::{go_order, jsonpath, yaml};
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "config",
    aliases: &[],
    group: "Other Commands",
    short: "Show or change the kubeconfig: contexts, clusters and users",
    flags: &[],
    run,
};

fn one_name<'a>(p: &'a Parsed, sub: &str) -> Result<&'a str, CmdError> {
    match p.args.get(1) {
        Some(n) if p.args.len() == 2 => Ok(n),
        _ => Err(CmdError::Usage {
            msg: format!("Unexpected args: {:?}", &p.args[1.min(p.args.len())..]),
            command: format!("kubectl config {sub}"),
        }),
    }
}

fn names_table(env: &mut Env, items: &[Value]) {
    let mut out = String::from("NAME\n");
    for i in items {
        out.push_str(i["name"].as_str().unwrap_or(""));
        out.push('\n');
    }
    env.print(out);
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let Some(sub) = p.args.first().cloned() else {
        return Err(super::help::group_alone("config"));
    };
    let mut k = Kubeconfig::load(env, p)?;
    match sub.as_str() {
        "current-context" => {
            let c = k.current_context().to_string();
            if c.is_empty() {
                return Err(CmdError::Plain("current-context is not set".into()));
            }
            env.print(format!("{c}\n"));
        }
        "use-context" => {
            let name = one_name(p, "use-context")?;
            if k.context(name).is_none() {
                return Err(CmdError::Plain(format!(
                    "no context exists with the name: \"{name}\""
                )));
            }
            k.doc["current-context"] = json!(name);
            k.save(env);
            env.print(format!("Switched to context \"{name}\".\n"));
        }
        "get-contexts" => {
            let current = k.current_context().to_string();
            let wanted: Vec<&String> = p.args[1..].iter().collect();
            let mut lines = vec![];
            if !p.bool("no-headers") {
                lines.push(
                    ["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]
                        .map(String::from)
                        .to_vec(),
                );
            }
            let mut contexts = k.list("contexts");
            contexts.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
            for c in contexts {
                let name = c["name"].as_str().unwrap_or("").to_string();
                if !wanted.is_empty() && !wanted.iter().any(|w| **w == name) {
                    continue;
                }
                let f = |key: &str| c["context"][key].as_str().unwrap_or("").to_string();
                let mark = if name == current { "*" } else { "" };
                lines.push(vec![
                    mark.into(),
                    name,
                    f("cluster"),
                    f("user"),
                    f("namespace"),
                ]);
            }
            env.print(Layout::default().render(&lines));
            // Missing names are reported after the table of the found ones.
            if let Some(w) = wanted
                .iter()
                .find(|w| !k.list("contexts").iter().any(|c| c["name"] == w.as_str()))
            {
                return Err(CmdError::Plain(format!("context {w} not found")));
            }
        }
        "get-clusters" => names_table(env, &k.list("clusters")),
        "get-users" => names_table(env, &k.list("users")),
        "set-credentials" => super::config_credentials::run(env, p, &mut k)?,
        "set-cluster" => super::config_set::set_cluster(env, p, &mut k)?,
        "set" => super::config_set::set(env, p, &mut k)?,
        "unset" => super::config_set::unset(env, p, &mut k)?,
        "set-context" => {
            let name = if p.bool("current") {
                k.current_context().to_string()
            } else {
                one_name(p, "set-context")?.to_string()
            };
            let mut contexts = k.list("contexts");
            let exists = contexts.iter().any(|c| c["name"] == name.as_str());
            if !exists {
                contexts.push(json!({"context": {}, "name": name}));
            }
            for c in contexts.iter_mut().filter(|c| c["name"] == name.as_str()) {
                for (flag, key) in [
                    ("cluster", "cluster"),
                    ("user", "user"),
                    ("namespace", "namespace"),
                ] {
                    if let Some(v) = p.str(flag).filter(|_| p.has(flag)) {
                        c["context"][key] = json!(v);
                    }
                }
            }
            k.doc["contexts"] = json!(contexts);
            k.save(env);
            let verb = if exists { "modified" } else { "created" };
            env.print(format!("Context \"{name}\" {verb}.\n"));
        }
        "rename-context" => {
            let (Some(old), Some(new)) = (p.args.get(1).cloned(), p.args.get(2).cloned()) else {
                return Err(CmdError::Usage {
                    msg: "Unexpected args".into(),
                    command: "kubectl config rename-context".into(),
                });
            };
            if k.context(&old).is_none() {
                return Err(CmdError::Plain(format!(
                    "cannot rename the context \"{old}\", it's not in {}",
                    k.path
                )));
            }
            if k.context(&new).is_some() {
                return Err(CmdError::Plain(format!("cannot rename the context \"{old}\", the context \"{new}\" already exists in {}", k.path)));
            }
            let mut contexts = k.list("contexts");
            for c in contexts.iter_mut().filter(|c| c["name"] == old.as_str()) {
                c["name"] = json!(new);
            }
            k.doc["contexts"] = json!(contexts);
            if k.current_context() == old {
                k.doc["current-context"] = json!(new);
            }
            k.save(env);
            env.print(format!("Context \"{old}\" renamed to \"{new}\".\n"));
        }
        del @ ("delete-context" | "delete-cluster" | "delete-user") => {
            let name = one_name(p, del)?.to_string();
            let (field, noun) = match del {
                "delete-context" => ("contexts", "context"),
                "delete-cluster" => ("clusters", "cluster"),
                _ => ("users", "user"),
            };
            let mut items = k.list(field);
            let before = items.len();
            items.retain(|c| c["name"] != name.as_str());
            if items.len() == before {
                return Err(CmdError::Plain(format!(
                    "cannot delete {noun} {name}, not in {}",
                    k.path
                )));
            }
            if noun == "context" && k.current_context() == name {
                env.eprint("warning: this removed your active context, use \"kubectl config use-context\" to select a different one\n");
            }
            k.doc[field] = json!(items);
            k.save(env);
            env.print(format!("deleted {noun} {name} from {}\n", k.path));
        }
        "view" => {
            let mut doc = k.doc.clone();
            if p.bool("minify") {
                // --context picks the context kept (checked with kubectl v1.33.1).
                let current = p
                    .str("context")
                    .filter(|c| !c.is_empty())
                    .unwrap_or(k.current_context())
                    .to_string();
                let ctx = k.context(&current);
                if ctx.is_none() && !current.is_empty() {
                    return Err(CmdError::Plain(format!("cannot locate context {current}")));
                }
                doc["current-context"] = json!(current);
                let cluster = ctx
                    .as_ref()
                    .and_then(|c| c["context"]["cluster"].as_str().map(String::from));
                let user = ctx
                    .as_ref()
                    .and_then(|c| c["context"]["user"].as_str().map(String::from));
                doc["contexts"] = json!(ctx.into_iter().collect::<Vec<_>>());
                doc["clusters"] = json!(k
                    .list("clusters")
                    .into_iter()
                    .filter(|c| c["name"].as_str() == cluster.as_deref())
                    .collect::<Vec<_>>());
                doc["users"] = json!(k
                    .list("users")
                    .into_iter()
                    .filter(|c| c["name"].as_str() == user.as_deref())
                    .collect::<Vec<_>>());
            }
            if p.bool("flatten") {
                flatten(&mut doc, env)?;
            } else if !p.bool("raw") {
                shorten(&mut doc);
            }
            match p.str("output").unwrap_or("yaml") {
                "json" => env.print(go_order::to_json_ordered(&doc, go_order::kubeconfig_order)),
                o if o.starts_with("jsonpath=") => {
                    let template = &o["jsonpath=".len()..];
                    let out = jsonpath::execute(template, &doc)
                        .map_err(|e| CmdError::Plain(format!("error parsing jsonpath {template}, {e}")))?;
                    env.print(out);
                }
                "yaml" | "" => env.print(yaml::to_yaml(&doc)),
                other => {
                    return Err(CmdError::Plain(format!(
                        "unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,yaml"
                    )))
                }
            }
        }
        other => return Err(super::help::unknown_subcommand("config", other)),
    }
    Ok(())
}

/// client-go's FlattenConfig: the files a cluster or user names, inline.
fn flatten(doc: &mut Value, env: &Env) -> Result<(), CmdError> {
    let fields = [
        ("clusters", "cluster", "certificate-authority"),
        ("users", "user", "client-certificate"),
        ("users", "user", "client-key"),
    ];
    for (list, inner, field) in fields {
        for e in doc
            .get_mut(list)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            let Some(entry) = e.get_mut(inner).and_then(Value::as_object_mut) else {
                continue;
            };
            let Some(path) = entry.get(field).and_then(Value::as_str).map(String::from) else {
                continue;
            };
            if path.is_empty() {
                continue;
            }
            let text = env.vfs.read(&path).ok_or_else(|| {
                CmdError::Plain(format!("open {path}: no such file or directory"))
            })?;
            let data = crate::apiserver::defaults::secret::base64(text.as_bytes());
            entry.remove(field);
            entry.insert(format!("{field}-data"), json!(data));
        }
    }
    Ok(())
}

/// client-go's ShortenConfig: what `config view` hides without --raw/--flatten.
fn shorten(doc: &mut Value) {
    let hide = |entries: Option<&mut Value>, inner: &str, fields: &[(&str, &str)]| {
        for e in entries.and_then(Value::as_array_mut).into_iter().flatten() {
            for (field, shown) in fields {
                if let Some(v) = e.get_mut(inner).and_then(|i| i.get_mut(*field)) {
                    if v.as_str().is_some_and(|s| !s.is_empty()) {
                        *v = json!(shown);
                    }
                }
            }
        }
    };
    hide(
        doc.get_mut("users"),
        "user",
        &[
            ("client-key-data", "DATA+OMITTED"),
            ("client-certificate-data", "DATA+OMITTED"),
            ("token", "REDACTED"),
            ("password", "REDACTED"),
        ],
    );
    hide(
        doc.get_mut("clusters"),
        "cluster",
        &[("certificate-authority-data", "DATA+OMITTED")],
    );
}
