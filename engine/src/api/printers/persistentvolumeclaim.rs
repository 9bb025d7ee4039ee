//! PersistentVolumeClaim: `NAME STATUS VOLUME CAPACITY ACCESS MODES
//! STORAGECLASS VOLUMEATTRIBUTESCLASS AGE`, wide `VOLUMEMODE`
//! (`printPersistentVolumeClaim`).

use super::common::{age, at, col, deleting, list, resource_quantity, s, AGE, NAME};
use super::persistentvolume::{access_modes, storage_class};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Status", "string", 0, "phase represents the current phase of PersistentVolumeClaim."),
        col("Volume", "string", 0, "volumeName is the binding reference to the PersistentVolume backing this claim."),
        col("Capacity", "string", 0, "capacity represents the actual resources of the underlying volume."),
        col("Access Modes", "string", 0, "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1"),
        col("StorageClass", "string", 0, "StorageClass of the pvc"),
        col("VolumeAttributesClass", "string", 0, "VolumeAttributesClass of the pvc"),
        AGE,
        col("VolumeMode", "string", 1, "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec."),
    ],
    row,
};

fn row(pvc: &Value, now: Time) -> Vec<Value> {
    let phase = if deleting(pvc) {
        "Terminating"
    } else {
        match s(pvc, &["status", "phase"]) {
            "" => "Pending",
            p => p,
        }
    };
    let volume = s(pvc, &["spec", "volumeName"]);
    // Capacity and access modes show only once the claim names its volume.
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (
            resource_quantity(at(pvc, &["status", "capacity", "storage"])),
            access_modes(list(pvc, &["status", "accessModes"])),
        )
    };
    vec![
        s(pvc, &["metadata", "name"]).into(),
        phase.into(),
        volume.into(),
        capacity.into(),
        modes.into(),
        storage_class(
            pvc,
            at(pvc, &["spec", "storageClassName"]).and_then(Value::as_str),
        )
        .into(),
        at(pvc, &["spec", "volumeAttributesClassName"])
            .and_then(Value::as_str)
            .unwrap_or("<unset>")
            .into(),
        age(pvc, now),
        at(pvc, &["spec", "volumeMode"])
            .and_then(Value::as_str)
            .unwrap_or("Filesystem")
            .into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    fn pvc(spec: Value, status: Value) -> Value {
        json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
               "metadata": {"name": "data", "namespace": "default", "creationTimestamp": ago(95)},
               "spec": spec, "status": status})
    }

    #[test]
    fn pending_claim_shows_no_capacity() {
        let c = pvc(
            json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}},
                           "storageClassName": "standard", "volumeMode": "Filesystem"}),
            json!({"phase": "Pending"}),
        );
        assert_eq!(
            cells(&PRINTER, &c),
            vec![
                json!("data"),
                json!("Pending"),
                json!(""),
                json!(""),
                json!(""),
                json!("standard"),
                json!("<unset>"),
                json!("95s"),
                json!("Filesystem")
            ]
        );
    }

    #[test]
    fn bound_claim() {
        let c = pvc(
            json!({"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "500Mi"}},
                           "storageClassName": "standard", "volumeMode": "Filesystem", "volumeName": "pvc-3f1c"}),
            json!({"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "500Mi"}}),
        );
        assert_eq!(
            cells(&PRINTER, &c)[1..7],
            [
                json!("Bound"),
                json!("pvc-3f1c"),
                json!("500Mi"),
                json!("RWO"),
                json!("standard"),
                json!("<unset>")
            ]
        );
    }

    #[test]
    fn terminating_without_class() {
        let mut c = pvc(
            json!({"accessModes": ["ReadWriteMany"], "volumeName": "pv1", "volumeAttributesClassName": "silver"}),
            json!({"phase": "Bound"}),
        );
        c["metadata"]["deletionTimestamp"] = json!(ago(2));
        assert_eq!(
            cells(&PRINTER, &c)[1..7],
            [
                json!("Terminating"),
                json!("pv1"),
                json!("0"),
                json!(""),
                json!(""),
                json!("silver")
            ]
        );
    }
}
