//! Endpoints and EndpointSlice: port `protocol: TCP`; slice ports also get
//! `name: ""` (`SetDefaults_EndpointPort`).

use super::{default_str, default_value, each, top};
use serde_json::{json, Value};

pub fn endpoints(obj: &mut Value) {
    each(top(obj), "subsets", |s| {
        each(s, "ports", |p| default_str(p, "protocol", "TCP"))
    });
}

pub fn endpoint_slice(obj: &mut Value) {
    each(top(obj), "ports", |p| {
        default_value(p, "name", json!(""));
        default_value(p, "protocol", json!("TCP"));
    });
}
