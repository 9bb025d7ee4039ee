//! Request bodies in `application/vnd.kubernetes.protobuf`, as kubectl's
//! typed clients send them (`kubectl create namespace`, ...), decoded to the
//! JSON the same object has on the wire. Kubernetes' protobuf is the magic
//! `k8s\0`, then a `runtime.Unknown{typeMeta, raw}` whose `raw` is the object.
//!
//! Decoding is driven by a small table of message layouts (field number,
//! JSON name, type). Only the kinds in [`kind_message`] are known; others are
//! refused with 415 so the gap is visible. Zero values the Go marshaller always
//! writes (empty strings, 0, false) are dropped as JSON's `omitempty` would,
//! except for fields marked as pointers.

use serde_json::{json, Map, Value};

#[derive(Clone, Copy)]
enum Ty {
    Str,
    Int,
    Bool,
    /// `metav1.Time`: seconds and nanos, as RFC 3339.
    Time,
    Msg(&'static str),
    /// `map<string, string>`.
    StrMap,
    /// `map<string, bytes>`.
    BytesMap,
}

/// `(number, JSON name, type, repeated, pointer)`.
type Field = (u64, &'static str, Ty, bool, bool);

const F: bool = false;
const T: bool = true;

fn layout(message: &str) -> Option<&'static [Field]> {
    use Ty::*;
    Some(match message {
        "ObjectMeta" => &[
            (1, "name", Str, F, F),
            (2, "generateName", Str, F, F),
            (3, "namespace", Str, F, F),
            (4, "selfLink", Str, F, F),
            (5, "uid", Str, F, F),
            (6, "resourceVersion", Str, F, F),
            (7, "generation", Int, F, F),
            (8, "creationTimestamp", Time, F, F),
            (9, "deletionTimestamp", Time, F, T),
            (10, "deletionGracePeriodSeconds", Int, F, T),
            (11, "labels", StrMap, F, F),
            (12, "annotations", StrMap, F, F),
            (13, "ownerReferences", Msg("OwnerReference"), T, F),
            (14, "finalizers", Str, T, F),
        ],
        "OwnerReference" => &[
            (1, "kind", Str, F, F),
            (3, "name", Str, F, F),
            (4, "uid", Str, F, F),
            (5, "apiVersion", Str, F, F),
            (6, "controller", Bool, F, T),
            (7, "blockOwnerDeletion", Bool, F, T),
        ],
        "Namespace" => &[
            (1, "metadata", Msg("ObjectMeta"), F, F),
            (2, "spec", Msg("NamespaceSpec"), F, F),
            (3, "status", Msg("NamespaceStatus"), F, F),
        ],
        "NamespaceSpec" => &[(1, "finalizers", Str, T, F)],
        "NamespaceStatus" => &[(1, "phase", Str, F, F)],
        "ConfigMap" => &[
            (1, "metadata", Msg("ObjectMeta"), F, F),
            (2, "data", StrMap, F, F),
            (3, "binaryData", BytesMap, F, F),
            (4, "immutable", Bool, F, T),
        ],
        "Secret" => &[
            (1, "metadata", Msg("ObjectMeta"), F, F),
            (2, "data", BytesMap, F, F),
            (3, "type", Str, F, F),
            (4, "stringData", StrMap, F, F),
            (5, "immutable", Bool, F, T),
        ],
        "ServiceAccount" => &[
            (1, "metadata", Msg("ObjectMeta"), F, F),
            (2, "secrets", Msg("ObjectReference"), T, F),
            (3, "automountServiceAccountToken", Bool, F, T),
        ],
        "ObjectReference" => &[
            (1, "kind", Str, F, F),
            (2, "namespace", Str, F, F),
            (3, "name", Str, F, F),
            (4, "uid", Str, F, F),
            (5, "apiVersion", Str, F, F),
            (6, "resourceVersion", Str, F, F),
            (7, "fieldPath", Str, F, F),
        ],
        _ => return None,
    })
}

/// The message a top-level kind is encoded as.
fn kind_message(api_version: &str, kind: &str) -> Option<&'static str> {
    match (api_version, kind) {
        ("v1", "Namespace") => Some("Namespace"),
        ("v1", "ConfigMap") => Some("ConfigMap"),
        ("v1", "Secret") => Some("Secret"),
        ("v1", "ServiceAccount") => Some("ServiceAccount"),
        _ => None,
    }
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.i).ok_or("truncated varint")?;
            self.i += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = usize::try_from(self.varint()?).map_err(|_| "length overflow")?;
        let end = self
            .i
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or("truncated field")?;
        let s = &self.b[self.i..end];
        self.i = end;
        Ok(s)
    }

    /// The next `(field number, wire type)`, or None at the end.
    fn key(&mut self) -> Result<Option<(u64, u64)>, String> {
        if self.i >= self.b.len() {
            return Ok(None);
        }
        let k = self.varint()?;
        Ok(Some((k >> 3, k & 7)))
    }

    fn skip(&mut self, wire: u64) -> Result<(), String> {
        match wire {
            0 => self.varint().map(|_| ()),
            1 => self.advance(8),
            2 => self.bytes().map(|_| ()),
            5 => self.advance(4),
            w => Err(format!("unsupported wire type {w}")),
        }
    }

    fn advance(&mut self, n: usize) -> Result<(), String> {
        if self.i + n > self.b.len() {
            return Err("truncated field".into());
        }
        self.i += n;
        Ok(())
    }
}

