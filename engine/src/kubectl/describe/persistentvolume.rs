//! `describe persistentvolumeclaim` and `describe persistentvolume`
//! (`describePersistentVolumeClaim`, `describePersistentVolume`).

use super::events::{self, Ref};
use super::{annotations_multiline, arr, go_list, labels_multiline, map, rfc1123z, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

/// `GetAccessModesAsString`: RWO,ROX,RWX,RWOP in that order, no duplicates.
pub fn access_modes(modes: &[Value]) -> String {
    let has = |m: &str| modes.iter().any(|x| x == m);
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(long, _)| has(long))
    .map(|(_, short)| *short)
    .collect::<Vec<_>>()
    .join(",")
}

/// Go's `%v` of a string slice: `[a b]`.
fn status_line(ctx: &Ctx, w: &mut Writer, obj: &Value) {
    match meta::str_at(obj, &["metadata", "deletionTimestamp"]) {
        Some(t) => w.write(
            0,
            &format!("Status:\tTerminating (lasts {})\n", ctx.since(Some(t))),
        ),
        None => w.write(0, &format!("Status:\t{}\n", s(obj, &["status", "phase"]))),
    }
}

pub fn describe_claim(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let pvc = ctx.get("persistentvolumeclaims", ns, name)?;
    let pods = ctx.list("pods", Some(ns), None, None)?;
    let mut users: Vec<&str> = pods
        .iter()
        .filter(|p| {
            arr(p, &["spec", "volumes"])
                .iter()
                .any(|v| v["persistentVolumeClaim"]["claimName"] == name)
        })
        .map(|p| s(p, &["metadata", "name"]))
        .collect();
    users.sort();
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(
        0,
        &format!(
            "StorageClass:\t{}\n",
            s(&pvc, &["spec", "storageClassName"])
        ),
    );
    status_line(ctx, &mut w, &pvc);
    w.write(
        0,
        &format!("Volume:\t{}\n", s(&pvc, &["spec", "volumeName"])),
    );
    labels_multiline(&mut w, "", "Labels", &map(&pvc, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&pvc, &["metadata", "annotations"]),
    );
    w.write(
        0,
        &format!(
            "Finalizers:\t{}\n",
            go_list(arr(&pvc, &["metadata", "finalizers"]))
        ),
    );
    let bound = !s(&pvc, &["spec", "volumeName"]).is_empty();
    let (capacity, modes) = if bound {
        (
            meta::str_at(&pvc, &["status", "capacity", "storage"])
                .map(super::quantity)
                .unwrap_or_else(|| "0".into()),
            access_modes(arr(&pvc, &["status", "accessModes"])),
        )
    } else {
        (String::new(), String::new())
    };
    w.write(0, &format!("Capacity:\t{capacity}\n"));
    w.write(0, &format!("Access Modes:\t{modes}\n"));
    if let Some(m) = meta::str_at(&pvc, &["spec", "volumeMode"]) {
        w.write(0, &format!("VolumeMode:\t{m}\n"));
    }
    if let Some(ds) = meta::at(&pvc, &["spec", "dataSource"]).filter(|v| v.is_object()) {
        w.write(0, "DataSource:\n");
        if let Some(g) = ds.get("apiGroup").and_then(Value::as_str) {
            w.write(1, &format!("APIGroup:\t{g}\n"));
        }
        w.write(1, &format!("Kind:\t{}\n", s(ds, &["kind"])));
        w.write(1, &format!("Name:\t{}\n", s(ds, &["name"])));
    }
    w.write(0, "Used By:\t");
    if users.is_empty() {
        w.line("<none>");
    } else {
        for (i, u) in users.iter().enumerate() {
            if i != 0 {
                w.write(0, "\t");
            }
            w.write(0, &format!("{u}\n"));
        }
    }
    let conditions = arr(&pvc, &["status", "conditions"]);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(
            1,
            "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    s(c, &["type"]),
                    s(c, &["status"]),
                    rfc1123z(meta::str_at(c, &["lastProbeTime"])),
                    rfc1123z(meta::str_at(c, &["lastTransitionTime"])),
                    s(c, &["reason"]),
                    s(c, &["message"])
                ),
            );
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&pvc), &mut w);
    }
    Ok(w.finish())
}

