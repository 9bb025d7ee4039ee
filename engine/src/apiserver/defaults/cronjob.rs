//! CronJob decode defaults (`SetDefaults_CronJob`, DEFAULTS.md §5). The job
//! template gets no Job defaults, only the pod-template ones.

use super::{child, default_str, default_value, pod, spec_of};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let Some(spec) = spec_of(obj) else {
        return;
    };
    default_str(spec, "concurrencyPolicy", "Allow");
    default_value(spec, "suspend", json!(false));
    default_value(spec, "successfulJobsHistoryLimit", json!(3));
    default_value(spec, "failedJobsHistoryLimit", json!(1));
    if let Some(jt) = child(spec, "jobTemplate") {
        pod::template_metadata(jt);
        if let Some(t) = child(jt, "spec").and_then(|s| child(s, "template")) {
            pod::template(t);
        }
    }
}
