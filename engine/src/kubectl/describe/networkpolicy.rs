//! `describe networkpolicy`: the pod selector, then each direction's rules
//! (ports, then peers) as the policy types enable them. No Events section.

use super::{
    annotations_multiline, arr, format_label_selector, go_time, int_or_string, labels_multiline,
    map, s, Ctx, Writer,
};
use crate::api::{meta, Status};
use serde_json::Value;

const INDENT: &str = "    ";

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let np = ctx.get("networkpolicies.networking.k8s.io", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{}\n", s(&np, &["metadata", "name"])));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    let created = meta::str_at(&np, &["metadata", "creationTimestamp"]);
    w.write(0, &format!("Created on:\t{}\n", go_time(created)));
    labels_multiline(&mut w, "", "Labels", &map(&np, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&np, &["metadata", "annotations"]),
    );
    let spec = np.get("spec").cloned().unwrap_or(Value::Null);
    w.write(0, "Spec:\n");
    w.write(1, "PodSelector: ");
    let selector = spec.get("podSelector");
    let empty = selector.is_none_or(|sel| {
        map(sel, &["matchLabels"]).is_empty() && arr(sel, &["matchExpressions"]).is_empty()
    });
    if empty {
        w.write(
            2,
            "<none> (Allowing the specific traffic to all pods in this namespace)\n",
        );
    } else {
        w.write(2, &format!("{}\n", format_label_selector(selector)));
    }
    let types: Vec<&str> = arr(&spec, &["policyTypes"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if types.contains(&"Ingress") {
        w.write(1, "Allowing ingress traffic:\n");
        rules(&mut w, arr(&spec, &["ingress"]), Direction::Ingress);
    } else {
        w.write(1, "Not affecting ingress traffic\n");
    }
    if types.contains(&"Egress") {
        w.write(1, "Allowing egress traffic:\n");
        rules(&mut w, arr(&spec, &["egress"]), Direction::Egress);
    } else {
        w.write(1, "Not affecting egress traffic\n");
    }
    let types = if types.is_empty() {
        "<none>".to_string()
    } else {
        types.join(", ")
    };
    w.write(1, &format!("Policy Types: {types}\n"));
    Ok(w.finish())
}

#[derive(Clone, Copy)]
enum Direction {
    Ingress,
    Egress,
}

/// `printNetworkPolicySpecIngressFrom` / `printNetworkPolicySpecEgressTo`.
fn rules(w: &mut Writer, rules: &[Value], dir: Direction) {
    let (isolated, peers_field, peer_title, any_peer) = match dir {
        Direction::Ingress => (
            "<none> (Selected pods are isolated for ingress connectivity)",
            "from",
            "From:",
            "From: <any> (traffic not restricted by source)",
        ),
        Direction::Egress => (
            "<none> (Selected pods are isolated for egress connectivity)",
            "to",
            "To:",
            "To: <any> (traffic not restricted by destination)",
        ),
    };
    if rules.is_empty() {
        w.write(0, &format!("{INDENT}{isolated}\n"));
        return;
    }
    for (i, rule) in rules.iter().enumerate() {
        let ports = arr(rule, &["ports"]);
        if ports.is_empty() {
            w.write(
                0,
                &format!("{INDENT}To Port: <any> (traffic allowed to all ports)\n"),
            );
        }
        for p in ports {
            let proto = meta::str_at(p, &["protocol"]).unwrap_or("TCP");
            let port = match p.get("port") {
                None | Some(Value::Null) => "<nil>".to_string(),
                v => int_or_string(v),
            };
            match p.get("endPort").and_then(Value::as_i64) {
                None => w.write(0, &format!("{INDENT}To Port: {port}/{proto}\n")),
                Some(end) => w.write(0, &format!("{INDENT}To Port Range: {port}-{end}/{proto}\n")),
            }
        }
        let peers = arr(rule, &[peers_field]);
        if peers.is_empty() {
            w.write(0, &format!("{INDENT}{any_peer}\n"));
        }
        for peer in peers {
            w.write(0, &format!("{INDENT}{peer_title}\n"));
            let pods = peer.get("podSelector").filter(|v| v.is_object());
            let namespaces = peer.get("namespaceSelector").filter(|v| v.is_object());
            let ip_block = peer.get("ipBlock").filter(|v| v.is_object());
            if namespaces.is_some() {
                w.write(
                    1,
                    &format!(
                        "{INDENT}NamespaceSelector: {}\n",
                        format_label_selector(namespaces)
                    ),
                );
            }
            if pods.is_some() {
                w.write(
                    1,
                    &format!("{INDENT}PodSelector: {}\n", format_label_selector(pods)),
                );
            }
            if let (None, None, Some(block)) = (pods, namespaces, ip_block) {
                let except: Vec<&str> = arr(block, &["except"])
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                w.write(1, &format!("{INDENT}IPBlock:\n"));
                w.write(2, &format!("{INDENT}CIDR: {}\n", s(block, &["cidr"])));
                w.write(2, &format!("{INDENT}Except: {}\n", except.join(", ")));
            }
        }
        if i != rules.len() - 1 {
            w.write(0, &format!("{INDENT}----------\n"));
        }
    }
}
