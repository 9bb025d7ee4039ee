//! Request bodies: JSON (the engine's `request_body`) or protobuf, of the
//! endpoint's kind, in the path's namespace.

use crate::http::{Reply, Req};
use kubeplay_engine::api::{ApiResource, Status};
use kubeplay_engine::apiserver::request_body;
use serde_json::Value;

/// The request body as a JSON object of the resource's kind.
pub fn body_object(req: &Req, r: &ApiResource) -> Result<Value, Reply> {
    let ct = req.content_type.split(';').next().unwrap_or("").trim();
    let obj = if ct == crate::protobuf::MEDIA_TYPE {
        crate::protobuf::decode(&req.body)
            .map_err(Status::bad_request)
            .and_then(|v| request_body::check_kind(v, r))
    } else {
        request_body::json_object(&req.body, ct, r)
    };
    obj.map_err(|s| Reply::status(&s))
}

/// The namespace in the body must be the one in the path.
pub fn check_namespace(r: &ApiResource, obj: &Value, ns: &str) -> Result<(), Reply> {
    request_body::check_namespace(r, obj, ns).map_err(|s| Reply::status(&s))
}