fn base64(b: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in b.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= c.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn utf8(b: &[u8]) -> Result<String, String> {
    String::from_utf8(b.to_vec()).map_err(|_| "invalid UTF-8 in a string field".to_string())
}

fn time(b: &[u8]) -> Result<Value, String> {
    let mut r = Reader { b, i: 0 };
    let mut secs = 0i64;
    while let Some((num, wire)) = r.key()? {
        match (num, wire) {
            (1, 0) => secs = r.varint()? as i64,
            _ => r.skip(wire)?,
        }
    }
    if secs == 0 {
        // Go's zero time: `null` in JSON.
        return Ok(Value::Null);
    }
    Ok(json!(
        kubeplay_engine::clock::Time::from_secs(secs).rfc3339()
    ))
}

fn map_entry(b: &[u8], bytes_value: bool) -> Result<(String, Value), String> {
    let mut r = Reader { b, i: 0 };
    let (mut k, mut v) = (String::new(), Value::String(String::new()));
    while let Some((num, wire)) = r.key()? {
        match (num, wire) {
            (1, 2) => k = utf8(r.bytes()?)?,
            (2, 2) => {
                let raw = r.bytes()?;
                v = json!(if bytes_value { base64(raw) } else { utf8(raw)? });
            }
            _ => r.skip(wire)?,
        }
    }
    Ok((k, v))
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_i64() == Some(0),
        Value::Bool(b) => !b,
        Value::Array(a) => a.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

fn message(name: &str, b: &[u8]) -> Result<Value, String> {
    let fields = layout(name).ok_or_else(|| format!("no protobuf layout for {name}"))?;
    let mut out = Map::new();
    let mut r = Reader { b, i: 0 };
    while let Some((num, wire)) = r.key()? {
        let Some(&(_, json_name, ty, repeated, _)) = fields.iter().find(|f| f.0 == num) else {
            r.skip(wire)?;
            continue;
        };
        let value = match (ty, wire) {
            (Ty::Int, 0) => json!(r.varint()? as i64),
            (Ty::Bool, 0) => json!(r.varint()? != 0),
            (Ty::Str, 2) => json!(utf8(r.bytes()?)?),
            (Ty::Time, 2) => time(r.bytes()?)?,
            (Ty::Msg(m), 2) => message(m, r.bytes()?)?,
            (Ty::StrMap | Ty::BytesMap, 2) => {
                let (k, v) = map_entry(r.bytes()?, matches!(ty, Ty::BytesMap))?;
                let m = out.entry(json_name).or_insert_with(|| json!({}));
                if let Some(m) = m.as_object_mut() {
                    m.insert(k, v);
                }
                continue;
            }
            _ => {
                return Err(format!(
                    "field {json_name} of {name} has an unexpected wire type {wire}"
                ))
            }
        };
        if repeated {
            let a = out.entry(json_name).or_insert_with(|| json!([]));
            if let Some(a) = a.as_array_mut() {
                a.push(value);
            }
        } else {
            out.insert(json_name.to_string(), value);
        }
    }
    // `omitempty`: zero scalars of non-pointer fields are not in the JSON.
    for &(_, json_name, ty, _, pointer) in fields {
        let drop = match out.get(json_name) {
            Some(v) => {
                !pointer && !matches!(ty, Ty::Msg(_)) && is_zero(v)
                    || matches!(ty, Ty::Time) && v.is_null()
            }
            None => false,
        };
        if drop {
            out.remove(json_name);
        }
    }
    Ok(Value::Object(out))
}

/// Decodes a `k8s\0`-framed protobuf object to its JSON form.
pub fn decode(body: &[u8]) -> Result<Value, String> {
    let rest = body
        .strip_prefix(b"k8s\0")
        .ok_or("the protobuf body does not start with the Kubernetes magic number")?;
    let mut r = Reader { b: rest, i: 0 };
    let (mut api_version, mut kind, mut raw) = (String::new(), String::new(), &[][..]);
    while let Some((num, wire)) = r.key()? {
        match (num, wire) {
            (1, 2) => {
                let mut tm = Reader {
                    b: r.bytes()?,
                    i: 0,
                };
                while let Some((n, w)) = tm.key()? {
                    match (n, w) {
                        (1, 2) => api_version = utf8(tm.bytes()?)?,
                        (2, 2) => kind = utf8(tm.bytes()?)?,
                        _ => tm.skip(w)?,
                    }
                }
            }
            (2, 2) => raw = r.bytes()?,
            _ => r.skip(wire)?,
        }
    }
    let m = kind_message(&api_version, &kind).ok_or_else(|| {
        format!("kubeplay cannot decode {kind} ({api_version}) from protobuf yet; send it as application/json")
    })?;
    let mut v = message(m, raw)?;
    v["apiVersion"] = json!(api_version);
    v["kind"] = json!(kind);
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(tag: u8, b: &[u8]) -> Vec<u8> {
        let mut v = vec![tag << 3 | 2, b.len() as u8];
        v.extend_from_slice(b);
        v
    }

    #[test]
    fn decodes_what_kubectl_create_namespace_sends() {
        // metadata{name: "demo", generateName: "", creationTimestamp: {}}, spec{}, status{}
        let mut meta = field(1, b"demo");
        meta.extend(field(2, b""));
        meta.extend(field(8, b""));
        let mut ns = field(1, &meta);
        ns.extend(field(2, b""));
        ns.extend(field(3, &field(1, b"")));
        let mut tm = field(1, b"v1");
        tm.extend(field(2, b"Namespace"));
        let mut body = b"k8s\0".to_vec();
        body.extend(field(1, &tm));
        body.extend(field(2, &ns));
        assert_eq!(
            decode(&body).unwrap(),
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo"}, "spec": {}, "status": {}})
        );
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
    }
}
