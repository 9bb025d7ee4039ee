//! The kustomization's own transformers, in kustomize's order: namespace,
//! namePrefix/nameSuffix (with references), labels and commonLabels (with
//! selectors where kustomize's field specs put them), commonAnnotations,
//! images, replicas (field specs from kustomize api
//! `konfig/builtinpluginconsts`).

use super::names::{at, pod_spec_mut, update_refs};
use super::Res;
use crate::api::Registry;
use serde_json::{json, Map, Value};

pub fn apply(reg: &Registry, k: &Value, res: &mut [Res]) {
    if let Some(ns) = k["namespace"].as_str().filter(|s| !s.is_empty()) {
        namespace(reg, ns, res);
    }
    let prefix = k["namePrefix"].as_str().unwrap_or("");
    let suffix = k["nameSuffix"].as_str().unwrap_or("");
    if !prefix.is_empty() || !suffix.is_empty() {
        let mut renames = vec![];
        for r in res.iter_mut() {
            let kind = r.obj["kind"].as_str().unwrap_or("").to_string();
            if matches!(kind.as_str(), "Namespace" | "CustomResourceDefinition") {
                continue;
            }
            let old = crate::api::meta::name(&r.obj).to_string();
            let new = format!("{prefix}{old}{suffix}");
            r.obj["metadata"]["name"] = json!(new);
            renames.push((kind, old, new));
        }
        update_refs(res, &renames);
    }
    if let Some(m) = k["commonLabels"].as_object() {
        labels(m, true, true, res);
    }
    for l in k["labels"].as_array().into_iter().flatten() {
        if let Some(m) = l["pairs"].as_object() {
            let selectors = l["includeSelectors"].as_bool().unwrap_or(false);
            let templates = selectors || l["includeTemplates"].as_bool().unwrap_or(false);
            labels(m, selectors, templates, res);
        }
    }
    if let Some(m) = k["commonAnnotations"].as_object() {
        for r in res.iter_mut() {
            merge(&mut r.obj, &["metadata", "annotations"], m);
            if let Some(t) = template_meta(&mut r.obj) {
                merge(t, &["annotations"], m);
            }
            if r.obj["kind"] == "CronJob" {
                merge(
                    &mut r.obj,
                    &["spec", "jobTemplate", "metadata", "annotations"],
                    m,
                );
            }
        }
    }
}

/// images and replicas, which kustomize runs after patchesJson6902.
pub fn replicas_and_images(k: &Value, res: &mut [Res]) {
    let entries = k["images"]
        .as_array()
        .into_iter()
        .chain(k["imageTags"].as_array());
    for img in entries.flatten() {
        for r in res.iter_mut() {
            images(img, &mut r.obj);
        }
    }
    for rep in k["replicas"].as_array().into_iter().flatten() {
        let (Some(name), Some(count)) = (rep["name"].as_str(), rep["count"].as_i64()) else {
            continue;
        };
        for r in res.iter_mut() {
            let scalable = matches!(
                r.obj["kind"].as_str().unwrap_or(""),
                "Deployment" | "ReplicaSet" | "StatefulSet" | "ReplicationController"
            );
            if scalable && (r.original_name == name || crate::api::meta::name(&r.obj) == name) {
                r.obj["spec"]["replicas"] = json!(count);
            }
        }
    }
}

/// Namespaced objects move to the namespace; a Namespace object becomes it.
fn namespace(reg: &Registry, ns: &str, res: &mut [Res]) {
    for r in res.iter_mut() {
        let api_version = r.obj["apiVersion"].as_str().unwrap_or("").to_string();
        let kind = r.obj["kind"].as_str().unwrap_or("").to_string();
        if kind == "Namespace" {
            r.obj["metadata"]["name"] = json!(ns);
            continue;
        }
        let namespaced = reg
            .for_kind(&api_version, &kind)
            .is_none_or(|res| res.namespaced);
        if namespaced {
            r.obj["metadata"]["namespace"] = json!(ns);
        }
        if matches!(kind.as_str(), "RoleBinding" | "ClusterRoleBinding") {
            let subjects = at(&mut r.obj, &["subjects"]).and_then(Value::as_array_mut);
            for s in subjects.into_iter().flatten() {
                if s["kind"] == "ServiceAccount" && s["name"] == "default" {
                    s["namespace"] = json!(ns);
                }
            }
        }
    }
}

