//! The apiextensions controllers, one pass each: naming (accepts a CRD's names
//! unless another CRD of its group holds them), establishing (the resource is
//! served), and the finalizer (a deleted CRD's custom resources are deleted,
//! then its `customresourcecleanup` finalizer is removed). The registry always
//! serves exactly the established CRDs, so a restored snapshot serves them too.

use crate::api::meta;
use crate::apiserver::crd::{self, CLEANUP_FINALIZER};
use crate::apiserver::pod_status::set_condition;
use crate::apiserver::{ApiServer, ListOptions, WriteOptions};
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub fn reconcile(api: &mut ApiServer) {
    let Some(crd_res) = api
        .registry()
        .resolve("customresourcedefinitions.apiextensions.k8s.io")
        .cloned()
    else {
        return;
    };
    let Ok(crds) = api.list(&crd_res, None, &ListOptions::default()) else {
        return;
    };
    for name in crds.iter().map(|c| meta::name(c).to_string()) {
        // Each CRD sees the names the ones before it were just given.
        let current = api
            .list(&crd_res, None, &ListOptions::default())
            .unwrap_or_default();
        let Some(c) = current.iter().find(|c| meta::name(c) == name) else {
            continue;
        };
        if meta::at(c, &["metadata", "deletionTimestamp"]).is_some() {
            finalize(api, &crd_res, c);
        } else {
            accept_names(api, &crd_res, c, &current);
        }
    }
    sync_registry(api, &crd_res);
}

/// Names other CRDs of the same group have been given.
fn names_in_use(crds: &[Value], me: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut resources = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let group = meta::str_at(me, &["spec", "group"]);
    for c in crds {
        if meta::name(c) == meta::name(me) || meta::str_at(c, &["spec", "group"]) != group {
            continue;
        }
        let Some(n) = meta::at(c, &["status", "acceptedNames"]) else {
            continue;
        };
        let s = |k: &str| n.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        resources.insert(s("plural"));
        resources.insert(s("singular"));
        for sn in n
            .get("shortNames")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            resources.insert(sn.as_str().unwrap_or("").to_string());
        }
        kinds.insert(s("kind"));
        kinds.insert(s("listKind"));
    }
    (resources, kinds)
}

/// The naming and establishing controllers' status for a CRD.
fn accept_names(api: &mut ApiServer, crd_res: &crate::api::ApiResource, c: &Value, crds: &[Value]) {
    let (resources, kinds) = names_in_use(crds, c);
    let requested = meta::at(c, &["spec", "names"])
        .cloned()
        .unwrap_or(json!({}));
    let accepted = meta::at(c, &["status", "acceptedNames"])
        .cloned()
        .unwrap_or(json!({}));
    let mut names = accepted.clone();
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let mut conflict: Option<(&str, String)> = None;
    for (key, reason, used) in [
        ("plural", "PluralConflict", &resources),
        ("singular", "SingularConflict", &resources),
        ("kind", "KindConflict", &kinds),
        ("listKind", "ListKindConflict", &kinds),
    ] {
        let want = s(&requested, key);
        if want != s(&accepted, key) && used.contains(&want) {
            conflict = Some((reason, format!("\"{want}\" is already in use")));
        } else {
            names[key] = json!(want);
        }
    }
    let short: Vec<String> = requested
        .get("shortNames")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let taken: Vec<String> = short
        .iter()
        .filter(|n| resources.contains(*n))
        .map(|n| format!("\"{n}\" is already in use"))
        .collect();
    if taken.is_empty() {
        if short.is_empty() {
            if let Some(m) = names.as_object_mut() {
                m.remove("shortNames");
            }
        } else {
            names["shortNames"] = json!(short);
        }
    } else {
        let msg = if taken.len() == 1 {
            taken[0].clone()
        } else {
            format!("[{}]", taken.join(", "))
        };
        conflict = Some(("ShortNamesConflict", msg));
    }
    match requested.get("categories") {
        Some(cats) => names["categories"] = cats.clone(),
        None => {
            if let Some(m) = names.as_object_mut() {
                m.remove("categories");
            }
        }
    }
    let mut next = c.clone();
    next["status"]["acceptedNames"] = names;
    let now = api.now().rfc3339();
    let (names_cond, established) = match &conflict {
        None => (
            json!({"type": "NamesAccepted", "status": "True", "reason": "NoConflicts",
                   "message": "no conflicts found"}),
            json!({"type": "Established", "status": "True", "reason": "InitialNamesAccepted",
                   "message": "the initial names have been accepted"}),
        ),
        Some((reason, msg)) => (
            json!({"type": "NamesAccepted", "status": "False", "reason": reason, "message": msg}),
            json!({"type": "Established", "status": "False", "reason": "NotAccepted",
                   "message": "not all names are accepted"}),
        ),
    };
    let already_established = meta::at(c, &["status", "conditions"])
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter()
                .any(|x| x["type"] == "Established" && x["status"] == "True")
        });
    set_condition(&mut next, names_cond, &now);
    if !already_established || conflict.is_none() {
        set_condition(&mut next, established, &now);
    }
    if next != *c {
        let _ = api.write_status(crd_res, "", next);
    }
}

