//! VolumeAttachment: `NAME ATTACHER PV NODE ATTACHED AGE` (`printVolumeAttachment`).

use super::common::{age, at, col, s, AGE, NAME};
use super::Printer;
use crate::api::table::Column;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        Column { name: std::borrow::Cow::Borrowed("Attacher"), kind: std::borrow::Cow::Borrowed("string"), format: std::borrow::Cow::Borrowed("name"), description: std::borrow::Cow::Borrowed("attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName()."), priority: 0 },
        col("PV", "string", 0, "persistentVolumeName represents the name of the persistent volume to attach."),
        col("Node", "string", 0, "nodeName represents the node that the volume should be attached to."),
        col("Attached", "boolean", 0, "attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher."),
        AGE,
    ],
    row,
};

fn row(va: &Value, now: Time) -> Vec<Value> {
    vec![
        s(va, &["metadata", "name"]).into(),
        s(va, &["spec", "attacher"]).into(),
        s(va, &["spec", "source", "persistentVolumeName"]).into(),
        s(va, &["spec", "nodeName"]).into(),
        at(va, &["status", "attached"])
            .and_then(Value::as_bool)
            .unwrap_or(false)
            .into(),
        age(va, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn attachments() {
        let va = json!({"apiVersion": "storage.k8s.io/v1", "kind": "VolumeAttachment",
            "metadata": {"name": "csi-123", "creationTimestamp": ago(30)},
            "spec": {"attacher": "ebs.csi.aws.com", "nodeName": "node-1", "source": {"persistentVolumeName": "pvc-1"}},
            "status": {"attached": true}});
        assert_eq!(
            cells(&PRINTER, &va),
            vec![
                json!("csi-123"),
                json!("ebs.csi.aws.com"),
                json!("pvc-1"),
                json!("node-1"),
                json!(true),
                json!("30s")
            ]
        );
        let va = json!({"metadata": {"name": "inline", "creationTimestamp": ago(1)},
            "spec": {"attacher": "x", "nodeName": "n", "source": {"inlineVolumeSpec": {}}}});
        assert_eq!(
            cells(&PRINTER, &va)[2..5],
            [json!(""), json!("n"), json!(false)]
        );
        assert_eq!(PRINTER.columns[1].format, "name");
    }
}
