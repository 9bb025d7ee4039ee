//! Event recording as the real components do it (EVENTS.md §1-2): the legacy
//! recorder of the kubelet and controllers (count, first/last timestamps,
//! identical events aggregated) and the events.k8s.io recorder of the
//! scheduler (eventTime, reportingInstance, action).

use crate::api::meta;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use crate::store::{event_key, IndexField};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Similar events (differing only in their message) with this many distinct
/// messages in a row are combined (client-go `defaultAggregateMaxEvents`:
/// the 10th distinct message is already the combined event).
const AGGREGATE_MAX_EVENTS: usize = 10;
/// A similar event this long after the last one starts afresh (ms;
/// `defaultAggregateIntervalInSeconds`).
const AGGREGATE_INTERVAL_MS: i64 = 600_000;
/// The message prefix of a combined event (`EventAggregatorByReasonMessageFunc`).
pub const COMBINED: &str = "(combined from similar events): ";
/// The aggregator's LRU size (`maxLruCacheEntries`): beyond it, records
/// whose interval is over are dropped.
const MAX_RECORDS: usize = 4096;

/// The legacy recorder's EventAggregator memory (EVENTS.md §2): per
/// aggregate key (source, involved object but its fieldPath, type, reason,
/// reporting controller and instance), the distinct messages seen since the
/// key went quiet for more than the interval, and when it was last seen.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Aggregator {
    #[serde(default)]
    records: BTreeMap<String, AggregateRecord>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct AggregateRecord {
    messages: BTreeSet<String>,
    /// Virtual ms of the last similar event.
    last: i64,
}

impl Aggregator {
    /// Notes an event with `message` under `key` at `now`; true if it is to
    /// be recorded as the combined event.
    fn combine(&mut self, key: String, message: &str, now: i64) -> bool {
        if self.records.len() >= MAX_RECORDS && !self.records.contains_key(&key) {
            self.records
                .retain(|_, r| now - r.last <= AGGREGATE_INTERVAL_MS);
        }
        let r = self.records.entry(key).or_default();
        if r.messages.is_empty() || now - r.last > AGGREGATE_INTERVAL_MS {
            r.messages.clear();
        }
        r.last = now;
        if !r.messages.insert(message.to_string()) || r.messages.len() < AGGREGATE_MAX_EVENTS {
            return false;
        }
        // The set grows no larger: one of its messages goes (Go's PopAny;
        // here, deterministically, the new one).
        r.messages.remove(message);
        true
    }
}

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
    let aggregate_key = [
        source.component,
        &source.host,
        involved["kind"].as_str().unwrap_or(""),
        meta::namespace(obj),
        meta::name(obj),
        involved["uid"].as_str().unwrap_or(""),
        involved["apiVersion"].as_str().unwrap_or(""),
        kind,
        reason,
        source.component,
        &source.host,
    ]
    .join("\u{1f}");
    let now_ms = api.now().0;
    if api.recorder.combine(aggregate_key, message, now_ms) {
        record_combined(api, &r, &ns, involved, kind, reason, message, source);
        return;
    }
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
    let name = event_name(api, &r, meta::name(obj), &ns);
    let mut event = legacy_event(name, &ns, involved, kind, reason, message, source, &now);
    event["reportingComponent"] = json!(source.component);
    event["reportingInstance"] = json!(source.host);
    let _ = api.create(&r, &ns, event, &WriteOptions::default());
}

/// A new core/v1 Event as the legacy recorder writes it, count 1, with
/// empty reporting fields.
#[allow(clippy::too_many_arguments)]
fn legacy_event(
    name: String,
    ns: &str,
    involved: Value,
    kind: &str,
    reason: &str,
    message: &str,
    source: &Source,
    now: &str,
) -> Value {
    let mut src = json!({"component": source.component});
    if !source.host.is_empty() {
        src["host"] = json!(source.host);
    }
    json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": name, "namespace": ns},
        "involvedObject": involved,
        "reason": reason,
        "message": message,
        "source": src,
        "firstTimestamp": now,
        "lastTimestamp": now,
        "count": 1,
        "type": kind,
        "eventTime": null,
        "reportingComponent": "",
        "reportingInstance": "",
    })
}

