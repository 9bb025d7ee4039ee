//! Service: `NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE`, wide `SELECTOR`
//! (`printService`). The server always prints wide, so the 16-character
//! truncation of load-balancer addresses never happens.

use super::common::{age, at, col, format_labels, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;
use std::collections::BTreeSet;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Type", "string", 0, "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types"),
        col("Cluster-IP", "string", 0, "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
        col("External-IP", "string", 0, "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system."),
        col("Port(s)", "string", 0, "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies"),
        AGE,
        col("Selector", "string", 1, "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/"),
    ],
    row,
};

fn strings(v: &[Value]) -> Vec<&str> {
    v.iter().filter_map(Value::as_str).collect()
}

/// `loadBalancerStatusStringer` (wide): IPs, else hostnames, de-duplicated and sorted.
pub fn load_balancer_ingress(ingress: &[Value]) -> String {
    let set: BTreeSet<&str> = ingress
        .iter()
        .filter_map(|i| {
            let ip = i.get("ip").and_then(Value::as_str).unwrap_or("");
            let host = i.get("hostname").and_then(Value::as_str).unwrap_or("");
            if !ip.is_empty() {
                Some(ip)
            } else if !host.is_empty() {
                Some(host)
            } else {
                None
            }
        })
        .collect();
    set.into_iter().collect::<Vec<_>>().join(",")
}

fn external_ip(svc: &Value, kind: &str) -> String {
    let external_ips = strings(list(svc, &["spec", "externalIPs"]));
    match kind {
        "ClusterIP" | "NodePort" if external_ips.is_empty() => "<none>".into(),
        "ClusterIP" | "NodePort" => external_ips.join(","),
        "LoadBalancer" => {
            let lb = load_balancer_ingress(list(svc, &["status", "loadBalancer", "ingress"]));
            if !external_ips.is_empty() {
                let mut all: Vec<&str> = if lb.is_empty() {
                    vec![]
                } else {
                    lb.split(',').collect()
                };
                all.extend(external_ips);
                all.join(",")
            } else if !lb.is_empty() {
                lb
            } else {
                "<pending>".into()
            }
        }
        "ExternalName" => s(svc, &["spec", "externalName"]).into(),
        _ => "<unknown>".into(),
    }
}

fn ports(svc: &Value) -> String {
    let ports: Vec<String> = list(svc, &["spec", "ports"])
        .iter()
        .map(|p| {
            let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
            let node_port = p.get("nodePort").and_then(Value::as_i64).unwrap_or(0);
            let protocol = p.get("protocol").and_then(Value::as_str).unwrap_or("TCP");
            if node_port > 0 {
                format!("{port}:{node_port}/{protocol}")
            } else {
                format!("{port}/{protocol}")
            }
        })
        .collect();
    if ports.is_empty() {
        "<none>".into()
    } else {
        ports.join(",")
    }
}

fn row(svc: &Value, now: Time) -> Vec<Value> {
    let kind = match s(svc, &["spec", "type"]) {
        "" => "ClusterIP",
        t => t,
    };
    let cluster_ip = match list(svc, &["spec", "clusterIPs"])
        .first()
        .and_then(Value::as_str)
    {
        Some(ip) => ip,
        None => match s(svc, &["spec", "clusterIP"]) {
            "" => "<none>",
            ip => ip,
        },
    };
    vec![
        s(svc, &["metadata", "name"]).into(),
        kind.into(),
        cluster_ip.into(),
        external_ip(svc, kind).into(),
        ports(svc).into(),
        age(svc, now),
        format_labels(at(svc, &["spec", "selector"])).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    fn svc(spec: Value, status: Value) -> Value {
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": "web", "namespace": "default", "creationTimestamp": ago(7200)},
               "spec": spec, "status": status})
    }

    #[test]
    fn cluster_ip() {
        let s = svc(
            json!({"type": "ClusterIP", "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"],
            "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 8443}],
            "sessionAffinity": "None", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack"}),
            json!({"loadBalancer": {}}),
        );
        assert_eq!(
            cells(&PRINTER, &s),
            vec![
                json!("web"),
                json!("ClusterIP"),
                json!("10.96.0.1"),
                json!("<none>"),
                json!("443/TCP"),
                json!("120m"),
                json!("<none>")
            ]
        );
    }

    #[test]
    fn headless_with_selector_and_external_ips() {
        let s = svc(
            json!({"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"], "selector": {"app": "web", "tier": "a"},
            "externalIPs": ["1.2.3.4", "5.6.7.8"],
            "ports": [{"port": 80, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}]}),
            json!({}),
        );
        let c = cells(&PRINTER, &s);
        assert_eq!(
            c[2..5],
            [
                json!("None"),
                json!("1.2.3.4,5.6.7.8"),
                json!("80/TCP,53/UDP")
            ]
        );
        assert_eq!(c[6], json!("app=web,tier=a"));
    }

    #[test]
    fn node_port() {
        let s = svc(
            json!({"type": "NodePort", "clusterIP": "10.106.12.7", "clusterIPs": ["10.106.12.7"],
            "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP", "targetPort": 80},
                      {"port": 443, "nodePort": 30443, "protocol": "TCP", "targetPort": 443}]}),
            json!({}),
        );
        assert_eq!(
            cells(&PRINTER, &s)[1..5],
            [
                json!("NodePort"),
                json!("10.106.12.7"),
                json!("<none>"),
                json!("80:30080/TCP,443:30443/TCP")
            ]
        );
    }

    #[test]
    fn load_balancer_pending_and_assigned() {
        let spec = json!({"type": "LoadBalancer", "clusterIP": "10.100.1.2", "clusterIPs": ["10.100.1.2"],
            "ports": [{"port": 80, "nodePort": 31234, "protocol": "TCP"}]});
        assert_eq!(
            cells(&PRINTER, &svc(spec.clone(), json!({"loadBalancer": {}})))[3],
            json!("<pending>")
        );
        let status = json!({"loadBalancer": {"ingress": [{"ip": "203.0.113.9"}, {"hostname": "a.example.com"}, {"ip": "198.51.100.1"}, {"ip": "203.0.113.9"}]}});
        assert_eq!(
            cells(&PRINTER, &svc(spec.clone(), status.clone()))[3],
            json!("198.51.100.1,203.0.113.9,a.example.com")
        );
        let mut with_ext = spec;
        with_ext["externalIPs"] = json!(["9.9.9.9"]);
        assert_eq!(
            cells(&PRINTER, &svc(with_ext.clone(), status))[3],
            json!("198.51.100.1,203.0.113.9,a.example.com,9.9.9.9")
        );
        assert_eq!(
            cells(&PRINTER, &svc(with_ext, json!({})))[3],
            json!("9.9.9.9")
        );
    }

    #[test]
    fn external_name() {
        let s = svc(
            json!({"type": "ExternalName", "externalName": "db.example.com"}),
            json!({}),
        );
        assert_eq!(
            cells(&PRINTER, &s)[1..5],
            [
                json!("ExternalName"),
                json!("<none>"),
                json!("db.example.com"),
                json!("<none>")
            ]
        );
    }
}
