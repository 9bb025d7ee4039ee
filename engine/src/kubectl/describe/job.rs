//! `describe job` (`describeJob`) and the job template a CronJob shows
//! (`describeJobTemplate`).

use super::events::{self, Ref};
use super::{
    annotations_multiline, controlled_by, labels_multiline, map, rfc1123z, s, selector_string, Ctx,
    Writer,
};
use crate::api::{meta, Status};
use crate::clock::Time;
use serde_json::Value;

fn opt_int(v: &Value, path: &[&str]) -> Option<i64> {
    meta::at(v, path).and_then(Value::as_i64)
}

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let job = ctx.get("jobs.batch", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(meta::at(&job, &["spec", "selector"]))
        ),
    );
    labels_multiline(&mut w, "", "Labels", &map(&job, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&job, &["metadata", "annotations"]),
    );
    if let Some(c) = controlled_by(&job) {
        w.write(0, &format!("Controlled By:\t{c}\n"));
    }
    if let Some(p) = opt_int(&job, &["spec", "parallelism"]) {
        w.write(0, &format!("Parallelism:\t{p}\n"));
    }
    match opt_int(&job, &["spec", "completions"]) {
        Some(c) => w.write(0, &format!("Completions:\t{c}\n")),
        None => w.write(0, "Completions:\t<unset>\n"),
    }
    let mode = s(&job, &["spec", "completionMode"]);
    if !mode.is_empty() {
        w.write(0, &format!("Completion Mode:\t{mode}\n"));
    }
    if let Some(b) = meta::at(&job, &["spec", "suspend"]).and_then(Value::as_bool) {
        w.write(0, &format!("Suspend:\t{b}\n"));
    }
    if let Some(b) = opt_int(&job, &["spec", "backoffLimit"]) {
        w.write(0, &format!("Backoff Limit:\t{b}\n"));
    }
    if let Some(t) = opt_int(&job, &["spec", "ttlSecondsAfterFinished"]) {
        w.write(0, &format!("TTL Seconds After Finished:\t{t}\n"));
    }
    let start = meta::str_at(&job, &["status", "startTime"]);
    let done = meta::str_at(&job, &["status", "completionTime"]);
    if start.is_some() {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    if done.is_some() {
        w.write(0, &format!("Completed At:\t{}\n", rfc1123z(done)));
    }
    if let (Some(a), Some(b)) = (
        start.and_then(Time::parse_rfc3339),
        done.and_then(Time::parse_rfc3339),
    ) {
        w.write(
            0,
            &format!(
                "Duration:\t{}\n",
                crate::api::table::human_duration(b.0 - a.0)
            ),
        );
    }
    if let Some(d) = opt_int(&job, &["spec", "activeDeadlineSeconds"]) {
        w.write(0, &format!("Active Deadline Seconds:\t{d}s\n"));
    }
    let st = |f: &str| opt_int(&job, &["status", f]).unwrap_or(0);
    match opt_int(&job, &["status", "ready"]) {
        None => w.write(
            0,
            &format!(
                "Pods Statuses:\t{} Active / {} Succeeded / {} Failed\n",
                st("active"),
                st("succeeded"),
                st("failed")
            ),
        ),
        Some(r) => w.write(
            0,
            &format!(
                "Pods Statuses:\t{} Active ({r} Ready) / {} Succeeded / {} Failed\n",
                st("active"),
                st("succeeded"),
                st("failed")
            ),
        ),
    }
    if mode == "Indexed" {
        w.write(
            0,
            &format!(
                "Completed Indexes:\t{}\n",
                cap_indexes(s(&job, &["status", "completedIndexes"]), 50)
            ),
        );
    }
    super::pod::pod_template(&mut w, meta::at(&job, &["spec", "template"]));
    if ctx.show_events {
        events::section(ctx, &Ref::of(&job), &mut w);
    }
    Ok(w.finish())
}

/// `capIndexesListOrNone`: cut at the first comma past `soft_limit`.
fn cap_indexes(ix: &str, soft_limit: usize) -> String {
    if ix.is_empty() {
        return "<none>".into();
    }
    match ix.char_indices().skip(soft_limit).find(|(_, c)| *c == ',') {
        Some((i, _)) => format!("{}...", &ix[..=i]),
        None => ix.to_string(),
    }
}

/// `describeJobTemplate`.
pub fn job_template(w: &mut Writer, t: &Value) {
    match meta::at(t, &["spec", "selector"]).filter(|v| !v.is_null()) {
        Some(sel) => w.write(0, &format!("Selector:\t{}\n", selector_string(Some(sel)))),
        None => w.write(0, "Selector:\t<unset>\n"),
    }
    for (title, field) in [
        ("Parallelism", "parallelism"),
        ("Completions", "completions"),
    ] {
        match opt_int(t, &["spec", field]) {
            Some(v) => w.write(0, &format!("{title}:\t{v}\n")),
            None => w.write(0, &format!("{title}:\t<unset>\n")),
        }
    }
    if let Some(d) = opt_int(t, &["spec", "activeDeadlineSeconds"]) {
        w.write(0, &format!("Active Deadline Seconds:\t{d}s\n"));
    }
    super::pod::pod_template(w, meta::at(t, &["spec", "template"]));
}

#[cfg(test)]
mod tests {
    #[test]
    fn indexes_are_capped_at_a_comma() {
        assert_eq!(super::cap_indexes("", 50), "<none>");
        assert_eq!(super::cap_indexes("0-2,4", 50), "0-2,4");
        assert_eq!(super::cap_indexes("0,2,4,6", 2), "0,2,...");
    }
}
