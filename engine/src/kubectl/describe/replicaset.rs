//! `describe replicaset`.

use super::events::{self, Ref};
use super::{
    annotations_multiline, arr, controlled_by, format_label_selector, int, labels_multiline, map,
    s, selector_string, Ctx, Writer,
};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let rs = ctx.get("replicasets", ns, name)?;
    let selector = meta::at(&rs, &["spec", "selector"]);
    let uid = s(&rs, &["metadata", "uid"]);
    let pods = pod_counts(ctx, ns, selector, uid);
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(
        0,
        &format!("Selector:\t{}\n", format_label_selector(selector)),
    );
    labels_multiline(&mut w, "", "Labels", &map(&rs, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&rs, &["metadata", "annotations"]),
    );
    if let Some(c) = controlled_by(&rs) {
        w.write(0, &format!("Controlled By:\t{c}\n"));
    }
    w.write(
        0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            int(&rs, &["status", "replicas"]),
            replicas(&rs)
        ),
    );
    w.write(0, "Pods Status:\t");
    match pods {
        Ok([running, waiting, succeeded, failed]) => w.write(
            0,
            &format!(
                "{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"
            ),
        ),
        Err(e) => w.write(0, &format!("error in fetching pods: {}\n", e.message)),
    }
    super::pod::pod_template(&mut w, meta::at(&rs, &["spec", "template"]));
    let conditions = arr(&rs, &["status", "conditions"]);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{}\t{}\n",
                    s(c, &["type"]),
                    s(c, &["status"]),
                    s(c, &["reason"])
                ),
            );
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&rs), &mut w);
    }
    Ok(w.finish())
}

/// `spec.replicas` (the API server defaults it to 1).
pub fn replicas(obj: &Value) -> i64 {
    meta::at(obj, &["spec", "replicas"])
        .and_then(Value::as_i64)
        .unwrap_or(1)
}

/// `getPodStatusForController`: Running/Pending/Succeeded/Failed pods the
/// selector matches and `uid` controls.
pub fn pod_counts(
    ctx: &Ctx,
    ns: &str,
    selector: Option<&Value>,
    uid: &str,
) -> Result<[usize; 4], Status> {
    let pods = ctx.list("pods", Some(ns), Some(selector_string(selector)), None)?;
    let mut counts = [0; 4];
    for p in &pods {
        let controlled = arr(p, &["metadata", "ownerReferences"]).iter().any(|o| {
            o.get("controller").and_then(Value::as_bool) == Some(true) && s(o, &["uid"]) == uid
        });
        if !controlled {
            continue;
        }
        match s(p, &["status", "phase"]) {
            "Running" => counts[0] += 1,
            "Pending" => counts[1] += 1,
            "Succeeded" => counts[2] += 1,
            "Failed" => counts[3] += 1,
            _ => {}
        }
    }
    Ok(counts)
}

/// `describe replicationcontroller`: the ReplicaSet layout with a map
/// selector printed first and no `Controlled By` line.
pub fn describe_rc(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let rc = ctx.get("replicationcontrollers", ns, name)?;
    let selector_map = map(&rc, &["spec", "selector"]);
    let selector = serde_json::json!({ "matchLabels": rc["spec"]["selector"] });
    let pods = pod_counts(ctx, ns, Some(&selector), s(&rc, &["metadata", "uid"]))?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(
        0,
        &format!("Selector:\t{}\n", super::format_labels(&selector_map)),
    );
    labels_multiline(&mut w, "", "Labels", &map(&rc, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&rc, &["metadata", "annotations"]),
    );
    w.write(
        0,
        &format!(
            "Replicas:\t{} current / {} desired\n",
            int(&rc, &["status", "replicas"]),
            replicas(&rc)
        ),
    );
    let [running, waiting, succeeded, failed] = pods;
    w.write(
        0,
        &format!(
            "Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"
        ),
    );
    super::pod::pod_template(&mut w, meta::at(&rc, &["spec", "template"]));
    let conditions = arr(&rc, &["status", "conditions"]);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{}\t{}\n",
                    s(c, &["type"]),
                    s(c, &["status"]),
                    s(c, &["reason"])
                ),
            );
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&rc), &mut w);
    }
    Ok(w.finish())
}