/// The finalizer controller: custom resources deleted, then the finalizer.
fn finalize(api: &mut ApiServer, crd_res: &crate::api::ApiResource, c: &Value) {
    let has_finalizer = meta::at(c, &["metadata", "finalizers"])
        .and_then(Value::as_array)
        .is_some_and(|f| f.iter().any(|x| x == CLEANUP_FINALIZER));
    if !has_finalizer {
        return;
    }
    if let Some(r) = served(api, c) {
        let items = api
            .list(&r, None, &ListOptions::default())
            .unwrap_or_default();
        for item in &items {
            let _ = api.delete(
                &r,
                meta::namespace(item),
                meta::name(item),
                &WriteOptions::default(),
            );
        }
        if !api
            .list(&r, None, &ListOptions::default())
            .unwrap_or_default()
            .is_empty()
        {
            return;
        }
    }
    let mut next = c.clone();
    if let Some(f) = next["metadata"]["finalizers"].as_array_mut() {
        f.retain(|x| x != CLEANUP_FINALIZER);
    }
    let _ = api.write_status(crd_res, "", next);
}

/// The resource a CRD serves, as the registry holds it.
fn served(api: &ApiServer, c: &Value) -> Option<crate::api::ApiResource> {
    let group = meta::str_at(c, &["spec", "group"])?;
    let plural = meta::str_at(c, &["status", "acceptedNames", "plural"])?;
    api.registry()
        .resources()
        .iter()
        .find(|r| r.group == group && r.name == plural && r.is_custom())
        .cloned()
}

/// Serves every established CRD's resource and nothing else custom.
fn sync_registry(api: &mut ApiServer, crd_res: &crate::api::ApiResource) {
    let crds = api
        .list(crd_res, None, &ListOptions::default())
        .unwrap_or_default();
    let mut wanted = vec![];
    for c in &crds {
        let established = meta::at(c, &["status", "conditions"])
            .and_then(Value::as_array)
            .is_some_and(|cs| {
                cs.iter()
                    .any(|x| x["type"] == "Established" && x["status"] == "True")
            });
        if !established {
            continue;
        }
        if let Some(r) = crd::served_resource(c) {
            wanted.push((r, crd::served_versions(c)));
        }
    }
    let stale: Vec<(String, String)> = api
        .registry()
        .resources()
        .iter()
        .filter(|r| r.is_custom())
        .filter(|r| !wanted.iter().any(|(w, _)| w == *r))
        .map(|r| (r.group.clone(), r.name.clone()))
        .collect();
    for (g, n) in stale {
        api.registry_mut().remove_custom(&g, &n);
    }
    for (r, versions) in wanted {
        let present = api.registry().resources().contains(&r);
        if !present {
            api.registry_mut().serve_custom(r, versions);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::EPOCH;

    fn crd(name: &str, plural: &str, kind: &str) -> Value {
        json!({"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": name},
            "spec": {"group": "stable.example.com", "scope": "Namespaced",
                "names": {"plural": plural, "kind": kind, "shortNames": ["ct"]},
                "versions": [{"name": "v1", "served": true, "storage": true,
                    "schema": {"openAPIV3Schema": {"type": "object",
                        "x-kubernetes-preserve-unknown-fields": true}}}]}})
    }

    fn server_with(crds: &[Value]) -> ApiServer {
        let mut api = ApiServer::new(1, EPOCH);
        let r = api
            .registry()
            .resolve("crd")
            .cloned()
            .expect("crds are served");
        // Each command settles before the next, as in a session.
        for c in crds {
            api.create(&r, "", c.clone(), &WriteOptions::default())
                .expect("valid CRD");
            reconcile(&mut api);
        }
        api
    }

    #[test]
    fn an_established_crd_is_served_and_survives_a_snapshot() {
        let api = server_with(&[crd("crontabs.stable.example.com", "crontabs", "CronTab")]);
        for typed in [
            "crontabs",
            "ct",
            "crontab",
            "CronTab",
            "crontabs.stable.example.com",
        ] {
            assert_eq!(
                api.registry().resolve(typed).map(|r| r.kind.as_str()),
                Some("CronTab"),
                "{typed}"
            );
        }
        assert!(api
            .registry()
            .serves_group_version("stable.example.com", "v1"));
        let restored: ApiServer =
            serde_json::from_value(serde_json::to_value(&api).unwrap()).unwrap();
        assert!(restored.registry().resolve("ct").is_some());
    }

    #[test]
    fn a_second_crd_with_a_taken_short_name_is_not_established() {
        let api = server_with(&[
            crd("crontabs.stable.example.com", "crontabs", "CronTab"),
            crd("cronjobs.stable.example.com", "cronjobs", "CronJob"),
        ]);
        let r = api.registry().resolve("crd").cloned().unwrap();
        let second = api.get(&r, "", "cronjobs.stable.example.com").unwrap();
        let cond = |t: &str| {
            second["status"]["conditions"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["type"] == t)
                .cloned()
                .unwrap()
        };
        assert_eq!(cond("NamesAccepted")["reason"], "ShortNamesConflict");
        assert_eq!(cond("NamesAccepted")["message"], "\"ct\" is already in use");
        assert_eq!(cond("Established")["status"], "False");
        assert!(api
            .registry()
            .resolve("cronjobs.stable.example.com")
            .is_none());
    }
}
