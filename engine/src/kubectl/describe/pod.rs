//! `describe pod`, and the container, volume and pod-template blocks the
//! workload describers share.

use super::events::{self, Ref};
use super::{
    annotations_multiline, arr, controlled_by, int, int_or_string, labels_multiline, map, rfc1123z,
    s, tolerations_multiline, Ctx, Quantity, Writer,
};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let pod = ctx.get("pods", ns, name)?;
    let mut w = Writer::default();
    describe_pod(ctx, &pod, &mut w);
    Ok(w.finish())
}

fn describe_pod(ctx: &Ctx, pod: &Value, w: &mut Writer) {
    w.write(0, &format!("Name:\t{}\n", s(pod, &["metadata", "name"])));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(pod, &["metadata", "namespace"])),
    );
    if let Some(p) = meta::at(pod, &["spec", "priority"]).and_then(Value::as_i64) {
        w.write(0, &format!("Priority:\t{p}\n"));
    }
    let pcn = s(pod, &["spec", "priorityClassName"]);
    if !pcn.is_empty() {
        w.write(0, &format!("Priority Class Name:\t{pcn}\n"));
    }
    let rcn = s(pod, &["spec", "runtimeClassName"]);
    if !rcn.is_empty() {
        w.write(0, &format!("Runtime Class Name:\t{rcn}\n"));
    }
    let sa = s(pod, &["spec", "serviceAccountName"]);
    if !sa.is_empty() {
        w.write(0, &format!("Service Account:\t{sa}\n"));
    }
    match s(pod, &["spec", "nodeName"]) {
        "" => w.write(0, "Node:\t<none>\n"),
        node => w.write(
            0,
            &format!("Node:\t{node}/{}\n", s(pod, &["status", "hostIP"])),
        ),
    }
    if let Some(start) = meta::str_at(pod, &["status", "startTime"]) {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(Some(start))));
    }
    labels_multiline(w, "", "Labels", &map(pod, &["metadata", "labels"]));
    annotations_multiline(w, "Annotations", &map(pod, &["metadata", "annotations"]));
    let phase = s(pod, &["status", "phase"]);
    let deletion = meta::str_at(pod, &["metadata", "deletionTimestamp"]);
    if deletion.is_some() && phase != "Failed" && phase != "Succeeded" {
        w.write(
            0,
            &format!("Status:\tTerminating (lasts {})\n", ctx.since(deletion)),
        );
        w.write(
            0,
            &format!(
                "Termination Grace Period:\t{}s\n",
                int(pod, &["metadata", "deletionGracePeriodSeconds"])
            ),
        );
    } else {
        w.write(0, &format!("Status:\t{phase}\n"));
    }
    for (label, field) in [("Reason", "reason"), ("Message", "message")] {
        let v = s(pod, &["status", field]);
        if !v.is_empty() {
            w.write(0, &format!("{label}:\t{v}\n"));
        }
    }
    if let Some(sp) = meta::at(pod, &["spec", "securityContext", "seccompProfile"]) {
        w.write(0, &format!("SeccompProfile:\t{}\n", s(sp, &["type"])));
        if s(sp, &["type"]) == "Localhost" {
            w.write(
                0,
                &format!("LocalhostProfile:\t{}\n", s(sp, &["localhostProfile"])),
            );
        }
    }
    w.write(0, &format!("IP:\t{}\n", s(pod, &["status", "podIP"])));
    let ips = arr(pod, &["status", "podIPs"]);
    if ips.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for ip in ips {
            w.write(1, &format!("IP:\t{}\n", s(ip, &["ip"])));
        }
    }
    if let Some(c) = controlled_by(pod) {
        w.write(0, &format!("Controlled By:\t{c}\n"));
    }
    let nominated = s(pod, &["status", "nominatedNodeName"]);
    if !nominated.is_empty() {
        w.write(0, &format!("NominatedNodeName:\t{nominated}\n"));
    }
    if let Some(res) = meta::at(pod, &["spec", "resources"]).filter(|v| v.is_object()) {
        w.write(0, "Resources:\n");
        resources(res, w, 1);
    }
    let init = arr(pod, &["spec", "initContainers"]);
    if !init.is_empty() {
        let statuses = arr(pod, &["status", "initContainerStatuses"]);
        containers(w, "Init Containers", init, statuses, Some(pod), "");
    }
    let statuses = arr(pod, &["status", "containerStatuses"]);
    containers(
        w,
        "Containers",
        arr(pod, &["spec", "containers"]),
        statuses,
        Some(pod),
        "",
    );
    let ephemeral = arr(pod, &["spec", "ephemeralContainers"]);
    if !ephemeral.is_empty() {
        let statuses = arr(pod, &["status", "ephemeralContainerStatuses"]);
        containers(
            w,
            "Ephemeral Containers",
            ephemeral,
            statuses,
            Some(pod),
            "",
        );
    }
    let conditions = arr(pod, &["status", "conditions"]);
    let gates = arr(pod, &["spec", "readinessGates"]);
    if !gates.is_empty() {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let t = s(g, &["conditionType"]);
            let status = conditions
                .iter()
                .find(|c| s(c, &["type"]) == t)
                .map(|c| s(c, &["status"]))
                .unwrap_or("<none>");
            w.write(1, &format!("{t} \t{status} \n"));
        }
    }
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w.write(
                1,
                &format!("{} \t{} \n", s(c, &["type"]), s(c, &["status"])),
            );
        }
    }
    volumes(w, arr(pod, &["spec", "volumes"]), "");
    let qos = match s(pod, &["status", "qosClass"]) {
        "" => qos_class(pod),
        q => q.to_string(),
    };
    w.write(0, &format!("QoS Class:\t{qos}\n"));
    labels_multiline(
        w,
        "",
        "Node-Selectors",
        &map(pod, &["spec", "nodeSelector"]),
    );
    tolerations_multiline(w, "", "Tolerations", arr(pod, &["spec", "tolerations"]));
    topology_spread(w, arr(pod, &["spec", "topologySpreadConstraints"]), "");
    if ctx.show_events {
        let mut r = Ref::of(pod);
        // The pod's events are matched by name, namespace and uid, not kind.
        r.kind = None;
        let mirror = map(pod, &["metadata", "annotations"])
            .into_iter()
            .find(|(k, _)| *k == "kubernetes.io/config.mirror")
            .map(|(_, v)| v);
        if let Some(m) = mirror {
            r.uid = Some(m);
        }
        events::section(ctx, &r, w);
    }
}

