//! HorizontalPodAutoscaler in autoscaling/v1 <-> the stored autoscaling/v2
//! form. Facts from upstream v1.33 `pkg/apis/autoscaling/v1/conversion.go`,
//! `pkg/apis/autoscaling/annotations.go` and `v1/defaults.go` (the server
//! converts through the internal type; v2 has the same shape as internal):
//!
//! * `spec.targetCPUUtilizationPercentage` is the first `Resource` cpu
//!   metric's `averageUtilization`; every other metric goes, in v1's
//!   MetricSpec form, into the `autoscaling.alpha.kubernetes.io/metrics`
//!   annotation. Back from v1 the annotation's metrics come first, then the
//!   cpu one; no metric at all means cpu at 80%.
//! * `status.currentCPUUtilizationPercentage` is the (last) cpu
//!   `Resource` current utilization; all current metrics also go into
//!   `.../current-metrics`, the conditions into `.../conditions`.
//! * `spec.behavior` goes into `.../behavior` as `json.Marshal` of the
//!   *internal* type: Go field names, nil pointers as `null`.
//! * Reading v1 back drops the four annotations; writing v1 drops any
//!   stale ones first (`DropRoundTripHorizontalPodAutoscalerAnnotations`).
//!
//! Annotation texts are Go's `encoding/json`: struct fields in declaration
//! order (`staging/src/k8s.io/api/autoscaling/v1/types.go`), HTML escaped.

use crate::kubectl::printers::json::{to_compact, write_string};
use serde_json::{json, Map, Value};

/// `autoscaling.MetricSpecsAnnotation`.
pub const METRICS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/metrics";
/// `autoscaling.MetricStatusesAnnotation`.
pub const CURRENT_METRICS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/current-metrics";
/// `autoscaling.HorizontalPodAutoscalerConditionsAnnotation`.
pub const CONDITIONS_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/conditions";
/// `autoscaling.BehaviorSpecsAnnotation`.
pub const BEHAVIOR_ANNOTATION: &str = "autoscaling.alpha.kubernetes.io/behavior";
const ROUND_TRIP: [&str; 4] = [
    METRICS_ANNOTATION,
    CURRENT_METRICS_ANNOTATION,
    CONDITIONS_ANNOTATION,
    BEHAVIOR_ANNOTATION,
];
/// `autoscaling.DefaultCPUUtilization`.
const DEFAULT_CPU_UTILIZATION: i64 = 80;

/// Whether a request names HPAs in autoscaling/v1 (served beside the stored v2).
pub fn is_v1(group: &str, version: &str, name: &str) -> bool {
    group == "autoscaling" && version == "v1" && name == "horizontalpodautoscalers"
}

/// autoscaling/v1 `SetDefaults_HorizontalPodAutoscaler`: minReplicas 1.
pub fn default_v1(obj: &mut Value) {
    if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) {
        if spec.get("minReplicas").is_none_or(Value::is_null) {
            spec.insert("minReplicas".into(), json!(1));
        }
    }
}

fn present<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

