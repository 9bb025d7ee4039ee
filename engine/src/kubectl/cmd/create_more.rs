//! The smaller `kubectl create` generators: serviceaccount, job, cronjob,
//! quota, priorityclass, poddisruptionbudget, ingress, secret tls and
//! secret docker-registry. Each builds the object kubectl v1.33 builds.

use super::create::create_generated;
use super::create_sub::{command_args, Generator};
use crate::api::{meta, quantity};
use crate::apiserver::defaults::secret::base64;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::manifests::absolute;
use crate::kubectl::printers::json::write_string;
use crate::kubectl::Env;
use serde_json::{json, Map, Value};

fn plain(msg: impl Into<String>) -> CmdError {
    CmdError::Plain(msg.into())
}

/// `failed to create KIND: message` (most generators' wording).
fn failed(what: &'static str) -> impl Fn(crate::api::Status) -> CmdError {
    move |s| plain(format!("failed to create {what}: {}", s.message))
}

pub fn serviceaccount(
    env: &mut Env,
    p: &Parsed,
    _: &Generator,
    name: &str,
) -> Result<(), CmdError> {
    let obj = json!({"apiVersion": "v1", "kind": "ServiceAccount",
        "metadata": {"creationTimestamp": null, "name": name}});
    create_generated(
        env,
        p,
        "serviceaccounts",
        &format!("serviceaccount/{name}"),
        obj,
        failed("serviceaccount"),
    )
}

fn container(name: &str, image: &str, command: &[String]) -> Value {
    let mut c = json!({"image": image, "name": name, "resources": {}});
    if !command.is_empty() {
        c["command"] = json!(command);
    }
    c
}

pub fn job(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let image = p.all("image").last().cloned().unwrap_or_default();
    let from = p.str("from").unwrap_or("").to_string();
    let command = command_args(p);
    if image.is_empty() == from.is_empty() {
        return Err(plain("either --image or --from must be specified"));
    }
    if !command.is_empty() && !from.is_empty() {
        return Err(plain("cannot specify --from and command"));
    }
    let obj = if from.is_empty() {
        json!({"apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"creationTimestamp": null, "name": name},
            "spec": {"template": {"metadata": {"creationTimestamp": null},
                "spec": {"containers": [container(name, &image, &command)], "restartPolicy": "Never"}}},
            "status": {}})
    } else {
        job_from(env, p, name, &from)?
    };
    create_generated(
        env,
        p,
        "jobs.batch",
        &format!("job.batch/{name}"),
        obj,
        failed("job"),
    )
}

/// `--from=cronjob/NAME`: the cron job's template, owned by it, marked manual.
fn job_from(env: &mut Env, p: &Parsed, name: &str, from: &str) -> Result<Value, CmdError> {
    let (typed, source) = from.split_once('/').ok_or_else(|| {
        plain("you must provide one or more resources by argument or filename (.json|.yaml|.yml|stdin)")
    })?;
    let reg = env.world.api.registry();
    let r = reg.resolve(typed).cloned().ok_or_else(|| {
        plain(format!(
            "the server doesn't have a resource type \"{typed}\""
        ))
    })?;
    let ns = env.namespace(p);
    let cj = env.world.api.get(&r, &ns, source)?;
    if r.kind != "CronJob" {
        return Err(plain(format!(
            "unknown object type *{}.{}",
            r.version, r.kind
        )));
    }
    let template = cj
        .pointer("/spec/jobTemplate")
        .cloned()
        .unwrap_or(json!({}));
    let mut annotations = Map::new();
    annotations.insert("cronjob.kubernetes.io/instantiate".into(), json!("manual"));
    if let Some(a) = template
        .pointer("/metadata/annotations")
        .and_then(Value::as_object)
    {
        annotations.extend(a.clone());
    }
    let mut metadata = json!({"annotations": annotations, "creationTimestamp": null, "name": name,
        "ownerReferences": [{"apiVersion": "batch/v1", "controller": true, "kind": "CronJob",
            "name": meta::name(&cj), "uid": meta::str_at(&cj, &["metadata", "uid"]).unwrap_or("")}]});
    if let Some(l) = template.pointer("/metadata/labels") {
        metadata["labels"] = l.clone();
    }
    Ok(
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": metadata,
        "spec": template.get("spec").cloned().unwrap_or(json!({})), "status": {}}),
    )
}

