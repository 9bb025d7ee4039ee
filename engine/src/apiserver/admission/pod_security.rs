//! PodSecurity admission (`k8s.io/pod-security-admission`, v1.33): the
//! namespace's `pod-security.kubernetes.io/<mode>[-version]` labels pick a
//! level (privileged, baseline, restricted); pods that break `enforce` are
//! rejected, pods and workload templates that break `warn` get a warning,
//! and raising `enforce` on a namespace warns about the pods already there.

use crate::api::registry::ApiResource;
use crate::api::status::FieldError;
use crate::api::{meta, Status};
use crate::apiserver::ApiServer;
use serde_json::Value;

const PREFIX: &str = "pod-security.kubernetes.io/";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Privileged,
    Baseline,
    Restricted,
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        match s {
            "privileged" => Some(Level::Privileged),
            "baseline" => Some(Level::Baseline),
            "restricted" => Some(Level::Restricted),
            _ => None,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Level::Privileged => "privileged",
            Level::Baseline => "baseline",
            Level::Restricted => "restricted",
        }
    }
}

/// A level and the version its checks are taken from (`restricted:latest`).
#[derive(Clone, Debug, PartialEq)]
struct LevelVersion {
    level: Level,
    version: String,
}

impl LevelVersion {
    fn text(&self) -> String {
        format!("{}:{}", self.level.name(), self.version)
    }
}

struct Policy {
    enforce: LevelVersion,
    warn: LevelVersion,
}

fn valid_version(v: &str) -> bool {
    v == "latest"
        || v.strip_prefix("v1.").is_some_and(|n| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
                && (n == "0" || !n.starts_with('0'))
        })
}

/// `PolicyToEvaluate`: the policy the labels give, and the label errors.
fn policy(labels: &[(&str, &str)]) -> (Policy, Vec<FieldError>) {
    let get = |k: &str| {
        labels
            .iter()
            .find(|(key, _)| *key == format!("{PREFIX}{k}"))
            .map(|(_, v)| *v)
    };
    let privileged = || LevelVersion {
        level: Level::Privileged,
        version: "latest".into(),
    };
    let mut p = Policy {
        enforce: privileged(),
        warn: privileged(),
    };
    let mut errors = vec![];
    let bad = |key: &str, value: &str, detail: &str| {
        FieldError::invalid(
            &format!("metadata.labels[{PREFIX}{key}]"),
            &format!("{value:?}"),
            detail,
        )
    };
    let mut has_enforce = false;
    for mode in ["enforce", "audit", "warn"] {
        if let Some(v) = get(mode) {
            match Level::parse(v) {
                Some(l) => {
                    has_enforce |= mode == "enforce";
                    match mode {
                        "enforce" => p.enforce.level = l,
                        "warn" => p.warn.level = l,
                        _ => {}
                    }
                }
                None => {
                    errors.push(bad(
                        mode,
                        v,
                        "must be one of privileged, baseline, restricted",
                    ));
                    if mode == "enforce" {
                        p.enforce.level = Level::Restricted;
                    }
                }
            }
        }
        if let Some(v) = get(&format!("{mode}-version")) {
            let version = if valid_version(v) {
                v.to_string()
            } else {
                errors.push(bad(
                    &format!("{mode}-version"),
                    v,
                    "must be \"latest\" or \"v1.x\"",
                ));
                "latest".into()
            };
            match mode {
                "enforce" => p.enforce.version = version,
                "warn" => p.warn.version = version,
                _ => {}
            }
        }
    }
    // Warn defaults to a stricter enforce level.
    if get("warn").is_none() && has_enforce && p.enforce.level > p.warn.level {
        p.warn.level = p.enforce.level;
        if get("warn-version").is_none() {
            p.warn.version = p.enforce.version.clone();
        }
    }
    (p, errors)
}

