//! `describe daemonset` (`describeDaemonSet`).

use super::events::{self, Ref};
use super::replicaset::pod_counts;
use super::{annotations_multiline, int, labels_multiline, map, s, selector_string, Ctx, Writer};
use crate::api::{meta, Status};

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let ds = ctx.get("daemonsets", ns, name)?;
    let selector = meta::at(&ds, &["spec", "selector"]);
    let counts = pod_counts(ctx, ns, selector, s(&ds, &["metadata", "uid"]))?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(0, &format!("Selector:\t{}\n", selector_string(selector)));
    let node_selector = map(&ds, &["spec", "template", "spec", "nodeSelector"])
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",");
    let node_selector = if node_selector.is_empty() {
        "<none>".to_string()
    } else {
        node_selector
    };
    w.write(0, &format!("Node-Selector:\t{node_selector}\n"));
    labels_multiline(&mut w, "", "Labels", &map(&ds, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&ds, &["metadata", "annotations"]),
    );
    let st = |f: &str| int(&ds, &["status", f]);
    w.write(
        0,
        &format!(
            "Desired Number of Nodes Scheduled: {}\n",
            st("desiredNumberScheduled")
        ),
    );
    w.write(
        0,
        &format!(
            "Current Number of Nodes Scheduled: {}\n",
            st("currentNumberScheduled")
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Scheduled with Up-to-date Pods: {}\n",
            st("updatedNumberScheduled")
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Scheduled with Available Pods: {}\n",
            st("numberAvailable")
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Misscheduled: {}\n",
            st("numberMisscheduled")
        ),
    );
    let [running, waiting, succeeded, failed] = counts;
    w.write(
        0,
        &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"),
    );
    super::pod::pod_template(&mut w, meta::at(&ds, &["spec", "template"]));
    if ctx.show_events {
        events::section(ctx, &Ref::of(&ds), &mut w);
    }
    Ok(w.finish())
}
