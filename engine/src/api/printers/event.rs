//! Event (core/v1 and events.k8s.io/v1, one storage): `LAST SEEN TYPE REASON
//! OBJECT MESSAGE`, wide also `SUBOBJECT SOURCE` before MESSAGE and `FIRST
//! SEEN COUNT NAME` after (`printEvent`; the server always prints wide).

use super::common::{at, col, s};
use super::Printer;
use crate::api::table::{human_duration, Column};
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        col("Last Seen", "string", 0, "The time at which the most recent occurrence of this event was recorded."),
        col("Type", "string", 0, "Type of this event (Normal, Warning), new types could be added in the future"),
        col("Reason", "string", 0, "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        col("Object", "string", 0, "The object that this event is about."),
        col("Subobject", "string", 1, "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object."),
        col("Source", "string", 1, "The component reporting this event. Should be a short machine understandable string."),
        col("Message", "string", 0, "A human-readable description of the status of this operation."),
        col("First Seen", "string", 1, "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
        col("Count", "string", 1, "The number of times this event has occurred."),
        Column { name: std::borrow::Cow::Borrowed("Name"), kind: std::borrow::Cow::Borrowed("string"), format: std::borrow::Cow::Borrowed("name"), description: std::borrow::Cow::Borrowed("Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"), priority: 1 },
    ],
    row,
};

/// A field by its core/v1 name, else its events.k8s.io/v1 name.
fn field<'a>(ev: &'a Value, core: &[&str], events: &[&str]) -> Option<&'a Value> {
    at(ev, core)
        .filter(|v| !v.is_null())
        .or_else(|| at(ev, events).filter(|v| !v.is_null()))
}

fn text<'a>(ev: &'a Value, core: &[&str], events: &[&str]) -> &'a str {
    field(ev, core, events)
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// A metav1.Time or MicroTime, keeping milliseconds.
fn timestamp(v: Option<&Value>) -> Option<Time> {
    let s = v?.as_str().filter(|s| !s.is_empty())?;
    let t = Time::parse_rfc3339(s)?;
    let frac = s.get(19..).and_then(|r| r.strip_prefix('.')).unwrap_or("");
    let digits: String = frac
        .chars()
        .take_while(char::is_ascii_digit)
        .take(3)
        .collect();
    let millis = format!("{digits:0<3}").parse::<i64>().unwrap_or(0);
    Some(t.plus_millis(millis))
}

fn since(t: Option<Time>, now: Time) -> String {
    match t {
        Some(t) => human_duration(now.0 - t.0),
        None => "<unknown>".into(),
    }
}

