//! Jobs (`ValidateJob`, `ValidateJobSpecUpdate`, v1.33): counts, completion
//! mode, the template (restartPolicy OnFailure or Never), selector and
//! template labels, and what may not change. `job_spec` is the part a
//! CronJob's job template shares (`validateJobSpec`).

use super::{go, pod};
use crate::api::meta;
use crate::api::status::go_quote;
use crate::api::FieldError;
use serde_json::{json, Value};

const MAX_PARALLELISM_FOR_INDEXED_JOB: i64 = 100_000;
const MAX_FAILED_INDEXES: i64 = 100_000;

/// `ValidateNonnegativeField` of `spec.<key>` under `path`.
fn nonneg(spec: &Value, key: &str, path: &str) -> Option<FieldError> {
    let v = spec.get(key).and_then(Value::as_i64)?;
    (v < 0).then(|| {
        FieldError::invalid(
            &format!("{path}.{key}"),
            &v.to_string(),
            "must be greater than or equal to 0",
        )
    })
}

fn int(spec: &Value, key: &str) -> Option<i64> {
    spec.get(key).and_then(Value::as_i64)
}

/// `validateJobSpec`: what a Job and a CronJob's `jobTemplate.spec` share.
pub fn job_spec(spec: &Value, path: &str) -> Vec<FieldError> {
    let mut errs: Vec<FieldError> = [
        "parallelism",
        "completions",
        "activeDeadlineSeconds",
        "backoffLimit",
        "ttlSecondsAfterFinished",
        "backoffLimitPerIndex",
    ]
    .iter()
    .filter_map(|k| nonneg(spec, k, path))
    .collect();
    let per_index = int(spec, "backoffLimitPerIndex");
    let max_failed = int(spec, "maxFailedIndexes");
    if max_failed.is_some() {
        errs.extend(nonneg(spec, "maxFailedIndexes", path));
        if per_index.is_none() {
            errs.push(FieldError::required(
                &format!("{path}.backoffLimitPerIndex"),
                "when maxFailedIndexes is specified",
            ));
        }
    }
    let mode = meta::str_at(spec, &["completionMode"]);
    match mode {
        Some("NonIndexed" | "Indexed") | None => {}
        Some(other) => errs.push(FieldError::not_supported(
            &format!("{path}.completionMode"),
            &go_quote(other),
            &["NonIndexed", "Indexed"],
        )),
    }
    if mode == Some("Indexed") {
        let completions = int(spec, "completions");
        if completions.is_none() {
            errs.push(FieldError::required(
                &format!("{path}.completions"),
                "when completion mode is Indexed",
            ));
        }
        if let Some(p) = int(spec, "parallelism").filter(|p| *p > MAX_PARALLELISM_FOR_INDEXED_JOB) {
            errs.push(FieldError::invalid(
                &format!("{path}.parallelism"),
                &p.to_string(),
                &format!(
                    "must be less than or equal to {MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed"
                ),
            ));
        }
        if let (Some(c), Some(m)) = (completions, max_failed) {
            if m > c {
                errs.push(FieldError::invalid(
                    &format!("{path}.maxFailedIndexes"),
                    &m.to_string(),
                    "must be less than or equal to completions",
                ));
            }
        }
        if let Some(m) = max_failed.filter(|m| *m > MAX_FAILED_INDEXES) {
            errs.push(FieldError::invalid(
                &format!("{path}.maxFailedIndexes"),
                &m.to_string(),
                &format!("must be less than or equal to {MAX_FAILED_INDEXES}"),
            ));
        }
    } else {
        for (key, v) in [
            ("backoffLimitPerIndex", per_index),
            ("maxFailedIndexes", max_failed),
        ] {
            if let Some(v) = v {
                errs.push(FieldError::invalid(
                    &format!("{path}.{key}"),
                    &v.to_string(),
                    "requires indexed completion mode",
                ));
            }
        }
    }
    // validatePodReplacementPolicy: only Failed alongside a podFailurePolicy.
    if let Some(p) = meta::str_at(spec, &["podReplacementPolicy"]) {
        let supported: &[&str] = if has_failure_policy(spec) {
            &["Failed"]
        } else {
            &["Failed", "TerminatingOrFailed"]
        };
        if !supported.contains(&p) {
            errs.push(FieldError::not_supported(
                &format!("{path}.podReplacementPolicy"),
                &go_quote(p),
                supported,
            ));
        }
    }
    let template = format!("{path}.template");
    errs.extend(pod::template(spec, &template));
    let restart = format!("{template}.spec.restartPolicy");
    match meta::str_at(spec, &["template", "spec", "restartPolicy"]).unwrap_or("") {
        "Always" | "" => errs.push(FieldError::required(
            &restart,
            "valid values: \"OnFailure\", \"Never\"",
        )),
        "Never" => {}
        "OnFailure" if has_failure_policy(spec) => errs.push(FieldError::invalid(
            &restart,
            &go_quote("OnFailure"),
            "only \"Never\" is supported when podFailurePolicy is specified",
        )),
        "OnFailure" => {}
        other => errs.push(FieldError::not_supported(
            &restart,
            &go_quote(other),
            &["OnFailure", "Never"],
        )),
    }
    errs
}

