//! What the plugins read of a pod or a node, parsed once (the framework's
//! PodInfo and the snapshot's Node) so that filtering a pod on hundreds of
//! nodes compares numbers and strings instead of walking JSON.

use crate::api::meta;
use crate::api::quantity::Quantity;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub type Labels = BTreeMap<String, String>;

fn milli(q: &str) -> Option<i128> {
    Quantity::parse(q).map(|q| q.milli_value())
}

pub fn labels_of(obj: &Value) -> Labels {
    meta::labels(obj)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// One requirement of a metav1.LabelSelector.
#[derive(Clone, Debug, PartialEq)]
enum Req {
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
}

/// A metav1.LabelSelector (matchLabels and matchExpressions); the empty
/// one matches everything. A nil or invalid selector is `None` where it is
/// parsed: it matches nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelSelector {
    reqs: Vec<Req>,
}

impl LabelSelector {
    pub fn parse(v: Option<&Value>) -> Option<LabelSelector> {
        let v = v.filter(|v| !v.is_null())?;
        let mut reqs = vec![];
        for (k, val) in meta::string_map(v.get("matchLabels")) {
            reqs.push(Req::In(k.to_string(), vec![val.to_string()]));
        }
        for e in v
            .get("matchExpressions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = e.get("key").and_then(Value::as_str)?.to_string();
            let values: Vec<String> = e
                .get("values")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            reqs.push(match e.get("operator").and_then(Value::as_str)? {
                "In" => Req::In(key, values),
                "NotIn" => Req::NotIn(key, values),
                "Exists" => Req::Exists(key),
                "DoesNotExist" => Req::DoesNotExist(key),
                _ => return None,
            });
        }
        Some(LabelSelector { reqs })
    }

    /// A selector that requires each of `set` (labels.SelectorFromSet).
    pub fn from_set(set: &Labels) -> LabelSelector {
        LabelSelector {
            reqs: set
                .iter()
                .map(|(k, v)| Req::In(k.clone(), vec![v.clone()]))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.reqs.is_empty()
    }

    /// Adds `key in (value)` (or `notin`), as matchLabelKeys do.
    pub fn require(&mut self, key: &str, value: &str, equal: bool) {
        let values = vec![value.to_string()];
        self.reqs.push(if equal {
            Req::In(key.into(), values)
        } else {
            Req::NotIn(key.into(), values)
        });
    }

    pub fn and(mut self, other: &LabelSelector) -> LabelSelector {
        self.reqs.extend(other.reqs.iter().cloned());
        self
    }

    pub fn matches(&self, labels: &Labels) -> bool {
        self.reqs.iter().all(|r| match r {
            Req::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            Req::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            Req::Exists(k) => labels.contains_key(k),
            Req::DoesNotExist(k) => !labels.contains_key(k),
        })
    }
}

/// A pod (anti-)affinity term with its namespaces resolved as the
/// framework's AffinityTerm: the listed namespaces, or the pod's own when
/// neither namespaces nor namespaceSelector is set.
#[derive(Clone, Debug, PartialEq)]
pub struct AffinityTerm {
    pub namespaces: BTreeSet<String>,
    pub namespace_selector: Option<LabelSelector>,
    pub selector: Option<LabelSelector>,
    pub topology_key: String,
    pub weight: i64,
}

impl AffinityTerm {
    fn parse(pod_ns: &str, pod_labels: &Labels, term: &Value, weight: i64) -> AffinityTerm {
        let mut selector = LabelSelector::parse(term.get("labelSelector"));
        // matchLabelKeys / mismatchLabelKeys (the API server merges them at
        // creation; merging again is harmless).
        if let Some(sel) = selector.as_mut() {
            for (field, equal) in [("matchLabelKeys", true), ("mismatchLabelKeys", false)] {
                for key in term
                    .get(field)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if let Some(v) = pod_labels.get(key) {
                        sel.require(key, v, equal);
                    }
                }
            }
        }
        let listed: BTreeSet<String> = term
            .get("namespaces")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect();
        let ns_sel_value = term.get("namespaceSelector").filter(|v| !v.is_null());
        let namespaces = if listed.is_empty() && ns_sel_value.is_none() {
            BTreeSet::from([pod_ns.to_string()])
        } else {
            listed
        };
        AffinityTerm {
            namespaces,
            namespace_selector: LabelSelector::parse(ns_sel_value),
            selector,
            topology_key: term
                .get("topologyKey")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            weight,
        }
    }

    /// Whether `pod` (namespace, labels) matches; `ns_labels` are the labels
    /// of the pod's namespace (None: unknown).
    pub fn matches(&self, ns: &str, labels: &Labels, ns_labels: Option<&Labels>) -> bool {
        let ns_ok = self.namespaces.contains(ns)
            || self
                .namespace_selector
                .as_ref()
                .is_some_and(|s| s.is_empty() || ns_labels.is_some_and(|l| s.matches(l)));
        ns_ok && self.selector.as_ref().is_some_and(|s| s.matches(labels))
    }
}

