//! `-o json` of objects kubectl got back from a *typed* client (create
//! namespace, run, ...): Go's json.MarshalIndent of the struct, so fields come
//! in struct order (TypeMeta, ObjectMeta, then the kind's own fields), not
//! sorted as for unstructured objects.

use super::json::write_string;
use serde_json::Value;

/// ObjectMeta's fields in Go declaration order.
const OBJECT_META: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];

/// Top-level fields in Go declaration order (TypeMeta first; the kind's fields after).
const TOP: &[&str] = &[
    "kind",
    "apiVersion",
    "metadata",
    "immutable",
    "data",
    "stringData",
    "binaryData",
    "type",
    "secrets",
    "imagePullSecrets",
    "automountServiceAccountToken",
    "value",
    "globalDefault",
    "description",
    "preemptionPolicy",
    "spec",
    "rules",
    "aggregationRule",
    "subjects",
    "roleRef",
    "status",
];

/// Field orders of the typed objects kubectl generates, by the key that holds
/// the struct (one merged list per key; kinds never disagree on relative order).
fn struct_order(path: &[&str]) -> &'static [&'static str] {
    let last = path
        .iter()
        .rev()
        .find(|k| **k != "[]")
        .copied()
        .unwrap_or("");
    match (path.first().copied(), last) {
        (_, "metadata") => OBJECT_META,
        (Some("spec"), "spec") if path.len() == 1 => &[
            "scaleTargetRef",
            "minReplicas",
            "maxReplicas",
            "metrics",
            "behavior",
            "replicas",
            "parallelism",
            "completions",
            // A Pod's own spec (kubectl run), around the field it shares
            // with a Job's.
            "volumes",
            "initContainers",
            "containers",
            "restartPolicy",
            "terminationGracePeriodSeconds",
            "activeDeadlineSeconds",
            "dnsPolicy",
            "nodeSelector",
            "serviceAccountName",
            "nodeName",
            "backoffLimit",
            "minAvailable",
            "ports",
            "selector",
            "maxUnavailable",
            "manualSelector",
            "clusterIP",
            "clusterIPs",
            "type",
            "externalIPs",
            "sessionAffinity",
            "loadBalancerIP",
            "externalName",
            "template",
            "strategy",
            "updateStrategy",
            "minReadySeconds",
            "revisionHistoryLimit",
            "paused",
            "progressDeadlineSeconds",
            "schedule",
            "timeZone",
            "startingDeadlineSeconds",
            "concurrencyPolicy",
            "suspend",
            "jobTemplate",
            "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit",
            "hard",
            "scopes",
            "scopeSelector",
            "ingressClassName",
            "defaultBackend",
            "tls",
            "rules",
        ],
        (Some("status"), "status") => &[
            "observedGeneration",
            "replicas",
            "updatedReplicas",
            "readyReplicas",
            "availableReplicas",
            "unavailableReplicas",
            "terminatingReplicas",
            "lastScaleTime",
            "currentReplicas",
            "desiredReplicas",
            "currentMetrics",
            "disruptionsAllowed",
            "currentHealthy",
            "desiredHealthy",
            "expectedPods",
            "conditions",
            "collisionCount",
        ],
        (_, "template" | "jobTemplate") => &["metadata", "spec"],
        (_, "spec") if path.contains(&"jobTemplate") && path.len() == 3 => &[
            "parallelism",
            "completions",
            "backoffLimit",
            "selector",
            "template",
        ],
        // PodSpec and Container (k8s.io/api core/v1 types.go; the order
        // kubectl v1.33 prints a full Deployment's with `set --local -o json`).
        (_, "spec") => &[
            "volumes",
            "initContainers",
            "containers",
            "ephemeralContainers",
            "restartPolicy",
            "terminationGracePeriodSeconds",
            "activeDeadlineSeconds",
            "dnsPolicy",
            "nodeSelector",
            "serviceAccountName",
            "serviceAccount",
            "automountServiceAccountToken",
            "nodeName",
            "hostNetwork",
            "hostPID",
            "hostIPC",
            "shareProcessNamespace",
            "securityContext",
            "imagePullSecrets",
            "hostname",
            "subdomain",
            "affinity",
            "schedulerName",
            "tolerations",
            "hostAliases",
            "priorityClassName",
            "priority",
            "dnsConfig",
            "readinessGates",
            "runtimeClassName",
            "enableServiceLinks",
            "preemptionPolicy",
            "overhead",
            "topologySpreadConstraints",
            "setHostnameAsFQDN",
            "os",
            "hostUsers",
            "schedulingGates",
            "resourceClaims",
            "resources",
        ],
        (_, "containers" | "initContainers") => &[
            "name",
            "image",
            "command",
            "args",
            "workingDir",
            "ports",
            "envFrom",
            "env",
            "resources",
            "resizePolicy",
            "restartPolicy",
            "volumeMounts",
            "volumeDevices",
            "livenessProbe",
            "readinessProbe",
            "startupProbe",
            "lifecycle",
            "terminationMessagePath",
            "terminationMessagePolicy",
            "imagePullPolicy",
            "securityContext",
            "stdin",
            "stdinOnce",
            "tty",
        ],
        (_, "resources") => &["limits", "requests", "claims"],
        (_, "volumeMounts") => &[
            "name",
            "readOnly",
            "recursiveReadOnly",
            "mountPath",
            "subPath",
            "mountPropagation",
            "subPathExpr",
        ],
        (_, "tolerations") => &["key", "operator", "value", "effect", "tolerationSeconds"],
        (_, "strategy" | "updateStrategy") => &["type", "rollingUpdate"],
        (_, "rollingUpdate") => &["partition", "maxUnavailable", "maxSurge"],
        (_, "conditions") => &[
            "type",
            "status",
            "lastProbeTime",
            "lastUpdateTime",
            "lastTransitionTime",
            "reason",
            "message",
        ],
        (Some("spec"), "ports") if path.len() == 3 => &[
            "name",
            "protocol",
            "appProtocol",
            "port",
            "targetPort",
            "nodePort",
        ],
        (_, "ports") => &["name", "hostPort", "containerPort", "protocol", "hostIP"],
        (_, "env") => &["name", "value", "valueFrom"],
        (_, "rules") if path.len() == 2 => &[
            "verbs",
            "apiGroups",
            "resources",
            "resourceNames",
            "nonResourceURLs",
        ],
        (_, "rules") => &["host", "http"],
        (_, "paths") => &["path", "pathType", "backend"],
        (_, "backend" | "defaultBackend") => &["service", "resource"],
        (_, "service") => &["name", "port"],
        (_, "port") => &["name", "number"],
        (_, "tls") => &["hosts", "secretName"],
        (_, "subjects") => &["kind", "apiGroup", "name", "namespace"],
        (_, "roleRef") => &["apiGroup", "kind", "name"],
        (_, "selector") => &["matchLabels", "matchExpressions"],
        (_, "ownerReferences") => &[
            "apiVersion",
            "kind",
            "name",
            "uid",
            "controller",
            "blockOwnerDeletion",
        ],
        (_, "metrics") => &[
            "type",
            "object",
            "pods",
            "resource",
            "containerResource",
            "external",
        ],
        (_, "resource") => &["name", "target"],
        (_, "target") => &["type", "value", "averageValue", "averageUtilization"],
        (_, "scaleTargetRef") => &["kind", "name", "apiVersion"],
        (_, "clusterRoleSelectors") => &["matchLabels", "matchExpressions"],
        _ => &[],
    }
}

