//! ServiceCIDR: `NAME CIDRS AGE` (`printServiceCIDR`).

use super::common::{age, col, list, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("CIDRs", "string", 0, "CIDRs defines the IP blocks in CIDR notation (e.g. \"192.168.0.0/24\" or \"2001:db8::/64\") from which to assign service cluster IPs. Max of two CIDRs is allowed, one of each IP family. This field is immutable."),
        AGE,
    ],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    let cidrs: Vec<&str> = list(obj, &["spec", "cidrs"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    vec![
        s(obj, &["metadata", "name"]).into(),
        cidrs.join(",").into(),
        age(obj, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn kubernetes_service_cidr() {
        let c = json!({"apiVersion": "networking.k8s.io/v1", "kind": "ServiceCIDR",
            "metadata": {"name": "kubernetes", "creationTimestamp": ago(86400 * 10)},
            "spec": {"cidrs": ["10.96.0.0/12", "fd00:10:96::/108"]}});
        assert_eq!(
            cells(&PRINTER, &c),
            vec![
                json!("kubernetes"),
                json!("10.96.0.0/12,fd00:10:96::/108"),
                json!("10d")
            ]
        );
    }
}