/// The combined event of a similar series (the aggregate key is its
/// identity, not its message): created once, then each new one bumps its
/// count and lastTimestamp and replaces its message.
#[allow(clippy::too_many_arguments)]
fn record_combined(
    api: &mut ApiServer,
    r: &crate::api::ApiResource,
    ns: &str,
    involved: Value,
    kind: &str,
    reason: &str,
    message: &str,
    source: &Source,
) {
    let now = api.now().rfc3339();
    let message = format!("{COMBINED}{message}");
    let uid = involved["uid"].as_str().unwrap_or("").to_string();
    let existing = events_indexed(api, r, ns, IndexField::InvolvedUid, &uid)
        .into_iter()
        .find(|e| {
            e.get("reason").and_then(Value::as_str) == Some(reason)
                && e.get("type").and_then(Value::as_str) == Some(kind)
                && e.get("message")
                    .and_then(Value::as_str)
                    .is_some_and(|m| m.starts_with(COMBINED))
                && meta::str_at(e, &["source", "component"]) == Some(source.component)
                && meta::str_at(e, &["source", "host"]).unwrap_or("") == source.host
                && e["involvedObject"]["uid"] == involved["uid"]
                && e["involvedObject"]["kind"] == involved["kind"]
                && e["involvedObject"]["name"] == involved["name"]
        });
    if let Some(mut e) = existing.map(Arc::unwrap_or_clone) {
        let count = e.get("count").and_then(Value::as_i64).unwrap_or(1) + 1;
        e["count"] = json!(count);
        e["lastTimestamp"] = json!(now);
        e["message"] = json!(message);
        let _ = api.update(r, ns, e);
        return;
    }
    let name = event_name(api, r, involved["name"].as_str().unwrap_or(""), ns);
    // The aggregator builds this event afresh: no reporting controller.
    let event = legacy_event(name, ns, involved, kind, reason, &message, source, &now);
    let _ = api.create(r, ns, event, &WriteOptions::default());
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
    // The event may have gone into its similar events' combined one.
    let combined = format!("{COMBINED}{message}");
    [message, combined.as_str()]
        .iter()
        .any(|message| recorded_as_since(api, &r, obj, uid, reason, message, since))
}

fn recorded_as_since(
    api: &ApiServer,
    r: &crate::api::ApiResource,
    obj: &Value,
    uid: &str,
    reason: &str,
    message: &str,
    since: crate::clock::Time,
) -> bool {
    events_indexed(
        api,
        r,
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

    #[test]
    fn the_tenth_distinct_similar_message_goes_into_one_combined_event() {
        let mut w = world();
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap",
                        "metadata": {"name": "x", "namespace": "default", "uid": "u1"}});
        let src = Source {
            component: "test",
            host: String::new(),
        };
        let r = events_resource(&w.api).unwrap();
        let events = |w: &World| -> Vec<(String, i64)> {
            w.api
                .list(&r, Some("default"), &ListOptions::default())
                .unwrap()
                .iter()
                .filter(|e| e["involvedObject"]["uid"] == "u1")
                .map(|e| {
                    (
                        e["message"].as_str().unwrap().to_string(),
                        e["count"].as_i64().unwrap(),
                    )
                })
                .collect()
        };
        for i in 1..=12 {
            w.api.set_now(w.api.now().plus_millis(1000));
            record(
                &mut w.api,
                &cm,
                None,
                "Warning",
                "R",
                &format!("m{i}"),
                &src,
            );
        }
        let mut want: Vec<(String, i64)> = (1..=9).map(|i| (format!("m{i}"), 1)).collect();
        want.push((format!("{COMBINED}m12"), 3));
        assert_eq!(events(&w), want);
        let combined = w
            .api
            .list(&r, Some("default"), &ListOptions::default())
            .unwrap()
            .into_iter()
            .find(|e| e["count"] == 3)
            .unwrap();
        assert_eq!(combined["reportingComponent"], "");
        assert_ne!(combined["firstTimestamp"], combined["lastTimestamp"]);
        // A message already seen still counts on its own event; another
        // reason is another series.
        record(&mut w.api, &cm, None, "Warning", "R", "m2", &src);
        record(&mut w.api, &cm, None, "Warning", "Other", "m13", &src);
        let now = events(&w);
        assert!(now.contains(&("m2".into(), 2)));
        assert!(now.contains(&("m13".into(), 1)));
        assert!(recorded_since(&w.api, &cm, "R", "m12", w.api.now()));
        // Ten quiet minutes later the series starts afresh.
        w.api.set_now(w.api.now().plus_millis(600_001));
        record(&mut w.api, &cm, None, "Warning", "R", "m14", &src);
        assert!(events(&w).contains(&("m14".into(), 1)));
    }
}
