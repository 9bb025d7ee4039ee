//! `describe secret`: data sizes only (a service account token is shown).

use super::{annotations_multiline, labels_multiline, map, s, Ctx, Writer};
use crate::api::Status;
use serde_json::Value;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let secret = ctx.get("secrets", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    labels_multiline(&mut w, "", "Labels", &map(&secret, &["metadata", "labels"]));
    annotations_multiline(
        &mut w,
        "Annotations",
        &map(&secret, &["metadata", "annotations"]),
    );
    let kind = s(&secret, &["type"]);
    w.write(0, &format!("\nType:\t{kind}\n"));
    w.write(0, "\nData\n====\n");
    let data = secret
        .get("data")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for (k, v) in &data {
        let bytes = decode_base64(v.as_str().unwrap_or(""));
        if k == "token" && kind == "kubernetes.io/service-account-token" {
            w.write(0, &format!("{k}:\t{}\n", String::from_utf8_lossy(&bytes)));
        } else {
            w.write(0, &format!("{k}:\t{} bytes\n", bytes.len()));
        }
    }
    Ok(w.finish())
}

/// Standard base64 (padding optional); invalid characters are skipped.
fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = vec![];
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter_map(val) {
        acc = (acc << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
