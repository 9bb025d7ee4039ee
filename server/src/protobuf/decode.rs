//! Protobuf messages to the JSON the same object has on the wire, driven by
//! the schema: JSON names from the Go tags, zero values dropped where the Go
//! field is `omitempty` and not a pointer (as encoding/json would), inlined
//! structs merged into their parent.

use super::schema::{self, Field, Label};
use super::special;
use super::wire::Reader;
use serde_json::{json, Map, Value};

fn utf8(b: &[u8]) -> Result<String, String> {
    String::from_utf8(b.to_vec()).map_err(|_| "invalid UTF-8 in a string field".to_string())
}

fn le(b: &[u8]) -> u64 {
    b.iter().rev().fold(0, |acc, x| acc << 8 | u64::from(*x))
}

/// How deep messages may nest (a crafted body must not exhaust the stack).
const MAX_DEPTH: usize = 64;

/// One value of type `ty` read with wire type `wire`.
fn value(r: &mut Reader, ty: &str, wire: u64, depth: usize) -> Result<Value, String> {
    Ok(match (ty, wire) {
        ("string", 2) => json!(utf8(r.bytes()?)?),
        ("bytes", 2) => json!(special::base64_encode(r.bytes()?)),
        ("bool", 0) => json!(r.varint()? != 0),
        ("int32", 0) => json!(r.varint()? as i32),
        ("int64", 0) => json!(r.varint()? as i64),
        ("uint32" | "uint64", 0) => json!(r.varint()?),
        ("double", 1) => json!(f64::from_bits(le(r.fixed(8)?))),
        ("float", 5) => json!(f32::from_bits(le(r.fixed(4)?) as u32)),
        ("fixed64", 1) => json!(le(r.fixed(8)?)),
        ("sfixed64", 1) => json!(le(r.fixed(8)?) as i64),
        (m, 2) if !schema::is_scalar(m) => nested(m, r.bytes()?, depth + 1)?,
        _ => return Err(format!("a {ty} field has the unexpected wire type {wire}")),
    })
}

fn map_entry(f: &Field, b: &[u8], depth: usize) -> Result<(String, Value), String> {
    let mut r = Reader::new(b);
    let (mut k, mut v) = (String::new(), None);
    while let Some((num, wire)) = r.key()? {
        match num {
            1 => k = utf8(r.bytes()?)?,
            2 => v = Some(value(&mut r, f.ty, wire, depth)?),
            _ => r.skip(wire)?,
        }
    }
    let zero = match f.ty {
        "string" | "bytes" => json!(""),
        ty if schema::is_scalar(ty) => json!(0),
        ty => nested(ty, &[], depth + 1)?,
    };
    Ok((k, v.unwrap_or(zero)))
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Bool(b) => !b,
        Value::Null => true,
        _ => false,
    }
}

/// Decodes message `name` to JSON.
pub fn message(name: &str, b: &[u8]) -> Result<Value, String> {
    nested(name, b, 0)
}

fn nested(name: &str, b: &[u8], depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err("the object nests too deeply".into());
    }
    if let Some(v) = special::decode(name, b) {
        return v;
    }
    let m = schema::message(name).ok_or_else(|| format!("no protobuf layout for {name}"))?;
    let mut out = Map::new();
    let mut r = Reader::new(b);
    while let Some((num, wire)) = r.key()? {
        let Some(f) = m.field(num) else {
            r.skip(wire)?;
            continue;
        };
        let Some(json_name) = f.json else {
            // An inlined struct: its fields are the parent's.
            if let Value::Object(inner) = value(&mut r, f.ty, wire, depth)? {
                out.extend(inner);
            }
            continue;
        };
        match f.label {
            Label::Map => {
                let (k, v) = map_entry(f, r.bytes()?, depth)?;
                if let Some(m) = out
                    .entry(json_name)
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                {
                    m.insert(k, v);
                }
            }
            Label::Repeated => {
                let packed =
                    wire == 2 && schema::is_scalar(f.ty) && !matches!(f.ty, "string" | "bytes");
                let items = if packed {
                    let body = r.bytes()?;
                    let mut pr = Reader::new(body);
                    let w = if matches!(f.ty, "double" | "fixed64" | "sfixed64") {
                        1
                    } else {
                        0
                    };
                    let mut items = vec![];
                    while pr.key_free_remaining() {
                        items.push(value(&mut pr, f.ty, w, depth)?);
                    }
                    items
                } else {
                    vec![value(&mut r, f.ty, wire, depth)?]
                };
                if let Some(a) = out
                    .entry(json_name)
                    .or_insert_with(|| json!([]))
                    .as_array_mut()
                {
                    a.extend(items);
                }
            }
            Label::Optional => {
                let v = value(&mut r, f.ty, wire, depth)?;
                out.insert(json_name.to_string(), v);
            }
        }
    }
    for f in &m.fields {
        let Some(j) = f.json else { continue };
        let drop = out.get(j).is_some_and(|v| {
            v.is_null()
                || (f.label == Label::Optional
                    && schema::is_scalar(f.ty)
                    && f.omitempty
                    && !f.pointer
                    && is_zero(v))
        });
        if drop {
            out.remove(j);
        }
    }
    if m.list {
        return Ok(out.remove("items").unwrap_or(json!([])));
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        // JSONSchemaProps.not (field 28) is a JSONSchemaProps: nest it 10,000 deep.
        let ty = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";
        let mut b: Vec<u8> = vec![];
        for _ in 0..10_000 {
            let mut outer = super::super::wire::Writer::default();
            outer.bytes(28, &b);
            b = outer.buf;
        }
        assert!(message(ty, &b).is_err());
    }
}
