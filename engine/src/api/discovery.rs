//! Discovery: `/api`, `/apis`, `/apis/<group>`, `/api/v1` and
//! `/apis/<group>/<version>`, in the legacy form and in the aggregated form
//! (`apidiscovery.k8s.io/v2`) that kubectl v1.33 asks for first. The HTTP
//! server answers with these documents, and `kubectl get --raw` in the engine.

use super::builtin_resources::BUILTIN_RESOURCES;
use super::{ApiResource, Registry};
use serde_json::{json, Value};

/// What a v1.33 minikube API server says it listens on.
const SERVER_ADDRESS: &str = "192.168.49.2:8443";

/// One subresource: `(group, version, kind, verbs)` of what it serves.
fn subresource_info(
    r: &ApiResource,
    sub: &str,
) -> (String, String, String, &'static [&'static str]) {
    let own = |verbs| (r.group.clone(), r.version.clone(), r.kind.clone(), verbs);
    let other =
        |g: &str, v: &str, k: &str, verbs| (g.to_string(), v.to_string(), k.to_string(), verbs);
    const GPU: &[&str] = &["get", "patch", "update"];
    match sub {
        "status" | "ephemeralcontainers" | "resize" | "approval" => own(GPU),
        "finalize" => own(&["update"]),
        "scale" => other("autoscaling", "v1", "Scale", GPU),
        "log" => own(&["get"]),
        "exec" => other("", "v1", "PodExecOptions", &["create", "get"]),
        "attach" => other("", "v1", "PodAttachOptions", &["create", "get"]),
        "portforward" => other("", "v1", "PodPortForwardOptions", &["create", "get"]),
        "proxy" => {
            let kind = format!("{}ProxyOptions", r.kind);
            (
                String::new(),
                "v1".into(),
                kind,
                &["create", "delete", "get", "patch", "update"],
            )
        }
        "binding" => other("", "v1", "Binding", &["create"]),
        "eviction" => other("policy", "v1", "Eviction", &["create"]),
        "token" => other("authentication.k8s.io", "v1", "TokenRequest", &["create"]),
        _ => own(&["get"]),
    }
}

/// The subresources a resource serves (`status`, `scale`, ...).
pub fn subresources(r: &ApiResource) -> Vec<&'static str> {
    BUILTIN_RESOURCES
        .iter()
        .find(|b| b.group == r.group && b.name == r.name)
        .map(|b| b.subresources.to_vec())
        .unwrap_or_else(|| {
            // A custom resource: what its CRD version enables.
            ["status", "scale"]
                .into_iter()
                .filter(|s| r.has_subresource(s))
                .collect()
        })
}

/// The resources served in one group/version. A version other than the one
/// the registry holds (autoscaling/v1 beside v2) serves the same resources.
pub fn resources_in(reg: &Registry, group: &str, version: &str) -> Vec<ApiResource> {
    if !reg.serves_group_version(group, version) {
        return vec![];
    }
    let in_group: Vec<&ApiResource> = reg
        .resources()
        .iter()
        .filter(|r| r.group == group)
        .collect();
    let exact: Vec<ApiResource> = in_group
        .iter()
        .filter(|r| r.version == version)
        .map(|r| (*r).clone())
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    in_group
        .into_iter()
        .map(|r| ApiResource {
            version: version.to_string(),
            ..r.clone()
        })
        .collect()
}

/// A resource by group, version and plural name, as a request path names it.
pub fn find(reg: &Registry, group: &str, version: &str, name: &str) -> Option<ApiResource> {
    resources_in(reg, group, version)
        .into_iter()
        .find(|r| r.name == name)
}

fn group_version(group: &str, version: &str) -> String {
    if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    }
}

/// Go's field order in the discovery documents (APIVersions, APIGroupList,
/// APIGroup, APIResourceList) and their parts, which the server writes in
/// struct order: `kubectl get --raw` and curl show it.
pub const DOCUMENT_FIELDS: &[&str] = &[
    "kind",
    "apiVersion",
    "groupVersion",
    "name",
    "versions",
    "preferredVersion",
    "serverAddressByClientCIDRs",
    "groups",
    "resources",
];
pub const GROUP_FIELDS: &[&str] = &["name", "versions", "preferredVersion"];
pub const GROUP_VERSION_FIELDS: &[&str] = &["groupVersion", "version"];
pub const RESOURCE_FIELDS: &[&str] = &[
    "name",
    "singularName",
    "namespaced",
    "group",
    "version",
    "kind",
    "verbs",
    "shortNames",
    "categories",
    "storageVersionHash",
];

/// The field order at `path` inside a discovery document.
pub fn field_order(path: &[&str]) -> &'static [&'static str] {
    match path.iter().rev().find(|k| **k != "[]").copied() {
        None => DOCUMENT_FIELDS,
        Some("groups") => GROUP_FIELDS,
        Some("versions" | "preferredVersion") => GROUP_VERSION_FIELDS,
        Some("resources") => RESOURCE_FIELDS,
        Some(_) => &[],
    }
}

