//! `describe cronjob` (`describeCronJob`).

use super::events::{self, Ref};
use super::{annotations_multiline, arr, labels_multiline, map, rfc1123z, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let cj = ctx.get("cronjobs.batch", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    labels_multiline(&mut w, "", "Labels", &map(&cj, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&cj, &["metadata", "annotations"]),
    );
    w.write(
        0,
        &format!("Schedule:\t{}\n", s(&cj, &["spec", "schedule"])),
    );
    w.write(
        0,
        &format!(
            "Concurrency Policy:\t{}\n",
            s(&cj, &["spec", "concurrencyPolicy"])
        ),
    );
    // printBoolPtr; kubectl v1.33 prints no time zone line.
    let suspend = match meta::at(&cj, &["spec", "suspend"]).and_then(Value::as_bool) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.write(0, &format!("Suspend:\t{suspend}\n"));
    for (title, field) in [
        ("Successful Job History Limit", "successfulJobsHistoryLimit"),
        ("Failed Job History Limit", "failedJobsHistoryLimit"),
    ] {
        match meta::at(&cj, &["spec", field]).and_then(Value::as_i64) {
            Some(v) => w.write(0, &format!("{title}:\t{v}\n")),
            None => w.write(0, &format!("{title}:\t<unset>\n")),
        }
    }
    match meta::at(&cj, &["spec", "startingDeadlineSeconds"]).and_then(Value::as_i64) {
        Some(v) => w.write(0, &format!("Starting Deadline Seconds:\t{v}s\n")),
        None => w.write(0, "Starting Deadline Seconds:\t<unset>\n"),
    }
    let template = meta::at(&cj, &["spec", "jobTemplate"])
        .cloned()
        .unwrap_or(Value::Null);
    super::job::job_template(&mut w, &template);
    match meta::str_at(&cj, &["status", "lastScheduleTime"]) {
        Some(t) => w.write(0, &format!("Last Schedule Time:\t{}\n", rfc1123z(Some(t)))),
        None => w.write(0, "Last Schedule Time:\t<unset>\n"),
    }
    w.write(0, "Active Jobs:\t");
    let active: Vec<&str> = arr(&cj, &["status", "active"])
        .iter()
        .map(|r| s(r, &["name"]))
        .collect();
    if active.is_empty() {
        w.line("<none>");
    } else {
        w.write(0, &active.join(", "));
        w.line("");
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&cj), &mut w);
    }
    Ok(w.finish())
}
