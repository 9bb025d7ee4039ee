//! StatefulSet decode defaults (`SetDefaults_StatefulSet`, DEFAULTS.md §5) and the
//! shape conversion gives its `volumeClaimTemplates`.

use super::{child, default_str, default_value, each, persistentvolume, pod, spec_of};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let Some(spec) = spec_of(obj) else {
        return;
    };
    default_str(spec, "podManagementPolicy", "OrderedReady");
    if let Some(us) = child(spec, "updateStrategy") {
        if us
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .is_empty()
        {
            us.insert("type".into(), json!("RollingUpdate"));
            default_value(us, "rollingUpdate", json!({}));
        }
        if us.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            if let Some(ru) = us.get_mut("rollingUpdate").and_then(Value::as_object_mut) {
                default_value(ru, "partition", json!(0));
            }
        }
    }
    if let Some(p) = child(spec, "persistentVolumeClaimRetentionPolicy") {
        default_str(p, "whenDeleted", "Retain");
        default_str(p, "whenScaled", "Retain");
    }
    default_value(spec, "replicas", json!(1));
    default_value(spec, "revisionHistoryLimit", json!(10));
    // `serviceName` has no omitempty.
    default_value(spec, "serviceName", json!(""));
    if let Some(t) = child(spec, "template") {
        pod::template(t);
    }
    each(spec, "volumeClaimTemplates", |pvc| {
        pvc.insert("apiVersion".into(), json!("v1"));
        pvc.insert("kind".into(), json!("PersistentVolumeClaim"));
        pod::template_metadata(pvc);
        persistentvolume::claim_map(pvc);
    });
}
