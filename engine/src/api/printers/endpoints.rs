//! Endpoints: `NAME ENDPOINTS AGE` (`printEndpoints`, `formatEndpoints`).

use super::common::{age, col, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Endpoints", "string", 0, "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service."),
        AGE,
    ],
    row,
};

/// `net.JoinHostPort`.
fn join_host_port(host: &str, port: i64) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The ready addresses as `ip:port`, the first three, then `+ N more...`.
fn format_endpoints(ep: &Value) -> String {
    let subsets = list(ep, &["subsets"]);
    if subsets.is_empty() {
        return "<none>".into();
    }
    const MAX: usize = 3;
    let mut shown: Vec<String> = vec![];
    let mut more = false;
    let mut count = 0;
    for ss in subsets {
        let addresses = ss
            .get("addresses")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let ip = |a: &Value| {
            a.get("ip")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let ports = ss
            .get("ports")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if ports.is_empty() {
            count += addresses.len();
            for a in addresses {
                if shown.len() == MAX {
                    more = true;
                    break;
                }
                shown.push(ip(a));
            }
            continue;
        }
        for p in ports {
            let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
            count += addresses.len();
            for a in addresses {
                if shown.len() == MAX {
                    more = true;
                    break;
                }
                shown.push(join_host_port(&ip(a), port));
            }
        }
    }
    let joined = shown.join(",");
    if more {
        format!("{joined} + {} more...", count - MAX)
    } else {
        joined
    }
}

fn row(ep: &Value, now: Time) -> Vec<Value> {
    vec![
        s(ep, &["metadata", "name"]).into(),
        format_endpoints(ep).into(),
        age(ep, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    fn ep(subsets: Value) -> Value {
        json!({"apiVersion": "v1", "kind": "Endpoints",
               "metadata": {"name": "web", "namespace": "default", "creationTimestamp": ago(30)},
               "subsets": subsets})
    }

    #[test]
    fn kubernetes_endpoints() {
        let e = ep(
            json!([{"addresses": [{"ip": "192.168.49.2"}], "ports": [{"name": "https", "port": 8443, "protocol": "TCP"}]}]),
        );
        assert_eq!(
            cells(&PRINTER, &e),
            vec![json!("web"), json!("192.168.49.2:8443"), json!("30s")]
        );
    }

    #[test]
    fn no_subsets_and_only_not_ready() {
        let mut e = ep(json!(null));
        e.as_object_mut().unwrap().remove("subsets");
        assert_eq!(cells(&PRINTER, &e)[1], json!("<none>"));
        let e = ep(
            json!([{"notReadyAddresses": [{"ip": "10.244.0.7"}], "ports": [{"port": 80, "protocol": "TCP"}]}]),
        );
        assert_eq!(cells(&PRINTER, &e)[1], json!(""));
    }

    #[test]
    fn more_than_three() {
        let e = ep(
            json!([{"addresses": [{"ip": "10.244.0.5"}, {"ip": "10.244.0.6"}, {"ip": "10.244.0.7"}, {"ip": "10.244.0.8"}],
                           "ports": [{"name": "http", "port": 80}, {"name": "https", "port": 443}]}]),
        );
        assert_eq!(
            cells(&PRINTER, &e)[1],
            json!("10.244.0.5:80,10.244.0.6:80,10.244.0.7:80 + 5 more...")
        );
    }

    #[test]
    fn headless_without_ports_and_ipv6() {
        let e = ep(
            json!([{"addresses": [{"ip": "10.244.0.5"}, {"ip": "10.244.0.6"}]},
                          {"addresses": [{"ip": "fd00::5"}], "ports": [{"port": 53}]}]),
        );
        assert_eq!(
            cells(&PRINTER, &e)[1],
            json!("10.244.0.5,10.244.0.6,[fd00::5]:53")
        );
    }
}