fn arr(v: &Value, key: &str) -> Vec<Value> {
    present(v, key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// A Go struct marshalled in field order: `(name, value, omitempty)`.
fn go_struct(fields: &[(&str, Option<String>)]) -> String {
    let mut out = String::from("{");
    for (name, value) in fields {
        if let Some(v) = value {
            if out.len() > 1 {
                out.push(',');
            }
            write_string(&mut out, name);
            out.push(':');
            out.push_str(v);
        }
    }
    out.push('}');
    out
}

fn go_array(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

/// A present field as Go marshals it (None when absent: omitempty).
fn opt(v: &Value, key: &str) -> Option<String> {
    present(v, key).map(to_compact)
}

/// A non-pointer field: its zero value when absent.
fn or_zero(v: &Value, key: &str, zero: &str) -> Option<String> {
    Some(opt(v, key).unwrap_or_else(|| zero.to_string()))
}

/// `metav1.LabelSelector` (matchLabels, then matchExpressions).
fn selector(v: &Value, key: &str) -> Option<String> {
    let s = present(v, key)?;
    let exprs = present(s, "matchExpressions")
        .and_then(Value::as_array)
        .map(|a| {
            go_array(a.iter().map(|e| {
                go_struct(&[
                    ("key", or_zero(e, "key", "\"\"")),
                    ("operator", or_zero(e, "operator", "\"\"")),
                    ("values", opt(e, "values").filter(|s| s != "[]")),
                ])
            }))
        });
    Some(go_struct(&[
        ("matchLabels", opt(s, "matchLabels").filter(|s| s != "{}")),
        ("matchExpressions", exprs.filter(|s| s != "[]")),
    ]))
}

/// v1 `CrossVersionObjectReference` of a v2 one.
fn reference(r: &Value) -> String {
    go_struct(&[
        ("kind", or_zero(r, "kind", "\"\"")),
        ("name", or_zero(r, "name", "\"\"")),
        ("apiVersion", opt(r, "apiVersion").filter(|s| s != "\"\"")),
    ])
}

fn null() -> Value {
    Value::Null
}

/// One v2 `MetricSpec` as v1's `MetricSpec` JSON.
fn metric_spec_v1(m: &Value) -> String {
    let ty = m["type"].as_str().unwrap_or("");
    let src = |k: &str| m.get(k).cloned().unwrap_or_else(null);
    let (object, pods, resource, container, external) = (
        src("object"),
        src("pods"),
        src("resource"),
        src("containerResource"),
        src("external"),
    );
    let target = |s: &Value| s.get("target").cloned().unwrap_or_else(null);
    let metric = |s: &Value| s.get("metric").cloned().unwrap_or_else(null);
    let resource_like = |s: &Value, with_container: bool| {
        let t = target(s);
        go_struct(&[
            ("name", or_zero(s, "name", "\"\"")),
            ("targetAverageUtilization", opt(&t, "averageUtilization")),
            ("targetAverageValue", opt(&t, "averageValue")),
            (
                "container",
                with_container.then(|| or_zero(s, "container", "\"\"").unwrap_or_default()),
            ),
        ])
    };
    let present_src = |s: &Value| !s.is_null();
    go_struct(&[
        ("type", Some(to_compact(&json!(ty)))),
        (
            "object",
            present_src(&object).then(|| {
                let (t, id) = (target(&object), metric(&object));
                go_struct(&[
                    (
                        "target",
                        Some(reference(
                            object.get("describedObject").unwrap_or(&Value::Null),
                        )),
                    ),
                    ("metricName", or_zero(&id, "name", "\"\"")),
                    ("targetValue", or_zero(&t, "value", "\"0\"")),
                    ("selector", selector(&id, "selector")),
                    ("averageValue", opt(&t, "averageValue")),
                ])
            }),
        ),
        (
            "pods",
            present_src(&pods).then(|| {
                let (t, id) = (target(&pods), metric(&pods));
                go_struct(&[
                    ("metricName", or_zero(&id, "name", "\"\"")),
                    ("targetAverageValue", or_zero(&t, "averageValue", "\"0\"")),
                    ("selector", selector(&id, "selector")),
                ])
            }),
        ),
        (
            "resource",
            present_src(&resource).then(|| resource_like(&resource, false)),
        ),
        (
            "containerResource",
            present_src(&container).then(|| resource_like(&container, true)),
        ),
        (
            "external",
            present_src(&external).then(|| {
                let (t, id) = (target(&external), metric(&external));
                go_struct(&[
                    ("metricName", or_zero(&id, "name", "\"\"")),
                    ("metricSelector", selector(&id, "selector")),
                    ("targetValue", opt(&t, "value")),
                    ("targetAverageValue", opt(&t, "averageValue")),
                ])
            }),
        ),
    ])
}

/// One v2 `MetricStatus` as v1's `MetricStatus` JSON.
fn metric_status_v1(m: &Value) -> String {
    let ty = m["type"].as_str().unwrap_or("");
    let src = |k: &str| present(m, k).cloned();
    let current = |s: &Value| s.get("current").cloned().unwrap_or_else(null);
    let metric = |s: &Value| s.get("metric").cloned().unwrap_or_else(null);
    let resource_like = |s: &Value, with_container: bool| {
        let c = current(s);
        go_struct(&[
            ("name", or_zero(s, "name", "\"\"")),
            ("currentAverageUtilization", opt(&c, "averageUtilization")),
            ("currentAverageValue", or_zero(&c, "averageValue", "\"0\"")),
            (
                "container",
                with_container.then(|| or_zero(s, "container", "\"\"").unwrap_or_default()),
            ),
        ])
    };
    go_struct(&[
        ("type", Some(to_compact(&json!(ty)))),
        (
            "object",
            src("object").map(|o| {
                let (c, id) = (current(&o), metric(&o));
                go_struct(&[
                    (
                        "target",
                        Some(reference(o.get("describedObject").unwrap_or(&Value::Null))),
                    ),
                    ("metricName", or_zero(&id, "name", "\"\"")),
                    ("currentValue", or_zero(&c, "value", "\"0\"")),
                    ("selector", selector(&id, "selector")),
                    ("averageValue", opt(&c, "averageValue")),
                ])
            }),
        ),
        (
            "pods",
            src("pods").map(|p| {
                let (c, id) = (current(&p), metric(&p));
                go_struct(&[
                    ("metricName", or_zero(&id, "name", "\"\"")),
                    ("currentAverageValue", or_zero(&c, "averageValue", "\"0\"")),
                    ("selector", selector(&id, "selector")),
                ])
            }),
        ),
        (
            "resource",
            src("resource").map(|r| resource_like(&r, false)),
        ),
        (
            "containerResource",
            src("containerResource").map(|r| resource_like(&r, true)),
        ),
        (
            "external",
            src("external").map(|e| {
                let (c, id) = (current(&e), metric(&e));
                go_struct(&[
                    ("metricName", or_zero(&id, "name", "\"\"")),
                    ("metricSelector", selector(&id, "selector")),
                    ("currentValue", or_zero(&c, "value", "\"0\"")),
                    ("currentAverageValue", opt(&c, "averageValue")),
                ])
            }),
        ),
    ])
}

/// v1 `HorizontalPodAutoscalerCondition` (lastTransitionTime is a struct:
/// always written, `null` when zero).
fn condition_v1(c: &Value) -> String {
    go_struct(&[
        ("type", or_zero(c, "type", "\"\"")),
        ("status", or_zero(c, "status", "\"\"")),
        (
            "lastTransitionTime",
            or_zero(c, "lastTransitionTime", "null"),
        ),
        ("reason", opt(c, "reason").filter(|s| s != "\"\"")),
        ("message", opt(c, "message").filter(|s| s != "\"\"")),
    ])
}

/// The internal `HorizontalPodAutoscalerBehavior`: no json tags, so Go
/// field names and every pointer written (`null` when nil).
fn behavior_internal(b: &Value) -> String {
    let rules = |key: &str| {
        Some(match present(b, key) {
            None => "null".to_string(),
            Some(r) => go_struct(&[
                (
                    "StabilizationWindowSeconds",
                    or_zero(r, "stabilizationWindowSeconds", "null"),
                ),
                ("SelectPolicy", or_zero(r, "selectPolicy", "null")),
                (
                    "Policies",
                    Some(match present(r, "policies").and_then(Value::as_array) {
                        None => "null".to_string(),
                        Some(ps) => go_array(ps.iter().map(|p| {
                            go_struct(&[
                                ("Type", or_zero(p, "type", "\"\"")),
                                ("Value", or_zero(p, "value", "0")),
                                ("PeriodSeconds", or_zero(p, "periodSeconds", "0")),
                            ])
                        })),
                    }),
                ),
                ("Tolerance", or_zero(r, "tolerance", "null")),
            ]),
        })
    };
    go_struct(&[
        ("ScaleUp", rules("scaleUp")),
        ("ScaleDown", rules("scaleDown")),
    ])
}

fn is_cpu_resource(m: &Value) -> bool {
    m["type"] == "Resource" && m["resource"]["name"] == "cpu"
}

/// The stored autoscaling/v2 object as autoscaling/v1 serves it.
pub fn to_v1(v2: &Value) -> Value {
    let mut out = Map::new();
    out.insert("apiVersion".into(), json!("autoscaling/v1"));
    out.insert("kind".into(), json!("HorizontalPodAutoscaler"));
    let mut metadata = v2.get("metadata").cloned().unwrap_or_else(|| json!({}));
    let mut annotations: Map<String, Value> = metadata
        .get("annotations")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for k in ROUND_TRIP {
        annotations.remove(k);
    }
    let spec = v2.get("spec").cloned().unwrap_or_else(|| json!({}));
    let status = v2.get("status").cloned().unwrap_or_else(|| json!({}));
    let metrics = arr(&spec, "metrics");

    let mut spec_v1 = Map::new();
    let target = spec.get("scaleTargetRef").cloned().unwrap_or_else(null);
    spec_v1.insert(
        "scaleTargetRef".into(),
        serde_json::from_str(&reference(&target)).unwrap_or_else(|_| json!({})),
    );
    for k in ["minReplicas", "maxReplicas"] {
        if let Some(v) = present(&spec, k) {
            spec_v1.insert(k.into(), v.clone());
        }
    }
    if !spec_v1.contains_key("maxReplicas") {
        spec_v1.insert("maxReplicas".into(), json!(0));
    }
    // The first cpu Resource metric decides, utilization or not.
    if let Some(u) = metrics
        .iter()
        .find(|m| is_cpu_resource(m))
        .and_then(|m| present(&m["resource"]["target"], "averageUtilization"))
    {
        spec_v1.insert("targetCPUUtilizationPercentage".into(), u.clone());
    }
    let others: Vec<String> = metrics
        .iter()
        .filter(|m| {
            !(is_cpu_resource(m)
                && present(&m["resource"]["target"], "averageUtilization").is_some())
        })
        .map(metric_spec_v1)
        .collect();
    if !others.is_empty() {
        annotations.insert(
            METRICS_ANNOTATION.into(),
            json!(go_array(others.into_iter())),
        );
    }

    let mut status_v1 = Map::new();
    for k in ["observedGeneration", "lastScaleTime"] {
        if let Some(v) = present(&status, k) {
            status_v1.insert(k.into(), v.clone());
        }
    }
    for k in ["currentReplicas", "desiredReplicas"] {
        status_v1.insert(k.into(), present(&status, k).cloned().unwrap_or(json!(0)));
    }
    let current = arr(&status, "currentMetrics");
    // Every cpu Resource status is read: the last one with a utilization wins.
    for m in current.iter().filter(|m| is_cpu_resource(m)) {
        if let Some(u) = present(&m["resource"]["current"], "averageUtilization") {
            status_v1.insert("currentCPUUtilizationPercentage".into(), u.clone());
        }
    }
    if !current.is_empty() {
        annotations.insert(
            CURRENT_METRICS_ANNOTATION.into(),
            json!(go_array(current.iter().map(metric_status_v1))),
        );
    }
    if let Some(b) = present(&spec, "behavior") {
        annotations.insert(BEHAVIOR_ANNOTATION.into(), json!(behavior_internal(b)));
    }
    let conditions = arr(&status, "conditions");
    if !conditions.is_empty() {
        annotations.insert(
            CONDITIONS_ANNOTATION.into(),
            json!(go_array(conditions.iter().map(condition_v1))),
        );
    }
    if let Some(m) = metadata.as_object_mut() {
        if annotations.is_empty() {
            m.remove("annotations");
        } else {
            m.insert("annotations".into(), Value::Object(annotations));
        }
    }
    out.insert("metadata".into(), metadata);
    out.insert("spec".into(), Value::Object(spec_v1));
    out.insert("status".into(), Value::Object(status_v1));
    Value::Object(out)
}

/// A field read the way `encoding/json` matches names: case-insensitively.
fn field<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    let m = v.as_object()?;
    m.get(name)
        .or_else(|| {
            m.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })
        .filter(|x| !x.is_null())
}

/// Inserts `key` when `v` is present.
fn put(out: &mut Map<String, Value>, key: &str, v: Option<&Value>) {
    if let Some(v) = v {
        out.insert(key.into(), v.clone());
    }
}

fn identifier(name: Option<&Value>, selector: Option<&Value>) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), name.cloned().unwrap_or(json!("")));
    put(&mut m, "selector", selector);
    Value::Object(m)
}

