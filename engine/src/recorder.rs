//! Event recording as the real components do it (EVENTS.md §1-2): the legacy
//! recorder of the kubelet and controllers (count, first/last timestamps,
//! identical events aggregated) and the events.k8s.io recorder of the
//! scheduler (eventTime, reportingInstance, action).

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::store::{event_key, IndexField};
use serde_json::{json, Value};
use std::sync::Arc;

/// Who reports an event.
#[derive(Clone, Debug)]
pub struct Source {
    pub component: &'static str,
    /// Node name for kubelets; empty for controllers.
    pub host: String,
}

fn events_resource(api: &ApiServer) -> Option<crate::api::ApiResource> {
    api.registry().resolve("events").cloned()
}

/// The events of a namespace an index files under `value` (in list order):
/// by aggregation key (involved uid, reason, message) or by involved uid —
/// the only ones aggregation can match. Without the index, all of them.
fn events_indexed(
    api: &ApiServer,
    r: &crate::api::ApiResource,
    ns: &str,
    field: IndexField,
    value: &str,
) -> Vec<Arc<Value>> {
    let opts = ListOptions::default();
    if field.covers(&r.key()) {
        api.list_indexed_shared(r, Some(ns), field, value, &opts)
    } else {
        api.list_shared(r, Some(ns), &opts)
    }
    .unwrap_or_default()
}

fn involved_object(obj: &Value, field_path: Option<&str>) -> Value {
    let mut o = json!({
        "apiVersion": obj.get("apiVersion").cloned().unwrap_or(json!("v1")),
        "kind": obj.get("kind").cloned().unwrap_or(json!("")),
        "name": meta::name(obj),
        "uid": meta::str_at(obj, &["metadata", "uid"]).unwrap_or(""),
        "resourceVersion": meta::str_at(obj, &["metadata", "resourceVersion"]).unwrap_or(""),
    });
    let ns = meta::namespace(obj);
    if !ns.is_empty() {
        o["namespace"] = json!(ns);
    }
    if let Some(fp) = field_path {
        o["fieldPath"] = json!(fp);
    }
    o
}

/// `<involved name>.<hex unix nanos>`, made unique within a millisecond:
/// the first of `base`, `base+1`, ... (up to 1000) not taken.
fn event_name(api: &ApiServer, r: &crate::api::ApiResource, involved: &str, ns: &str) -> String {
    let base = api.now().0 as u64 * 1_000_000;
    let name = |i: u64| format!("{involved}.{:x}", base + i);
    let (first, last) = (name(0), name(999));
    if first.len() != last.len() {
        // The hex grows a digit inside the range: names do not sort by number.
        return (0..1000u64)
            .map(name)
            .find(|n| !api.exists(r, ns, n))
            .unwrap_or(first);
    }
    // Candidates of one length sort as their numbers: walk the taken names
    // in order; the first candidate passed without meeting it is free.
    let mut next = 0u64;
    let mut candidate = first.clone();
    for taken in api.names_between(r, ns, &first, &last) {
        if taken == candidate {
            next += 1;
            candidate = name(next);
        } else if *taken > *candidate {
            break;
        }
    }
    if next < 1000 {
        name(next)
    } else {
        first
    }
}

/// The namespace an event about `obj` lives in (`default` for cluster-scoped objects).
fn event_namespace(obj: &Value) -> String {
    match meta::namespace(obj) {
        "" => "default".into(),
        ns => ns.into(),
    }
}