/// Field order of clientcmd's v1 Config (what `kubectl config view -o json` prints).
pub fn kubeconfig_order(path: &[&str]) -> &'static [&'static str] {
    match path {
        [] => &[
            "kind",
            "apiVersion",
            "preferences",
            "clusters",
            "users",
            "contexts",
            "current-context",
            "extensions",
        ],
        [_, "[]"] => &["name", "cluster", "user", "context", "extension"],
        ["clusters", "[]", "cluster"] => &[
            "server",
            "tls-server-name",
            "insecure-skip-tls-verify",
            "certificate-authority",
            "certificate-authority-data",
            "proxy-url",
            "disable-compression",
            "extensions",
        ],
        ["users", "[]", "user"] => &[
            "client-certificate",
            "client-certificate-data",
            "client-key",
            "client-key-data",
            "token",
            "tokenFile",
            "as",
            "as-uid",
            "as-groups",
            "as-user-extra",
            "username",
            "password",
            "auth-provider",
            "exec",
            "extensions",
        ],
        ["contexts", "[]", "context"] => &["cluster", "user", "namespace", "extensions"],
        [.., "extensions", "[]"] => &["name", "extension"],
        _ => &[],
    }
}

fn order_for(path: &[&str]) -> &'static [&'static str] {
    match path {
        [] => TOP,
        _ => struct_order(path),
    }
}

