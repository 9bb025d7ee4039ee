//! Job: `NAME STATUS COMPLETIONS DURATION AGE`, wide `CONTAINERS IMAGES
//! SELECTOR` (`printJob`).

use super::common::{
    age, at, col, condition, containers, deleting, format_label_selector, int, s, time, AGE, NAME,
};
use super::Printer;
use crate::api::table::human_duration;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Status", "string", 0, "Status of the job."),
        col("Completions", "string", 0, "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs."),
        col("Duration", "string", 0, "Time required to complete the job."),
        AGE,
        col("Containers", "string", 1, "Names of each container in the template."),
        col("Images", "string", 1, "Images referenced by each container in the template."),
        col("Selector", "string", 1, "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
    ],
    row,
};

/// `hasJobCondition`: the first condition of the type has status True.
fn has_condition(job: &Value, kind: &str) -> bool {
    condition(job, &["status", "conditions"], kind)
        .is_some_and(|c| c.get("status").and_then(Value::as_str) == Some("True"))
}

fn status(job: &Value) -> &'static str {
    if has_condition(job, "Complete") {
        "Complete"
    } else if has_condition(job, "Failed") {
        "Failed"
    } else if deleting(job) {
        "Terminating"
    } else if has_condition(job, "Suspended") {
        "Suspended"
    } else if has_condition(job, "FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    }
}

fn completions(job: &Value) -> String {
    let succeeded = int(job, &["status", "succeeded"]);
    let completions = at(job, &["spec", "completions"]).and_then(Value::as_i64);
    let parallelism = at(job, &["spec", "parallelism"]).and_then(Value::as_i64);
    // Defaulting sets both to 1 when neither is given.
    let completions = if completions.is_none() && parallelism.is_none() {
        Some(1)
    } else {
        completions
    };
    match completions {
        Some(c) => format!("{succeeded}/{c}"),
        None if parallelism.unwrap_or(1) > 1 => {
            format!("{succeeded}/1 of {}", parallelism.unwrap_or(1))
        }
        None => format!("{succeeded}/1"),
    }
}

fn duration(job: &Value, now: Time) -> String {
    match (
        time(job, &["status", "startTime"]),
        time(job, &["status", "completionTime"]),
    ) {
        (None, _) => String::new(),
        (Some(start), None) => human_duration(now.0 - start.0),
        (Some(start), Some(done)) => human_duration(done.0 - start.0),
    }
}

fn row(job: &Value, now: Time) -> Vec<Value> {
    let (names, images) = containers(at(job, &["spec", "template", "spec"]));
    vec![
        s(job, &["metadata", "name"]).into(),
        status(job).into(),
        completions(job).into(),
        duration(job, now).into(),
        age(job, now),
        names,
        images,
        format_label_selector(at(job, &["spec", "selector"])).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    fn job(status: Value) -> Value {
        json!({
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"name": "pi", "namespace": "default", "creationTimestamp": ago(130)},
            "spec": {"completions": 1, "parallelism": 1, "backoffLimit": 4,
                     "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "5c1c3a9e-1f3a-4a8e-9b9c-0f2d7f1f2b1a"}},
                     "template": {"spec": {"restartPolicy": "Never",
                         "containers": [{"name": "pi", "image": "perl:5.34.0", "command": ["perl"]}]}}},
            "status": status,
        })
    }

    #[test]
    fn running() {
        let j = job(
            json!({"startTime": ago(125), "active": 1, "ready": 0, "terminating": 0, "uncountedTerminatedPods": {}}),
        );
        assert_eq!(
            cells(&PRINTER, &j),
            vec![
                json!("pi"),
                json!("Running"),
                json!("0/1"),
                json!("2m5s"),
                json!("2m10s"),
                json!("pi"),
                json!("perl:5.34.0"),
                json!("batch.kubernetes.io/controller-uid=5c1c3a9e-1f3a-4a8e-9b9c-0f2d7f1f2b1a")
            ]
        );
    }

    #[test]
    fn not_started_yet() {
        let j = job(json!({}));
        assert_eq!(
            cells(&PRINTER, &j)[1..4],
            [json!("Running"), json!("0/1"), json!("")]
        );
    }

    #[test]
    fn complete() {
        let j = job(
            json!({"startTime": ago(125), "completionTime": ago(92), "succeeded": 1, "ready": 0, "terminating": 0,
            "conditions": [{"type": "SuccessCriteriaMet", "status": "True"}, {"type": "Complete", "status": "True"}]}),
        );
        assert_eq!(
            cells(&PRINTER, &j)[1..4],
            [json!("Complete"), json!("1/1"), json!("33s")]
        );
    }

    #[test]
    fn success_criteria_met_still_shows_running() {
        let j = job(
            json!({"startTime": ago(10), "succeeded": 1, "conditions": [{"type": "SuccessCriteriaMet", "status": "True"}]}),
        );
        assert_eq!(cells(&PRINTER, &j)[1], json!("Running"));
    }

    #[test]
    fn failed() {
        let j = job(json!({"startTime": ago(125), "failed": 5,
            "conditions": [{"type": "FailureTarget", "status": "True", "reason": "BackoffLimitExceeded"},
                           {"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}]}));
        assert_eq!(
            cells(&PRINTER, &j)[1..4],
            [json!("Failed"), json!("0/1"), json!("2m5s")]
        );
        let j = job(json!({"startTime": ago(125), "failed": 5,
            "conditions": [{"type": "FailureTarget", "status": "True", "reason": "BackoffLimitExceeded"}]}));
        assert_eq!(cells(&PRINTER, &j)[1], json!("FailureTarget"));
    }

    #[test]
    fn suspended_and_terminating() {
        let j = job(json!({"conditions": [{"type": "Suspended", "status": "True"}]}));
        assert_eq!(cells(&PRINTER, &j)[1], json!("Suspended"));
        let mut j = job(json!({"conditions": [{"type": "Suspended", "status": "False"}]}));
        assert_eq!(cells(&PRINTER, &j)[1], json!("Running"));
        j["metadata"]["deletionTimestamp"] = json!(ago(1));
        assert_eq!(cells(&PRINTER, &j)[1], json!("Terminating"));
    }

    #[test]
    fn completions_forms() {
        let mut j = job(json!({"succeeded": 2}));
        j["spec"]["completions"] = json!(5);
        j["spec"]["parallelism"] = json!(2);
        assert_eq!(cells(&PRINTER, &j)[2], json!("2/5"));
        j["spec"].as_object_mut().unwrap().remove("completions");
        assert_eq!(cells(&PRINTER, &j)[2], json!("2/1 of 2"));
        j["spec"]["parallelism"] = json!(1);
        assert_eq!(cells(&PRINTER, &j)[2], json!("2/1"));
        j["spec"].as_object_mut().unwrap().remove("parallelism");
        assert_eq!(cells(&PRINTER, &j)[2], json!("2/1"));
    }
}
