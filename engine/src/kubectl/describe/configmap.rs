//! `describe configmap`: every key with its value, binary keys by size.

use super::events::{self, Ref};
use super::{annotations_multiline, labels_multiline, map, Ctx, Writer};
use crate::api::Status;
use serde_json::Value;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let cm = ctx.get("configmaps", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    labels_multiline(&mut w, "", "Labels", &map(&cm, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&cm, &["metadata", "annotations"]),
    );
    w.write(0, "\nData\n====\n");
    for (k, v) in map(&cm, &["data"]) {
        w.write(0, &format!("{k}:\n----\n"));
        w.write(0, &format!("{v}\n"));
        w.write(0, "\n");
    }
    w.write(0, "\nBinaryData\n====\n");
    if let Some(bin) = cm.get("binaryData").and_then(Value::as_object) {
        for (k, v) in bin {
            let encoded = v.as_str().unwrap_or("").trim_end_matches('=');
            w.write(0, &format!("{k}: {} bytes\n", encoded.len() * 3 / 4));
        }
    }
    w.write(0, "\n");
    if ctx.show_events {
        events::section(ctx, &Ref::of(&cm), &mut w);
    }
    Ok(w.finish())
}
