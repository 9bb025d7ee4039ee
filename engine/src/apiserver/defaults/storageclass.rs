//! storage.k8s.io decode defaults (DEFAULTS.md §8).

use super::{default_value, spec_of, top};
use serde_json::{json, Value};

pub fn storage_class(obj: &mut Value) {
    let m = top(obj);
    default_value(m, "reclaimPolicy", json!("Delete"));
    default_value(m, "volumeBindingMode", json!("Immediate"));
}

pub fn csi_driver(obj: &mut Value) {
    let Some(spec) = spec_of(obj) else {
        return;
    };
    default_value(spec, "attachRequired", json!(true));
    default_value(spec, "podInfoOnMount", json!(false));
    default_value(spec, "storageCapacity", json!(false));
    default_value(spec, "fsGroupPolicy", json!("ReadWriteOnceWithFSType"));
    if spec
        .get("volumeLifecycleModes")
        .and_then(Value::as_array)
        .is_none_or(|a| a.is_empty())
    {
        spec.insert("volumeLifecycleModes".into(), json!(["Persistent"]));
    }
    default_value(spec, "requiresRepublish", json!(false));
    // Gate SELinuxMountReadWriteOncePod (beta, on). Not in DEFAULTS.md; upstream
    // validation requires the field whenever that gate is on, so it must be defaulted.
    default_value(spec, "seLinuxMount", json!(false));
}
