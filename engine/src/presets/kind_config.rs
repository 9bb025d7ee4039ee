//! A kind `Cluster` config (`kind create cluster --config FILE`, kind v0.29.0
//! `pkg/internal/apis/config`): read as kind reads it (apiVersion and kind
//! first, then a strict decode of v1alpha4), defaulted (name `kind`, one
//! control-plane node) and validated, with kind's error texts.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a config decides about the simulated cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindConfig {
    /// The cluster name: nodes `<name>-control-plane`, `<name>-worker`, ...;
    /// context `kind-<name>`.
    pub name: String,
    pub control_planes: u8,
    pub workers: u8,
    /// `networking.apiServerPort`: the host port of the API server; None
    /// (or 0) lets docker pick a random one.
    pub api_server_port: Option<u16>,
}

/// The nodes the simulation takes (node IPs and pod CIDRs are per node).
const MAX_NODES: usize = 100;

const CLUSTER_FIELDS: &[&str] = &[
    "kind",
    "apiVersion",
    "name",
    "nodes",
    "networking",
    "featureGates",
    "runtimeConfig",
    "kubeadmConfigPatches",
    "kubeadmConfigPatchesJSON6902",
    "containerdConfigPatches",
    "containerdConfigPatchesJSON6902",
];
const NODE_FIELDS: &[&str] = &[
    "role",
    "image",
    "labels",
    "extraMounts",
    "extraPortMappings",
    "kubeadmConfigPatches",
    "kubeadmConfigPatchesJSON6902",
];

impl KindConfig {
    /// The config `kind create cluster` uses without `--config`.
    pub fn default_cluster() -> KindConfig {
        KindConfig {
            name: "kind".into(),
            control_planes: 1,
            workers: 0,
            api_server_port: None,
        }
    }

    /// `encoding.Parse` then `Cluster.Validate`; the error is what kind prints
    /// after `ERROR: failed to create cluster: `.
    pub fn parse(text: &str) -> Result<KindConfig, String> {
        let doc: Value = match serde_yaml::from_str::<Option<Value>>(text) {
            Ok(v) => v.unwrap_or(Value::Null),
            Err(e) => {
                return Err(format!(
                    "could not determine kind / apiVersion for config: yaml: {}",
                    crate::kubectl::manifests::yaml_error_text(&e)
                ))
            }
        };
        let field = |k: &str| doc.get(k).and_then(Value::as_str).unwrap_or("");
        let (api_version, kind) = (field("apiVersion"), field("kind"));
        if api_version != "kind.x-k8s.io/v1alpha4" {
            return Err(format!("unknown apiVersion: {api_version}"));
        }
        if kind != "Cluster" {
            return Err(format!("unknown kind {kind} for apiVersion: {api_version}"));
        }
        strict_decode(text, &doc).map_err(|e| format!("unable to decode config: {e}"))?;
        let name = match field("name") {
            "" => "kind",
            n => n,
        };
        let nodes = doc.get("nodes").and_then(Value::as_array);
        let roles: Vec<&str> = match nodes {
            Some(list) if !list.is_empty() => list
                .iter()
                .map(|n| match n.get("role").and_then(Value::as_str) {
                    None | Some("") => "control-plane",
                    Some(r) => r,
                })
                .collect(),
            _ => vec!["control-plane"],
        };
        let mut errs = vec![];
        let port = doc
            .get("networking")
            .and_then(|n| n.get("apiServerPort"))
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let name_ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
        if !name_ok {
            errs.push(format!(
                "'{name}' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`"
            ));
        }
        for (i, role) in roles.iter().enumerate() {
            if *role != "control-plane" && *role != "worker" {
                errs.push(format!(
                    "invalid configuration for node {i}: {role:?} is not a valid node role"
                ));
            }
        }
        if !(-1..=65535).contains(&port) {
            errs.push("invalid apiServerPort".into());
        }
        let control_planes = roles.iter().filter(|r| **r == "control-plane").count();
        let workers = roles.iter().filter(|r| **r == "worker").count();
        if control_planes == 0 {
            errs.push("must have at least one control-plane node".into());
        }
        match errs.len() {
            0 => {}
            1 => return Err(errs.remove(0)),
            _ => return Err(format!("[{}]", errs.join(", "))),
        }
        // What kind would build but this simulation does not (yet).
        if roles.len() > MAX_NODES {
            return Err(format!(
                "kubeplay simulates at most {MAX_NODES} nodes; this config has {}",
                roles.len()
            ));
        }
        Ok(KindConfig {
            name: name.to_string(),
            control_planes: control_planes as u8,
            workers: workers as u8,
            api_server_port: u16::try_from(port).ok().filter(|p| *p > 0),
        })
    }
}

