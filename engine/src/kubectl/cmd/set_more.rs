//! `kubectl set env|resources|serviceaccount`: change the pod template (or
//! pod) of objects and report `kind/name <what> updated`; objects left as
//! they were are not reported, as kubectl skips empty patches.

use super::set_objects::{self as objects, Target};
use crate::api::{meta, quantity};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::resources;
use crate::kubectl::Env;
use serde_json::{json, Map, Value};

/// `*`, `web`, `web-*`: kubectl's container name pattern (path.Match).
fn matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((pre, post)) => {
            name.len() >= pre.len() + post.len() && name.starts_with(pre) && name.ends_with(post)
        }
    }
}

fn each_container<'a>(spec: &'a mut Value, pattern: &str) -> Vec<&'a mut Value> {
    let mut out = vec![];
    let Some(m) = spec.as_object_mut() else {
        return out;
    };
    for (field, list) in m.iter_mut() {
        if field != "containers" && field != "initContainers" {
            continue;
        }
        for c in list.as_array_mut().into_iter().flatten() {
            if matches(pattern, c["name"].as_str().unwrap_or("")) {
                out.push(c);
            }
        }
    }
    out
}

pub fn env_cmd(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    // EnvOptions.Complete, then Validate.
    objects::refuse_all_and_selector(p)?;
    let args = &p.args[1..];
    let split = args
        .iter()
        .position(|a| a.contains('=') || a.ends_with('-'))
        .unwrap_or(args.len());
    let (names, changes) = args.split_at(split);
    if changes
        .iter()
        .any(|a| !a.contains('=') && !a.ends_with('-'))
    {
        return Err(CmdError::Plain(format!(
            "all resources must be specified before environment changes: {}",
            args.join(" ")
        )));
    }
    let mode = objects::mode(p)?;
    mode.refuse_local_server()?;
    if p.all("filename").is_empty() && names.is_empty() {
        return Err(CmdError::Plain(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>"
                .into(),
        ));
    }
    let list = p.bool("list");
    if list && p.str("output").is_some_and(|o| !o.is_empty()) {
        return Err(CmdError::Plain(
            "--list and --output may not be specified together".into(),
        ));
    }
    let mut set: Vec<Value> = vec![];
    let mut remove: Vec<String> = vec![];
    for c in p.all("env").into_iter().chain(changes.iter().cloned()) {
        match c.split_once('=') {
            // env.ParseEnv checks each name as IsEnvVarName does.
            Some((k, _)) if !super::create_config::env_var_name_ok(k) => {
                return Err(super::create_config::invalid_env_name(k));
            }
            Some((k, v)) => set.push(json!({"name": k, "value": v})),
            None => remove.push(c.trim_end_matches('-').to_string()),
        }
    }
    set.extend(from_source(env, p)?);
    if let Some(prefix) = p.str("prefix").filter(|s| !s.is_empty()) {
        for e in &mut set {
            let name = format!("{prefix}{}", e["name"].as_str().unwrap_or(""));
            e["name"] = json!(name);
        }
    }
    let pattern = p.str("containers").unwrap_or("*").to_string();
    let overwrite = p.str("overwrite") != Some("false");
    let mut errors = String::new();
    let mut changed: Vec<(Target, Value)> = vec![];
    for t in objects::targets(env, p, &mode, names, false)? {
        let mut after = t.object.clone();
        let Some(spec) = objects::pod_spec_or_report(&t, mode.local, &mut after, &mut errors)
        else {
            continue;
        };
        let containers = each_container(spec, &pattern);
        if containers.is_empty() {
            env.eprint(format!(
                "Warning: {}/{} does not have any containers matching \"{pattern}\"\n",
                t.resource.kind,
                meta::name(&t.object)
            ));
            continue;
        }
        let mut listing = String::new();
        let mut refused = None;
        for c in containers {
            let mut vars: Vec<Value> = c["env"].as_array().cloned().unwrap_or_default();
            for new in &set {
                let k = new["name"].as_str().unwrap_or("");
                match vars.iter_mut().find(|e| e["name"] == k) {
                    Some(e) => {
                        if !overwrite && e["value"] != new["value"] {
                            refused = Some(format!(
                                "'{k}' already has a value ({}), and --overwrite is false",
                                e["value"].as_str().unwrap_or("")
                            ));
                        }
                        *e = new.clone();
                    }
                    None => vars.push(new.clone()),
                }
            }
            if refused.is_some() {
                break;
            }
            vars.retain(|e| !remove.iter().any(|r| e["name"] == r.as_str()));
            if list {
                listing.push_str(&format!(
                    "# {} {}, container {}\n",
                    t.resource.kind,
                    meta::name(&t.object),
                    c["name"].as_str().unwrap_or("")
                ));
                for e in &vars {
                    match e.get("valueFrom") {
                        None => listing.push_str(&format!(
                            "{}={}\n",
                            e["name"].as_str().unwrap_or(""),
                            e["value"].as_str().unwrap_or("")
                        )),
                        Some(from) => listing.push_str(&format!(
                            "# {} from {}\n",
                            e["name"].as_str().unwrap_or(""),
                            ref_string(from)
                        )),
                    }
                }
            }
            if vars.is_empty() {
                if let Some(m) = c.as_object_mut() {
                    m.remove("env");
                }
            } else {
                c["env"] = json!(vars);
            }
        }
        // set_env.go: a refused overwrite is this object's patch error.
        if let Some(e) = refused {
            errors.push_str(&format!("error: {} {e}\n", t.object_name(mode.local)));
            continue;
        }
        env.print(listing);
        if !list && after != t.object {
            changed.push((t, after));
        }
    }
    if list {
        return Ok(());
    }
    let mut failed = String::new();
    for (t, after) in changed {
        if set.is_empty() && remove.is_empty() {
            return Err(CmdError::Plain(
                "at least one environment variable must be provided".into(),
            ));
        }
        let what = (
            "env updated",
            "failed to patch env update to pod template: ",
        );
        objects::finish(env, p, &mode, &t, after, what, &mut failed);
    }
    errors.push_str(&failed);
    objects::result(errors)
}

