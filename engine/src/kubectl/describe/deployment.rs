//! `describe deployment`.

use super::events::{self, Ref};
use super::replicaset::replicas;
use super::{
    annotations_multiline, arr, int, int_or_string, labels_multiline, map, rfc1123z, s,
    selector_string, Ctx, Writer,
};
use crate::api::{meta, Status};
use serde_json::Value;

const HASH_LABEL: &str = "pod-template-hash";

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let d = ctx.get("deployments", ns, name)?;
    let selector = meta::at(&d, &["spec", "selector"]);
    let (old, new) = replica_sets(ctx, &d).unwrap_or_default();
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z(meta::str_at(&d, &["metadata", "creationTimestamp"]))
        ),
    );
    labels_multiline(&mut w, "", "Labels", &map(&d, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&d, &["metadata", "annotations"]),
    );
    w.write(0, &format!("Selector:\t{}\n", selector_string(selector)));
    let st = |f: &str| int(&d, &["status", f]);
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
            replicas(&d),
            st("updatedReplicas"),
            st("replicas"),
            st("availableReplicas"),
            st("unavailableReplicas")
        ),
    );
    w.write(
        0,
        &format!("StrategyType:\t{}\n", s(&d, &["spec", "strategy", "type"])),
    );
    w.write(
        0,
        &format!(
            "MinReadySeconds:\t{}\n",
            int(&d, &["spec", "minReadySeconds"])
        ),
    );
    if let Some(ru) = meta::at(&d, &["spec", "strategy", "rollingUpdate"]).filter(|v| v.is_object())
    {
        w.write(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                int_or_string(ru.get("maxUnavailable")),
                int_or_string(ru.get("maxSurge"))
            ),
        );
    }
    super::pod::pod_template(&mut w, meta::at(&d, &["spec", "template"]));
    let conditions = arr(&d, &["status", "conditions"]);
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
    if !old.is_empty() || new.is_some() {
        w.write(0, &format!("OldReplicaSets:\t{}\n", rs_list(&old)));
        w.write(
            0,
            &format!(
                "NewReplicaSet:\t{}\n",
                rs_list(&new.into_iter().collect::<Vec<_>>())
            ),
        );
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&d), &mut w);
    }
    Ok(w.finish())
}

fn rs_list(list: &[Value]) -> String {
    if list.is_empty() {
        return "<none>".into();
    }
    list.iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                s(rs, &["metadata", "name"]),
                int(rs, &["status", "replicas"]),
                replicas(rs)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value with empty maps, arrays and nulls left out (Semantic.DeepEqual
/// treats empty and nil alike).
fn normalized(v: &Value) -> Option<Value> {
    match v {
        Value::Null => None,
        Value::Object(m) => {
            let out: serde_json::Map<String, Value> = m
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), normalized(v)?)))
                .collect();
            (!out.is_empty()).then_some(Value::Object(out))
        }
        Value::Array(a) => {
            let out: Vec<Value> = a
                .iter()
                .map(|v| normalized(v).unwrap_or(Value::Null))
                .collect();
            (!out.is_empty()).then_some(Value::Array(out))
        }
        other => Some(other.clone()),
    }
}

/// A pod template without the pod-template-hash label, for comparing.
fn without_hash(t: Option<&Value>) -> Option<Value> {
    let mut t = t.cloned().unwrap_or(Value::Null);
    if let Some(labels) = t
        .get_mut("metadata")
        .and_then(|m| m.get_mut("labels"))
        .and_then(Value::as_object_mut)
    {
        labels.remove(HASH_LABEL);
    }
    normalized(&t)
}

/// kubectl's `GetAllReplicaSetsInChunks`: the replica sets the deployment
/// controls, oldest first; the new one is the first whose template matches.
fn replica_sets(ctx: &Ctx, d: &Value) -> Result<(Vec<Value>, Option<Value>), Status> {
    let ns = s(d, &["metadata", "namespace"]);
    let uid = s(d, &["metadata", "uid"]);
    let selector = selector_string(meta::at(d, &["spec", "selector"]));
    let mut owned: Vec<Value> = ctx
        .list("replicasets", Some(ns), Some(selector), None)?
        .into_iter()
        .filter(|rs| {
            arr(rs, &["metadata", "ownerReferences"]).iter().any(|o| {
                o.get("controller").and_then(Value::as_bool) == Some(true) && s(o, &["uid"]) == uid
            })
        })
        .collect();
    owned.sort_by(|a, b| {
        let key = |v: &Value| {
            (
                meta::str_at(v, &["metadata", "creationTimestamp"])
                    .and_then(crate::clock::Time::parse_rfc3339)
                    .map(|t| t.0)
                    .unwrap_or(i64::MIN),
                s(v, &["metadata", "name"]).to_string(),
            )
        };
        key(a).cmp(&key(b))
    });
    let template = without_hash(meta::at(d, &["spec", "template"]));
    let new_index = owned
        .iter()
        .position(|rs| without_hash(meta::at(rs, &["spec", "template"])) == template);
    let new = new_index.map(|i| owned.remove(i));
    Ok((owned, new))
}