pub fn cronjob(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let missing: Vec<&str> = ["image", "schedule"]
        .into_iter()
        .filter(|f| !p.has(f))
        .collect();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|m| format!("\"{m}\"")).collect();
        return Err(plain(format!(
            "required flag(s) {} not set",
            list.join(", ")
        )));
    }
    let image = p.all("image").last().cloned().unwrap_or_default();
    let restart = match p.str("restart").unwrap_or("") {
        "" => "OnFailure".to_string(),
        r => r.to_string(),
    };
    let obj = json!({"apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"creationTimestamp": null, "name": name},
        "spec": {"jobTemplate": {"metadata": {"creationTimestamp": null, "name": name},
            "spec": {"template": {"metadata": {"creationTimestamp": null},
                "spec": {"containers": [container(name, &image, &command_args(p))], "restartPolicy": restart}}}},
            "schedule": p.str("schedule").unwrap_or("")},
        "status": {}});
    create_generated(
        env,
        p,
        "cronjobs.batch",
        &format!("cronjob.batch/{name}"),
        obj,
        failed("cronjob"),
    )
}

pub fn quota(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let mut spec = json!({});
    let hard = p.str("hard").unwrap_or("");
    if !hard.is_empty() {
        let mut list = Map::new();
        for statement in hard.split(',') {
            let parts: Vec<&str> = statement.split('=').collect();
            if parts.len() != 2 {
                return Err(plain(format!(
                    "Invalid argument syntax {statement}, expected <resource>=<value>"
                )));
            }
            if quantity::Quantity::parse(parts[1]).is_none() {
                return Err(plain("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
            }
            list.insert(parts[0].into(), json!(quantity::canonical(parts[1])));
        }
        spec["hard"] = Value::Object(list);
    }
    let scopes = p.str("scopes").unwrap_or("");
    if !scopes.is_empty() {
        let list: Vec<&str> = scopes.split(',').collect();
        if list.contains(&"") {
            return Err(plain("invalid resource quota scope \"\""));
        }
        spec["scopes"] = json!(list);
    }
    let obj = json!({"apiVersion": "v1", "kind": "ResourceQuota",
        "metadata": {"creationTimestamp": null, "name": name}, "spec": spec, "status": {}});
    create_generated(
        env,
        p,
        "resourcequotas",
        &format!("resourcequota/{name}"),
        obj,
        failed("quota"),
    )
}

pub fn priorityclass(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let mut obj = json!({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
        "metadata": {"creationTimestamp": null, "name": name},
        "preemptionPolicy": p.str("preemption-policy").unwrap_or(""),
        "value": p.int("value").unwrap_or(0)});
    if p.bool("global-default") {
        obj["globalDefault"] = json!(true);
    }
    if let Some(d) = p.str("description").filter(|d| !d.is_empty()) {
        obj["description"] = json!(d);
    }
    create_generated(
        env,
        p,
        "priorityclasses.scheduling.k8s.io",
        &format!("priorityclass.scheduling.k8s.io/{name}"),
        obj,
        failed("priorityclass"),
    )
}

/// intstr.Parse: a number if it is one, else the string.
fn int_or_string(s: &str) -> Value {
    s.parse::<i64>().map_or_else(|_| json!(s), |n| json!(n))
}

/// metav1.ParseToLabelSelector for the forms a budget uses.
fn label_selector(s: &str) -> Result<Value, CmdError> {
    let mut labels = Map::new();
    let mut exprs = vec![];
    for req in s.split(',').map(str::trim) {
        if let Some((k, v)) = req.split_once("!=") {
            exprs.push(json!({"key": k, "operator": "NotIn", "values": [v]}));
        } else if let Some((k, v)) = req.split_once("==").or_else(|| req.split_once('=')) {
            labels.insert(k.into(), json!(v));
        } else if let Some(k) = req.strip_prefix('!') {
            exprs.push(json!({"key": k, "operator": "DoesNotExist"}));
        } else if !req.is_empty() && !req.contains(' ') {
            exprs.push(json!({"key": req, "operator": "Exists"}));
        } else {
            return Err(plain(format!("couldn't parse the selector string \"{s}\"")));
        }
    }
    let mut sel = json!({});
    if !labels.is_empty() {
        sel["matchLabels"] = Value::Object(labels);
    }
    if !exprs.is_empty() {
        sel["matchExpressions"] = json!(exprs);
    }
    Ok(sel)
}

pub fn pdb(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let selector = p.str("selector").unwrap_or("");
    let min = p.str("min-available").unwrap_or("");
    let max = p.str("max-unavailable").unwrap_or("");
    let well_formed = |s: &str| {
        let digits = s.strip_suffix('%').unwrap_or(s);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    if selector.is_empty() {
        return Err(plain("a selector must be specified"));
    }
    if min.is_empty() && max.is_empty() {
        return Err(plain(
            "one of min-available or max-unavailable must be specified",
        ));
    }
    if !min.is_empty() && !max.is_empty() {
        return Err(plain(
            "min-available and max-unavailable cannot be both specified",
        ));
    }
    if !min.is_empty() && !well_formed(min) {
        return Err(plain("invalid format specified for min-available"));
    }
    if !max.is_empty() && !well_formed(max) {
        return Err(plain("invalid format specified for max-unavailable"));
    }
    let mut spec = json!({"selector": label_selector(selector)?});
    if !min.is_empty() {
        spec["minAvailable"] = int_or_string(min);
    } else {
        spec["maxUnavailable"] = int_or_string(max);
    }
    let obj = json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
        "metadata": {"creationTimestamp": null, "name": name}, "spec": spec,
        "status": {"currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0, "expectedPods": 0}});
    create_generated(
        env,
        p,
        "poddisruptionbudgets.policy",
        &format!("poddisruptionbudget.policy/{name}"),
        obj,
        failed("poddisruptionbudgets"),
    )
}

/// `svc:port` → an IngressBackend.
fn backend(svc: &str) -> Value {
    let mut it = svc.split(':');
    let name = it.next().unwrap_or("");
    let port = it.next().unwrap_or("");
    let port = match int_or_string(port) {
        Value::Number(n) => json!({"number": n}),
        other => json!({"name": other}),
    };
    json!({"service": {"name": name, "port": port}})
}

/// The --rule syntax kubectl accepts: host/path=svc:port[,tls[=secret]].
fn rule_is_valid(rule: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let Some(slash) = rule.find('/') else {
        return false;
    };
    let host = &rule[..slash];
    if !host.chars().all(|c| word(c) || c == '*' || c == '.') {
        return false;
    }
    // path is greedy (`/.*`), then `=svc:port` where both are \w- words.
    rule[slash..].match_indices('=').any(|(i, _)| {
        let rest = &rule[slash + i + 1..];
        let Some((svc, port)) = rest.split_once(':') else {
            return false;
        };
        let port_len = port.chars().take_while(|c| word(*c)).count();
        !svc.is_empty() && svc.chars().all(word) && port_len > 0
    })
}

pub fn ingress(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let rules = p.all("rule");
    let default_backend = p.str("default-backend").unwrap_or("").to_string();
    if default_backend.is_empty() && rules.is_empty() {
        return Err(plain("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)"));
    }
    if let Some(bad) = rules.iter().find(|r| !rule_is_valid(r)) {
        return Err(plain(format!(
            "rule {bad} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]"
        )));
    }
    let mut annotations = Map::new();
    for a in p.all("annotation") {
        let Some((k, v)) = a.split_once('=') else {
            return Err(plain(format!(
                "annotation {a} is invalid and should be in format key=[value]"
            )));
        };
        annotations.insert(k.into(), json!(v));
    }
    if !default_backend.is_empty() && default_backend.split(':').count() != 2 {
        return Err(plain(
            "default-backend should be in format servicename:serviceport",
        ));
    }
    let mut spec = json!({});
    if let Some(c) = p.str("class").filter(|c| !c.is_empty()) {
        spec["ingressClassName"] = json!(c);
    }
    if !default_backend.is_empty() {
        spec["defaultBackend"] = backend(&default_backend);
    }
    let tls = tls_rules(&rules);
    if !tls.is_empty() {
        spec["tls"] = json!(tls);
    }
    let mut http_rules: Vec<Value> = vec![];
    for rule in &rules {
        let no_tls = rule.split(',').next().unwrap_or("");
        let (host, path_svc) = no_tls.split_once('/').unwrap_or((no_tls, ""));
        let (path, svc) = path_svc.split_once('=').unwrap_or((path_svc, ""));
        let svc = svc.split('=').next().unwrap_or("");
        let mut path = format!("/{path}");
        let mut path_type = "Exact";
        if path.ends_with('*') {
            path_type = "Prefix";
            path.pop();
        }
        let entry = json!({"backend": backend(svc), "path": path, "pathType": path_type});
        let existing = http_rules
            .iter_mut()
            .find(|r| r.get("host").and_then(Value::as_str).unwrap_or("") == host);
        match existing {
            Some(r) => r["http"]["paths"].as_array_mut().unwrap().push(entry),
            None => {
                let mut r = json!({"http": {"paths": [entry]}});
                if !host.is_empty() {
                    r["host"] = json!(host);
                }
                http_rules.push(r);
            }
        }
    }
    if !http_rules.is_empty() {
        spec["rules"] = json!(http_rules);
    }
    let mut metadata = json!({"creationTimestamp": null, "name": name});
    if !annotations.is_empty() {
        metadata["annotations"] = Value::Object(annotations);
    }
    let obj = json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
        "metadata": metadata, "spec": spec, "status": {"loadBalancer": {}}});
    create_generated(
        env,
        p,
        "ingresses.networking.k8s.io",
        &format!("ingress.networking.k8s.io/{name}"),
        obj,
        failed("ingress"),
    )
}

/// One IngressTLS per secret, hosts gathered under it (kubectl's buildTLSRules).
fn tls_rules(rules: &[String]) -> Vec<Value> {
    let mut seen: Vec<String> = vec![];
    let mut out: Vec<(Vec<String>, String)> = vec![];
    for rule in rules {
        let parts: Vec<&str> = rule.split(',').collect();
        if parts.len() != 2 {
            continue;
        }
        let host = rule.split('/').next().unwrap_or("").to_string();
        let secret = parts[1].split('=').nth(1).unwrap_or("").to_string();
        if seen.contains(&host) {
            continue;
        }
        seen.push(host.clone());
        if let Some(t) = out.iter_mut().find(|(_, s)| *s == secret) {
            t.0.push(host);
            continue;
        }
        let hosts = if host.is_empty() { vec![] } else { vec![host] };
        if !secret.is_empty() || !hosts.is_empty() {
            out.push((hosts, secret));
        }
    }
    out.into_iter()
        .map(|(hosts, secret)| {
            let mut t = json!({});
            if !hosts.is_empty() {
                t["hosts"] = json!(hosts);
            }
            if !secret.is_empty() {
                t["secretName"] = json!(secret);
            }
            t
        })
        .collect()
}

fn read_file(env: &Env, path: &str) -> Result<String, CmdError> {
    env.vfs
        .read(&absolute(env.cwd, path))
        .map(str::to_string)
        .ok_or_else(|| {
            plain(format!(
                "Cannot read file {path}, open {path}: no such file or directory"
            ))
        })
}

fn secret(name: &str, kind: &str, data: Map<String, Value>) -> Value {
    let mut obj = json!({"apiVersion": "v1", "kind": "Secret",
        "metadata": {"creationTimestamp": null, "name": name}, "type": kind});
    if !data.is_empty() {
        obj["data"] = Value::Object(data);
    }
    obj
}

pub fn tls(env: &mut Env, p: &Parsed, _: &Generator, name: &str) -> Result<(), CmdError> {
    let cert_path = p.str("cert").unwrap_or("").to_string();
    let key_path = p.str("key").unwrap_or("").to_string();
    if cert_path.is_empty() || key_path.is_empty() {
        return Err(plain("key and cert must be specified"));
    }
    let cert = read_file(env, &cert_path)?;
    let key = read_file(env, &key_path)?;
    // crypto/tls.X509KeyPair's first checks: PEM blocks of the right types.
    if !cert.contains("-----BEGIN CERTIFICATE-----") {
        return Err(plain(if cert.contains("-----BEGIN") {
            "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched"
        } else {
            "tls: failed to find any PEM data in certificate input"
        }));
    }
    if !(key.contains("-----BEGIN") && key.contains("PRIVATE KEY-----")) {
        return Err(plain(if key.contains("-----BEGIN CERTIFICATE-----") {
            "tls: found a certificate rather than a key in the PEM for the private key"
        } else {
            "tls: failed to find any PEM data in key input"
        }));
    }
    // And that the key is the certificate's (when both are real ones).
    if let (Ok(c), Ok(k)) = (
        kubeplay_pki::Cert::from_pem(&cert),
        kubeplay_pki::Key::from_pem(&key),
    ) {
        if !c.matches_key(&k) {
            return Err(plain("tls: private key does not match public key"));
        }
    }
    let mut data = Map::new();
    data.insert("tls.crt".into(), json!(base64(cert.as_bytes())));
    data.insert("tls.key".into(), json!(base64(key.as_bytes())));
    let obj = secret(name, "kubernetes.io/tls", data);
    create_generated(env, p, "secrets", &format!("secret/{name}"), obj, |s| {
        plain(format!("failed to create secret {}", s.message))
    })
}

pub fn docker_registry(
    env: &mut Env,
    p: &Parsed,
    _: &Generator,
    name: &str,
) -> Result<(), CmdError> {
    let files = p.all("from-file");
    let user = p.str("docker-username").unwrap_or("").to_string();
    let password = p.str("docker-password").unwrap_or("").to_string();
    let server = p.str("docker-server").unwrap_or("").to_string();
    if files.is_empty() && (user.is_empty() || password.is_empty() || server.is_empty()) {
        return Err(plain("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required"));
    }
    let mut data = Map::new();
    if files.is_empty() {
        // DockerConfigJSON marshalled by encoding/json: fields in struct order, empty ones left out.
        let mut entry = String::from("{");
        let email = p.str("docker-email").unwrap_or("").to_string();
        let auth = base64(format!("{user}:{password}").as_bytes());
        let mut first = true;
        for (k, v) in [
            ("username", &user),
            ("password", &password),
            ("email", &email),
            ("auth", &auth),
        ] {
            if v.is_empty() {
                continue;
            }
            if !first {
                entry.push(',');
            }
            first = false;
            entry.push_str(&format!("\"{k}\":"));
            write_string(&mut entry, v);
        }
        entry.push('}');
        let mut text = String::from("{\"auths\":{");
        write_string(&mut text, &server);
        text.push_str(&format!(":{entry}}}}}"));
        data.insert(".dockerconfigjson".into(), json!(base64(text.as_bytes())));
    } else {
        for f in files {
            let (key, path) = f.split_once('=').unwrap_or((".dockerconfigjson", &f));
            let text = env
                .vfs
                .read(&absolute(env.cwd, path))
                .ok_or_else(|| plain(format!("error reading {path}: no such file or directory")))?;
            data.insert(key.into(), json!(base64(text.as_bytes())));
        }
    }
    let obj = secret(name, "kubernetes.io/dockerconfigjson", data);
    create_generated(env, p, "secrets", &format!("secret/{name}"), obj, |s| {
        plain(format!("failed to create secret {}", s.message))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ingress_rules_follow_kubectls_pattern() {
        assert!(rule_is_valid("foo.com/bar=svc1:8080,tls=my-cert"));
        assert!(rule_is_valid("/path=svc:port"));
        assert!(rule_is_valid("foo.com/*=svc:8080"));
        assert!(!rule_is_valid("foo.com=svc:8080"));
        assert!(!rule_is_valid("foo.com/bar=svc"));
    }

    #[test]
    fn selectors_for_budgets() {
        assert_eq!(
            label_selector("app=x,tier!=db").unwrap(),
            json!({"matchLabels": {"app": "x"}, "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]})
        );
    }
}
