//! `describe node`.

use super::events::{self, Ref};
use super::{
    annotations_multiline, arr, labels_multiline, map, rfc1123z, s, taints_multiline, Ctx,
    Quantity, Writer,
};
use crate::api::{meta, Status};
use serde_json::Value;

const ROLE_PREFIX: &str = "node-role.kubernetes.io/";

pub fn describe(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let node = ctx.get("nodes", "", name)?;
    // Every namespace's pods bound here that have not terminated.
    let pods = ctx.list(
        "pods",
        None,
        None,
        Some(format!(
            "spec.nodeName={name},status.phase!=Succeeded,status.phase!=Failed"
        )),
    )?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    let labels = map(&node, &["metadata", "labels"]);
    let mut roles: Vec<&str> = labels
        .iter()
        .filter_map(|(k, v)| match k.strip_prefix(ROLE_PREFIX) {
            Some(role) if !role.is_empty() => Some(role),
            Some(_) => None,
            None => (*k == "kubernetes.io/role" && !v.is_empty()).then_some(*v),
        })
        .collect();
    roles.sort();
    roles.dedup();
    let roles = if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    };
    w.write(0, &format!("Roles:\t{roles}\n"));
    labels_multiline(&mut w, "", "Labels", &labels);
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&node, &["metadata", "annotations"]),
    );
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            rfc1123z(meta::str_at(&node, &["metadata", "creationTimestamp"]))
        ),
    );
    taints_multiline(&mut w, "Taints", arr(&node, &["spec", "taints"]));
    let unschedulable = meta::at(&node, &["spec", "unschedulable"])
        .and_then(Value::as_bool)
        .unwrap_or(false);
    w.write(0, &format!("Unschedulable:\t{unschedulable}\n"));
    match ctx.get("leases", "kube-node-lease", name) {
        Ok(lease) => {
            w.write(0, "Lease:\n");
            let holder = match meta::str_at(&lease, &["spec", "holderIdentity"]) {
                Some(h) => h.to_string(),
                None => "<unset>".into(),
            };
            w.write(1, &format!("HolderIdentity:\t{holder}\n"));
            for (label, field) in [("AcquireTime", "acquireTime"), ("RenewTime", "renewTime")] {
                let t = match meta::str_at(&lease, &["spec", field]) {
                    Some(t) => rfc1123z(Some(t)),
                    None => "<unset>".into(),
                };
                w.write(1, &format!("{label}:\t{t}\n"));
            }
        }
        Err(e) => w.write(0, &format!("Lease:\tFailed to get lease: {}\n", e.message)),
    }
    let conditions = arr(&node, &["status", "conditions"]);
    if !conditions.is_empty() {
        w.write(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
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
                    rfc1123z(c.get("lastHeartbeatTime").and_then(Value::as_str)),
                    rfc1123z(c.get("lastTransitionTime").and_then(Value::as_str)),
                    s(c, &["reason"]),
                    s(c, &["message"])
                ),
            );
        }
    }
    w.write(0, "Addresses:\n");
    for a in arr(&node, &["status", "addresses"]) {
        w.write(
            1,
            &format!("{}:\t{}\n", s(a, &["type"]), s(a, &["address"])),
        );
    }
    for (title, field) in [("Capacity", "capacity"), ("Allocatable", "allocatable")] {
        let list = map(&node, &["status", field]);
        if !list.is_empty() {
            w.write(0, &format!("{title}:\n"));
            for (k, v) in list {
                w.write(0, &format!("  {k}:\t{}\n", super::quantity(v)));
            }
        }
    }
    let info = |f: &str| s(&node, &["status", "nodeInfo", f]).to_string();
    w.write(0, "System Info:\n");
    for (label, field) in [
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ] {
        w.write(0, &format!("  {label}:\t{}\n", info(field)));
    }
    let cidr = s(&node, &["spec", "podCIDR"]);
    if !cidr.is_empty() {
        w.write(0, &format!("PodCIDR:\t{cidr}\n"));
    }
    let cidrs: Vec<&str> = arr(&node, &["spec", "podCIDRs"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if !cidrs.is_empty() {
        w.write(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    let provider = s(&node, &["spec", "providerID"]);
    if !provider.is_empty() {
        w.write(0, &format!("ProviderID:\t{provider}\n"));
    }
    node_resources(ctx, &node, &pods, &mut w);
    if ctx.show_events {
        // Controllers name the node by uid, the kubelet by name: both are searched.
        let r = Ref::of(&node);
        let mut found = events::search(ctx, &r).unwrap_or_default();
        let by_name = Ref {
            uid: Some(r.name),
            ..Ref::of(&node)
        };
        found.extend(events::search(ctx, &by_name).unwrap_or_default());
        events::describe_events(ctx, &found, &mut w);
    }
    Ok(w.finish())
}

/// A resource list as (name, quantity) pairs.
type Amounts = Vec<(String, Quantity)>;

fn get(list: &Amounts, name: &str) -> Quantity {
    list.iter()
        .find(|(n, _)| n == name)
        .map(|(_, q)| q.clone())
        .unwrap_or(Quantity::ZERO)
}

fn add_list(list: &mut Amounts, other: &Amounts) {
    for (n, q) in other {
        match list.iter_mut().find(|(ln, _)| ln == n) {
            Some(e) => e.1 = e.1.plus(q),
            None => list.push((n.clone(), q.clone())),
        }
    }
}

fn max_list(list: &mut Amounts, other: &Amounts) {
    for (n, q) in other {
        match list.iter_mut().find(|(ln, _)| ln == n) {
            Some(e) if q.nanos() > e.1.nanos() => e.1 = q.clone(),
            Some(_) => {}
            None => list.push((n.clone(), q.clone())),
        }
    }
}

fn amounts(v: Option<&Value>) -> Amounts {
    meta::string_map(v)
        .into_iter()
        .filter_map(|(k, q)| Some((k.to_string(), Quantity::parse(q)?)))
        .collect()
}

/// kubectl's `PodRequestsAndLimits`: containers summed, sidecars added,
/// init containers at their maximum, overhead added.
fn requests_and_limits(pod: &Value) -> (Amounts, Amounts) {
    let mut out = vec![];
    for field in ["requests", "limits"] {
        let mut total: Amounts = vec![];
        for c in arr(pod, &["spec", "containers"]) {
            add_list(&mut total, &amounts(meta::at(c, &["resources", field])));
        }
        let mut sidecars: Amounts = vec![];
        let mut init: Amounts = vec![];
        for c in arr(pod, &["spec", "initContainers"]) {
            let own = amounts(meta::at(c, &["resources", field]));
            if s(c, &["restartPolicy"]) == "Always" {
                add_list(&mut total, &own);
                add_list(&mut sidecars, &own);
                max_list(&mut init, &sidecars.clone());
            } else {
                let mut tmp = own;
                add_list(&mut tmp, &sidecars);
                max_list(&mut init, &tmp);
            }
        }
        max_list(&mut total, &init);
        let overhead = amounts(meta::at(pod, &["spec", "overhead"]));
        if field == "requests" {
            add_list(&mut total, &overhead);
        } else {
            for (n, q) in overhead {
                if let Some(e) = total.iter_mut().find(|(ln, _)| *ln == n) {
                    if e.1.nanos() != 0 {
                        e.1 = e.1.plus(&q);
                    }
                }
            }
        }
        out.push(total);
    }
    let limits = out.pop().unwrap_or_default();
    let requests = out.pop().unwrap_or_default();
    (requests, limits)
}

fn percent(part: i128, whole: i128) -> i64 {
    if whole == 0 {
        // Go converts the NaN or Inf of a division by zero to int64's minimum (amd64).
        return i64::MIN;
    }
    (part as f64 / whole as f64 * 100.0) as i64
}

/// `describeNodeResource`: the Non-terminated Pods table and Allocated resources.
fn node_resources(ctx: &Ctx, node: &Value, pods: &[Value], w: &mut Writer) {
    w.write(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let allocatable = {
        let a = amounts(meta::at(node, &["status", "allocatable"]));
        if a.is_empty() {
            amounts(meta::at(node, &["status", "capacity"]))
        } else {
            a
        }
    };
    let alloc_cpu = get(&allocatable, "cpu").milli_value();
    let alloc_mem = get(&allocatable, "memory").value();
    for p in pods {
        let (req, lim) = requests_and_limits(p);
        let (cr, cl) = (get(&req, "cpu"), get(&lim, "cpu"));
        let (mr, ml) = (get(&req, "memory"), get(&lim, "memory"));
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
                s(p, &["metadata", "namespace"]),
                s(p, &["metadata", "name"]),
                cr,
                percent(cr.milli_value(), alloc_cpu),
                cl,
                percent(cl.milli_value(), alloc_cpu),
                mr,
                percent(mr.value(), alloc_mem),
                ml,
                percent(ml.value(), alloc_mem),
                ctx.since(meta::str_at(p, &["metadata", "creationTimestamp"]))
            ),
        );
    }
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    let mut reqs: Amounts = vec![];
    let mut lims: Amounts = vec![];
    for p in pods {
        let (r, l) = requests_and_limits(p);
        add_list(&mut reqs, &r);
        add_list(&mut lims, &l);
    }
    let frac = |part: i128, whole: i128| if whole == 0 { 0 } else { percent(part, whole) };
    let row = |w: &mut Writer, name: &str, by_value: bool| {
        let (r, l, a) = (get(&reqs, name), get(&lims, name), get(&allocatable, name));
        let (rv, lv, av) = if by_value {
            (r.value(), l.value(), a.value())
        } else {
            (r.milli_value(), l.milli_value(), a.milli_value())
        };
        w.write(
            1,
            &format!(
                "{name}\t{} ({}%)\t{} ({}%)\n",
                r,
                frac(rv, av),
                l,
                frac(lv, av)
            ),
        );
    };
    row(w, "cpu", false);
    row(w, "memory", true);
    row(w, "ephemeral-storage", true);
    let mut huge: Vec<&str> = vec![];
    let mut ext: Vec<&str> = vec![];
    for (n, _) in &allocatable {
        if n.starts_with("hugepages-") {
            huge.push(n);
        } else if !is_standard_container_resource(n) && n != "pods" {
            ext.push(n);
        }
    }
    huge.sort();
    ext.sort();
    for h in huge {
        row(w, h, true);
    }
    for e in ext {
        w.write(1, &format!("{e}\t{}\t{}\n", get(&reqs, e), get(&lims, e)));
    }
}

/// `helper.IsStandardContainerResourceName`: cpu, memory, ephemeral-storage, hugepages-*.
fn is_standard_container_resource(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-")
}