/// Legacy recorder: an identical event bumps `count` and `lastTimestamp`.
pub fn record(
    api: &mut ApiServer,
    obj: &Value,
    field_path: Option<&str>,
    kind: &str,
    reason: &str,
    message: &str,
    source: &Source,
) {
    let Some(r) = events_resource(api) else {
        return;
    };
    let ns = event_namespace(obj);
    let now = api.now().rfc3339();
    let involved = involved_object(obj, field_path);
    let key = event_key(involved["uid"].as_str().unwrap_or(""), reason, message);
    let existing = events_indexed(api, &r, &ns, IndexField::EventKey, &key)
        .into_iter()
        .find(|e| {
            e.get("reason").and_then(Value::as_str) == Some(reason)
                && e.get("message").and_then(Value::as_str) == Some(message)
                && e.get("type").and_then(Value::as_str) == Some(kind)
                && meta::str_at(e, &["source", "component"]) == Some(source.component)
                && e["involvedObject"]["uid"] == involved["uid"]
                && e["involvedObject"].get("fieldPath") == involved.get("fieldPath")
        });
    if let Some(mut e) = existing.map(Arc::unwrap_or_clone) {
        let count = e.get("count").and_then(Value::as_i64).unwrap_or(1) + 1;
        e["count"] = json!(count);
        e["lastTimestamp"] = json!(now);
        let _ = api.update(&r, &ns, e);
        return;
    }
    let mut src = json!({"component": source.component});
    if !source.host.is_empty() {
        src["host"] = json!(source.host);
    }
    let event = json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": event_name(api, &r, meta::name(obj), &ns), "namespace": ns},
        "involvedObject": involved,
        "reason": reason,
        "message": message,
        "source": src,
        "firstTimestamp": now,
        "lastTimestamp": now,
        "count": 1,
        "type": kind,
        "eventTime": null,
        "reportingComponent": source.component,
        "reportingInstance": source.host,
    });
    let _ = api.create(&r, &ns, event, &WriteOptions::default());
}

/// Who reports an events.k8s.io event, and the action it took.
pub struct Reporter<'a> {
    pub controller: &'a str,
    pub instance: &'a str,
    pub action: &'a str,
}

/// events.k8s.io recorder (the scheduler's): eventTime instead of timestamps.
pub fn record_new(
    api: &mut ApiServer,
    obj: &Value,
    kind: &str,
    reason: &str,
    message: &str,
    by: &Reporter,
) {
    let (action, controller) = (by.action, by.controller);
    let Some(r) = events_resource(api) else {
        return;
    };
    let ns = event_namespace(obj);
    let micro = format!(
        "{}.{:06}Z",
        api.now().rfc3339().trim_end_matches('Z'),
        api.now().0.rem_euclid(1000) * 1000
    );
    // An isomorphic event (EVENTS.md §2) becomes a series: the 2nd occurrence
    // is written at once; later ones only bump the recorder's memory, which
    // reaches the server every 30 minutes.
    let uid = meta::str_at(obj, &["metadata", "uid"])
        .unwrap_or("")
        .to_string();
    let existing = events_indexed(api, &r, &ns, IndexField::InvolvedUid, &uid)
        .into_iter()
        .find(|e| {
            e.get("reason").and_then(Value::as_str) == Some(reason)
                && e.get("type").and_then(Value::as_str) == Some(kind)
                && e.get("action").and_then(Value::as_str) == Some(action)
                && e.get("reportingComponent").and_then(Value::as_str) == Some(controller)
                && meta::str_at(e, &["involvedObject", "uid"]) == Some(uid.as_str())
        });
    if let Some(mut e) = existing.map(Arc::unwrap_or_clone) {
        if e.get("series").is_none() {
            e["series"] = json!({"count": 2, "lastObservedTime": micro});
            let _ = api.update(&r, &ns, e);
        }
        return;
    }
    create_new(api, obj, kind, reason, message, by, &micro);
}

/// record_new for an event that happens once per object (the scheduler's
/// `Scheduled`): no series to look for, so no scan of the namespace's events.
pub fn record_new_once(
    api: &mut ApiServer,
    obj: &Value,
    kind: &str,
    reason: &str,
    message: &str,
    by: &Reporter,
) {
    let micro = format!(
        "{}.{:06}Z",
        api.now().rfc3339().trim_end_matches('Z'),
        api.now().0.rem_euclid(1000) * 1000
    );
    create_new(api, obj, kind, reason, message, by, &micro);
}

