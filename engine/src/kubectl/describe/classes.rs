//! `describe priorityclass` and `describe storageclass`: cluster-wide
//! classes whose annotations print as one `k=v,...` line (`labels.FormatLabels`).

use super::events::{self, Ref};
use super::{arr, format_labels, int, map, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe_priority_class(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let pc = ctx.get("priorityclasses.scheduling.k8s.io", "", name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{}\n", s(&pc, &["metadata", "name"])));
    w.write(0, &format!("Value:\t{}\n", int(&pc, &["value"])));
    let global = pc.get("globalDefault").and_then(Value::as_bool) == Some(true);
    w.write(0, &format!("GlobalDefault:\t{global}\n"));
    w.write(
        0,
        &format!("PreemptionPolicy:\t{}\n", s(&pc, &["preemptionPolicy"])),
    );
    w.write(0, &format!("Description:\t{}\n", s(&pc, &["description"])));
    w.write(
        0,
        &format!(
            "Annotations:\t{}\n",
            format_labels(&map(&pc, &["metadata", "annotations"]))
        ),
    );
    if ctx.show_events {
        events::section(ctx, &Ref::of(&pc), &mut w);
    }
    Ok(w.finish())
}

const DEFAULT_CLASS: [&str; 2] = [
    "storageclass.kubernetes.io/is-default-class",
    "storageclass.beta.kubernetes.io/is-default-class",
];

pub fn describe_storage_class(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let sc = ctx.get("storageclasses.storage.k8s.io", "", name)?;
    let annotations = map(&sc, &["metadata", "annotations"]);
    let is_default = annotations
        .iter()
        .any(|(k, v)| DEFAULT_CLASS.contains(k) && *v == "true");
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{}\n", s(&sc, &["metadata", "name"])));
    w.write(
        0,
        &format!(
            "IsDefaultClass:\t{}\n",
            if is_default { "Yes" } else { "No" }
        ),
    );
    w.write(
        0,
        &format!("Annotations:\t{}\n", format_labels(&annotations)),
    );
    w.write(0, &format!("Provisioner:\t{}\n", s(&sc, &["provisioner"])));
    w.write(
        0,
        &format!(
            "Parameters:\t{}\n",
            format_labels(&map(&sc, &["parameters"]))
        ),
    );
    let expansion = match sc.get("allowVolumeExpansion").and_then(Value::as_bool) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.write(0, &format!("AllowVolumeExpansion:\t{expansion}\n"));
    let options = arr(&sc, &["mountOptions"]);
    if options.is_empty() {
        w.write(0, "MountOptions:\t<none>\n");
    } else {
        w.write(0, "MountOptions:\n");
        for o in options {
            w.write(1, &format!("{}\n", o.as_str().unwrap_or("")));
        }
    }
    if let Some(p) = meta::str_at(&sc, &["reclaimPolicy"]) {
        w.write(0, &format!("ReclaimPolicy:\t{p}\n"));
    }
    if let Some(m) = meta::str_at(&sc, &["volumeBindingMode"]) {
        w.write(0, &format!("VolumeBindingMode:\t{m}\n"));
    }
    if let Some(terms) = sc.get("allowedTopologies").and_then(Value::as_array) {
        allowed_topologies(&mut w, terms);
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&sc), &mut w);
    }
    Ok(w.finish())
}

/// `printAllowedTopologies`: one `Term N:` per term, `key in [a, b]` per requirement.
fn allowed_topologies(w: &mut Writer, terms: &[Value]) {
    w.write(0, "AllowedTopologies:\t");
    if terms.is_empty() {
        w.line("<none>");
        return;
    }
    w.line("");
    for (i, term) in terms.iter().enumerate() {
        w.write(1, &format!("Term {i}:\t"));
        let reqs = arr(term, &["matchLabelExpressions"]);
        if reqs.is_empty() {
            w.line("<none>");
            continue;
        }
        for (j, req) in reqs.iter().enumerate() {
            if j != 0 {
                w.write(1, "\t");
            }
            let values: Vec<&str> = arr(req, &["values"])
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let mut expr = format!("{} in", s(req, &["key"]));
            if !values.is_empty() {
                expr.push_str(&format!(" [{}]", values.join(", ")));
            }
            w.write(0, &format!("{expr}\n"));
        }
    }
}