fn described(target: Option<&Value>) -> Value {
    let t = target.cloned().unwrap_or_else(|| json!({}));
    let mut m = Map::new();
    m.insert(
        "kind".into(),
        field(&t, "kind").cloned().unwrap_or(json!("")),
    );
    m.insert(
        "name".into(),
        field(&t, "name").cloned().unwrap_or(json!("")),
    );
    put(
        &mut m,
        "apiVersion",
        field(&t, "apiVersion").filter(|v| *v != ""),
    );
    Value::Object(m)
}

/// One v1 `MetricSpec` (from the annotation) as v2.
fn metric_spec_v2(m: &Value) -> Value {
    let mut out = Map::new();
    out.insert(
        "type".into(),
        field(m, "type").cloned().unwrap_or(json!("")),
    );
    let zero = json!("0");
    if let Some(o) = field(m, "object") {
        let avg = field(o, "averageValue");
        let mut t = Map::new();
        t.insert(
            "type".into(),
            json!(if avg.is_none() {
                "Value"
            } else {
                "AverageValue"
            }),
        );
        t.insert(
            "value".into(),
            field(o, "targetValue").unwrap_or(&zero).clone(),
        );
        put(&mut t, "averageValue", avg);
        out.insert(
            "object".into(),
            json!({"describedObject": described(field(o, "target")),
                "metric": identifier(field(o, "metricName"), field(o, "selector")),
                "target": t}),
        );
    }
    if let Some(p) = field(m, "pods") {
        out.insert(
            "pods".into(),
            json!({"metric": identifier(field(p, "metricName"), field(p, "selector")),
                "target": {"type": "AverageValue",
                    "averageValue": field(p, "targetAverageValue").unwrap_or(&zero)}}),
        );
    }
    for (key, with_container) in [("resource", false), ("containerResource", true)] {
        if let Some(r) = field(m, key) {
            let util = field(r, "targetAverageUtilization");
            let mut t = Map::new();
            t.insert(
                "type".into(),
                json!(if util.is_none() {
                    "AverageValue"
                } else {
                    "Utilization"
                }),
            );
            put(&mut t, "averageValue", field(r, "targetAverageValue"));
            put(&mut t, "averageUtilization", util);
            out.insert(key.into(), resource_source(r, with_container, "target", t));
        }
    }
    if let Some(e) = field(m, "external") {
        let value = field(e, "targetValue");
        let mut t = Map::new();
        t.insert(
            "type".into(),
            json!(if value.is_none() {
                "AverageValue"
            } else {
                "Value"
            }),
        );
        put(&mut t, "value", value);
        put(&mut t, "averageValue", field(e, "targetAverageValue"));
        out.insert(
            "external".into(),
            json!({"metric": identifier(field(e, "metricName"), field(e, "metricSelector")),
                "target": t}),
        );
    }
    Value::Object(out)
}

