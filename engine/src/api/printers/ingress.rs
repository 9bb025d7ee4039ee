//! Ingress: `NAME CLASS HOSTS ADDRESS PORTS AGE` (`printIngress`).

use super::common::{age, at, col, list, s, AGE, NAME};
use super::service::load_balancer_ingress;
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Class", "string", 0, "The name of the IngressClass resource that should be used for additional configuration"),
        col("Hosts", "string", 0, "Hosts that incoming requests are matched against before the ingress rule"),
        col("Address", "string", 0, "Address is a list containing ingress points for the load-balancer"),
        col("Ports", "string", 0, "Ports of TLS configurations that open"),
        AGE,
    ],
    row,
};

/// `formatHosts`: up to three rule hosts, `*` if none; `+ N more...` counts rules.
fn hosts(ing: &Value) -> String {
    let rules = list(ing, &["spec", "rules"]);
    const MAX: usize = 3;
    let mut shown: Vec<&str> = vec![];
    let mut more = false;
    for rule in rules {
        if shown.len() == MAX {
            more = true;
        }
        let host = rule.get("host").and_then(Value::as_str).unwrap_or("");
        if !more && !host.is_empty() {
            shown.push(host);
        }
    }
    if shown.is_empty() {
        return "*".into();
    }
    let joined = shown.join(",");
    if more {
        format!("{joined} + {} more...", rules.len() - MAX)
    } else {
        joined
    }
}

fn row(ing: &Value, now: Time) -> Vec<Value> {
    let ports = if list(ing, &["spec", "tls"]).is_empty() {
        "80"
    } else {
        "80, 443"
    };
    vec![
        s(ing, &["metadata", "name"]).into(),
        at(ing, &["spec", "ingressClassName"])
            .and_then(Value::as_str)
            .unwrap_or("<none>")
            .into(),
        hosts(ing).into(),
        load_balancer_ingress(list(ing, &["status", "loadBalancer", "ingress"])).into(),
        ports.into(),
        age(ing, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    fn ingress(spec: Value, status: Value) -> Value {
        json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
               "metadata": {"name": "web", "namespace": "default", "creationTimestamp": ago(61)},
               "spec": spec, "status": status})
    }

    #[test]
    fn nginx_ingress_with_address() {
        let i = ingress(
            json!({"ingressClassName": "nginx", "rules": [{"host": "hello-world.example", "http": {"paths": []}}]}),
            json!({"loadBalancer": {"ingress": [{"ip": "192.168.49.2"}]}}),
        );
        assert_eq!(
            cells(&PRINTER, &i),
            vec![
                json!("web"),
                json!("nginx"),
                json!("hello-world.example"),
                json!("192.168.49.2"),
                json!("80"),
                json!("61s")
            ]
        );
    }

    #[test]
    fn no_class_no_host_with_tls() {
        let i = ingress(
            json!({"rules": [{"http": {}}], "tls": [{"secretName": "tls"}]}),
            json!({"loadBalancer": {}}),
        );
        assert_eq!(
            cells(&PRINTER, &i)[1..5],
            [json!("<none>"), json!("*"), json!(""), json!("80, 443")]
        );
    }

    #[test]
    fn more_than_three_rules() {
        let i = ingress(
            json!({"rules": [{"host": "a"}, {"host": "b"}, {}, {"host": "c"}, {"host": "d"}]}),
            json!({}),
        );
        assert_eq!(cells(&PRINTER, &i)[2], json!("a,b,c + 2 more..."));
        let i = ingress(
            json!({"rules": [{"host": "a"}, {}, {"host": "b"}, {}]}),
            json!({}),
        );
        assert_eq!(cells(&PRINTER, &i)[2], json!("a,b"));
    }
}