/// A pod's inter-pod affinity, parsed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodAffinity {
    pub required: Vec<AffinityTerm>,
    pub required_anti: Vec<AffinityTerm>,
    pub preferred: Vec<AffinityTerm>,
    pub preferred_anti: Vec<AffinityTerm>,
}

impl PodAffinity {
    fn parse(pod: &Value, ns: &str, labels: &Labels) -> Option<PodAffinity> {
        let aff = meta::at(pod, &["spec", "affinity"])?;
        let terms = |kind: &str, field: &str, weighted: bool| -> Vec<AffinityTerm> {
            aff.get(kind)
                .and_then(|k| k.get(field))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|t| {
                    if weighted {
                        let w = t.get("weight").and_then(Value::as_i64).unwrap_or(0);
                        let inner = t.get("podAffinityTerm").unwrap_or(&Value::Null);
                        AffinityTerm::parse(ns, labels, inner, w)
                    } else {
                        AffinityTerm::parse(ns, labels, t, 0)
                    }
                })
                .collect()
        };
        const REQ: &str = "requiredDuringSchedulingIgnoredDuringExecution";
        const PREF: &str = "preferredDuringSchedulingIgnoredDuringExecution";
        let out = PodAffinity {
            required: terms("podAffinity", REQ, false),
            required_anti: terms("podAntiAffinity", REQ, false),
            preferred: terms("podAffinity", PREF, true),
            preferred_anti: terms("podAntiAffinity", PREF, true),
        };
        (out != PodAffinity::default()).then_some(out)
    }
}

/// A pod as the plugins read it.
#[derive(Clone, Debug)]
pub struct PodFacts {
    pub value: Arc<Value>,
    pub uid: String,
    pub namespace: String,
    pub name: String,
    /// spec.nodeName (NodeName's filter reads it on every node).
    pub node_name: String,
    pub labels: Labels,
    pub priority: i64,
    /// Requests in milli-units by resource (containers summed, init
    /// containers at their max).
    pub requests: BTreeMap<String, i128>,
    /// cpu, memory and ephemeral-storage of `requests`, read on every node.
    pub native: [i128; 3],
    /// Whether it requests anything else (extended resources).
    pub has_scalar: bool,
    /// cpu and memory with the scheduler's defaults for containers without.
    pub non_zero: [i128; 2],
    pub host_ports: Vec<(i64, String)>,
    pub affinity: Option<Box<PodAffinity>>,
    pub terminating: bool,
    pub start_time: String,
    /// Normalized image names of its containers.
    pub images: Vec<String>,
    /// Whether it constrains nodes beyond resources (nodeSelector, required
    /// node affinity, tolerations matter only when a node has taints).
    pub node_constrained: bool,
}

/// The resources every node and pod is compared on, kept in arrays.
pub const NATIVE: [&str; 3] = ["cpu", "memory", "ephemeral-storage"];

/// schedutil.DefaultMilliCPURequest and DefaultMemoryRequest, in milli-units.
const DEFAULT_NON_ZERO: [i128; 2] = [100, 200 * 1024 * 1024 * 1000];

fn containers<'a>(pod: &'a Value, field: &str) -> impl Iterator<Item = &'a Value> {
    meta::at(pod, &["spec", field])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// Requests of a pod for one resource (sum of containers; init containers
/// taken at their max).
pub fn requests(pod: &Value, resource: &str) -> i128 {
    let get = |c: &Value| {
        meta::str_at(c, &["resources", "requests", resource])
            .and_then(milli)
            .unwrap_or(0)
    };
    let regular: i128 = containers(pod, "containers").map(get).sum();
    let init = containers(pod, "initContainers")
        .map(get)
        .max()
        .unwrap_or(0);
    regular.max(init)
}

/// Every resource a pod requests.
pub fn all_requests(pod: &Value) -> BTreeMap<String, i128> {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for field in ["containers", "initContainers"] {
        for c in containers(pod, field) {
            if let Some(m) = meta::at(c, &["resources", "requests"]).and_then(Value::as_object) {
                names.extend(m.keys().cloned());
            }
        }
    }
    names
        .into_iter()
        .map(|n| {
            let q = requests(pod, &n);
            (n, q)
        })
        .collect()
}

fn non_zero_requests(pod: &Value) -> [i128; 2] {
    let mut out = [0; 2];
    for (i, r) in ["cpu", "memory"].into_iter().enumerate() {
        let get = |c: &Value| {
            meta::str_at(c, &["resources", "requests", r])
                .and_then(milli)
                .unwrap_or(DEFAULT_NON_ZERO[i])
        };
        let regular: i128 = containers(pod, "containers").map(get).sum();
        let init = containers(pod, "initContainers")
            .map(get)
            .max()
            .unwrap_or(0);
        out[i] = regular.max(init);
    }
    out
}