/// `--from=configmap/NAME` or `secret/NAME`: one variable per key (filtered
/// by --keys), named like kubectl names them (upper case, `_` for others).
fn from_source(env: &mut Env, p: &Parsed) -> Result<Vec<Value>, CmdError> {
    let Some(from) = p.str("from").filter(|s| !s.is_empty()) else {
        if !p.all("keys").is_empty() {
            return Err(CmdError::Plain(
                "when specifying --keys, a configmap or secret must be provided with --from".into(),
            ));
        }
        return Ok(vec![]);
    };
    let reqs = resources::parse(env.world.api.registry(), &[from.to_string()])?;
    let ns = env.namespace(p);
    let keys = p.all("keys");
    let mut out = vec![];
    for req in reqs {
        let selector = match req.resource.kind.as_str() {
            "Secret" => "secretKeyRef",
            "ConfigMap" => "configMapKeyRef",
            _ => {
                return Err(CmdError::Plain(
                    "unsupported resource specified in --from".into(),
                ))
            }
        };
        for name in &req.names {
            let obj = env.world.api.get(&req.resource, &ns, name)?;
            let data = obj
                .get("data")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            for key in data.keys() {
                if !keys.is_empty() && !keys.contains(key) {
                    continue;
                }
                let env_name: String = key
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '_' {
                            c.to_ascii_uppercase()
                        } else {
                            '_'
                        }
                    })
                    .collect();
                out.push(
                    json!({"name": env_name, "valueFrom": {selector: {"key": key, "name": name}}}),
                );
            }
        }
    }
    Ok(out)
}

/// envutil.GetEnvVarRefString.
fn ref_string(from: &Value) -> String {
    if let Some(c) = from.get("configMapKeyRef") {
        return format!(
            "configmap {}, key {}",
            c["name"].as_str().unwrap_or(""),
            c["key"].as_str().unwrap_or("")
        );
    }
    if let Some(s) = from.get("secretKeyRef") {
        return format!(
            "secret {}, key {}",
            s["name"].as_str().unwrap_or(""),
            s["key"].as_str().unwrap_or("")
        );
    }
    if let Some(f) = from.get("fieldRef") {
        return format!("field path {}", f["fieldPath"].as_str().unwrap_or(""));
    }
    if let Some(r) = from.get("resourceFieldRef") {
        let container = r["containerName"].as_str().unwrap_or("");
        let res = r["resource"].as_str().unwrap_or("");
        return if container.is_empty() {
            format!("resource field {res}")
        } else {
            format!("resource field {container}:{res}")
        };
    }
    "invalid valueFrom".into()
}

