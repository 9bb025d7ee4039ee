//! `kubectl expose TYPE NAME`: a Service for a pod, service, deployment,
//! replica set or replication controller, with its selector, ports and
//! protocols read from the object (kubectl's polymorphic helpers).

use super::create::{check_output, dry_run, print_result, print_typed_result, DryRun};
use crate::api::meta;
use crate::apiserver::WriteOptions;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::resources;
use crate::kubectl::{Command, Env};
use serde_json::{json, Map, Value};

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

pub const COMMAND: Command = Command {
    name: "expose",
    aliases: &[],
    group: "Basic Commands (Beginner)",
    short: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
    flags: &[
        f("allow-missing-template-keys", FlagKind::Bool, "true", "Ignore template errors for missing fields or keys."),
        f("cluster-ip", FlagKind::String, "", "ClusterIP for the service; empty to allocate one, 'None' for a headless service."),
        f("dry-run", FlagKind::String, "none", "none, client or server: only show what would be created."),
        f("external-ip", FlagKind::String, "", "An extra external IP the service accepts traffic on."),
        f("field-manager", FlagKind::String, "kubectl-expose", "Name of the manager used to track field ownership."),
        f("filename", FlagKind::StringSlice, "[]", "Files identifying the resource to expose.").short('f'),
        f("kustomize", FlagKind::String, "", "A kustomization directory identifying the resource.").short('k'),
        f("labels", FlagKind::String, "", "Labels for the new service (default: the object's labels).").short('l'),
        f("load-balancer-ip", FlagKind::String, "", "IP for a LoadBalancer service."),
        f("name", FlagKind::String, "", "The new service's name (default: the object's)."),
        f("output", FlagKind::String, "", "Output format: json, yaml, name, jsonpath=...").short('o'),
        f("override-type", FlagKind::String, "merge", "How --overrides is applied: json, merge or strategic."),
        f("overrides", FlagKind::String, "", "An inline JSON override for the generated object."),
        f("port", FlagKind::String, "", "The port the service serves on (default: the object's)."),
        f("protocol", FlagKind::String, "", "TCP, UDP or SCTP (default: the object's, else TCP)."),
        f("recursive", FlagKind::Bool, "false", "Process -f directories recursively.").short('R'),
        f("save-config", FlagKind::Bool, "false", "Record the configuration for later kubectl apply."),
        f("selector", FlagKind::String, "", "The service's selector (default: the object's)."),
        f("session-affinity", FlagKind::String, "", "None or ClientIP."),
        f("show-managed-fields", FlagKind::Bool, "false", "Keep managedFields in JSON or YAML output."),
        f("target-port", FlagKind::String, "", "The container port (number or name) traffic goes to."),
        f("template", FlagKind::String, "", "Template for -o go-template."),
        f("type", FlagKind::String, "", "ClusterIP, NodePort, LoadBalancer or ExternalName."),
        crate::kubectl::flags::RECORD,
    ],
    run,
};

/// The map-based selector kubectl reads from what is exposed.
fn selector_for(obj: &Value, kind: &str) -> Result<Map<String, Value>, String> {
    let as_map = |v: Option<&Value>| v.and_then(Value::as_object).cloned().unwrap_or_default();
    match kind {
        "Pod" => {
            let l = as_map(obj.pointer("/metadata/labels"));
            if l.is_empty() {
                return Err("the pod has no labels and cannot be exposed".into());
            }
            Ok(l)
        }
        "Service" => {
            let s = as_map(obj.pointer("/spec/selector"));
            if s.is_empty() {
                return Err("the service has no pod selector set".into());
            }
            Ok(s)
        }
        "ReplicationController" => Ok(as_map(obj.pointer("/spec/selector"))),
        _ => {
            let what = if kind == "Deployment" {
                "deployment"
            } else {
                "replicaset"
            };
            let Some(sel) = obj.pointer("/spec/selector") else {
                return Err(format!(
                    "invalid {what}: no selectors, therefore cannot be exposed"
                ));
            };
            if sel
                .get("matchExpressions")
                .and_then(Value::as_array)
                .is_some_and(|e| !e.is_empty())
            {
                return Err(format!(
                    "couldn't convert expressions - \"{}\" to map-based selector format",
                    go_expressions(&sel["matchExpressions"])
                ));
            }
            let l = as_map(sel.get("matchLabels"));
            if l.is_empty() {
                return Err(format!(
                    "invalid {what}: no selectors, therefore cannot be exposed"
                ));
            }
            Ok(l)
        }
    }
}