fn has_failure_policy(spec: &Value) -> bool {
    spec.get("podFailurePolicy").is_some_and(|p| !p.is_null())
}

pub fn job(obj: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let mut errs = generated_selector(obj, spec);
    errs.extend(job_spec(spec, "spec"));
    match spec.get("selector").filter(|s| !s.is_null()) {
        None => errs.push(FieldError::required("spec.selector", "")),
        Some(sel) => {
            let labels = meta::at(spec, &["template", "metadata", "labels"]);
            if !super::selector::matches(sel, labels) {
                errs.push(FieldError::invalid(
                    "spec.template.metadata.labels",
                    &go::string_map(labels),
                    "`selector` does not match template `labels`",
                ));
            }
        }
    }
    errs.extend(indexed_hostname(obj, spec));
    errs
}

/// An Indexed Job's pods are named `<job>-<index>`, and that is their
/// hostname: the largest must be a DNS label.
fn indexed_hostname(obj: &Value, spec: &Value) -> Option<FieldError> {
    let completions = int(spec, "completions").filter(|c| *c > 0)?;
    if meta::str_at(spec, &["completionMode"]) != Some("Indexed") {
        return None;
    }
    let name = meta::str_at(obj, &["metadata", "name"]).unwrap_or("");
    let host = format!("{name}-{}", completions - 1);
    let label_ok = host.len() <= 63
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !host.starts_with('-');
    (!label_ok).then(|| {
        FieldError::invalid(
            "metadata.name",
            &go_quote(name),
            &format!("will not able to create pod with invalid DNS label: {host}"),
        )
    })
}

/// `validateGeneratedSelector`: unless the selector is manual, the template
/// carries the generated name and uid labels and the selector matches them.
fn generated_selector(obj: &Value, spec: &Value) -> Vec<FieldError> {
    let manual = spec.get("manualSelector").and_then(Value::as_bool) == Some(true);
    let Some(sel) = spec.get("selector").filter(|s| !manual && !s.is_null()) else {
        return vec![];
    };
    let mut errs = vec![];
    let uid = meta::str_at(obj, &["metadata", "uid"]).unwrap_or("");
    if uid.is_empty() {
        errs.push(FieldError::required("metadata.uid", ""));
    }
    let name = meta::str_at(obj, &["metadata", "name"]).unwrap_or("");
    let labels = meta::at(spec, &["template", "metadata", "labels"]);
    let expected = [
        ("controller-uid", uid),
        ("job-name", name),
        ("batch.kubernetes.io/controller-uid", uid),
        ("batch.kubernetes.io/job-name", name),
    ];
    for (key, want) in expected {
        let field = format!("spec.template.metadata.labels[{key}]");
        match labels.and_then(|l| l.get(key)).and_then(Value::as_str) {
            None => errs.push(FieldError::required(&field, &format!("must be '{want}'"))),
            Some(v) if v != want => errs.push(FieldError::invalid(
                &field,
                &go::string_map(labels),
                &format!("must be '{want}'"),
            )),
            Some(_) => {}
        }
    }
    let expected_labels: serde_json::Map<String, Value> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    if !super::selector::matches(sel, Some(&Value::Object(expected_labels))) {
        errs.push(FieldError::invalid(
            "spec.selector",
            &go::label_selector(sel),
            "`selector` not auto-generated",
        ));
    }
    errs
}

