//! CronJobs (`ValidateCronJobCreate`/`ValidateCronJobUpdate`, v1.33): the
//! schedule as robfig/cron parses it, the time zone, the concurrency policy,
//! the job template (the Job checks, and no selector of its own), the
//! history limits, and on create a name short enough for its Jobs.

use super::{go, job};
use crate::api::meta;
use crate::api::status::go_quote;
use crate::api::FieldError;
use crate::controllers::cron_schedule::Schedule;
use serde_json::{json, Value};

/// The IANA names Go's `time.LoadLocation` finds (tzdata 2025b zones and links).
const TZ_NAMES: &str = include_str!("tz_names.txt");

fn known_zone(name: &str) -> bool {
    TZ_NAMES.lines().any(|n| n == name)
}

pub fn cron_job_create(obj: &Value) -> Vec<FieldError> {
    let mut errs = cron_job_spec(obj, None);
    let name = meta::str_at(obj, &["metadata", "name"]).unwrap_or("");
    // The controller names Jobs `<name>-<11-char timestamp>`, at most 63.
    if name.len() > 52 {
        errs.push(FieldError::invalid(
            "metadata.name",
            &go_quote(name),
            "must be no more than 52 characters",
        ));
    }
    errs
}

pub fn cron_job_update(obj: &Value, old: &Value) -> Vec<FieldError> {
    cron_job_spec(obj, Some(old.get("spec").unwrap_or(&Value::Null)))
}

fn cron_job_spec(obj: &Value, old_spec: Option<&Value>) -> Vec<FieldError> {
    let empty = json!({});
    let spec = obj.get("spec").unwrap_or(&empty);
    let mut errs = vec![];
    let time_zone = spec.get("timeZone").and_then(Value::as_str);
    match meta::str_at(spec, &["schedule"]).unwrap_or("") {
        "" => errs.push(FieldError::required("spec.schedule", "")),
        schedule => {
            let tz_allowed = old_spec
                .is_some_and(|o| meta::str_at(o, &["schedule"]).unwrap_or("").contains("TZ"));
            errs.extend(schedule_format(schedule, tz_allowed, time_zone));
        }
    }
    if let Some(v) = spec.get("startingDeadlineSeconds").and_then(Value::as_i64) {
        if v < 0 {
            errs.push(negative("spec.startingDeadlineSeconds", v));
        }
    }
    if old_spec.is_none_or(|o| o.get("timeZone") != spec.get("timeZone")) {
        if let Some(tz) = time_zone {
            errs.extend(time_zone_errors(tz));
        }
    }
    match meta::str_at(spec, &["concurrencyPolicy"]).unwrap_or("") {
        "Allow" | "Forbid" | "Replace" => {}
        "" => errs.push(FieldError::required("spec.concurrencyPolicy", "")),
        other => errs.push(FieldError::not_supported(
            "spec.concurrencyPolicy",
            &go_quote(other),
            &["Allow", "Forbid", "Replace"],
        )),
    }
    errs.extend(job_template(spec.get("jobTemplate").unwrap_or(&empty)));
    for key in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
        if let Some(v) = spec.get(key).and_then(Value::as_i64).filter(|v| *v < 0) {
            errs.push(negative(&format!("spec.{key}"), v));
        }
    }
    errs
}

fn negative(field: &str, v: i64) -> FieldError {
    FieldError::invalid(field, &v.to_string(), "must be greater than or equal to 0")
}

/// `validateScheduleFormat`: the parser's own error, then the TZ rules.
fn schedule_format(schedule: &str, tz_allowed: bool, time_zone: Option<&str>) -> Vec<FieldError> {
    let mut errs = vec![];
    if let Err(e) = parse_standard(schedule) {
        errs.push(FieldError::invalid(
            "spec.schedule",
            &go_quote(schedule),
            &e,
        ));
    }
    if schedule.contains("TZ") {
        if tz_allowed && time_zone.is_some() {
            errs.push(FieldError::invalid(
                "spec.schedule",
                &go_quote(schedule),
                "cannot use both timeZone field and TZ or CRON_TZ in schedule",
            ));
        } else if !tz_allowed {
            errs.push(FieldError::invalid(
                "spec.schedule",
                &go_quote(schedule),
                "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
            ));
        }
    }
    errs
}