/// `%+v` of []LabelSelectorRequirement.
fn go_expressions(v: &Value) -> String {
    let items: Vec<String> = v
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let values: Vec<&str> = e["values"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            format!(
                "{{Key:{} Operator:{} Values:[{}]}}",
                e["key"].as_str().unwrap_or(""),
                e["operator"].as_str().unwrap_or(""),
                values.join(" ")
            )
        })
        .collect();
    format!("[{}]", items.join(" "))
}

/// The containers of a pod or of a controller's pod template.
fn containers(obj: &Value, kind: &str) -> Vec<Value> {
    let path = if kind == "Pod" {
        "/spec/containers"
    } else {
        "/spec/template/spec/containers"
    };
    obj.pointer(path)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// (port, protocol) pairs: container ports, or a service's ports.
fn ports_for(obj: &Value, kind: &str) -> Vec<(String, String)> {
    let proto = |p: &Value| p["protocol"].as_str().unwrap_or("TCP").to_string();
    if kind == "Service" {
        return obj
            .pointer("/spec/ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|p| (p["port"].to_string(), proto(p)))
            .collect();
    }
    containers(obj, kind)
        .iter()
        .flat_map(|c| c["ports"].as_array().cloned().unwrap_or_default())
        .map(|p| (p["containerPort"].to_string(), proto(&p)))
        .collect()
}

/// `k=v,k2=v2` → a map (kubectl's parseLabels).
fn parse_labels(spec: &str) -> Result<Map<String, Value>, String> {
    let mut out = Map::new();
    for item in spec.split(',') {
        let parts: Vec<&str> = item.split('=').collect();
        if parts.len() != 2 {
            return Err(format!("unexpected label spec: {item}"));
        }
        if parts[0].is_empty() {
            return Err("unexpected empty label key".into());
        }
        out.insert(parts[0].into(), json!(parts[1]));
    }
    Ok(out)
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let d = dry_run(p)?;
    check_output(p)?;
    let reqs = resources::parse(env.world.api.registry(), &p.args)?;
    if reqs.is_empty() {
        return Err(CmdError::Raw("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n".into()));
    }
    if reqs.iter().any(|r| r.names.is_empty()) {
        return Err(CmdError::Plain(
            "resource(s) were provided, but no name was specified".into(),
        ));
    }
    let ns = env.namespace(p);
    let svc_resource = env
        .world
        .api
        .registry()
        .resolve("services")
        .cloned()
        .ok_or_else(|| CmdError::Plain("services are not served".into()))?;
    for req in reqs {
        let kind = req.resource.kind.clone();
        let exposable = matches!(
            (req.resource.group.as_str(), kind.as_str()),
            ("", "ReplicationController" | "Service" | "Pod")
                | ("apps" | "extensions", "Deployment" | "ReplicaSet")
        );
        for name in &req.names {
            let obj = env.world.api.get(&req.resource, &ns, name)?;
            if !exposable {
                let gk = if req.resource.group.is_empty() {
                    kind.clone()
                } else {
                    format!("{kind}.{}", req.resource.group)
                };
                return Err(CmdError::Plain(format!("cannot expose a {gk}")));
            }
            let mut service = build(p, &obj, &kind)?;
            // expose.go records before the dry run and the create.
            crate::kubectl::record::record(p, &mut service);
            if d == DryRun::Client {
                let mut service = service;
                if p.has("namespace") {
                    meta::metadata_mut(&mut service).insert("namespace".into(), json!(ns));
                }
                print_typed_result(
                    env,
                    p,
                    &format!("service/{}", meta::name(&service)),
                    &service,
                    "exposed",
                    d,
                );
                continue;
            }
            let mut body = service;
            meta::metadata_mut(&mut body).remove("creationTimestamp");
            body.as_object_mut().map(|m| m.remove("status"));
            let opts = WriteOptions {
                dry_run: d == DryRun::Server,
                ..Default::default()
            };
            let created = env.world.api.create(&svc_resource, &ns, body, &opts)?;
            print_result(
                env,
                p,
                &format!("service/{}", meta::name(&created)),
                &created,
                "exposed",
                d,
            );
        }
    }
    Ok(())
}

/// The Service kubectl's createService builds for `obj`.
fn build(p: &Parsed, obj: &Value, kind: &str) -> Result<Value, CmdError> {
    let plain = CmdError::Plain;
    let flag = |n: &str| p.str(n).unwrap_or("").to_string();
    let selector = match flag("selector") {
        s if s.is_empty() => selector_for(obj, kind).map_err(|e| {
            plain(format!(
                "couldn't retrieve selectors via --selector flag or introspection: {e}"
            ))
        })?,
        s => parse_labels(&s).map_err(plain)?,
    };
    let headless = flag("cluster-ip") == "None";
    let found = ports_for(obj, kind);
    let port_flag = flag("port");
    let port_list: Vec<String> = if !port_flag.is_empty() {
        vec![port_flag]
    } else {
        if found.is_empty() && !headless {
            return Err(plain(
                "couldn't find port via --port flag or introspection".into(),
            ));
        }
        found.iter().map(|(p, _)| p.clone()).collect()
    };
    let port_list: Vec<String> = if port_list.len() == 1 {
        port_list[0].split(',').map(String::from).collect()
    } else {
        port_list
    };
    let labels = match flag("labels") {
        l if l.is_empty() => obj
            .pointer("/metadata/labels")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        l => parse_labels(&l).map_err(plain)?,
    };
    let protocol = flag("protocol");
    let mut ports = vec![];
    for (i, port_text) in port_list.iter().enumerate() {
        let port: i64 = port_text.parse().map_err(|_| {
            plain(format!(
                "strconv.Atoi: parsing \"{port_text}\": invalid syntax"
            ))
        })?;
        let name = if port_list.len() > 1 {
            format!("port-{}", i + 1)
        } else {
            String::new()
        };
        let protos: Vec<&str> = found
            .iter()
            .filter(|(p, _)| p == port_text)
            .map(|(_, pr)| pr.as_str())
            .collect();
        let mut push = |name: String, proto: &str| {
            let mut sp = json!({"port": port, "protocol": proto});
            if !name.is_empty() {
                sp["name"] = json!(name);
            }
            ports.push(sp);
        };
        if !protocol.is_empty() {
            push(name, &protocol);
        } else if protos.len() > 1 {
            let mut distinct: Vec<&str> = vec![];
            for pr in protos {
                if !distinct.contains(&pr) {
                    distinct.push(pr);
                }
            }
            if distinct.len() == 1 {
                push(name, distinct[0]);
            } else {
                for pr in distinct {
                    push(format!("port-{}-{}", i + 1, pr.to_lowercase()), pr);
                }
            }
        } else {
            push(name, protos.first().copied().unwrap_or("TCP"));
        }
    }
    let target = flag("target-port");
    for sp in &mut ports {
        sp["targetPort"] = if target.is_empty() {
            sp["port"].clone()
        } else {
            target
                .parse::<i64>()
                .map_or_else(|_| json!(target), |n| json!(n))
        };
    }
    let mut name = flag("name");
    if name.is_empty() {
        name = meta::name(obj).chars().take(63).collect();
    }
    let mut spec = json!({"selector": selector});
    if !ports.is_empty() {
        spec["ports"] = json!(ports);
    }
    if let Some(ip) = p.str("external-ip").filter(|s| !s.is_empty()) {
        spec["externalIPs"] = json!([ip]);
    }
    let svc_type = flag("type");
    if !svc_type.is_empty() {
        spec["type"] = json!(svc_type);
    }
    if svc_type == "LoadBalancer" && !flag("load-balancer-ip").is_empty() {
        spec["loadBalancerIP"] = json!(flag("load-balancer-ip"));
    }
    match flag("session-affinity").as_str() {
        "" => {}
        a @ ("None" | "ClientIP") => spec["sessionAffinity"] = json!(a),
        other => return Err(plain(format!("unknown session affinity: {other}"))),
    }
    if !flag("cluster-ip").is_empty() {
        spec["clusterIP"] = json!(flag("cluster-ip"));
    }
    let mut metadata = json!({"creationTimestamp": null, "name": name});
    if !labels.is_empty() {
        metadata["labels"] = Value::Object(labels);
    }
    Ok(
        json!({"apiVersion": "v1", "kind": "Service", "metadata": metadata,
        "spec": spec, "status": {"loadBalancer": {}}}),
    )
}
