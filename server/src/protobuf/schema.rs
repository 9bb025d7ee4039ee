//! The protobuf layout of every built-in kind, from `data/proto-schema.txt`
//! (written by `scripts/proto_schema.py` from the v1.33 generated.proto files
//! and the Go structs' tags), parsed once on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

const SCHEMA: &str = include_str!("../../data/proto-schema.txt");

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Label {
    Optional,
    Repeated,
    /// `map<string, ty>`.
    Map,
}

#[derive(Debug)]
pub struct Field {
    pub num: u64,
    /// The JSON name; None when the Go field is inlined (`json:",inline"`).
    pub json: Option<&'static str>,
    pub label: Label,
    /// A scalar (`string`, `int32`, ...) or a message's full name.
    pub ty: &'static str,
    /// A Go pointer: a zero value is still a value.
    pub pointer: bool,
    pub omitempty: bool,
}

#[derive(Debug, Default)]
pub struct Message {
    pub fields: Vec<Field>,
    /// A named slice (`ExtraValue`, `Verbs`): JSON is the array of `items`.
    pub list: bool,
}

impl Message {
    pub fn field(&self, num: u64) -> Option<&Field> {
        self.fields.iter().find(|f| f.num == num)
    }
}

pub fn is_scalar(ty: &str) -> bool {
    matches!(
        ty,
        "string"
            | "bytes"
            | "bool"
            | "int32"
            | "int64"
            | "uint32"
            | "uint64"
            | "double"
            | "float"
            | "fixed64"
            | "sfixed64"
    )
}

fn parse() -> HashMap<&'static str, Message> {
    let mut out: HashMap<&'static str, Message> = HashMap::new();
    let mut current: Option<&'static str> = None;
    for line in SCHEMA.lines() {
        let p: Vec<&'static str> = line.split(' ').collect();
        match p.as_slice() {
            ["M", name, rest @ ..] => {
                current = Some(name);
                out.insert(
                    name,
                    Message {
                        fields: vec![],
                        list: rest.first() == Some(&"list"),
                    },
                );
            }
            ["F", num, json, label, ty, flags] => {
                let (Some(m), Ok(num)) = (current.and_then(|c| out.get_mut(c)), num.parse()) else {
                    continue;
                };
                m.fields.push(Field {
                    num,
                    json: (*json != "~").then_some(*json),
                    label: match *label {
                        "r" => Label::Repeated,
                        "m" => Label::Map,
                        _ => Label::Optional,
                    },
                    ty,
                    pointer: flags.starts_with('p'),
                    omitempty: flags.ends_with('e'),
                });
            }
            _ => {}
        }
    }
    for m in out.values_mut() {
        m.fields.sort_by_key(|f| f.num);
    }
    out
}

pub fn message(name: &str) -> Option<&'static Message> {
    static SCHEMA: OnceLock<HashMap<&'static str, Message>> = OnceLock::new();
    SCHEMA.get_or_init(parse).get(name)
}

/// The proto package of a group/version: `apps/v1` → `k8s.io.api.apps.v1`.
pub fn package(api_version: &str) -> String {
    let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
    match group {
        "" => format!("k8s.io.api.core.{version}"),
        "meta.k8s.io" => format!("k8s.io.apimachinery.pkg.apis.meta.{version}"),
        "apiextensions.k8s.io" => {
            format!("k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.{version}")
        }
        "apiregistration.k8s.io" => {
            format!("k8s.io.kube_aggregator.pkg.apis.apiregistration.{version}")
        }
        g => format!("k8s.io.api.{}.{version}", g.split('.').next().unwrap_or(g)),
    }
}

/// The message a kind is encoded as, when the schema knows it. `Status` and
/// the option kinds live in meta/v1 whatever group they travel in.
pub fn kind_message(api_version: &str, kind: &str) -> Option<String> {
    let own = format!("{}.{kind}", package(api_version));
    if message(&own).is_some() {
        return Some(own);
    }
    let meta = format!("k8s.io.apimachinery.pkg.apis.meta.v1.{kind}");
    message(&meta).is_some().then_some(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_every_kind_kubectl_creates() {
        for (av, kind) in [
            ("v1", "Pod"),
            ("v1", "Service"),
            ("apps/v1", "Deployment"),
            ("batch/v1", "Job"),
            ("batch/v1", "CronJob"),
            ("policy/v1", "Eviction"),
            ("autoscaling/v1", "Scale"),
            ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
            ("networking.k8s.io/v1", "Ingress"),
            ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
            ("v1", "DeleteOptions"),
        ] {
            assert!(kind_message(av, kind).is_some(), "{av} {kind}");
        }
        let spec = message("k8s.io.api.apps.v1.DeploymentSpec").unwrap();
        let replicas = spec.field(1).unwrap();
        assert_eq!(
            (replicas.json, replicas.ty, replicas.pointer),
            (Some("replicas"), "int32", true)
        );
        // authentication/v1 UserInfo's uid is `uID` in the .proto, `uid` in JSON.
        let user = message("k8s.io.api.authentication.v1.UserInfo").unwrap();
        assert_eq!(user.field(2).unwrap().json, Some("uid"));
        assert!(
            message("k8s.io.apimachinery.pkg.apis.meta.v1.Verbs")
                .unwrap()
                .list
        );
    }
}