/// A v2 resource or container-resource source: its name (and container),
/// then the target or current values under `what`.
fn resource_source(
    r: &Value,
    with_container: bool,
    what: &str,
    values: Map<String, Value>,
) -> Value {
    let mut s = Map::new();
    s.insert(
        "name".into(),
        field(r, "name").cloned().unwrap_or(json!("")),
    );
    if with_container {
        s.insert(
            "container".into(),
            field(r, "container").cloned().unwrap_or(json!("")),
        );
    }
    s.insert(what.into(), Value::Object(values));
    Value::Object(s)
}

/// One v1 `MetricStatus` (from the annotation) as v2.
fn metric_status_v2(m: &Value) -> Value {
    let mut out = Map::new();
    out.insert(
        "type".into(),
        field(m, "type").cloned().unwrap_or(json!("")),
    );
    let zero = json!("0");
    if let Some(o) = field(m, "object") {
        let mut c = Map::new();
        c.insert(
            "value".into(),
            field(o, "currentValue").unwrap_or(&zero).clone(),
        );
        put(&mut c, "averageValue", field(o, "averageValue"));
        out.insert(
            "object".into(),
            json!({"describedObject": described(field(o, "target")),
                "metric": identifier(field(o, "metricName"), field(o, "selector")),
                "current": c}),
        );
    }
    if let Some(p) = field(m, "pods") {
        out.insert(
            "pods".into(),
            json!({"metric": identifier(field(p, "metricName"), field(p, "selector")),
                "current": {"averageValue": field(p, "currentAverageValue").unwrap_or(&zero)}}),
        );
    }
    for (key, with_container) in [("resource", false), ("containerResource", true)] {
        if let Some(r) = field(m, key) {
            let mut c = Map::new();
            c.insert(
                "averageValue".into(),
                field(r, "currentAverageValue").unwrap_or(&zero).clone(),
            );
            put(
                &mut c,
                "averageUtilization",
                field(r, "currentAverageUtilization"),
            );
            out.insert(key.into(), resource_source(r, with_container, "current", c));
        }
    }
    if let Some(e) = field(m, "external") {
        let mut c = Map::new();
        c.insert(
            "value".into(),
            field(e, "currentValue").unwrap_or(&zero).clone(),
        );
        put(&mut c, "averageValue", field(e, "currentAverageValue"));
        out.insert(
            "external".into(),
            json!({"metric": identifier(field(e, "metricName"), field(e, "metricSelector")),
                "current": c}),
        );
    }
    Value::Object(out)
}