/// goyaml.v3's strict decode into `v1alpha4.Cluster`: unknown fields and a
/// `nodes` that is not a list, each reported with its line.
fn strict_decode(text: &str, doc: &Value) -> Result<(), String> {
    let mut problems = vec![];
    let lines: Vec<&str> = text.lines().collect();
    // The 1-based line where `key:` appears at `indent` (or after `- `), from `from`.
    let line_of = |key: &str, from: usize, top: bool| -> usize {
        lines
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, l)| {
                let t = if top {
                    l.to_string()
                } else {
                    l.trim_start()
                        .trim_start_matches("- ")
                        .trim_start()
                        .to_string()
                };
                t.starts_with(&format!("{key}:"))
            })
            .map_or(0, |(i, _)| i + 1)
    };
    if let Some(m) = doc.as_object() {
        for k in m.keys() {
            if !CLUSTER_FIELDS.contains(&k.as_str()) {
                problems.push((
                    line_of(k, 0, true),
                    format!("field {k} not found in type v1alpha4.Cluster"),
                ));
            }
        }
    }
    let nodes_line = line_of("nodes", 0, true);
    match doc.get("nodes") {
        None | Some(Value::Null) | Some(Value::Array(_)) => {}
        Some(other) => problems.push((
            nodes_line,
            format!(
                "cannot unmarshal !!{} `{}` into []v1alpha4.Node",
                yaml_tag(other),
                scalar_text(other)
            ),
        )),
    }
    for node in doc
        .get("nodes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(m) = node.as_object() {
            for k in m.keys() {
                if !NODE_FIELDS.contains(&k.as_str()) {
                    problems.push((
                        line_of(k, nodes_line, false),
                        format!("field {k} not found in type v1alpha4.Node"),
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort();
    let body: Vec<String> = problems
        .into_iter()
        .map(|(line, p)| format!("\n  line {line}: {p}"))
        .collect();
    Err(format!("yaml: unmarshal errors:{}", body.concat()))
}

fn yaml_tag(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Object(_) => "map",
        _ => "seq",
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(_) => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n";

    #[test]
    fn reads_name_and_roles() {
        let c = KindConfig::parse(&format!(
            "{HEAD}name: dev\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n"
        ))
        .unwrap();
        assert_eq!(
            c,
            KindConfig {
                name: "dev".into(),
                control_planes: 1,
                workers: 2,
                api_server_port: None,
            }
        );
        assert_eq!(
            KindConfig::parse(HEAD).unwrap(),
            KindConfig::default_cluster()
        );
    }

    #[test]
    fn bad_configs_fail_with_kinds_texts() {
        let err = |t: &str| KindConfig::parse(t).unwrap_err();
        assert_eq!(
            err("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n"),
            "unknown apiVersion: kind.x-k8s.io/v1alpha3"
        );
        assert_eq!(
            err("kind: Pod\napiVersion: kind.x-k8s.io/v1alpha4\n"),
            "unknown kind Pod for apiVersion: kind.x-k8s.io/v1alpha4"
        );
        assert_eq!(
            err(&format!("{HEAD}nodes:\n- role: master\n")),
            "[invalid configuration for node 0: \"master\" is not a valid node role, must have at least one control-plane node]"
        );
        assert_eq!(
            err(&format!("{HEAD}name: Dev\n")),
            "'Dev' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`"
        );
        assert_eq!(
            err(&format!("{HEAD}bogus: 1\nnodes:\n- role: worker\n  size: big\n")),
            "unable to decode config: yaml: unmarshal errors:\n  line 3: field bogus not found in type v1alpha4.Cluster\n  line 6: field size not found in type v1alpha4.Node"
        );
        assert!(err("kind: [\n")
            .starts_with("could not determine kind / apiVersion for config: yaml: "));
    }
}