/// `ValidateJobSpecUpdate`: completions (unless Indexed and changed with
/// parallelism), the selector, the template (scheduling directives aside
/// while the Job is suspended and never started), the completion mode and
/// the per-index and managed-by fields may not change.
pub fn job_update(obj: &Value, old: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let old_spec = old.get("spec").unwrap_or(&empty);
    let mut errs = vec![];
    let changed = |key: &str| spec.get(key) != old_spec.get(key);
    let indexed = meta::str_at(spec, &["completionMode"]) == Some("Indexed");
    if changed("completions") {
        match (indexed, int(spec, "completions")) {
            (false, c) => errs.push(immutable(
                "spec.completions",
                &c.map_or("null".into(), |c| c.to_string()),
            )),
            (true, Some(c)) if Some(c) != int(spec, "parallelism") => {
                errs.push(FieldError::invalid(
                    "spec.completions",
                    &c.to_string(),
                    "can only be modified in tandem with spec.parallelism",
                ))
            }
            (true, _) => {}
        }
    }
    if changed("selector") {
        errs.push(immutable(
            "spec.selector",
            &go::label_selector(spec.get("selector").unwrap_or(&Value::Null)),
        ));
    }
    let suspended = old_spec.get("suspend").and_then(Value::as_bool) == Some(true);
    let never_started = meta::at(old, &["status", "startTime"]).is_none_or(Value::is_null);
    let (mut new_t, mut old_t) = (
        spec.get("template").cloned().unwrap_or(Value::Null),
        old_spec.get("template").cloned().unwrap_or(Value::Null),
    );
    if suspended && never_started {
        for t in [&mut new_t, &mut old_t] {
            strip_scheduling_directives(t);
        }
    }
    if new_t != old_t {
        errs.push(immutable(
            "spec.template",
            &pod_template_value(&spec["template"]),
        ));
    }
    if changed("completionMode") {
        let v = meta::str_at(spec, &["completionMode"]).map_or("null".into(), go_quote);
        errs.push(immutable("spec.completionMode", &v));
    }
    if changed("backoffLimitPerIndex") {
        let v = int(spec, "backoffLimitPerIndex").map_or("null".into(), |v| v.to_string());
        errs.push(immutable("spec.backoffLimitPerIndex", &v));
    }
    if changed("managedBy") {
        let v = meta::str_at(spec, &["managedBy"]).map_or("null".into(), go_quote);
        errs.push(immutable("spec.managedBy", &v));
    }
    errs
}

fn immutable(field: &str, value: &str) -> FieldError {
    FieldError::invalid(field, value, "field is immutable")
}

/// What a suspended, never-started Job may change in its template: node
/// affinity, node selector, tolerations, scheduling gates, labels, annotations.
fn strip_scheduling_directives(t: &mut Value) {
    if let Some(m) = t.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("labels");
        m.remove("annotations");
    }
    if let Some(s) = t.get_mut("spec").and_then(Value::as_object_mut) {
        s.remove("nodeSelector");
        s.remove("tolerations");
        s.remove("schedulingGates");
        if let Some(a) = s.get_mut("affinity").and_then(Value::as_object_mut) {
            a.remove("nodeAffinity");
        }
        if s.get("affinity")
            .and_then(Value::as_object)
            .is_some_and(|a| a.is_empty())
        {
            s.remove("affinity");
        }
    }
}

/// The head of Go's `%#v` of the template (`core.PodTemplateSpec`): its
/// ObjectMeta in full; the PodSpec, whose dump holds pointer addresses that
/// differ on every run, is elided.
fn pod_template_value(t: &Value) -> String {
    let m = t.get("metadata").cloned().unwrap_or(Value::Null);
    format!(
        "core.PodTemplateSpec{{ObjectMeta:v1.ObjectMeta{{Name:{}, GenerateName:{}, Namespace:{}, SelfLink:\"\", UID:\"\", ResourceVersion:\"\", Generation:0, CreationTimestamp:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), Labels:{}, Annotations:{}, OwnerReferences:[]v1.OwnerReference(nil), Finalizers:[]string(nil), ManagedFields:[]v1.ManagedFieldsEntry(nil)}}, Spec:core.PodSpec{{...}}}}",
        go_quote(meta::str_at(&m, &["name"]).unwrap_or("")),
        go_quote(meta::str_at(&m, &["generateName"]).unwrap_or("")),
        go_quote(meta::str_at(&m, &["namespace"]).unwrap_or("")),
        go::string_map(m.get("labels")),
        go::string_map(m.get("annotations")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_pod_hostnames_must_be_dns_labels() {
        let job = |name: &str, completions: i64| {
            json!({"metadata": {"name": name},
                   "spec": {"completionMode": "Indexed", "completions": completions}})
        };
        let spec = |j: &Value| j["spec"].clone();
        let ok = job("work", 10);
        assert!(indexed_hostname(&ok, &spec(&ok)).is_none());
        let dotted = job("my.job", 3);
        assert_eq!(
            indexed_hostname(&dotted, &spec(&dotted)).map(|e| e.body()),
            Some("Invalid value: \"my.job\": will not able to create pod with invalid DNS label: my.job-2".into())
        );
        let long = job(&"a".repeat(62), 10);
        assert!(indexed_hostname(&long, &spec(&long)).is_some());
        let replacing = json!({"podReplacementPolicy": "Sometimes",
            "template": {"spec": {"restartPolicy": "Never"}}});
        assert!(job_spec(&replacing, "spec").iter().any(|e| e.field == "spec.podReplacementPolicy"
            && e.body() == "Unsupported value: \"Sometimes\": supported values: \"Failed\", \"TerminatingOrFailed\""));
    }
}