fn condition_v2(c: &Value) -> Value {
    let mut out = Map::new();
    for k in ["type", "status"] {
        out.insert(k.into(), field(c, k).cloned().unwrap_or(json!("")));
    }
    out.insert(
        "lastTransitionTime".into(),
        field(c, "lastTransitionTime")
            .cloned()
            .unwrap_or(Value::Null),
    );
    for k in ["reason", "message"] {
        put(&mut out, k, field(c, k).filter(|v| *v != ""));
    }
    Value::Object(out)
}

fn behavior_v2(b: &Value) -> Value {
    let mut out = Map::new();
    for (go, key) in [("ScaleUp", "scaleUp"), ("ScaleDown", "scaleDown")] {
        let Some(r) = field(b, go) else { continue };
        let mut rules = Map::new();
        put(
            &mut rules,
            "stabilizationWindowSeconds",
            field(r, "StabilizationWindowSeconds"),
        );
        put(&mut rules, "selectPolicy", field(r, "SelectPolicy"));
        if let Some(ps) = field(r, "Policies").and_then(Value::as_array) {
            let ps: Vec<Value> = ps
                .iter()
                .map(|p| {
                    json!({"type": field(p, "Type").cloned().unwrap_or(json!("")),
                        "value": field(p, "Value").cloned().unwrap_or(json!(0)),
                        "periodSeconds": field(p, "PeriodSeconds").cloned().unwrap_or(json!(0))})
                })
                .collect();
            rules.insert("policies".into(), Value::Array(ps));
        }
        put(&mut rules, "tolerance", field(r, "Tolerance"));
        out.insert(key.into(), Value::Object(rules));
    }
    Value::Object(out)
}