fn topology_spread(w: &mut Writer, tscs: &[Value], space: &str) {
    if tscs.is_empty() {
        return;
    }
    let mut sorted: Vec<&Value> = tscs.iter().collect();
    sorted.sort_by_key(|t| s(t, &["topologyKey"]).to_string());
    w.write(0, &format!("{space}Topology Spread Constraints:\t"));
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, space);
            w.write(0, "\t");
        }
        let mut line = format!(
            "{}:{} when max skew {} is exceeded",
            s(t, &["topologyKey"]),
            s(t, &["whenUnsatisfiable"]),
            int(t, &["maxSkew"])
        );
        if let Some(sel) = t.get("labelSelector").filter(|v| !v.is_null()) {
            line.push_str(&format!(
                " for selector {}",
                super::format_label_selector(Some(sel))
            ));
        }
        w.write(0, &format!("{line}\n"));
    }
}

/// The positive cpu and memory amounts of a resource list.
fn qos_amounts(rl: Option<&Value>) -> Vec<(&'static str, i128)> {
    ["cpu", "memory"]
        .into_iter()
        .filter_map(|name| {
            let q = rl?.get(name)?.as_str().and_then(Quantity::parse)?;
            (q.nanos() > 0).then_some((name, q.nanos()))
        })
        .collect()
}

