//! Secret: `type: Opaque` when empty (`SetDefaults_Secret`); `stringData` is
//! merged into `data` (base64) by v1→internal conversion and never stored.

use super::{default_str, top};
use serde_json::{json, Value};

pub fn apply(obj: &mut Value) {
    let m = top(obj);
    default_str(m, "type", "Opaque");
    if let Some(Value::Object(string_data)) = m.remove("stringData") {
        if !m.get("data").is_some_and(Value::is_object) {
            m.insert("data".into(), json!({}));
        }
        let data = m["data"].as_object_mut().expect("just made a map");
        for (k, v) in string_data {
            let text = v.as_str().unwrap_or("");
            data.insert(k, json!(base64(text.as_bytes())));
        }
    }
}

/// Standard base64 with padding (Go's `[]byte` JSON encoding).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