fn row(ev: &Value, now: Time) -> Vec<Value> {
    let first = field(ev, &["firstTimestamp"], &["deprecatedFirstTimestamp"]);
    let first_seen = match timestamp(first) {
        Some(t) => since(Some(t), now),
        None => since(timestamp(at(ev, &["eventTime"])), now),
    };
    let mut last_seen = match timestamp(field(ev, &["lastTimestamp"], &["deprecatedLastTimestamp"]))
    {
        Some(t) => since(Some(t), now),
        None => first_seen.clone(),
    };
    let series = at(ev, &["series"]).filter(|v| v.is_object());
    let count = match series {
        Some(series) => {
            last_seen = since(timestamp(series.get("lastObservedTime")), now);
            series.get("count").and_then(Value::as_i64).unwrap_or(0)
        }
        None => match field(ev, &["count"], &["deprecatedCount"]).and_then(Value::as_i64) {
            None | Some(0) => 1,
            Some(n) => n,
        },
    };
    let kind = text(ev, &["involvedObject", "kind"], &["regarding", "kind"]).to_lowercase();
    let name = text(ev, &["involvedObject", "name"], &["regarding", "name"]);
    let object = if name.is_empty() {
        kind
    } else {
        format!("{kind}/{name}")
    };
    let component = match text(
        ev,
        &["source", "component"],
        &["deprecatedSource", "component"],
    ) {
        "" => text(ev, &["reportingComponent"], &["reportingController"]),
        c => c,
    };
    let instance = match text(ev, &["source", "host"], &["deprecatedSource", "host"]) {
        "" => s(ev, &["reportingInstance"]),
        h => h,
    };
    let source = if instance.is_empty() {
        component.to_string()
    } else {
        format!("{component}, {instance}")
    };
    vec![
        last_seen.into(),
        s(ev, &["type"]).into(),
        s(ev, &["reason"]).into(),
        object.into(),
        text(
            ev,
            &["involvedObject", "fieldPath"],
            &["regarding", "fieldPath"],
        )
        .into(),
        source.into(),
        text(ev, &["message"], &["note"]).trim().into(),
        first_seen.into(),
        count.into(),
        s(ev, &["metadata", "name"]).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells, now};
    use super::*;
    use serde_json::json;

    #[test]
    fn kubelet_event() {
        let ev = json!({"apiVersion": "v1", "kind": "Event",
            "metadata": {"name": "nginx.1842a3b4c5d6e7f8", "namespace": "default", "creationTimestamp": ago(65)},
            "involvedObject": {"kind": "Pod", "namespace": "default", "name": "nginx", "apiVersion": "v1",
                               "fieldPath": "spec.containers{nginx}"},
            "reason": "Pulled", "message": "Successfully pulled image \"nginx\" in 1.2s (1.2s including waiting). Image size: 72 bytes.\n",
            "source": {"component": "kubelet", "host": "minikube"},
            "firstTimestamp": ago(65), "lastTimestamp": ago(65), "count": 1, "type": "Normal",
            "eventTime": null, "reportingComponent": "kubelet", "reportingInstance": "minikube"});
        assert_eq!(
            cells(&PRINTER, &ev),
            vec![json!("65s"), json!("Normal"), json!("Pulled"), json!("pod/nginx"), json!("spec.containers{nginx}"),
                 json!("kubelet, minikube"),
                 json!("Successfully pulled image \"nginx\" in 1.2s (1.2s including waiting). Image size: 72 bytes."),
                 json!("65s"), json!(1), json!("nginx.1842a3b4c5d6e7f8")]
        );
    }

    #[test]
    fn repeated_controller_event() {
        let ev = json!({"metadata": {"name": "web.1"},
            "involvedObject": {"kind": "ReplicaSet", "name": "web-7c5dd"},
            "reason": "SuccessfulCreate", "message": "Created pod: web-7c5dd-abcde",
            "source": {"component": "replicaset-controller"}, "type": "Normal",
            "firstTimestamp": ago(600), "lastTimestamp": ago(30), "count": 4});
        let c = cells(&PRINTER, &ev);
        assert_eq!(c[0], json!("30s"));
        assert_eq!(c[3], json!("replicaset/web-7c5dd"));
        assert_eq!(c[5], json!("replicaset-controller"));
        assert_eq!(c[7..9], [json!("10m"), json!(4)]);
    }

    #[test]
    fn scheduler_event_from_the_events_api() {
        // As events.k8s.io/v1 writes it: no source, no first/last timestamps, count 0.
        let mut ev = json!({"metadata": {"name": "web.2"},
            "involvedObject": {"kind": "Pod", "name": "web"}, "reason": "Scheduled", "type": "Normal",
            "message": "Successfully assigned default/web to minikube", "source": {},
            "firstTimestamp": null, "lastTimestamp": null,
            "eventTime": now().plus_millis(-4_100).rfc3339().replace('Z', ".900000Z"),
            "reportingComponent": "default-scheduler", "reportingInstance": "default-scheduler-minikube", "action": "Binding"});
        // 11:59:55.9 is 4.1s before now: 4s, not the 5s of whole seconds.
        let c = cells(&PRINTER, &ev);
        assert_eq!(c[0], json!("4s"));
        assert_eq!(c[5], json!("default-scheduler, default-scheduler-minikube"));
        assert_eq!(c[7..9], [json!("4s"), json!(1)]);
        ev["series"] = json!({"count": 7, "lastObservedTime": ago(20)});
        let c = cells(&PRINTER, &ev);
        assert_eq!((c[0].clone(), c[8].clone()), (json!("20s"), json!(7)));
    }

    #[test]
    fn events_k8s_io_shape() {
        let ev = json!({"apiVersion": "events.k8s.io/v1", "kind": "Event",
            "metadata": {"name": "node.3"}, "regarding": {"kind": "Node", "name": "minikube"},
            "note": "  Node minikube status is now: NodeReady  ", "reason": "NodeReady", "type": "Normal",
            "deprecatedSource": {"component": "kubelet", "host": "minikube"},
            "deprecatedFirstTimestamp": ago(3600), "deprecatedLastTimestamp": ago(3600), "deprecatedCount": 1});
        let c = cells(&PRINTER, &ev);
        assert_eq!(
            c[..7],
            [
                json!("60m"),
                json!("Normal"),
                json!("NodeReady"),
                json!("node/minikube"),
                json!(""),
                json!("kubelet, minikube"),
                json!("Node minikube status is now: NodeReady")
            ]
        );
    }

    #[test]
    fn no_times_at_all() {
        let ev = json!({"metadata": {"name": "x"}, "involvedObject": {"kind": "Namespace"}});
        let c = cells(&PRINTER, &ev);
        assert_eq!(
            (c[0].clone(), c[3].clone(), c[7].clone()),
            (json!("<unknown>"), json!("namespace"), json!("<unknown>"))
        );
    }
}