fn resource_list(spec: &str) -> Result<Map<String, Value>, CmdError> {
    let mut out = Map::new();
    if spec.is_empty() {
        return Ok(out);
    }
    for statement in spec.split(',') {
        let parts: Vec<&str> = statement.split('=').collect();
        if parts.len() != 2 {
            return Err(CmdError::Plain(format!(
                "invalid argument syntax {statement}, expected <resource>=<value>"
            )));
        }
        if quantity::Quantity::parse(parts[1]).is_none() {
            return Err(CmdError::Plain("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'".into()));
        }
        out.insert(parts[0].into(), json!(quantity::canonical(parts[1])));
    }
    Ok(out)
}

pub fn resources_cmd(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let mode = objects::mode(p)?;
    let targets = objects::targets(env, p, &mode, &p.args[1..], true)?;
    // SetResourcesOptions.Validate.
    mode.refuse_local_server()?;
    objects::refuse_all_and_selector(p)?;
    let (limits_flag, requests_flag) = (
        p.str("limits").unwrap_or(""),
        p.str("requests").unwrap_or(""),
    );
    if limits_flag.is_empty() && requests_flag.is_empty() {
        return Err(CmdError::Plain(
            "you must specify an update to requests or limits (in the form of --requests/--limits)"
                .into(),
        ));
    }
    let limits = resource_list(limits_flag)?;
    let requests = resource_list(requests_flag)?;
    let pattern = p.str("containers").unwrap_or("*").to_string();
    let mut errors = String::new();
    let mut changed: Vec<(Target, Value)> = vec![];
    for t in targets {
        let mut after = t.object.clone();
        let Some(spec) = objects::pod_spec_or_report(&t, mode.local, &mut after, &mut errors)
        else {
            continue;
        };
        let containers = each_container(spec, &pattern);
        if containers.is_empty() {
            errors.push_str(&format!(
                "error: unable to find container named {pattern}\n"
            ));
            continue;
        }
        for c in containers {
            for (field, list) in [("limits", &limits), ("requests", &requests)] {
                if list.is_empty() {
                    continue;
                }
                let slot = c["resources"]
                    .as_object_mut()
                    .map(|m| m.entry(field).or_insert_with(|| json!({})));
                match slot {
                    Some(Value::Object(m)) => m.extend(list.clone()),
                    _ => c["resources"] = json!({ field: list }),
                }
            }
        }
        // set_resources.go records a change it made.
        crate::kubectl::record::record(p, &mut after);
        if after != t.object {
            changed.push((t, after));
        }
    }
    let what = (
        "resource requirements updated",
        "failed to patch resources update to pod template ",
    );
    objects::finish_all(env, p, &mode, changed, what, errors)
}

pub fn serviceaccount_cmd(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    // SetServiceAccountOptions.Complete.
    let mode = objects::mode(p)?;
    mode.refuse_local_server()?;
    let Some((sa, names)) = p.args[1..].split_last() else {
        return Err(CmdError::Plain("serviceaccount is required".into()));
    };
    let mut errors = String::new();
    let mut changed: Vec<(Target, Value)> = vec![];
    for t in objects::targets(env, p, &mode, names, false)? {
        let mut after = t.object.clone();
        let Some(spec) = objects::pod_spec_or_report(&t, mode.local, &mut after, &mut errors)
        else {
            continue;
        };
        spec["serviceAccountName"] = json!(sa);
        crate::kubectl::record::record(p, &mut after);
        // Unlike the others, an unchanged object is sent and reported too.
        changed.push((t, after));
    }
    let what = (
        "serviceaccount updated",
        "failed to patch ServiceAccountName ",
    );
    objects::finish_all(env, p, &mode, changed, what, errors)
}
