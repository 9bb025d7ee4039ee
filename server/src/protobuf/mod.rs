//! `application/vnd.kubernetes.protobuf`, as kubectl's typed clients send and
//! accept it (`create deployment`, `expose`, `scale`, `drain`, ...), for every
//! built-in kind. Kubernetes' protobuf is the magic `k8s\0`, then a
//! `runtime.Unknown{typeMeta{apiVersion, kind}, raw}` whose `raw` is the
//! object's message. The layouts come from the v1.33 .proto files and Go
//! structs ([`schema`]); [`decode`] and [`encode`] walk them.

mod decode;
mod encode;
mod schema;
mod special;
mod wire;

use serde_json::{json, Value};
use wire::{Reader, Writer};

pub const MEDIA_TYPE: &str = "application/vnd.kubernetes.protobuf";
const MAGIC: &[u8] = b"k8s\0";

/// Decodes a `k8s\0`-framed protobuf object to its JSON form.
pub fn decode(body: &[u8]) -> Result<Value, String> {
    let rest = body
        .strip_prefix(MAGIC)
        .ok_or("provided object is not a protobuf-encoded Kubernetes object (no magic number)")?;
    let mut r = Reader::new(rest);
    let (mut api_version, mut kind, mut raw) = (String::new(), String::new(), &[][..]);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    while let Some((num, wire)) = r.key()? {
        match (num, wire) {
            (1, 2) => {
                let mut tm = Reader::new(r.bytes()?);
                while let Some((n, w)) = tm.key()? {
                    match (n, w) {
                        (1, 2) => api_version = text(tm.bytes()?),
                        (2, 2) => kind = text(tm.bytes()?),
                        _ => tm.skip(w)?,
                    }
                }
            }
            (2, 2) => raw = r.bytes()?,
            _ => r.skip(wire)?,
        }
    }
    let m = schema::kind_message(&api_version, &kind)
        .ok_or_else(|| format!("no kind \"{kind}\" is registered for version \"{api_version}\""))?;
    let mut v = decode::message(&m, raw)?;
    if let Some(o) = v.as_object_mut() {
        o.insert("apiVersion".into(), json!(api_version));
        o.insert("kind".into(), json!(kind));
    }
    Ok(v)
}

/// Encodes an object (with its `apiVersion` and `kind`) in the `k8s\0` envelope;
/// None when the kind has no protobuf form (the caller answers JSON).
pub fn encode(v: &Value) -> Option<Vec<u8>> {
    let api_version = v.get("apiVersion")?.as_str()?;
    let kind = v.get("kind")?.as_str()?;
    let m = schema::kind_message(api_version, kind)?;
    let mut raw = Writer::default();
    encode::message(&m, v, &mut raw).ok()?;
    let mut type_meta = Writer::default();
    type_meta.bytes(1, api_version.as_bytes());
    type_meta.bytes(2, kind.as_bytes());
    let mut unknown = Writer::default();
    unknown.bytes(1, &type_meta.buf);
    unknown.bytes(2, &raw.buf);
    unknown.bytes(3, b"");
    unknown.bytes(4, b"");
    let mut out = MAGIC.to_vec();
    out.extend(unknown.buf);
    Some(out)
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
    fn envelopes_round_trip_and_garbage_is_an_error() {
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                         "spec": {"containers": [{"name": "c", "image": "nginx"}]}, "status": {"phase": "Pending"}});
        assert_eq!(decode(&encode(&pod).unwrap()).unwrap(), pod);
        assert!(decode(b"k8s\0\x0a\xff").is_err());
        assert!(decode(b"{}").is_err());
        assert!(encode(&json!({"apiVersion": "nope/v1", "kind": "Nope"})).is_none());
    }
}
