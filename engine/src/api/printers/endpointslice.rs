//! EndpointSlice: `NAME ADDRESSTYPE PORTS ENDPOINTS AGE` (`printEndpointSlice`).

use super::common::{age, col, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("AddressType", "string", 0, "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name."),
        col("Ports", "string", 0, "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates \"all ports\". Each slice may include a maximum of 100 ports."),
        col("Endpoints", "string", 0, "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints."),
        AGE,
    ],
    row,
};

/// `listWithMoreString`: the first three, `+ N more...`, or `<unset>`.
pub fn list_with_more(items: &[String]) -> String {
    const MAX: usize = 3;
    let shown = items[..items.len().min(MAX)].join(",");
    if items.len() > MAX {
        format!("{shown} + {} more...", items.len() - MAX)
    } else if shown.is_empty() {
        "<unset>".into()
    } else {
        shown
    }
}

fn ports(slice: &Value) -> String {
    let ports: Vec<String> = list(slice, &["ports"])
        .iter()
        .map(|p| {
            match (
                p.get("port").and_then(Value::as_i64),
                p.get("name").and_then(Value::as_str),
            ) {
                (Some(n), _) => n.to_string(),
                (None, Some(name)) => name.to_string(),
                (None, None) => "*".to_string(),
            }
        })
        .collect();
    list_with_more(&ports)
}

fn endpoints(slice: &Value) -> String {
    let addresses: Vec<String> = list(slice, &["endpoints"])
        .iter()
        .flat_map(|e| {
            e.get("addresses")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[])
        })
        .map(|a| a.as_str().unwrap_or("").to_string())
        .collect();
    list_with_more(&addresses)
}

fn row(slice: &Value, now: Time) -> Vec<Value> {
    vec![
        s(slice, &["metadata", "name"]).into(),
        s(slice, &["addressType"]).into(),
        ports(slice).into(),
        endpoints(slice).into(),
        age(slice, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn slice_of_a_service() {
        let es = json!({
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": {"name": "web-abcde", "namespace": "default", "creationTimestamp": ago(100),
                         "labels": {"kubernetes.io/service-name": "web"}},
            "addressType": "IPv4",
            "ports": [{"name": "http", "port": 80, "protocol": "TCP"}],
            "endpoints": [
                {"addresses": ["10.244.0.5"], "conditions": {"ready": true, "serving": true, "terminating": false}, "nodeName": "minikube"},
                {"addresses": ["10.244.0.6"], "conditions": {"ready": false}}],
        });
        assert_eq!(
            cells(&PRINTER, &es),
            vec![
                json!("web-abcde"),
                json!("IPv4"),
                json!("80"),
                json!("10.244.0.5,10.244.0.6"),
                json!("100s")
            ]
        );
    }

    #[test]
    fn empty_and_many() {
        let es = json!({"metadata": {"name": "x", "creationTimestamp": ago(1)}, "addressType": "IPv4", "ports": null, "endpoints": []});
        assert_eq!(
            cells(&PRINTER, &es)[2..4],
            [json!("<unset>"), json!("<unset>")]
        );
        let es = json!({"metadata": {"name": "x", "creationTimestamp": ago(1)}, "addressType": "IPv6",
            "ports": [{"port": 1}, {"name": "dns"}, {}, {"port": 4}, {"port": 5}],
            "endpoints": [{"addresses": ["fd00::1", "fd00::2"]}, {"addresses": ["fd00::3", "fd00::4"]}]});
        assert_eq!(
            cells(&PRINTER, &es)[2..4],
            [
                json!("1,dns,* + 2 more..."),
                json!("fd00::1,fd00::2,fd00::3 + 1 more...")
            ]
        );
    }
}
