//! `describe statefulset` (`describeStatefulSet`, `describeVolumeClaimTemplates`).

use super::events::{self, Ref};
use super::replicaset::{pod_counts, replicas};
use super::{
    annotations_multiline, arr, int, int_or_string, labels_multiline, map, rfc1123z, s,
    selector_string, Ctx, Writer,
};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let sts = ctx.get("statefulsets", ns, name)?;
    let selector = meta::at(&sts, &["spec", "selector"]);
    let [running, waiting, succeeded, failed] =
        pod_counts(ctx, ns, selector, s(&sts, &["metadata", "uid"]))?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z(meta::str_at(&sts, &["metadata", "creationTimestamp"]))
        ),
    );
    w.write(0, &format!("Selector:\t{}\n", selector_string(selector)));
    labels_multiline(&mut w, "", "Labels", &map(&sts, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&sts, &["metadata", "annotations"]),
    );
    // kubectl v1.33 names neither the Service nor the pod management
    // policy, nor the PVC retention policy (checked against v1.33.1).
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} total\n",
            replicas(&sts),
            int(&sts, &["status", "replicas"])
        ),
    );
    w.write(
        0,
        &format!(
            "Update Strategy:\t{}\n",
            s(&sts, &["spec", "updateStrategy", "type"])
        ),
    );
    if let Some(ru) =
        meta::at(&sts, &["spec", "updateStrategy", "rollingUpdate"]).filter(|v| v.is_object())
    {
        if let Some(p) = ru.get("partition").and_then(Value::as_i64) {
            w.write(1, &format!("Partition:\t{p}\n"));
            if let Some(mu) = ru.get("maxUnavailable") {
                w.write(
                    1,
                    &format!("MaxUnavailable:\t{}\n", int_or_string(Some(mu))),
                );
            }
        }
    }
    w.write(
        0,
        &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"),
    );
    super::pod::pod_template(&mut w, meta::at(&sts, &["spec", "template"]));
    let templates = arr(&sts, &["spec", "volumeClaimTemplates"]);
    if templates.is_empty() {
        w.write(0, "Volume Claims:\t<none>\n");
    } else {
        w.write(0, "Volume Claims:\n");
        for t in templates {
            w.write(1, &format!("Name:\t{}\n", s(t, &["metadata", "name"])));
            w.write(
                1,
                &format!("StorageClass:\t{}\n", s(t, &["spec", "storageClassName"])),
            );
            labels_multiline(&mut w, "  ", "Labels", &map(t, &["metadata", "labels"]));
            labels_multiline(
                &mut w,
                "  ",
                "Annotations",
                &map(t, &["metadata", "annotations"]),
            );
            match meta::str_at(t, &["spec", "resources", "requests", "storage"]) {
                Some(c) => w.write(1, &format!("Capacity:\t{}\n", super::quantity(c))),
                None => w.write(1, "Capacity:\t<default>\n"),
            }
            let modes: Vec<&str> = arr(t, &["spec", "accessModes"])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            w.write(1, &format!("Access Modes:\t[{}]\n", modes.join(" ")));
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&sts), &mut w);
    }
    Ok(w.finish())
}
