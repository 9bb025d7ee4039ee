//! JSON objects to protobuf messages, driven by the schema (the reverse of
//! `decode`). Fields are written in number order, as Go's marshaller does.

use super::schema::{self, Label};
use super::special;
use super::wire::Writer;
use serde_json::Value;

fn int(v: &Value) -> i64 {
    v.as_i64()
        .or_else(|| v.as_f64().map(|f| f as i64))
        .unwrap_or(0)
}

fn value(w: &mut Writer, num: u64, ty: &str, v: &Value) -> Result<(), String> {
    match ty {
        "string" => match v {
            Value::String(s) => w.bytes(num, s.as_bytes()),
            other => w.bytes(num, other.to_string().as_bytes()),
        },
        "bytes" => w.bytes(num, &special::base64_decode(v.as_str().unwrap_or(""))?),
        "bool" => w.uint(num, u64::from(v.as_bool().unwrap_or(false))),
        "int32" | "int64" => w.int(num, int(v)),
        "uint32" | "uint64" => w.uint(num, v.as_u64().unwrap_or(0)),
        "double" => w.fixed64(num, v.as_f64().unwrap_or(0.0).to_bits()),
        "float" => w.fixed32(num, (v.as_f64().unwrap_or(0.0) as f32).to_bits()),
        "fixed64" => w.fixed64(num, v.as_u64().unwrap_or(0)),
        "sfixed64" => w.fixed64(num, int(v) as u64),
        m => {
            let mut sub = Writer::default();
            message(m, v, &mut sub)?;
            w.bytes(num, &sub.buf);
        }
    }
    Ok(())
}

/// Encodes `v` as message `name` into `w`.
pub fn message(name: &str, v: &Value, w: &mut Writer) -> Result<(), String> {
    if special::encode(name, v, w)? {
        return Ok(());
    }
    let m = schema::message(name).ok_or_else(|| format!("no protobuf layout for {name}"))?;
    if m.list {
        if let (Some(f), Some(items)) = (m.field(1), v.as_array()) {
            for item in items {
                value(w, 1, f.ty, item)?;
            }
        }
        return Ok(());
    }
    let Some(obj) = v.as_object() else {
        return Ok(());
    };
    for f in &m.fields {
        let field_value = match f.json {
            Some(j) => match obj.get(j) {
                Some(Value::Null) | None => continue,
                Some(x) => x,
            },
            // An inlined struct reads its fields from the parent.
            None => v,
        };
        match f.label {
            Label::Optional => value(w, f.num, f.ty, field_value)?,
            Label::Repeated => {
                for item in field_value.as_array().into_iter().flatten() {
                    value(w, f.num, f.ty, item)?;
                }
            }
            Label::Map => {
                for (k, item) in field_value.as_object().into_iter().flatten() {
                    let mut entry = Writer::default();
                    entry.bytes(1, k.as_bytes());
                    if !item.is_null() {
                        value(&mut entry, 2, f.ty, item)?;
                    }
                    w.bytes(f.num, &entry.buf);
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::decode;
    use super::*;
    use serde_json::json;

    fn round_trip(name: &str, v: Value) {
        let mut w = Writer::default();
        message(name, &v, &mut w).unwrap();
        assert_eq!(decode::message(name, &w.buf).unwrap(), v);
    }

    #[test]
    fn objects_survive_a_round_trip() {
        round_trip(
            "k8s.io.api.apps.v1.Deployment",
            json!({
                "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"},
                              "creationTimestamp": "2025-06-01T09:00:00Z", "generation": 2},
                "spec": {
                    "replicas": 0,
                    "selector": {"matchLabels": {"app": "web"}},
                    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
                    "template": {"metadata": {"labels": {"app": "web"}}, "spec": {
                        "containers": [{"name": "nginx", "image": "nginx", "resources": {"limits": {"cpu": "500m"}},
                                        "ports": [{"containerPort": 80, "protocol": "TCP"}],
                                        "env": [{"name": "A", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}]}],
                        "terminationGracePeriodSeconds": 30
                    }}
                },
                "status": {}
            }),
        );
        round_trip(
            "k8s.io.api.core.v1.Secret",
            json!({"metadata": {"name": "s"}, "data": {"k": "dmFsdWU="}, "type": "Opaque"}),
        );
    }
}
