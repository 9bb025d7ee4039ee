//! One HTTP request carried by `pods/portforward` (what `kubeplay serve`
//! answers for a real kubectl's port-forward): the kubelet connects to the
//! port inside the pod's network namespace, so the program sees 127.0.0.1.

use super::http::{forward_refused, Failure, Request, Response};
use super::route::Reach;
use super::View;
use crate::world::World;

/// Why a forwarded request got no HTTP answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForwardError {
    /// Nothing listens: the kubelet's message for the error stream.
    Refused(String),
    /// The connection closes without an answer (not an HTTP server, or the pod is gone).
    Closed,
}

impl World {
    /// Sends `req` to `port` of the pod `namespace/pod` and reads the answer.
    pub fn port_forward_http(
        &mut self,
        namespace: &str,
        pod: &str,
        port: u16,
        req: &Request,
    ) -> Result<Response, ForwardError> {
        let mut view = View::of(self);
        let Some((ip, uid)) = view
            .pod(namespace, pod)
            .map(|p| (p.ip.clone(), p.uid.clone()))
        else {
            return Err(ForwardError::Closed);
        };
        let answer = match view.to_pod(&ip, port, "127.0.0.1") {
            Reach::Pod { pod, port, client } => {
                view.serve(pod, port, req, &client).map_err(|f| match f {
                    Failure::Refused => ForwardError::Refused(forward_refused(&uid, port)),
                    _ => ForwardError::Closed,
                })
            }
            _ => Err(ForwardError::Refused(forward_refused(&uid, port))),
        };
        view.apply(self);
        answer
    }
}