fn create_new(
    api: &mut ApiServer,
    obj: &Value,
    kind: &str,
    reason: &str,
    message: &str,
    by: &Reporter,
    micro: &str,
) {
    let (action, controller, instance) = (by.action, by.controller, by.instance);
    let Some(r) = events_resource(api) else {
        return;
    };
    let ns = event_namespace(obj);
    let event = json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": event_name(api, &r, meta::name(obj), &ns), "namespace": ns},
        "involvedObject": involved_object(obj, None),
        "reason": reason,
        "message": message,
        "source": {},
        "firstTimestamp": null,
        "lastTimestamp": null,
        "type": kind,
        "eventTime": micro,
        "action": action,
        "reportingComponent": controller,
        "reportingInstance": instance,
    });
    let _ = api.create_shared(&r, &ns, event, &WriteOptions::default());
}

/// Whether an identical event about `obj` was recorded (or repeated) at or
/// after `since` — for controllers that resync on a period and must record
/// once per period, not once per reconcile pass.
pub fn recorded_since(
    api: &ApiServer,
    obj: &Value,
    reason: &str,
    message: &str,
    since: crate::clock::Time,
) -> bool {
    let Some(r) = events_resource(api) else {
        return false;
    };
    let uid = meta::str_at(obj, &["metadata", "uid"]).unwrap_or("");
    events_indexed(
        api,
        &r,
        &event_namespace(obj),
        IndexField::EventKey,
        &event_key(uid, reason, message),
    )
    .iter()
    .any(|e| {
        e.get("reason").and_then(Value::as_str) == Some(reason)
            && e.get("message").and_then(Value::as_str) == Some(message)
            && meta::str_at(e, &["involvedObject", "uid"]) == Some(uid)
            && meta::str_at(e, &["lastTimestamp"])
                .and_then(crate::clock::Time::parse_rfc3339)
                .is_some_and(|t| t.0 >= since.0 - since.0.rem_euclid(1000))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::World;

    fn world() -> World {
        let mut w = World::new(1, crate::clock::Time::from_secs(1_748_768_400));
        crate::presets::boot_minikube(&mut w, 1);
        w
    }

    #[test]
    fn names_take_the_first_free_nanosecond_and_identical_events_aggregate() {
        let mut w = world();
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap",
                        "metadata": {"name": "x", "namespace": "default", "uid": "u1"}});
        let src = Source {
            component: "test",
            host: String::new(),
        };
        for m in ["a", "b", "c", "a"] {
            record(&mut w.api, &cm, None, "Normal", "R", m, &src);
        }
        let r = events_resource(&w.api).unwrap();
        let names = |w: &World| -> Vec<String> {
            w.api
                .list(&r, Some("default"), &ListOptions::default())
                .unwrap()
                .iter()
                .filter(|e| e["involvedObject"]["uid"] == "u1")
                .map(|e| format!("{}={}", meta::name(e), e["count"]))
                .collect()
        };
        let base = w.api.now().0 as u64 * 1_000_000;
        let n = |i: u64| format!("x.{:x}", base + i);
        assert_eq!(
            names(&w),
            [
                format!("{}=2", n(0)),
                format!("{}=1", n(1)),
                format!("{}=1", n(2))
            ]
        );
        // A gap left by a deleted event is filled first.
        w.api
            .delete(&r, "default", &n(1), &WriteOptions::default())
            .unwrap();
        record(&mut w.api, &cm, None, "Normal", "R", "d", &src);
        assert!(names(&w).contains(&format!("{}=1", n(1))));
        assert!(recorded_since(&w.api, &cm, "R", "d", w.api.now()));
        assert!(!recorded_since(&w.api, &cm, "R", "e", w.api.now()));
    }
}
