//! StorageClass: `NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE
//! ALLOWVOLUMEEXPANSION AGE` (`printStorageClass`).

use super::common::{age, at, col, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Provisioner", "string", 0, "provisioner indicates the type of the provisioner."),
        col("ReclaimPolicy", "string", 0, "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
        col("VolumeBindingMode", "string", 0, "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature."),
        col("AllowVolumeExpansion", "string", 0, "allowVolumeExpansion shows whether the storage class allow volume expand."),
        AGE,
    ],
    row,
};

/// `storageutil.IsDefaultAnnotation`.
fn is_default(sc: &Value) -> bool {
    [
        "storageclass.kubernetes.io/is-default-class",
        "storageclass.beta.kubernetes.io/is-default-class",
    ]
    .iter()
    .any(|k| at(sc, &["metadata", "annotations", k]).and_then(Value::as_str) == Some("true"))
}

fn row(sc: &Value, now: Time) -> Vec<Value> {
    let mut name = s(sc, &["metadata", "name"]).to_string();
    if is_default(sc) {
        name.push_str(" (default)");
    }
    let or = |k: &str, default: &'static str| match s(sc, &[k]) {
        "" => default.to_string(),
        v => v.to_string(),
    };
    vec![
        name.into(),
        s(sc, &["provisioner"]).into(),
        or("reclaimPolicy", "Delete").into(),
        or("volumeBindingMode", "Immediate").into(),
        at(sc, &["allowVolumeExpansion"])
            .and_then(Value::as_bool)
            .unwrap_or(false)
            .into(),
        age(sc, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn minikube_standard_class() {
        let sc = json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": {"name": "standard", "creationTimestamp": ago(85 * 60),
                         "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
            "provisioner": "k8s.io/minikube-hostpath", "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate"});
        assert_eq!(
            cells(&PRINTER, &sc),
            vec![
                json!("standard (default)"),
                json!("k8s.io/minikube-hostpath"),
                json!("Delete"),
                json!("Immediate"),
                json!(false),
                json!("85m")
            ]
        );
    }

    #[test]
    fn non_default_with_expansion() {
        let sc = json!({"metadata": {"name": "fast", "creationTimestamp": ago(5),
                "annotations": {"storageclass.kubernetes.io/is-default-class": "True"}},
            "provisioner": "ebs.csi.aws.com", "reclaimPolicy": "Retain", "volumeBindingMode": "WaitForFirstConsumer",
            "allowVolumeExpansion": true});
        assert_eq!(
            cells(&PRINTER, &sc)[..5],
            [
                json!("fast"),
                json!("ebs.csi.aws.com"),
                json!("Retain"),
                json!("WaitForFirstConsumer"),
                json!(true)
            ]
        );
        let sc = json!({"metadata": {"name": "beta", "creationTimestamp": ago(5),
                "annotations": {"storageclass.beta.kubernetes.io/is-default-class": "true"}}, "provisioner": "x"});
        assert_eq!(
            cells(&PRINTER, &sc)[..4],
            [
                json!("beta (default)"),
                json!("x"),
                json!("Delete"),
                json!("Immediate")
            ]
        );
    }
}