/// Whether `v` is one of the discovery documents.
pub fn is_document(v: &Value) -> bool {
    matches!(
        v["kind"].as_str(),
        Some("APIVersions" | "APIGroupList" | "APIGroup" | "APIResourceList")
    )
}

/// `/api`: APIVersions, with the address the server advertises
/// (`ip:port` of its `kubernetes` endpoints; minikube's without one).
pub fn api_versions(server_address: Option<&str>) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0",
            "serverAddress": server_address.unwrap_or(SERVER_ADDRESS)}],
    })
}

fn api_group(group: &str, versions: &[String]) -> Value {
    let vs: Vec<Value> = versions
        .iter()
        .map(|v| json!({"groupVersion": group_version(group, v), "version": v}))
        .collect();
    json!({
        "name": group,
        "versions": vs,
        "preferredVersion": vs.first().cloned().unwrap_or(Value::Null),
    })
}

/// `/apis`: APIGroupList (every group but the core one).
pub fn api_group_list(reg: &Registry) -> Value {
    let groups: Vec<Value> = reg
        .group_versions()
        .iter()
        .filter(|(g, _)| !g.is_empty())
        .map(|(g, vs)| api_group(g, vs))
        .collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/<group>`: APIGroup.
pub fn api_group_doc(reg: &Registry, group: &str) -> Option<Value> {
    let (g, vs) = reg
        .group_versions()
        .iter()
        .find(|(g, _)| !g.is_empty() && g == group)?;
    let mut v = api_group(g, vs);
    v["kind"] = json!("APIGroup");
    v["apiVersion"] = json!("v1");
    Some(v)
}

/// `/api/v1` or `/apis/<group>/<version>`: APIResourceList, subresources as `pods/status`.
pub fn api_resource_list(reg: &Registry, group: &str, version: &str) -> Option<Value> {
    if !reg.serves_group_version(group, version) {
        return None;
    }
    let mut entries = vec![];
    for r in resources_in(reg, group, version) {
        let mut e = json!({
            "name": r.name,
            "singularName": r.singular,
            "namespaced": r.namespaced,
            "kind": r.kind,
            "verbs": r.verbs,
        });
        if !r.short_names.is_empty() {
            e["shortNames"] = json!(r.short_names);
        }
        if !r.categories.is_empty() {
            e["categories"] = json!(r.categories);
        }
        entries.push(e);
        for sub in subresources(&r) {
            let (g, v, kind, verbs) = subresource_info(&r, sub);
            let mut e = json!({
                "name": format!("{}/{sub}", r.name),
                "singularName": "",
                "namespaced": r.namespaced,
                "kind": kind,
                "verbs": verbs,
            });
            if g != r.group || v != r.version {
                e["group"] = json!(g);
                e["version"] = json!(v);
            }
            entries.push(e);
        }
    }
    let mut v = json!({
        "kind": "APIResourceList",
        "groupVersion": group_version(group, version),
        "resources": entries,
    });
    if !group.is_empty() {
        v["apiVersion"] = json!("v1");
    }
    Some(v)
}

fn discovery_resource(r: &ApiResource) -> Value {
    let mut e = json!({
        "resource": r.name,
        "responseKind": {"group": r.group, "version": r.version, "kind": r.kind},
        "scope": if r.namespaced { "Namespaced" } else { "Cluster" },
        "singularResource": r.singular,
        "verbs": r.verbs,
    });
    if !r.short_names.is_empty() {
        e["shortNames"] = json!(r.short_names);
    }
    if !r.categories.is_empty() {
        e["categories"] = json!(r.categories);
    }
    let subs: Vec<Value> = subresources(r)
        .into_iter()
        .map(|sub| {
            let (g, v, kind, verbs) = subresource_info(r, sub);
            json!({"subresource": sub, "responseKind": {"group": g, "version": v, "kind": kind}, "verbs": verbs})
        })
        .collect();
    if !subs.is_empty() {
        e["subresources"] = json!(subs);
    }
    e
}

/// The aggregated discovery document of `/api` (core) or `/apis` (the rest).
pub fn aggregated(reg: &Registry, core: bool, api_version: &str) -> Value {
    let items: Vec<Value> = reg
        .group_versions()
        .iter()
        .filter(|(g, _)| g.is_empty() == core)
        .map(|(g, vs)| {
            let versions: Vec<Value> = vs
                .iter()
                .map(|v| {
                    let resources: Vec<Value> = resources_in(reg, g, v)
                        .iter()
                        .map(discovery_resource)
                        .collect();
                    json!({"version": v, "resources": resources, "freshness": "Current"})
                })
                .collect();
            let mut metadata = json!({"creationTimestamp": null});
            if !g.is_empty() {
                metadata["name"] = json!(g);
            }
            json!({"metadata": metadata, "versions": versions})
        })
        .collect();
    json!({
        "kind": "APIGroupDiscoveryList",
        "apiVersion": format!("apidiscovery.k8s.io/{api_version}"),
        "metadata": {},
        "items": items,
    })
}