fn quote(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural<'a>(one: &'a str, many: &'a str, n: usize) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Init containers, containers, ephemeral containers (`visitContainers`).
fn containers(spec: &Value) -> Vec<&Value> {
    ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .flat_map(|f| spec.get(*f).and_then(Value::as_array).into_iter().flatten())
        .collect()
}

fn cname(c: &Value) -> String {
    c["name"].as_str().unwrap_or("").to_string()
}

fn who(kind: &str, names: &[String]) -> String {
    format!(
        "{} {}",
        plural(kind, &format!("{kind}s"), names.len()),
        quote(names)
    )
}

type Finding = (&'static str, String);

fn host_namespaces(spec: &Value) -> Option<Finding> {
    let on: Vec<&str> = [
        ("hostNetwork", "hostNetwork=true"),
        ("hostPID", "hostPID=true"),
        ("hostIPC", "hostIPC=true"),
    ]
    .iter()
    .filter(|(f, _)| spec[*f] == true)
    .map(|(_, t)| *t)
    .collect();
    (!on.is_empty()).then(|| ("host namespaces", on.join(", ")))
}

fn privileged(spec: &Value) -> Option<Finding> {
    let bad: Vec<String> = containers(spec)
        .into_iter()
        .filter(|c| c["securityContext"]["privileged"] == true)
        .map(cname)
        .collect();
    (!bad.is_empty()).then(|| {
        (
            "privileged",
            format!(
                "{} must not set securityContext.privileged=true",
                who("container", &bad)
            ),
        )
    })
}

const DEFAULT_CAPABILITIES: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

fn capabilities_baseline(spec: &Value) -> Option<Finding> {
    let mut bad = vec![];
    let mut caps: Vec<String> = vec![];
    for c in containers(spec) {
        let added = strings(&c["securityContext"]["capabilities"]["add"]);
        let extra: Vec<String> = added
            .into_iter()
            .filter(|a| !DEFAULT_CAPABILITIES.contains(&a.as_str()))
            .collect();
        if !extra.is_empty() {
            bad.push(cname(c));
            caps.extend(extra);
        }
    }
    caps.sort();
    caps.dedup();
    (!bad.is_empty()).then(|| {
        (
            "non-default capabilities",
            format!(
                "{} must not include {} in securityContext.capabilities.add",
                who("container", &bad),
                quote(&caps)
            ),
        )
    })
}

fn host_path_volumes(spec: &Value) -> Option<Finding> {
    let bad: Vec<String> = spec["volumes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| v.get("hostPath").is_some())
        .map(cname)
        .collect();
    (!bad.is_empty()).then(|| ("hostPath volumes", who("volume", &bad)))
}

fn host_ports(spec: &Value) -> Option<Finding> {
    let mut bad = vec![];
    let mut ports: Vec<String> = vec![];
    for c in containers(spec) {
        let mut uses = false;
        for p in c["ports"].as_array().into_iter().flatten() {
            if let Some(hp) = p["hostPort"].as_i64().filter(|h| *h != 0) {
                uses = true;
                ports.push(hp.to_string());
            }
        }
        if uses {
            bad.push(cname(c));
        }
    }
    ports.sort();
    ports.dedup();
    (!bad.is_empty()).then(|| {
        (
            "hostPort",
            format!(
                "{} {} {} {}",
                who("container", &bad),
                plural("uses", "use", bad.len()),
                plural("hostPort", "hostPorts", ports.len()),
                ports.join(", ")
            ),
        )
    })
}

fn proc_mount(spec: &Value) -> Option<Finding> {
    let bad: Vec<String> = containers(spec)
        .into_iter()
        .filter(|c| {
            c["securityContext"]["procMount"]
                .as_str()
                .is_some_and(|m| m != "Default")
        })
        .map(cname)
        .collect();
    (!bad.is_empty()).then(|| {
        (
            "procMount",
            format!(
                "{} must not set securityContext.procMount to \"Unmasked\"",
                who("container", &bad)
            ),
        )
    })
}

fn valid_seccomp(t: &str) -> bool {
    t == "RuntimeDefault" || t == "Localhost"
}

/// Shared by the baseline and restricted seccomp checks.
fn seccomp(spec: &Value, restricted: bool) -> Option<Finding> {
    let mut setters = vec![];
    let mut values: Vec<String> = vec![];
    let mut pod_set = false;
    if let Some(t) = spec["securityContext"]["seccompProfile"]["type"].as_str() {
        if valid_seccomp(t) {
            pod_set = true;
        } else {
            setters.push("pod".to_string());
            values.push(t.into());
        }
    }
    let (mut explicit, mut implicit) = (vec![], vec![]);
    for c in containers(spec) {
        match c["securityContext"]["seccompProfile"]["type"].as_str() {
            Some(t) if !valid_seccomp(t) => {
                explicit.push(cname(c));
                values.push(t.into());
            }
            Some(_) => {}
            None if !pod_set => implicit.push(cname(c)),
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(who("container", &explicit));
    }
    values.sort();
    values.dedup();
    if !setters.is_empty() {
        return Some((
            "seccompProfile",
            format!(
                "{} must not set securityContext.seccompProfile.type to {}",
                setters.join(" and "),
                quote(&values)
            ),
        ));
    }
    (restricted && !implicit.is_empty()).then(|| {
        (
            "seccompProfile",
            format!(
                "pod or {} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"",
                who("container", &implicit)
            ),
        )
    })
}

fn allow_privilege_escalation(spec: &Value) -> Option<Finding> {
    let bad: Vec<String> = containers(spec)
        .into_iter()
        .filter(|c| c["securityContext"]["allowPrivilegeEscalation"] != false)
        .map(cname)
        .collect();
    (!bad.is_empty()).then(|| {
        (
            "allowPrivilegeEscalation != false",
            format!(
                "{} must set securityContext.allowPrivilegeEscalation=false",
                who("container", &bad)
            ),
        )
    })
}

fn capabilities_restricted(spec: &Value) -> Option<Finding> {
    let (mut missing, mut adding) = (vec![], vec![]);
    let mut caps: Vec<String> = vec![];
    for c in containers(spec) {
        let capabilities = &c["securityContext"]["capabilities"];
        if !strings(&capabilities["drop"]).iter().any(|d| d == "ALL") {
            missing.push(cname(c));
        }
        let forbidden: Vec<String> = strings(&capabilities["add"])
            .into_iter()
            .filter(|a| a != "NET_BIND_SERVICE")
            .collect();
        if !forbidden.is_empty() {
            adding.push(cname(c));
            caps.extend(forbidden);
        }
    }
    caps.sort();
    caps.dedup();
    let mut details = vec![];
    if !missing.is_empty() {
        details.push(format!(
            "{} must set securityContext.capabilities.drop=[\"ALL\"]",
            who("container", &missing)
        ));
    }
    if !adding.is_empty() {
        details.push(format!(
            "{} must not include {} in securityContext.capabilities.add",
            who("container", &adding),
            quote(&caps)
        ));
    }
    (!details.is_empty()).then(|| ("unrestricted capabilities", details.join("; ")))
}

/// Volume sources the restricted level allows.
const ALLOWED_VOLUMES: &[&str] = &[
    "configMap",
    "csi",
    "downwardAPI",
    "emptyDir",
    "ephemeral",
    "image",
    "persistentVolumeClaim",
    "projected",
    "secret",
];

fn restricted_volumes(spec: &Value) -> Option<Finding> {
    let mut bad = vec![];
    let mut types: Vec<String> = vec![];
    for v in spec["volumes"].as_array().into_iter().flatten() {
        let source = v
            .as_object()
            .and_then(|m| m.keys().find(|k| *k != "name").cloned())
            .unwrap_or_else(|| "emptyDir".into());
        if ALLOWED_VOLUMES.contains(&source.as_str()) {
            continue;
        }
        bad.push(cname(v));
        types.push(source);
    }
    types.sort();
    types.dedup();
    (!bad.is_empty()).then(|| {
        (
            "restricted volume types",
            format!(
                "{} {} {} {}",
                who("volume", &bad),
                plural("uses", "use", bad.len()),
                plural(
                    "restricted volume type",
                    "restricted volume types",
                    types.len()
                ),
                quote(&types)
            ),
        )
    })
}

fn run_as_non_root(spec: &Value) -> Option<Finding> {
    let mut setters = vec![];
    let mut pod_non_root = false;
    match spec["securityContext"]["runAsNonRoot"].as_bool() {
        Some(false) => setters.push("pod".to_string()),
        Some(true) => pod_non_root = true,
        None => {}
    }
    let (mut explicit, mut implicit) = (vec![], vec![]);
    for c in containers(spec) {
        match c["securityContext"]["runAsNonRoot"].as_bool() {
            Some(false) => explicit.push(cname(c)),
            Some(true) => {}
            None if !pod_non_root => implicit.push(cname(c)),
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(who("container", &explicit));
    }
    if !setters.is_empty() {
        return Some((
            "runAsNonRoot != true",
            format!(
                "{} must not set securityContext.runAsNonRoot=false",
                setters.join(" and ")
            ),
        ));
    }
    (!implicit.is_empty()).then(|| {
        (
            "runAsNonRoot != true",
            format!(
                "pod or {} must set securityContext.runAsNonRoot=true",
                who("container", &implicit)
            ),
        )
    })
}

fn run_as_user(spec: &Value) -> Option<Finding> {
    let mut setters = vec![];
    if spec["securityContext"]["runAsUser"] == 0 {
        setters.push("pod".to_string());
    }
    let bad: Vec<String> = containers(spec)
        .into_iter()
        .filter(|c| c["securityContext"]["runAsUser"] == 0)
        .map(cname)
        .collect();
    if !bad.is_empty() {
        setters.push(who("container", &bad));
    }
    (!setters.is_empty()).then(|| {
        (
            "runAsUser=0",
            format!("{} must not set runAsUser=0", setters.join(" and ")),
        )
    })
}

/// The checks of a level in the registry's order: baseline IDs sorted, then
/// restricted IDs sorted, restricted ones replacing the baseline they override.
fn evaluate(level: Level, spec: &Value) -> Vec<Finding> {
    if level == Level::Privileged {
        return vec![];
    }
    let restricted = level == Level::Restricted;
    let mut checks: Vec<fn(&Value) -> Option<Finding>> = vec![];
    if !restricted {
        checks.push(capabilities_baseline);
    }
    checks.push(host_namespaces);
    if !restricted {
        checks.push(host_path_volumes);
    }
    checks.extend([
        host_ports as fn(&Value) -> Option<Finding>,
        privileged,
        proc_mount,
    ]);
    if !restricted {
        checks.push(|s| seccomp(s, false));
    }
    if restricted {
        checks.extend([
            allow_privilege_escalation as fn(&Value) -> Option<Finding>,
            capabilities_restricted,
            restricted_volumes,
            run_as_non_root,
            run_as_user,
            |s| seccomp(s, true),
        ]);
    }
    checks.iter().filter_map(|c| c(spec)).collect()
}

/// `ForbiddenDetail`: `reason (detail), reason (detail)`.
fn detail(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|(r, d)| {
            if d.is_empty() {
                r.to_string()
            } else {
                format!("{r} ({d})")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The pod spec a workload carries, if the resource is one PodSecurity checks.
fn pod_spec<'a>(r: &ApiResource, obj: &'a Value) -> Option<(&'a Value, bool)> {
    match (r.group.as_str(), r.name.as_str()) {
        ("", "pods") => Some((&obj["spec"], true)),
        ("", "podtemplates") => Some((&obj["template"]["spec"], false)),
        ("", "replicationcontrollers")
        | ("apps", "deployments" | "replicasets" | "statefulsets" | "daemonsets")
        | ("batch", "jobs") => Some((&obj["spec"]["template"]["spec"], false)),
        ("batch", "cronjobs") => Some((
            &obj["spec"]["jobTemplate"]["spec"]["template"]["spec"],
            false,
        )),
        _ => None,
    }
}

fn namespace_labels(api: &ApiServer, namespace: &str) -> Vec<(String, String)> {
    let Some(ns_r) = super::resource(api, "", "namespaces") else {
        return vec![];
    };
    api.get(&ns_r, "", namespace)
        .map(|ns| {
            meta::labels(&ns)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// A pod or workload being created in `namespace`.
pub fn admit(api: &ApiServer, r: &ApiResource, namespace: &str, obj: &Value) -> Result<(), Status> {
    let Some((spec, is_pod)) = pod_spec(r, obj) else {
        return Ok(());
    };
    let owned = namespace_labels(api, namespace);
    let labels: Vec<(&str, &str)> = owned
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (p, _) = policy(&labels);
    if is_pod {
        let found = evaluate(p.enforce.level, spec);
        if !found.is_empty() {
            return Err(Status::forbidden(
                r,
                meta::name(obj),
                &format!(
                    "violates PodSecurity {:?}: {}",
                    p.enforce.text(),
                    detail(&found)
                ),
            ));
        }
    }
    let found = evaluate(p.warn.level, spec);
    if !found.is_empty() {
        api.warn(format!(
            "would violate PodSecurity {:?}: {}",
            p.warn.text(),
            detail(&found)
        ));
    }
    Ok(())
}

/// A namespace being created or relabelled: labels must be valid, and a
/// stricter enforce level is tried against the pods already there.
pub fn admit_namespace(
    api: &ApiServer,
    r: &ApiResource,
    obj: &Value,
    old: Option<&Value>,
) -> Result<(), Status> {
    let labels = meta::labels(obj);
    let (p, errors) = policy(&labels);
    let name = meta::name(obj);
    let old_policy = old.map(|o| policy(&meta::labels(o)));
    let errors_changed = match &old_policy {
        None => true,
        Some((_, old_errors)) => old_errors.is_empty() || *old_errors != errors,
    };
    if !errors.is_empty() && errors_changed {
        return Err(Status::invalid(r, name, errors));
    }
    let Some((old_p, _)) = old_policy else {
        return Ok(());
    };
    if p.enforce == old_p.enforce
        || p.enforce.level == Level::Privileged
        || (p.enforce.version == old_p.enforce.version && p.enforce.level <= old_p.enforce.level)
    {
        return Ok(());
    }
    let mut pods = super::list(api, "", "pods", Some(name));
    pods.sort_by_key(|p| meta::name(p).to_string());
    // Reasons in first-seen order, each with its lexically first pod and a count.
    let mut seen: Vec<(String, String, usize)> = vec![];
    for pod in &pods {
        let found = evaluate(p.enforce.level, &pod["spec"]);
        if found.is_empty() {
            continue;
        }
        let reason = found.iter().map(|(r, _)| *r).collect::<Vec<_>>().join(", ");
        let pod_name = meta::name(pod).to_string();
        match seen.iter_mut().find(|(r, _, _)| *r == reason) {
            Some(entry) => {
                entry.2 += 1;
                if pod_name < entry.1 {
                    entry.1 = pod_name;
                }
            }
            None => seen.push((reason, pod_name, 1)),
        }
    }
    if seen.is_empty() {
        return Ok(());
    }
    api.warn(format!(
        "existing pods in namespace {name:?} violate the new PodSecurity enforce level {:?}",
        p.enforce.text()
    ));
    let mut lines: Vec<String> = seen
        .into_iter()
        .map(|(reason, pod, n)| match n {
            1 => format!("{pod}: {reason}"),
            2 => format!("{pod} (and 1 other pod): {reason}"),
            _ => format!("{pod} (and {} other pods): {reason}", n - 1),
        })
        .collect();
    lines.sort();
    for l in lines {
        api.warn(l);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn restricted_lists_every_missing_setting_in_check_order() {
        let spec = json!({"containers": [{"name": "c", "image": "nginx"}]});
        assert_eq!(
            detail(&evaluate(Level::Restricted, &spec)),
            "allowPrivilegeEscalation != false (container \"c\" must set securityContext.allowPrivilegeEscalation=false), \
unrestricted capabilities (container \"c\" must set securityContext.capabilities.drop=[\"ALL\"]), \
runAsNonRoot != true (pod or container \"c\" must set securityContext.runAsNonRoot=true), \
seccompProfile (pod or container \"c\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")"
        );
        let good = json!({"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
            "containers": [{"name": "c", "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}}]});
        assert!(evaluate(Level::Restricted, &good).is_empty());
    }

    #[test]
    fn baseline_catches_host_access() {
        let spec = json!({"hostNetwork": true, "volumes": [{"name": "root", "hostPath": {"path": "/"}}],
            "containers": [{"name": "a", "ports": [{"containerPort": 80, "hostPort": 8080}],
                            "securityContext": {"privileged": true, "capabilities": {"add": ["NET_ADMIN", "CHOWN"]}}}]});
        assert_eq!(
            detail(&evaluate(Level::Baseline, &spec)),
            "non-default capabilities (container \"a\" must not include \"NET_ADMIN\" in securityContext.capabilities.add), \
host namespaces (hostNetwork=true), hostPath volumes (volume \"root\"), hostPort (container \"a\" uses hostPort 8080), \
privileged (container \"a\" must not set securityContext.privileged=true)"
        );
    }

    #[test]
    fn warn_follows_a_stricter_enforce() {
        let (p, errs) = policy(&[("pod-security.kubernetes.io/enforce", "baseline")]);
        assert!(errs.is_empty());
        assert_eq!(p.warn.text(), "baseline:latest");
        let (_, errs) = policy(&[
            ("pod-security.kubernetes.io/enforce", "strict"),
            ("pod-security.kubernetes.io/warn-version", "1.30"),
        ]);
        assert_eq!(errs.len(), 2);
    }
}