/// The pod template's metadata of a workload (created if missing).
fn template_meta(obj: &mut Value) -> Option<&mut Value> {
    let path: &[&str] = match obj["kind"].as_str().unwrap_or("") {
        "Deployment"
        | "ReplicaSet"
        | "StatefulSet"
        | "DaemonSet"
        | "Job"
        | "ReplicationController" => &["spec", "template"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template"],
        _ => return None,
    };
    let mut v = obj;
    for p in path {
        v = &mut v[*p];
    }
    Some(&mut v["metadata"])
}

/// Adds `m` under `path`, creating the maps on the way.
fn merge(v: &mut Value, path: &[&str], m: &Map<String, Value>) {
    let mut v = v;
    for p in path {
        v = &mut v[*p];
    }
    if !v.is_object() {
        *v = Value::Object(Map::new());
    }
    if let Some(o) = v.as_object_mut() {
        for (k, x) in m {
            o.insert(
                k.clone(),
                json!(x.as_str().map_or_else(|| x.to_string(), String::from)),
            );
        }
    }
}

fn labels(m: &Map<String, Value>, selectors: bool, templates: bool, res: &mut [Res]) {
    for r in res.iter_mut() {
        let o = &mut r.obj;
        merge(o, &["metadata", "labels"], m);
        let kind = o["kind"].as_str().unwrap_or("").to_string();
        if templates {
            if let Some(t) = template_meta(o) {
                merge(t, &["labels"], m);
            }
            if kind == "CronJob" {
                merge(o, &["spec", "jobTemplate", "metadata", "labels"], m);
            }
            if kind == "StatefulSet" {
                let claims = at(o, &["spec", "volumeClaimTemplates"]).and_then(Value::as_array_mut);
                for c in claims.into_iter().flatten() {
                    merge(c, &["metadata", "labels"], m);
                }
            }
        }
        if !selectors {
            continue;
        }
        match kind.as_str() {
            "Service" => merge(o, &["spec", "selector"], m),
            "ReplicationController" => merge(o, &["spec", "selector"], m),
            "Deployment" | "ReplicaSet" | "DaemonSet" | "StatefulSet" => {
                merge(o, &["spec", "selector", "matchLabels"], m)
            }
            // Only where a selector is already written.
            "Job" | "PodDisruptionBudget" => {
                if let Some(s) = at(o, &["spec", "selector"]) {
                    merge(s, &["matchLabels"], m);
                }
            }
            "CronJob" => {
                if let Some(s) = at(o, &["spec", "jobTemplate", "spec", "selector"]) {
                    merge(s, &["matchLabels"], m);
                }
            }
            "NetworkPolicy" => {
                if let Some(s) = at(o, &["spec", "podSelector"]) {
                    merge(s, &["matchLabels"], m);
                }
            }
            _ => {}
        }
    }
}

/// `images:` entries: `name` matches an image's name without tag or digest.
fn images(img: &Value, obj: &mut Value) {
    let Some(want) = img["name"].as_str() else {
        return;
    };
    let Some(spec) = pod_spec_mut(obj) else {
        return;
    };
    for list in ["containers", "initContainers"] {
        let containers = at(spec, &[list]).and_then(Value::as_array_mut);
        for c in containers.into_iter().flatten() {
            let Some(image) = c["image"].as_str() else {
                continue;
            };
            let (name, tag, digest) = split_image(image);
            if name != want {
                continue;
            }
            let name = img["newName"].as_str().unwrap_or(name);
            let out = if let Some(d) = img["digest"].as_str() {
                format!("{name}@{d}")
            } else if let Some(t) = scalar(&img["newTag"]) {
                format!("{name}:{t}")
            } else {
                format!("{name}{tag}{digest}")
            };
            c["image"] = json!(out);
        }
    }
}

/// A string, or a number YAML read unquoted (`newTag: 1.27`).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `name`, `:tag` and `@digest` of an image reference.
fn split_image(image: &str) -> (&str, &str, &str) {
    let (rest, digest) = match image.find('@') {
        Some(i) => (&image[..i], &image[i..]),
        None => (image, ""),
    };
    let slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[slash..].find(':') {
        Some(i) => (&rest[..slash + i], &rest[slash + i..], digest),
        None => (rest, "", digest),
    }
}

#[cfg(test)]
mod tests {
    use super::split_image;

    #[test]
    fn splits_image_references() {
        assert_eq!(split_image("nginx"), ("nginx", "", ""));
        assert_eq!(split_image("nginx:1.25"), ("nginx", ":1.25", ""));
        assert_eq!(
            split_image("localhost:5000/app:v1@sha256:ab"),
            ("localhost:5000/app", ":v1", "@sha256:ab")
        );
    }
}
