//! `--record`: deprecated in kubectl v1.33 but still accepted where
//! genericclioptions.RecordFlags is added; when true, the command line goes
//! into the changed object's `kubernetes.io/change-cause` annotation, which
//! `rollout history` shows (cli-runtime record_flags.go ChangeCauseRecorder).

use super::flags::Parsed;
use crate::api::meta;
use serde_json::{json, Value};

pub const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// The commands that write the change cause (the others accept the flag
/// but refuse `--record=true` as not simulated).
pub const RECORDED: &[&str] = &[
    "set image",
    "set resources",
    "set selector",
    "set serviceaccount",
    "scale",
    "expose",
    "autoscale",
    "run",
    "label",
    "annotate",
    "create",
    "patch",
    "apply",
];

/// ChangeCauseRecorder.Record: with `--record=true`, the command line on
/// `obj` (an object, or a patch of one).
pub fn record(p: &Parsed, obj: &mut Value) {
    if !p.bool("record") {
        return;
    }
    let metadata = meta::metadata_mut(obj);
    let annotations = metadata.entry("annotations").or_insert_with(|| json!({}));
    if !annotations.is_object() {
        *annotations = json!({});
    }
    annotations[CHANGE_CAUSE] = json!(p.change_cause);
}

/// MakeRecordMergePatch: the merge patch commands that change an object
/// through another path (`scale`) send after it, with `--record=true`.
pub fn merge_patch(p: &Parsed) -> Option<Value> {
    p.bool("record")
        .then(|| json!({"metadata": {"annotations": {CHANGE_CAUSE: p.change_cause}}}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::flags::{parse, RECORD};

    #[test]
    fn only_record_true_writes_the_cause() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut p = parse(&args(&["--record"]), &[&[RECORD]]).unwrap();
        p.change_cause = "kubectl scale".into();
        let mut obj = json!({"metadata": {"name": "web"}});
        record(&p, &mut obj);
        assert_eq!(
            obj["metadata"]["annotations"][CHANGE_CAUSE],
            "kubectl scale"
        );
        let p = parse(&args(&["--record=false"]), &[&[RECORD]]).unwrap();
        let mut obj = json!({"metadata": {"name": "web"}});
        record(&p, &mut obj);
        assert!(obj["metadata"].get("annotations").is_none());
    }
}
