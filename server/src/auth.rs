//! Who a request comes from and what it may do: the bearer token (a
//! ServiceAccount token from TokenRequest) or, without one, the admin
//! kubeconfig's user; the Impersonate-* headers; the self-review and
//! TokenRequest endpoints, which answer without storing anything.

use crate::http::{Reply, Req};
use crate::resources::Target;
use crate::sim::Sim;
use kubeplay_engine::api::Status;
use kubeplay_engine::apiserver::auth::user::{Impersonation, Requester, UserInfo};
use serde_json::Value;

/// The authentication headers of a request.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    pub bearer: Option<String>,
    pub impersonate: Impersonation,
}

impl Credentials {
    pub fn from_headers(headers: &hyper::HeaderMap) -> Credentials {
        let all = |name: &str| -> Vec<String> {
            headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .map(String::from)
                .collect()
        };
        let bearer = all("authorization")
            .into_iter()
            .find_map(|v| v.strip_prefix("Bearer ").map(|t| t.trim().to_string()));
        Credentials {
            bearer,
            impersonate: Impersonation {
                user: all("impersonate-user").into_iter().next(),
                groups: all("impersonate-group"),
                uid: all("impersonate-uid").into_iter().next(),
            },
        }
    }

    /// The requester the engine serves: authenticated, then impersonated.
    pub fn requester(&self, sim: &Sim) -> Requester {
        let who = match &self.bearer {
            Some(t) => match sim.api().authenticate_token(t) {
                Ok(u) => u,
                Err(s) => return Requester::Rejected(s),
            },
            None => UserInfo::minikube_admin(),
        };
        match sim.api().impersonate(&who, &self.impersonate) {
            Ok(u) => Requester::User(u),
            Err(s) => Requester::Rejected(s),
        }
    }
}

/// The review APIs and TokenRequest, if `t` names one of them.
pub fn special(sim: &mut Sim, req: &Req, t: &Target) -> Option<Reply> {
    if req.method != "POST" {
        return None;
    }
    // Typed clients (kubectl auth can-i) send the review as protobuf.
    let ct = req.content_type.split(';').next().unwrap_or("").trim();
    let body: Value = if ct == crate::protobuf::MEDIA_TYPE {
        match crate::protobuf::decode(&req.body) {
            Ok(v) => v,
            Err(e) => return Some(Reply::status(&Status::bad_request(e))),
        }
    } else {
        serde_json::from_slice(&req.body).unwrap_or(Value::Null)
    };
    let api = sim.api_mut();
    let out = match (t.group.as_str(), t.resource.as_str(), t.sub.as_deref()) {
        ("authorization.k8s.io", "selfsubjectaccessreviews", None) => {
            api.self_subject_access_review(&body["spec"])
        }
        ("authorization.k8s.io", "selfsubjectrulesreviews", None) => {
            api.self_subject_rules_review(body["spec"]["namespace"].as_str().unwrap_or(""))
        }
        ("authentication.k8s.io", "selfsubjectreviews", None) => api.self_subject_review(),
        ("", "serviceaccounts", Some("token")) => api.create_token(
            t.namespace.as_deref().unwrap_or(""),
            t.name.as_deref().unwrap_or(""),
            body["spec"]["expirationSeconds"].as_i64(),
        ),
        _ => return None,
    };
    Some(match out {
        Ok(v) => Reply::json(201, &v),
        Err(s) => Reply::status(&s),
    })
}
