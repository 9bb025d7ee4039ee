//! The Events section (`DescribeEvents`) and the event search describers use
//! (`searchEvents`: a field selector on the involved object).

use super::{s, Ctx, Writer};
use crate::clock::Time;
use serde_json::Value;

/// The involved object an event search matches: name and namespace always,
/// kind and uid when given.
pub struct Ref<'a> {
    pub name: &'a str,
    pub namespace: &'a str,
    pub kind: Option<&'a str>,
    pub uid: Option<&'a str>,
}

impl<'a> Ref<'a> {
    /// `reference.GetReference` of an object: its kind, name, namespace, uid.
    pub fn of(obj: &'a Value) -> Ref<'a> {
        let kind = s(obj, &["kind"]);
        let uid = s(obj, &["metadata", "uid"]);
        Ref {
            name: s(obj, &["metadata", "name"]),
            namespace: s(obj, &["metadata", "namespace"]),
            kind: (!kind.is_empty()).then_some(kind),
            uid: (!uid.is_empty()).then_some(uid),
        }
    }
}

/// The events about `r`, in the API's list order; `None` if the list failed.
pub fn search(ctx: &Ctx, r: &Ref) -> Option<Vec<Value>> {
    let mut fields = vec![
        format!("involvedObject.name={}", r.name),
        format!("involvedObject.namespace={}", r.namespace),
    ];
    if let Some(k) = r.kind {
        fields.push(format!("involvedObject.kind={k}"));
    }
    if let Some(u) = r.uid {
        fields.push(format!("involvedObject.uid={u}"));
    }
    let ns = (!r.namespace.is_empty()).then_some(r.namespace);
    ctx.list("events", ns, None, Some(fields.join(","))).ok()
}

fn ts_millis(v: &Value, field: &str) -> i64 {
    v.get(field)
        .and_then(Value::as_str)
        .and_then(Time::parse_rfc3339)
        .map(|t| t.0)
        .unwrap_or(i64::MIN)
}

/// Writes the Events section: `Events:\t<none>` when there are none (aligned
/// with what precedes it), else a flush and the table sorted by lastTimestamp.
pub fn describe_events(ctx: &Ctx, events: &[Value], w: &mut Writer) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    w.flush();
    let mut sorted: Vec<&Value> = events.iter().collect();
    // A zero lastTimestamp (events.k8s.io events) sorts first; ties keep list order.
    sorted.sort_by_key(|e| ts_millis(e, "lastTimestamp"));
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let event_time = e.get("eventTime").and_then(Value::as_str);
        let first = match event_time.and_then(Time::parse_rfc3339) {
            Some(_) => ctx.since(event_time),
            None => ctx.since(e.get("firstTimestamp").and_then(Value::as_str)),
        };
        let count = e.get("count").and_then(Value::as_i64).unwrap_or(0);
        let interval = match e.get("series").filter(|v| v.is_object()) {
            Some(series) => format!(
                "{} (x{} over {first})",
                ctx.since(series.get("lastObservedTime").and_then(Value::as_str)),
                series.get("count").and_then(Value::as_i64).unwrap_or(0)
            ),
            None if count > 1 => format!(
                "{} (x{count} over {first})",
                ctx.since(e.get("lastTimestamp").and_then(Value::as_str))
            ),
            None => first,
        };
        let source = match s(e, &["source", "component"]) {
            "" => s(e, &["reportingComponent"]),
            c => c,
        };
        w.write(
            1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{}\n",
                s(e, &["type"]),
                s(e, &["reason"]),
                s(e, &["message"]).trim()
            ),
        );
    }
}

/// The events of `r` written as the Events section, when `--show-events`.
pub fn section(ctx: &Ctx, r: &Ref, w: &mut Writer) {
    if !ctx.show_events {
        return;
    }
    // A failed list still leaves an (empty) list, so `<none>` is printed.
    let events = search(ctx, r).unwrap_or_default();
    describe_events(ctx, &events, w);
}
