//! CronJob: `NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE`, wide
//! `CONTAINERS IMAGES SELECTOR` (`printCronJob`).

use super::common::{age, at, col, containers, format_label_selector, list, s, since, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Schedule", "string", 0, "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        col("Timezone", "string", 0, "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones"),
        col("Suspend", "boolean", 0, "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false."),
        col("Active", "integer", 0, "A list of pointers to currently running jobs."),
        col("Last Schedule", "string", 0, "Information when was the last time the job was successfully scheduled."),
        AGE,
        col("Containers", "string", 1, "Names of each container in the template."),
        col("Images", "string", 1, "Images referenced by each container in the template."),
        col("Selector", "string", 1, "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
    ],
    row,
};

fn row(cj: &Value, now: Time) -> Vec<Value> {
    let (names, images) = containers(at(cj, &["spec", "jobTemplate", "spec", "template", "spec"]));
    let last_schedule = match at(cj, &["status", "lastScheduleTime"]) {
        Some(Value::String(_)) => since(cj, &["status", "lastScheduleTime"], now),
        _ => "<none>".into(),
    };
    // `printBoolPtr`: the strings "True"/"False"; defaulting makes nil false.
    let suspend = match at(cj, &["spec", "suspend"]).and_then(Value::as_bool) {
        Some(true) => "True",
        _ => "False",
    };
    vec![
        s(cj, &["metadata", "name"]).into(),
        s(cj, &["spec", "schedule"]).into(),
        at(cj, &["spec", "timeZone"])
            .and_then(Value::as_str)
            .unwrap_or("<none>")
            .into(),
        suspend.into(),
        (list(cj, &["status", "active"]).len() as i64).into(),
        last_schedule.into(),
        age(cj, now),
        names,
        images,
        format_label_selector(at(cj, &["spec", "jobTemplate", "spec", "selector"])).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    fn cronjob() -> Value {
        json!({
            "apiVersion": "batch/v1", "kind": "CronJob",
            "metadata": {"name": "hello", "namespace": "default", "creationTimestamp": ago(600)},
            "spec": {"schedule": "* * * * *", "suspend": false, "concurrencyPolicy": "Allow",
                     "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1,
                     "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "OnFailure",
                         "containers": [{"name": "hello", "image": "busybox:1.28"}]}}}}},
            "status": {},
        })
    }

    #[test]
    fn never_scheduled() {
        assert_eq!(
            cells(&PRINTER, &cronjob()),
            vec![
                json!("hello"),
                json!("* * * * *"),
                json!("<none>"),
                json!("False"),
                json!(0),
                json!("<none>"),
                json!("10m"),
                json!("hello"),
                json!("busybox:1.28"),
                json!("<none>")
            ]
        );
    }

    #[test]
    fn active_with_time_zone_and_suspended() {
        let mut cj = cronjob();
        cj["spec"]["timeZone"] = json!("Etc/UTC");
        cj["spec"]["suspend"] = json!(true);
        cj["status"] = json!({"active": [{"kind": "Job", "name": "hello-29145678", "namespace": "default"}],
                              "lastScheduleTime": ago(42), "lastSuccessfulTime": ago(100)});
        assert_eq!(
            cells(&PRINTER, &cj)[1..7],
            [
                json!("* * * * *"),
                json!("Etc/UTC"),
                json!("True"),
                json!(1),
                json!("42s"),
                json!("10m")
            ]
        );
    }
}