pub fn describe_volume(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let pv = ctx.get("persistentvolumes", "", name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    labels_multiline(&mut w, "", "Labels", &map(&pv, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&pv, &["metadata", "annotations"]),
    );
    w.write(
        0,
        &format!(
            "Finalizers:\t{}\n",
            go_list(arr(&pv, &["metadata", "finalizers"]))
        ),
    );
    w.write(
        0,
        &format!("StorageClass:\t{}\n", s(&pv, &["spec", "storageClassName"])),
    );
    status_line(ctx, &mut w, &pv);
    match meta::at(&pv, &["spec", "claimRef"]).filter(|c| c.is_object()) {
        Some(c) => w.write(
            0,
            &format!("Claim:\t{}/{}\n", s(c, &["namespace"]), s(c, &["name"])),
        ),
        None => w.write(0, "Claim:\t\n"),
    }
    w.write(
        0,
        &format!(
            "Reclaim Policy:\t{}\n",
            s(&pv, &["spec", "persistentVolumeReclaimPolicy"])
        ),
    );
    w.write(
        0,
        &format!(
            "Access Modes:\t{}\n",
            access_modes(arr(&pv, &["spec", "accessModes"]))
        ),
    );
    if let Some(m) = meta::str_at(&pv, &["spec", "volumeMode"]) {
        w.write(0, &format!("VolumeMode:\t{m}\n"));
    }
    let capacity = meta::str_at(&pv, &["spec", "capacity", "storage"])
        .map(super::quantity)
        .unwrap_or_else(|| "0".into());
    w.write(0, &format!("Capacity:\t{capacity}\n"));
    node_affinity(&mut w, &pv);
    w.write(
        0,
        &format!("Message:\t{}\n", s(&pv, &["status", "message"])),
    );
    w.write(0, "Source:\n");
    if let Some(h) = meta::at(&pv, &["spec", "hostPath"]).filter(|v| v.is_object()) {
        let kind = h.get("type").and_then(Value::as_str).unwrap_or("<none>");
        w.write(
            2,
            &format!(
                "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{kind}\n",
                s(h, &["path"])
            ),
        );
    } else if let Some(l) = meta::at(&pv, &["spec", "local"]).filter(|v| v.is_object()) {
        w.write(
            2,
            &format!(
                "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{}\n",
                s(l, &["path"])
            ),
        );
    } else if let Some(n) = meta::at(&pv, &["spec", "nfs"]).filter(|v| v.is_object()) {
        let ro = n.get("readOnly").and_then(Value::as_bool).unwrap_or(false);
        w.write(
            2,
            &format!(
                "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{ro}\n",
                s(n, &["server"]),
                s(n, &["path"])
            ),
        );
    } else if let Some(c) = meta::at(&pv, &["spec", "csi"]).filter(|v| v.is_object()) {
        let ro = c.get("readOnly").and_then(Value::as_bool).unwrap_or(false);
        w.write(
            2,
            &format!(
                "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    VolumeHandle:\t{}\n    ReadOnly:\t{ro}\n",
                s(c, &["driver"]),
                s(c, &["fsType"]),
                s(c, &["volumeHandle"])
            ),
        );
        let attrs = map(c, &["volumeAttributes"]);
        w.write(2, "VolumeAttributes:\t");
        if attrs.is_empty() {
            w.line("<none>");
        }
        for (i, (k, v)) in attrs.iter().enumerate() {
            if i != 0 {
                w.write(2, "\t");
            }
            w.write(0, &format!("{k}={v}\n"));
        }
    } else {
        w.write(1, "<unknown>\n");
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&pv), &mut w);
    }
    Ok(w.finish())
}

/// `printVolumeNodeAffinity`.
fn node_affinity(w: &mut Writer, pv: &Value) {
    w.write(0, "Node Affinity:\t");
    let Some(req) = meta::at(pv, &["spec", "nodeAffinity", "required"]).filter(|v| v.is_object())
    else {
        w.line("<none>");
        return;
    };
    w.line("");
    w.write(1, "Required Terms:\t");
    let terms = arr(req, &["nodeSelectorTerms"]);
    if terms.is_empty() {
        w.line("<none>");
        return;
    }
    w.line("");
    for (i, t) in terms.iter().enumerate() {
        w.write(2, &format!("Term {i}:\t"));
        let exprs = arr(t, &["matchExpressions"]);
        if exprs.is_empty() {
            w.line("<none>");
            continue;
        }
        for (j, e) in exprs.iter().enumerate() {
            if j != 0 {
                w.write(2, "\t");
            }
            let values: Vec<&str> = arr(e, &["values"])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let mut expr = format!("{} {}", s(e, &["key"]), s(e, &["operator"]).to_lowercase());
            if !values.is_empty() {
                expr = format!("{expr} [{}]", values.join(", "));
            }
            w.write(0, &format!("{expr}\n"));
        }
    }
}