/// `cron.ParseStandard`. The controller's parser knows the offsets of a few
/// zones only; a `TZ=` naming any other real zone parses as its remainder.
fn parse_standard(schedule: &str) -> Result<(), String> {
    match Schedule::parse(schedule) {
        Ok(_) => Ok(()),
        Err(e) if e.starts_with("provided bad location ") => {
            let trimmed = schedule.trim();
            let (tz, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
            let name = tz.split_once('=').map_or("", |x| x.1);
            if known_zone(name) {
                Schedule::parse(rest).map(|_| ())
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

/// `validateTimeZone`: IANA name rules, never `Local`, and a zone Go knows.
fn time_zone_errors(tz: &str) -> Vec<FieldError> {
    let field = "spec.timeZone";
    let value = go_quote(tz);
    if tz.is_empty() {
        return vec![FieldError::invalid(
            field,
            &value,
            "timeZone must be nil or non-empty string",
        )];
    }
    let part_ok = |p: &str| {
        p != "."
            && p != ".."
            && !p.starts_with('-')
            && (1..=14).contains(&p.len())
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-+".contains(c))
    };
    if !tz.split('/').all(part_ok) {
        return vec![FieldError::invalid(
            field,
            &value,
            &format!("unknown time zone {tz}"),
        )];
    }
    let mut errs = vec![];
    if tz.eq_ignore_ascii_case("Local") {
        errs.push(FieldError::invalid(
            field,
            &value,
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
        ));
    }
    // `time.LoadLocation("Local")` is the local zone; any other unknown name fails.
    if tz != "Local" && !known_zone(tz) {
        errs.push(FieldError::invalid(
            field,
            &value,
            &format!("unknown time zone {tz}"),
        ));
    }
    errs
}

/// `ValidateJobTemplateSpec`: the Job checks; the selector is generated.
fn job_template(template: &Value) -> Vec<FieldError> {
    let empty = json!({});
    let spec = template.get("spec").unwrap_or(&empty);
    let mut errs = job::job_spec(spec, "spec.jobTemplate.spec");
    if let Some(sel) = spec.get("selector").filter(|s| !s.is_null()) {
        errs.push(FieldError::invalid(
            "spec.jobTemplate.spec.selector",
            &go::label_selector(sel),
            "`selector` will be auto-generated",
        ));
    }
    if spec.get("manualSelector").and_then(Value::as_bool) == Some(true) {
        errs.push(FieldError::not_supported(
            "spec.jobTemplate.spec.manualSelector",
            "true",
            &["nil", "false"],
        ));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cron(spec: Value) -> Value {
        json!({"metadata": {"name": "c"}, "spec": spec})
    }

    fn template() -> Value {
        json!({"spec": {"template": {"spec": {"restartPolicy": "OnFailure",
            "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
            "containers": [{"name": "c", "image": "busybox", "imagePullPolicy": "Always",
                "terminationMessagePolicy": "File"}]}}}})
    }

    fn bodies(errs: Vec<FieldError>) -> Vec<String> {
        errs.iter()
            .map(|e| format!("{}: {}", e.field, e.body()))
            .collect()
    }

    #[test]
    fn schedule_errors_have_the_parser_texts() {
        let obj = cron(
            json!({"schedule": "bad", "concurrencyPolicy": "Allow", "jobTemplate": template()}),
        );
        assert_eq!(
            bodies(cron_job_create(&obj)),
            vec![
                "spec.schedule: Invalid value: \"bad\": expected exactly 5 fields, found 1: [bad]"
            ]
        );
        let obj = cron(
            json!({"schedule": "61 * * * *", "concurrencyPolicy": "Allow", "jobTemplate": template()}),
        );
        assert_eq!(
            bodies(cron_job_create(&obj)),
            vec!["spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61"]
        );
        let obj = cron(
            json!({"schedule": "TZ=America/Sao_Paulo 0 * * * *", "concurrencyPolicy": "Allow", "jobTemplate": template()}),
        );
        assert_eq!(
            bodies(cron_job_create(&obj)),
            vec!["spec.schedule: Invalid value: \"TZ=America/Sao_Paulo 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]
        );
    }

    #[test]
    fn time_zones_are_checked_as_go_loads_them() {
        let body = |tz: &str| {
            let obj = cron(
                json!({"schedule": "0 * * * *", "timeZone": tz, "concurrencyPolicy": "Allow", "jobTemplate": template()}),
            );
            bodies(cron_job_create(&obj))
        };
        assert!(body("America/Sao_Paulo").is_empty());
        assert!(body("Etc/GMT+5").is_empty());
        assert_eq!(
            body("Mars/Olympus"),
            vec!["spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus"]
        );
        assert_eq!(
            body(""),
            vec!["spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string"]
        );
        assert_eq!(body("Local"), vec!["spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"]);
        assert_eq!(body("local").len(), 2);
    }

    #[test]
    fn the_job_template_shares_the_job_checks() {
        let mut t = template();
        t["spec"]["template"]["spec"]["restartPolicy"] = json!("Always");
        t["spec"]["selector"] = json!({"matchLabels": {"a": "b"}});
        t["spec"]["manualSelector"] = json!(true);
        t["spec"]["backoffLimit"] = json!(-1);
        let obj = cron(
            json!({"schedule": "@hourly", "concurrencyPolicy": "Sometimes", "jobTemplate": t, "failedJobsHistoryLimit": -2}),
        );
        assert_eq!(
            bodies(cron_job_create(&obj)),
            vec![
                "spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\"",
                "spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
                "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
                "spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"a\":\"b\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated",
                "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\"",
                "spec.failedJobsHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
            ]
        );
    }

    #[test]
    fn long_names_fail_on_create_only() {
        let name = "a".repeat(53);
        let obj = json!({"metadata": {"name": name}, "spec": {"schedule": "@daily", "concurrencyPolicy": "Allow", "jobTemplate": template()}});
        assert_eq!(bodies(cron_job_create(&obj)).len(), 1);
        assert!(cron_job_update(&obj, &obj).is_empty());
    }
}