/// Go's compact `json.Marshal` of a typed object (what `--save-config` records).
pub fn to_compact(v: &Value) -> String {
    to_compact_ordered(v, order_for)
}

/// Compact JSON with each object's keys in the order `order` gives for its path.
pub fn to_compact_ordered(v: &Value, order: fn(&[&str]) -> &'static [&'static str]) -> String {
    let mut out = String::new();
    write_compact(&mut out, v, &mut vec![], order);
    out
}

fn write_compact<'a>(
    out: &mut String,
    v: &'a Value,
    path: &mut Vec<&'a str>,
    order: fn(&[&str]) -> &'static [&'static str],
) {
    match v {
        Value::Object(m) => {
            out.push('{');
            for (i, (k, val)) in ordered(m, order(path)).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                path.push(k);
                write_compact(out, val, path, order);
                path.pop();
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, val) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                path.push("[]");
                write_compact(out, val, path, order);
                path.pop();
            }
            out.push(']');
        }
        Value::String(s) => write_string(out, s),
        other => out.push_str(&other.to_string()),
    }
}

/// Keys of `m` in Go order: the known ones first in declaration order, the rest sorted.
fn ordered<'a>(
    m: &'a serde_json::Map<String, Value>,
    order: &[&str],
) -> Vec<(&'a String, &'a Value)> {
    let mut out: Vec<(&String, &Value)> =
        order.iter().filter_map(|k| m.get_key_value(*k)).collect();
    out.extend(m.iter().filter(|(k, _)| !order.contains(&k.as_str())));
    out
}

pub fn to_json(v: &Value) -> String {
    to_json_ordered(v, order_for)
}

/// Go-style indented JSON with each object's keys in the order `order` gives
/// for its path (keys it does not name come after, sorted).
pub fn to_json_ordered(v: &Value, order: fn(&[&str]) -> &'static [&'static str]) -> String {
    let mut out = String::new();
    write(&mut out, v, 0, &mut vec![], order);
    out.push('\n');
    out
}

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    out.push_str(&"    ".repeat(level));
}

fn write<'a>(
    out: &mut String,
    v: &'a Value,
    level: usize,
    path: &mut Vec<&'a str>,
    order: fn(&[&str]) -> &'static [&'static str],
) {
    match v {
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) => {
            out.push('{');
            for (i, (k, val)) in ordered(m, order(path)).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, level + 1);
                write_string(out, k);
                out.push_str(": ");
                path.push(k);
                write(out, val, level + 1, path, order);
                path.pop();
            }
            newline(out, level);
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, val) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, level + 1);
                path.push("[]");
                write(out, val, level + 1, path, order);
                path.pop();
            }
            newline(out, level);
            out.push(']');
        }
        Value::String(s) => write_string(out, s),
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typemeta_then_objectmeta_order() {
        let ns = json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"creationTimestamp": "t", "labels": {"a": "b"}, "name": "web", "resourceVersion": "1", "uid": "u"},
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}});
        let out = to_json(&ns);
        let pos = |s: &str| out.find(s).unwrap();
        assert!(pos("\"kind\"") < pos("\"apiVersion\""));
        assert!(pos("\"name\"") < pos("\"uid\"") && pos("\"uid\"") < pos("\"resourceVersion\""));
        assert!(pos("\"creationTimestamp\"") < pos("\"labels\""));
    }
}