/// `qos.ComputePodQOS`.
fn qos_class(pod: &Value) -> String {
    let mut requests: Vec<(&str, i128)> = vec![];
    let mut limits: Vec<(&str, i128)> = vec![];
    let mut guaranteed = true;
    let add = |list: &mut Vec<(&'static str, i128)>, amounts: Vec<(&'static str, i128)>| {
        for (name, q) in amounts {
            match list.iter_mut().find(|(n, _)| *n == name) {
                Some(e) => e.1 += q,
                None => list.push((name, q)),
            }
        }
    };
    let blocks: Vec<(Option<&Value>, Option<&Value>, bool)> =
        match meta::at(pod, &["spec", "resources"]).filter(|v| v.is_object()) {
            // Pod-level resources: limits only count when set.
            Some(res) => {
                let lim = res.get("limits").filter(|v| v.is_object());
                vec![(res.get("requests"), lim, lim.is_some())]
            }
            None => arr(pod, &["spec", "containers"])
                .iter()
                .chain(arr(pod, &["spec", "initContainers"]))
                .map(|c| {
                    (
                        meta::at(c, &["resources", "requests"]),
                        meta::at(c, &["resources", "limits"]),
                        true,
                    )
                })
                .collect(),
        };
    for (req, lim, check) in blocks {
        add(&mut requests, qos_amounts(req));
        let l = qos_amounts(lim);
        if check && l.len() < 2 {
            guaranteed = false;
        }
        add(&mut limits, l);
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort".into();
    }
    let matching = requests
        .iter()
        .all(|(n, q)| limits.iter().any(|(ln, lq)| ln == n && lq == q));
    if guaranteed && matching && requests.len() == limits.len() {
        return "Guaranteed".into();
    }
    "Burstable".into()
}

/// `describeResources`: Limits then Requests, names sorted.
fn resources(res: &Value, w: &mut Writer, level: usize) {
    for (title, field) in [("Limits", "limits"), ("Requests", "requests")] {
        let list = map(res, &[field]);
        if !list.is_empty() {
            w.write(level, &format!("{title}:\n"));
        }
        for (name, q) in list {
            w.write(level + 1, &format!("{name}:\t{}\n", super::quantity(q)));
        }
    }
}

