//! LimitRanger (mutating half, `plugin/pkg/admission/limitranger`): the
//! `default`/`defaultRequest` of every `type: Container` LimitRange item in the
//! namespace fill the resources a container or init container lacks, and the
//! pod is annotated with what was set. Each LimitRange is applied in turn; the
//! last one that set anything writes the annotation.

use super::list;
use crate::api::meta;
use crate::apiserver::ApiServer;
use serde_json::{json, Map, Value};

const ANNOTATION: &str = "kubernetes.io/limit-ranger";

pub fn admit(api: &ApiServer, namespace: &str, pod: &mut Value) {
    for lr in list(api, "", "limitranges", Some(namespace)) {
        let (requests, limits) = container_defaults(&lr);
        let mut notes: Vec<String> = vec![];
        for (key, prefix) in [
            ("containers", "container"),
            ("initContainers", "init container"),
        ] {
            let Some(containers) = pod
                .pointer_mut(&format!("/spec/{key}"))
                .and_then(Value::as_array_mut)
            else {
                continue;
            };
            for c in containers.iter_mut().filter(|c| c.is_object()) {
                merge(c, &requests, &limits, prefix, &mut notes);
            }
        }
        if !notes.is_empty() {
            let annotations = meta::metadata_mut(pod)
                .entry("annotations")
                .or_insert_with(|| json!({}));
            if !annotations.is_object() {
                *annotations = json!({});
            }
            annotations[ANNOTATION] =
                json!(format!("LimitRanger plugin set: {}", notes.join("; ")));
        }
    }
}

/// The defaults of a LimitRange's Container items (later items override earlier).
fn container_defaults(lr: &Value) -> (Map<String, Value>, Map<String, Value>) {
    let (mut requests, mut limits) = (Map::new(), Map::new());
    for item in meta::at(lr, &["spec", "limits"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if item.get("type").and_then(Value::as_str) != Some("Container") {
            continue;
        }
        for (src, dst) in [("defaultRequest", &mut requests), ("default", &mut limits)] {
            if let Some(m) = item.get(src).and_then(Value::as_object) {
                dst.extend(m.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
    }
    (requests, limits)
}

fn merge(
    c: &mut Value,
    requests: &Map<String, Value>,
    limits: &Map<String, Value>,
    prefix: &str,
    notes: &mut Vec<String>,
) {
    let name = c
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if !c["resources"].is_object() {
        c["resources"] = json!({});
    }
    let res = c["resources"].as_object_mut().expect("just made a map");
    let mut fill = |key: &str, defaults: &Map<String, Value>| -> Vec<String> {
        let mut set = vec![];
        for (k, v) in defaults {
            if !res.get(key).is_some_and(Value::is_object) {
                res.insert(key.into(), json!({}));
            }
            let list = res[key].as_object_mut().expect("just made a map");
            if !list.contains_key(k) {
                list.insert(k.clone(), v.clone());
                set.push(k.clone());
            }
        }
        if res
            .get(key)
            .and_then(Value::as_object)
            .is_some_and(Map::is_empty)
        {
            res.remove(key);
        }
        set.sort();
        set
    };
    let set_limits = fill("limits", limits);
    let set_requests = fill("requests", requests);
    if !set_requests.is_empty() {
        notes.push(format!(
            "{} request for {prefix} {name}",
            set_requests.join(", ")
        ));
    }
    if !set_limits.is_empty() {
        notes.push(format!(
            "{} limit for {prefix} {name}",
            set_limits.join(", ")
        ));
    }
}