/// An annotation's JSON, or the decoding error the server reports.
fn decode_annotation<T>(
    annotations: &Map<String, Value>,
    key: &str,
    go_type: &str,
    f: impl Fn(&Value) -> Option<T>,
) -> Result<Option<T>, String> {
    let Some(text) = annotations.get(key).and_then(Value::as_str) else {
        return Ok(None);
    };
    let v: Value = serde_json::from_str(text)
        .map_err(|e| crate::api::go_json::syntax_error(text.as_bytes(), &e))?;
    f(&v).map(Some).ok_or_else(|| {
        format!(
            "json: cannot unmarshal {} into Go value of type {go_type}",
            go_kind(&v)
        )
    })
}

fn go_kind(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "object",
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        Value::Null => "null",
    }
}

fn each(v: &Value, f: fn(&Value) -> Value) -> Option<Vec<Value>> {
    match v {
        Value::Null => Some(vec![]),
        Value::Array(a) => Some(a.iter().map(f).collect()),
        _ => None,
    }
}

/// An autoscaling/v1 object (already defaulted) as the stored v2 form.
pub fn from_v1(v1: &Value) -> Result<Value, String> {
    let mut out = v1.as_object().cloned().unwrap_or_default();
    out.insert("apiVersion".into(), json!("autoscaling/v2"));
    let mut metadata = v1.get("metadata").cloned().unwrap_or_else(|| json!({}));
    let annotations: Map<String, Value> = metadata
        .get("annotations")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let spec = v1.get("spec").cloned().unwrap_or_else(|| json!({}));
    let status = v1.get("status").cloned().unwrap_or_else(|| json!({}));

    let mut spec_v2 = spec.as_object().cloned().unwrap_or_default();
    spec_v2.remove("targetCPUUtilizationPercentage");
    let mut metrics =
        decode_annotation(&annotations, METRICS_ANNOTATION, "[]v1.MetricSpec", |v| {
            each(v, metric_spec_v2)
        })?
        .unwrap_or_default();
    if let Some(u) = present(&spec, "targetCPUUtilizationPercentage") {
        metrics.push(json!({"type": "Resource", "resource": {"name": "cpu",
            "target": {"type": "Utilization", "averageUtilization": u}}}));
    }
    if metrics.is_empty() {
        metrics.push(json!({"type": "Resource", "resource": {"name": "cpu",
            "target": {"type": "Utilization", "averageUtilization": DEFAULT_CPU_UTILIZATION}}}));
    }
    spec_v2.insert("metrics".into(), Value::Array(metrics));
    if let Some(b) = decode_annotation(
        &annotations,
        BEHAVIOR_ANNOTATION,
        "autoscaling.HorizontalPodAutoscalerBehavior",
        |v| v.is_object().then(|| behavior_v2(v)),
    )? {
        spec_v2.insert("behavior".into(), b);
    }

    let mut status_v2 = Map::new();
    for k in ["observedGeneration", "lastScaleTime"] {
        put(&mut status_v2, k, present(&status, k));
    }
    put(
        &mut status_v2,
        "currentReplicas",
        present(&status, "currentReplicas").filter(|v| v.as_i64() != Some(0)),
    );
    status_v2.insert(
        "desiredReplicas".into(),
        present(&status, "desiredReplicas")
            .cloned()
            .unwrap_or(json!(0)),
    );
    let mut current = present(&status, "currentCPUUtilizationPercentage").map(|u| {
        vec![json!({"type": "Resource", "resource": {"name": "cpu",
            "current": {"averageUtilization": u}}})]
    });
    if let Some(c) = decode_annotation(
        &annotations,
        CURRENT_METRICS_ANNOTATION,
        "[]v1.MetricStatus",
        |v| each(v, metric_status_v2),
    )? {
        current = Some(c);
    }
    status_v2.insert(
        "currentMetrics".into(),
        current.map(Value::Array).unwrap_or(Value::Null),
    );
    if let Some(c) = decode_annotation(
        &annotations,
        CONDITIONS_ANNOTATION,
        "[]v1.HorizontalPodAutoscalerCondition",
        |v| each(v, condition_v2),
    )? {
        status_v2.insert("conditions".into(), Value::Array(c));
    }

    let mut kept = annotations;
    for k in ROUND_TRIP {
        kept.remove(k);
    }
    if let Some(m) = metadata.as_object_mut() {
        if kept.is_empty() {
            m.remove("annotations");
        } else {
            m.insert("annotations".into(), Value::Object(kept));
        }
    }
    out.insert("metadata".into(), metadata);
    out.insert("spec".into(), Value::Object(spec_v2));
    out.insert("status".into(), Value::Object(status_v2));
    Ok(Value::Object(out))
}

#[cfg(test)]
#[path = "hpa_v1_tests.rs"]
mod tests;