fn ports(ports: &[Value], field: &str) -> String {
    ports
        .iter()
        .map(|p| {
            let proto = s(p, &["protocol"]);
            format!("{}/{proto}", int(p, &[field]))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_none(s: String) -> String {
    if s.is_empty() {
        "<none>".into()
    } else {
        s
    }
}

/// `describeContainers`: statuses are matched by name; `pod` resolves fieldRef env values.
pub fn containers(
    w: &mut Writer,
    label: &str,
    cs: &[Value],
    statuses: &[Value],
    pod: Option<&Value>,
    space: &str,
) {
    let none = if cs.is_empty() { " <none>" } else { "" };
    w.write(0, &format!("{space}{label}:{none}\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in cs {
        let name = s(c, &["name"]);
        let status = statuses.iter().find(|st| s(st, &["name"]) == name);
        w.write(1, &format!("{name_indent}{name}:\n"));
        if let Some(st) = status {
            w.write(2, &format!("Container ID:\t{}\n", s(st, &["containerID"])));
        }
        w.write(2, &format!("Image:\t{}\n", s(c, &["image"])));
        if let Some(st) = status {
            w.write(2, &format!("Image ID:\t{}\n", s(st, &["imageID"])));
        }
        let cports = arr(c, &["ports"]);
        let p = ports(cports, "containerPort");
        if p.contains(',') {
            w.write(2, &format!("Ports:\t{p}\n"));
        } else {
            w.write(2, &format!("Port:\t{}\n", or_none(p)));
        }
        let hp = ports(cports, "hostPort");
        if hp.contains(',') {
            w.write(2, &format!("Host Ports:\t{hp}\n"));
        } else {
            w.write(2, &format!("Host Port:\t{}\n", or_none(hp)));
        }
        if let Some(sp) = meta::at(c, &["securityContext", "seccompProfile"]) {
            w.write(2, &format!("SeccompProfile:\t{}\n", s(sp, &["type"])));
            if s(sp, &["type"]) == "Localhost" {
                w.write(
                    3,
                    &format!("LocalhostProfile:\t{}\n", s(sp, &["localhostProfile"])),
                );
            }
        }
        for (title, field) in [("Command", "command"), ("Args", "args")] {
            let items = arr(c, &[field]);
            if !items.is_empty() {
                w.write(2, &format!("{title}:\n"));
                for item in items {
                    for part in item.as_str().unwrap_or("").split('\n') {
                        w.write(3, &format!("{part}\n"));
                    }
                }
            }
        }
        if let Some(st) = status {
            container_state(st, w);
        }
        if let Some(res) = c.get("resources") {
            resources(res, w, 2);
        }
        for (title, field) in [
            ("Liveness", "livenessProbe"),
            ("Readiness", "readinessProbe"),
            ("Startup", "startupProbe"),
        ] {
            if let Some(p) = c.get(field).filter(|v| v.is_object()) {
                w.write(2, &format!("{title}:\t{}\n", probe(p)));
            }
        }
        let env_from = arr(c, &["envFrom"]);
        if !env_from.is_empty() {
            w.write(2, "Environment Variables from:\n");
            for e in env_from {
                let (from, r) = match (e.get("configMapRef"), e.get("secretRef")) {
                    (Some(r), _) => ("ConfigMap", r),
                    (None, Some(r)) => ("Secret", r),
                    _ => ("", &Value::Null),
                };
                let optional = r.get("optional").and_then(Value::as_bool) == Some(true);
                let name = s(r, &["name"]);
                match s(e, &["prefix"]) {
                    "" => w.write(3, &format!("{name}\t{from}\tOptional: {optional}\n")),
                    p => w.write(
                        3,
                        &format!("{name}\t{from} with prefix '{p}'\tOptional: {optional}\n"),
                    ),
                }
            }
        }
        env_vars(c, pod, w);
        mounts(c, w);
    }
}

fn container_state(st: &Value, w: &mut Writer) {
    state("State", st.get("state").unwrap_or(&Value::Null), w);
    if let Some(last) = st
        .get("lastState")
        .filter(|l| l.get("terminated").is_some())
    {
        state("Last State", last, w);
    }
    let ready = if st.get("ready").and_then(Value::as_bool) == Some(true) {
        "True"
    } else {
        "False"
    };
    w.write(2, &format!("Ready:\t{ready}\n"));
    w.write(
        2,
        &format!("Restart Count:\t{}\n", int(st, &["restartCount"])),
    );
}

/// `describeStatus`.
fn state(title: &str, st: &Value, w: &mut Writer) {
    if let Some(r) = st.get("running").filter(|v| v.is_object()) {
        w.write(2, &format!("{title}:\tRunning\n"));
        w.write(
            3,
            &format!(
                "Started:\t{}\n",
                rfc1123z(r.get("startedAt").and_then(Value::as_str))
            ),
        );
    } else if let Some(wt) = st.get("waiting").filter(|v| v.is_object()) {
        w.write(2, &format!("{title}:\tWaiting\n"));
        let reason = s(wt, &["reason"]);
        if !reason.is_empty() {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = st.get("terminated").filter(|v| v.is_object()) {
        w.write(2, &format!("{title}:\tTerminated\n"));
        for (label, field) in [("Reason", "reason"), ("Message", "message")] {
            let v = s(t, &[field]);
            if !v.is_empty() {
                w.write(3, &format!("{label}:\t{v}\n"));
            }
        }
        w.write(3, &format!("Exit Code:\t{}\n", int(t, &["exitCode"])));
        let signal = int(t, &["signal"]);
        if signal > 0 {
            w.write(3, &format!("Signal:\t{signal}\n"));
        }
        for (label, field) in [("Started", "startedAt"), ("Finished", "finishedAt")] {
            w.write(
                3,
                &format!(
                    "{label}:\t{}\n",
                    rfc1123z(t.get(field).and_then(Value::as_str))
                ),
            );
        }
    } else {
        w.write(2, &format!("{title}:\tWaiting\n"));
    }
}

/// `DescribeProbe`.
fn probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        int(p, &["initialDelaySeconds"]),
        int(p, &["timeoutSeconds"]),
        int(p, &["periodSeconds"]),
        int(p, &["successThreshold"]),
        int(p, &["failureThreshold"])
    );
    if let Some(e) = p.get("exec").filter(|v| v.is_object()) {
        let cmd: Vec<&str> = arr(e, &["command"])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(h) = p.get("httpGet").filter(|v| v.is_object()) {
        let host = s(h, &["host"]);
        let port = match h.get("port") {
            Some(Value::Null) | None => String::new(),
            v => int_or_string(v),
        };
        let hostport = if port.is_empty() {
            host.to_string()
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let path = s(h, &["path"]);
        let path = if !path.is_empty() && !path.starts_with('/') && !hostport.is_empty() {
            format!("/{path}")
        } else {
            path.to_string()
        };
        let scheme = s(h, &["scheme"]).to_lowercase();
        let url = if scheme.is_empty() {
            format!("//{hostport}{path}")
        } else {
            format!("{scheme}://{hostport}{path}")
        };
        return format!("http-get {url} {attrs}");
    }
    if let Some(t) = p.get("tcpSocket").filter(|v| v.is_object()) {
        return format!(
            "tcp-socket {}:{} {attrs}",
            s(t, &["host"]),
            int_or_string(t.get("port"))
        );
    }
    if let Some(g) = p.get("grpc").filter(|v| v.is_object()) {
        return format!(
            "grpc <pod>:{} {} {attrs}",
            int(g, &["port"]),
            s(g, &["service"])
        );
    }
    format!("unknown {attrs}")
}

/// A fieldRef's value as describe shows it: kubectl converts the path as a
/// field selector label, then resolves only metadata from it, so of the
/// paths a pod's env can name just the name and namespace have a value
/// (checked against kubectl v1.33: uid, labels, annotations, status.podIP
/// and spec.nodeName all print none).
fn field_value(pod: &Value, path: &str) -> String {
    match path {
        "metadata.name" | "metadata.namespace" => {
            let parts: Vec<&str> = path.split('.').collect();
            s(pod, &parts).to_string()
        }
        _ => String::new(),
    }
}

/// `ExtractContainerResourceValue` for the common cpu and memory fields.
fn resource_value(c: &Value, field: &Value) -> String {
    let resource = s(field, &["resource"]);
    let Some((kind, name)) = resource.split_once('.') else {
        return String::new();
    };
    let divisor = match s(field, &["divisor"]) {
        "" => None,
        d => Quantity::parse(d).filter(|q| q.nanos() != 0),
    };
    let q = meta::str_at(c, &["resources", kind, name])
        .and_then(Quantity::parse)
        .unwrap_or(Quantity::ZERO);
    match name {
        "cpu" => {
            let d = divisor.map(|d| d.milli_value()).unwrap_or(1000);
            let m = q.milli_value();
            ((m + d - 1) / d).to_string()
        }
        _ => {
            let d = divisor.map(|d| d.value()).unwrap_or(1);
            let v = q.value();
            ((v + d - 1) / d).to_string()
        }
    }
}

fn env_vars(c: &Value, pod: Option<&Value>, w: &mut Writer) {
    let env = arr(c, &["env"]);
    let none = if env.is_empty() { "\t<none>" } else { "" };
    w.write(2, &format!("Environment:{none}\n"));
    for e in env {
        let name = s(e, &["name"]);
        let Some(from) = e.get("valueFrom").filter(|v| v.is_object()) else {
            for (i, part) in s(e, &["value"]).split('\n').enumerate() {
                if i == 0 {
                    w.write(3, &format!("{name}:\t{part}\n"));
                } else {
                    w.write(3, &format!("\t{part}\n"));
                }
            }
            continue;
        };
        if let Some(f) = from.get("fieldRef").filter(|v| v.is_object()) {
            let path = s(f, &["fieldPath"]);
            let value = pod.map(|p| field_value(p, path)).unwrap_or_default();
            w.write(
                3,
                &format!("{name}:\t{value} ({}:{path})\n", s(f, &["apiVersion"])),
            );
        } else if let Some(f) = from.get("resourceFieldRef").filter(|v| v.is_object()) {
            let resource = s(f, &["resource"]);
            let mut value = resource_value(c, f);
            if value == "0" && (resource == "limits.cpu" || resource == "limits.memory") {
                value = "node allocatable".into();
            }
            w.write(3, &format!("{name}:\t{value} ({resource})\n"));
        } else if let Some(k) = from.get("secretKeyRef").filter(|v| v.is_object()) {
            let optional = k.get("optional").and_then(Value::as_bool) == Some(true);
            w.write(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' in secret '{}'>\tOptional: {optional}\n",
                    s(k, &["key"]),
                    s(k, &["name"])
                ),
            );
        } else if let Some(k) = from.get("configMapKeyRef").filter(|v| v.is_object()) {
            let optional = k.get("optional").and_then(Value::as_bool) == Some(true);
            w.write(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' of config map '{}'>\tOptional: {optional}\n",
                    s(k, &["key"]),
                    s(k, &["name"])
                ),
            );
        }
    }
}

fn mounts(c: &Value, w: &mut Writer) {
    let ms = arr(c, &["volumeMounts"]);
    let none = if ms.is_empty() { "\t<none>" } else { "" };
    w.write(2, &format!("Mounts:{none}\n"));
    let mut sorted: Vec<&Value> = ms.iter().collect();
    sorted.sort_by_key(|m| s(m, &["mountPath"]).to_string());
    for m in sorted {
        let mut flags = vec![
            if m.get("readOnly").and_then(Value::as_bool) == Some(true) {
                "ro".to_string()
            } else {
                "rw".to_string()
            },
        ];
        let sub = s(m, &["subPath"]);
        if !sub.is_empty() {
            flags.push(format!("path={sub:?}"));
        }
        w.write(
            3,
            &format!(
                "{} from {} ({})\n",
                s(m, &["mountPath"]),
                s(m, &["name"]),
                flags.join(",")
            ),
        );
    }
    let devices = arr(c, &["volumeDevices"]);
    if !devices.is_empty() {
        w.write(2, &format!("Devices:{none}\n"));
        let mut sorted: Vec<&Value> = devices.iter().collect();
        sorted.sort_by_key(|d| s(d, &["devicePath"]).to_string());
        for d in sorted {
            w.write(
                3,
                &format!("{} from {}\n", s(d, &["devicePath"]), s(d, &["name"])),
            );
        }
    }
}

/// A CSI attribute line cut at 140 bytes, with `...`.
fn shorten_bytes(line: &str) -> String {
    if line.len() > super::MAX_ANNOTATION_LEN {
        let mut end = super::MAX_ANNOTATION_LEN;
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}...", &line[..end])
    } else {
        line.to_string()
    }
}

fn optional(v: &Value) -> bool {
    v.get("optional").and_then(Value::as_bool) == Some(true)
}

/// `describeVolumes`, for the volume sources a simulated cluster meets.
pub fn volumes(w: &mut Writer, vols: &[Value], space: &str) {
    if vols.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in vols {
        w.write(1, &format!("{name_indent}{}:\n", s(v, &["name"])));
        let src = |k: &str| v.get(k).filter(|x| x.is_object());
        if let Some(h) = src("hostPath") {
            let t = match s(h, &["type"]) {
                "" if h.get("type").is_none() => "<none>",
                t => t,
            };
            w.write(
                2,
                &format!(
                    "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{t}\n",
                    s(h, &["path"])
                ),
            );
        } else if let Some(e) = src("emptyDir") {
            let limit = match meta::str_at(e, &["sizeLimit"]).and_then(Quantity::parse) {
                Some(q) if q.nanos() > 0 => q.to_string(),
                _ => "<unset>".into(),
            };
            w.write(
                2,
                &format!(
                    "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{limit}\n",
                    s(e, &["medium"])
                ),
            );
        } else if let Some(sec) = src("secret") {
            w.write(
                2,
                &format!(
                    "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                    s(sec, &["secretName"]),
                    optional(sec)
                ),
            );
        } else if let Some(cm) = src("configMap") {
            w.write(
                2,
                &format!(
                    "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                    s(cm, &["name"]),
                    optional(cm)
                ),
            );
        } else if let Some(nfs) = src("nfs") {
            w.write(
                2,
                &format!(
                    "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                    s(nfs, &["server"]),
                    s(nfs, &["path"]),
                    nfs.get("readOnly").and_then(Value::as_bool).unwrap_or(false)
                ),
            );
        } else if let Some(pvc) = src("persistentVolumeClaim") {
            w.write(
                2,
                &format!(
                    "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    s(pvc, &["claimName"]),
                    pvc.get("readOnly").and_then(Value::as_bool).unwrap_or(false)
                ),
            );
        } else if let Some(d) = src("downwardAPI") {
            w.write(
                2,
                "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n",
            );
            for item in arr(d, &["items"]) {
                let path = s(item, &["path"]);
                if let Some(f) = item.get("fieldRef").filter(|x| x.is_object()) {
                    w.write(3, &format!("{} -> {path}\n", s(f, &["fieldPath"])));
                }
                if let Some(f) = item.get("resourceFieldRef").filter(|x| x.is_object()) {
                    w.write(3, &format!("{} -> {path}\n", s(f, &["resource"])));
                }
            }
        } else if let Some(p) = src("projected") {
            w.write(
                2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for source in arr(p, &["sources"]) {
                let part = |k: &str| source.get(k).filter(|x| x.is_object());
                if let Some(sec) = part("secret") {
                    w.write(
                        2,
                        &format!(
                            "SecretName:\t{}\n    Optional:\t{}\n",
                            s(sec, &["name"]),
                            optional(sec)
                        ),
                    );
                } else if part("downwardAPI").is_some() {
                    w.write(2, "DownwardAPI:\ttrue\n");
                } else if let Some(cm) = part("configMap") {
                    w.write(
                        2,
                        &format!(
                            "ConfigMapName:\t{}\n    Optional:\t{}\n",
                            s(cm, &["name"]),
                            optional(cm)
                        ),
                    );
                } else if let Some(t) = part("serviceAccountToken") {
                    w.write(
                        2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            int(t, &["expirationSeconds"])
                        ),
                    );
                }
            }
        } else if let Some(csi) = src("csi") {
            let ro = csi
                .get("readOnly")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            w.write(
                2,
                &format!(
                    "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    ReadOnly:\t{ro}\n",
                    s(csi, &["driver"]),
                    s(csi, &["fsType"])
                ),
            );
            w.write(2, "VolumeAttributes:\t");
            let attrs = map(csi, &["volumeAttributes"]);
            if attrs.is_empty() {
                w.line("<none>");
            }
            for (i, (k, v)) in attrs.into_iter().enumerate() {
                if i != 0 {
                    w.write(2, "");
                    w.write(2, "\t");
                }
                w.write(2, &format!("{}\n", shorten_bytes(&format!("{k}={v}"))));
            }
        } else if let Some(img) = src("image") {
            w.write(
                2,
                &format!(
                    "Type:\tImage (a container image or OCI artifact)\n    Reference:\t{}\n    PullPolicy:\t{}\n",
                    s(img, &["reference"]),
                    s(img, &["pullPolicy"])
                ),
            );
        } else {
            w.write(1, "<unknown>\n");
        }
    }
}

/// `DescribePodTemplate`.
pub fn pod_template(w: &mut Writer, template: Option<&Value>) {
    w.write(0, "Pod Template:\n");
    let Some(t) = template.filter(|v| v.is_object()) else {
        w.write(1, "<unset>");
        return;
    };
    labels_multiline(w, "", "  Labels", &map(t, &["metadata", "labels"]));
    let ann = map(t, &["metadata", "annotations"]);
    if !ann.is_empty() {
        annotations_multiline(w, "  Annotations", &ann);
    }
    let sa = s(t, &["spec", "serviceAccountName"]);
    if !sa.is_empty() {
        w.write(1, &format!("Service Account:\t{sa}\n"));
    }
    let init = arr(t, &["spec", "initContainers"]);
    if !init.is_empty() {
        containers(w, "Init Containers", init, &[], None, "  ");
    }
    containers(
        w,
        "Containers",
        arr(t, &["spec", "containers"]),
        &[],
        None,
        "  ",
    );
    volumes(w, arr(t, &["spec", "volumes"]), "  ");
    topology_spread(w, arr(t, &["spec", "topologySpreadConstraints"]), "  ");
    let pcn = s(t, &["spec", "priorityClassName"]);
    if !pcn.is_empty() {
        w.write(1, &format!("Priority Class Name:\t{pcn}\n"));
    }
    labels_multiline(
        w,
        "",
        "  Node-Selectors",
        &map(t, &["spec", "nodeSelector"]),
    );
    tolerations_multiline(w, "", "  Tolerations", arr(t, &["spec", "tolerations"]));
}
