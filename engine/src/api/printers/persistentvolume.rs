//! PersistentVolume: `NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM
//! STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE`, wide `VOLUMEMODE`
//! (`printPersistentVolume`).

use super::common::{age, at, col, deleting, list, resource_quantity, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Capacity", "string", 0, "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
        col("Access Modes", "string", 0, "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes"),
        col("Reclaim Policy", "string", 0, "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming"),
        col("Status", "string", 0, "phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase"),
        col("Claim", "string", 0, "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding"),
        col("StorageClass", "string", 0, "StorageClass of the pv"),
        col("VolumeAttributesClass", "string", 0, "VolumeAttributesClass of the pv"),
        col("Reason", "string", 0, "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
        AGE,
        col("VolumeMode", "string", 1, "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec."),
    ],
    row,
};

pub const BETA_STORAGE_CLASS: &str = "volume.beta.kubernetes.io/storage-class";

/// `helper.GetAccessModesAsString`: de-duplicated, in the fixed order RWO, ROX, RWX, RWOP.
pub fn access_modes(modes: &[Value]) -> String {
    let has = |m: &str| modes.iter().any(|v| v.as_str() == Some(m));
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(m, _)| has(m))
    .map(|(_, short)| *short)
    .collect::<Vec<_>>()
    .join(",")
}

/// The beta storage-class annotation if present (even empty), else the given field.
pub fn storage_class<'a>(obj: &'a Value, field: Option<&'a str>) -> &'a str {
    match at(obj, &["metadata", "annotations", BETA_STORAGE_CLASS]).and_then(Value::as_str) {
        Some(class) => class,
        None => field.unwrap_or(""),
    }
}

fn or_unset(v: Option<&Value>) -> Value {
    v.and_then(Value::as_str).unwrap_or("<unset>").into()
}

fn row(pv: &Value, now: Time) -> Vec<Value> {
    let claim = match at(pv, &["spec", "claimRef"]).filter(|c| c.is_object()) {
        Some(c) => format!(
            "{}/{}",
            c.get("namespace").and_then(Value::as_str).unwrap_or(""),
            c.get("name").and_then(Value::as_str).unwrap_or("")
        ),
        None => String::new(),
    };
    let phase = if deleting(pv) {
        "Terminating"
    } else {
        match s(pv, &["status", "phase"]) {
            "" => "Pending",
            p => p,
        }
    };
    let reclaim = match s(pv, &["spec", "persistentVolumeReclaimPolicy"]) {
        "" => "Retain",
        p => p,
    };
    vec![
        s(pv, &["metadata", "name"]).into(),
        resource_quantity(at(pv, &["spec", "capacity", "storage"])).into(),
        access_modes(list(pv, &["spec", "accessModes"])).into(),
        reclaim.into(),
        phase.into(),
        claim.into(),
        storage_class(pv, meta_str(pv, &["spec", "storageClassName"])).into(),
        or_unset(at(pv, &["spec", "volumeAttributesClassName"])),
        s(pv, &["status", "reason"]).into(),
        age(pv, now),
        match at(pv, &["spec", "volumeMode"]).and_then(Value::as_str) {
            Some(m) => m.into(),
            None => "Filesystem".into(),
        },
    ]
}

fn meta_str<'a>(obj: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(obj, path).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn bound_hostpath_volume() {
        let pv = json!({"apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": {"name": "pvc-3f1c", "creationTimestamp": ago(90),
                         "annotations": {"pv.kubernetes.io/provisioned-by": "k8s.io/minikube-hostpath"}},
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                     "persistentVolumeReclaimPolicy": "Delete", "storageClassName": "standard", "volumeMode": "Filesystem",
                     "claimRef": {"kind": "PersistentVolumeClaim", "namespace": "default", "name": "data", "uid": "u"},
                     "hostPath": {"path": "/tmp/hostpath-provisioner/default/data", "type": ""}},
            "status": {"phase": "Bound", "lastPhaseTransitionTime": ago(90)}});
        assert_eq!(
            cells(&PRINTER, &pv),
            vec![
                json!("pvc-3f1c"),
                json!("1Gi"),
                json!("RWO"),
                json!("Delete"),
                json!("Bound"),
                json!("default/data"),
                json!("standard"),
                json!("<unset>"),
                json!(""),
                json!("90s"),
                json!("Filesystem")
            ]
        );
    }

    #[test]
    fn available_terminating_and_odd_fields() {
        let mut pv = json!({"metadata": {"name": "pv0", "creationTimestamp": ago(10),
                "annotations": {"volume.beta.kubernetes.io/storage-class": "slow"}},
            "spec": {"capacity": {"storage": "1024Mi"}, "accessModes": ["ReadWriteMany", "ReadOnlyMany", "ReadWriteOnce", "ReadWriteMany", "ReadWriteOncePod"],
                     "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "fast",
                     "volumeAttributesClassName": "gold", "volumeMode": "Block"},
            "status": {"phase": "Available"}});
        assert_eq!(
            cells(&PRINTER, &pv)[1..11],
            [
                json!("1Gi"),
                json!("RWO,ROX,RWX,RWOP"),
                json!("Retain"),
                json!("Available"),
                json!(""),
                json!("slow"),
                json!("gold"),
                json!(""),
                json!("10s"),
                json!("Block")
            ]
        );
        pv["metadata"]["deletionTimestamp"] = json!(ago(1));
        pv["status"] = json!({"phase": "Released", "reason": "Reclaiming"});
        assert_eq!(cells(&PRINTER, &pv)[4], json!("Terminating"));
        assert_eq!(cells(&PRINTER, &pv)[8], json!("Reclaiming"));
    }
}