pub fn host_ports(pod: &Value) -> Vec<(i64, String)> {
    let mut out = vec![];
    for c in containers(pod, "containers") {
        for p in c
            .get("ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(hp) = p.get("hostPort").and_then(Value::as_i64) {
                let proto = p.get("protocol").and_then(Value::as_str).unwrap_or("TCP");
                out.push((hp, proto.to_string()));
            }
        }
    }
    out
}

/// The image names a reference may be listed under in node.status.images.
pub fn normalized_image(image: &str) -> String {
    let tagged = image.rfind(':').map(|i| i as i64).unwrap_or(-1)
        > image.rfind('/').map(|i| i as i64).unwrap_or(-1);
    let image = if tagged || image.contains('@') {
        image.to_string()
    } else {
        format!("{image}:latest")
    };
    let first = image.split('/').next().unwrap_or("");
    let has_registry =
        image.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if has_registry {
        image
    } else if image.contains('/') {
        format!("docker.io/{image}")
    } else {
        format!("docker.io/library/{image}")
    }
}

impl PodFacts {
    pub fn new(value: Arc<Value>) -> PodFacts {
        let pod = &*value;
        let s = |path: &[&str]| meta::str_at(pod, path).unwrap_or("").to_string();
        let namespace = s(&["metadata", "namespace"]);
        let labels = labels_of(pod);
        let images = ["initContainers", "containers"]
            .iter()
            .flat_map(|f| containers(pod, f))
            .map(|c| c.get("image").and_then(Value::as_str).map(normalized_image))
            .map(Option::unwrap_or_default)
            .collect();
        let requests = all_requests(pod);
        let node_constrained = meta::at(pod, &["spec", "nodeSelector"])
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty())
            || meta::at(pod, &["spec", "affinity", "nodeAffinity"]).is_some();
        PodFacts {
            uid: s(&["metadata", "uid"]),
            name: s(&["metadata", "name"]),
            node_name: s(&["spec", "nodeName"]),
            priority: meta::at(pod, &["spec", "priority"])
                .and_then(Value::as_i64)
                .unwrap_or(0),
            native: NATIVE.map(|r| requests.get(r).copied().unwrap_or(0)),
            has_scalar: requests.keys().any(|r| !NATIVE.contains(&r.as_str())),
            requests,
            non_zero: non_zero_requests(pod),
            host_ports: host_ports(pod),
            affinity: PodAffinity::parse(pod, &namespace, &labels).map(Box::new),
            terminating: meta::at(pod, &["metadata", "deletionTimestamp"]).is_some(),
            start_time: s(&["status", "startTime"]),
            images,
            node_constrained,
            namespace,
            labels,
            value,
        }
    }

    pub fn request(&self, resource: &str) -> i128 {
        match NATIVE.iter().position(|r| *r == resource) {
            Some(i) => self.native[i],
            None => self.requests.get(resource).copied().unwrap_or(0),
        }
    }

    pub fn has_affinity(&self) -> bool {
        self.affinity.is_some()
    }

    pub fn has_required_anti_affinity(&self) -> bool {
        self.affinity
            .as_ref()
            .is_some_and(|a| !a.required_anti.is_empty())
    }
}

/// A taint of a node.
#[derive(Clone, Debug, PartialEq)]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: String,
}

/// A node as the plugins read it.
#[derive(Clone, Debug)]
pub struct NodeView {
    pub value: Arc<Value>,
    pub name: String,
    /// The name, shared by every verdict about this node.
    pub shared_name: Arc<str>,
    pub labels: Labels,
    pub allocatable: BTreeMap<String, i128>,
    /// cpu, memory, ephemeral-storage and pods of `allocatable`.
    pub native: [i128; 4],
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
}

impl NodeView {
    pub fn new(value: Arc<Value>) -> NodeView {
        let node = &*value;
        let allocatable: BTreeMap<String, i128> = meta::at(node, &["status", "allocatable"])
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.clone(), milli(v.as_str()?)?)))
                    .collect()
            })
            .unwrap_or_default();
        let taints = meta::at(node, &["spec", "taints"])
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|t| {
                let s = |f: &str| t.get(f).and_then(Value::as_str).unwrap_or("").to_string();
                Taint {
                    key: s("key"),
                    value: s("value"),
                    effect: s("effect"),
                }
            })
            .collect();
        let get = |r: &str| allocatable.get(r).copied().unwrap_or(0);
        let native = [
            get("cpu"),
            get("memory"),
            get("ephemeral-storage"),
            get("pods"),
        ];
        NodeView {
            native,
            name: meta::name(node).to_string(),
            shared_name: Arc::from(meta::name(node)),
            labels: labels_of(node),
            allocatable,
            taints,
            unschedulable: meta::at(node, &["spec", "unschedulable"]).and_then(Value::as_bool)
                == Some(true),
            value,
        }
    }

    pub fn allocatable(&self, resource: &str) -> i128 {
        match ["cpu", "memory", "ephemeral-storage", "pods"]
            .iter()
            .position(|r| *r == resource)
        {
            Some(i) => self.native[i],
            None => self.allocatable.get(resource).copied().unwrap_or(0),
        }
    }
}
