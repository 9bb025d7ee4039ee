//! `/api` and `/apis` over HTTP: the legacy documents or the aggregated
//! discovery list, as the Accept header asks (the documents themselves are
//! the engine's `api::discovery`).

use crate::http::{wanted_conversion, Reply, Req};
pub use kubeplay_engine::api::discovery::*;
use kubeplay_engine::apiserver::ApiServer;

/// `/api` or `/apis`, in the form the Accept header asks for.
pub fn root(api: &ApiServer, req: &Req, core: bool) -> Reply {
    let reg = api.registry();
    let asked = wanted_conversion(
        &req.accept,
        "apidiscovery.k8s.io",
        &["APIGroupDiscoveryList"],
    );
    match asked {
        Some((_, v)) if v == "v2" || v == "v2beta1" => {
            let ct =
                format!("application/json;g=apidiscovery.k8s.io;v={v};as=APIGroupDiscoveryList");
            let body = serde_json::to_vec(&aggregated(reg, core, &v)).unwrap_or_default();
            Reply::raw(200, &ct, body)
        }
        _ if core => Reply::discovery(&api_versions(api.advertise_address().as_deref())),
        _ => Reply::discovery(&api_group_list(reg)),
    }
}
