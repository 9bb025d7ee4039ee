//! `wget` and `curl` run inside a container (`kubectl exec`): the network
//! as the pod sees it (its namespace's DNS search path, ClusterIPs, pod
//! IPs), with the tools the image really ships.

use super::curl::{self, Ctx, Ran};
use super::route::Origin;
use super::{wget, View};
use crate::images::{Image, Tools};
use kubeplay_shell::Vfs;

/// Images that ship curl, and the User-Agent it sends.
const CURL: &[(&str, &str)] = &[
    ("curlimages/curl", "curl/8.14.1"),
    ("nginx", "curl/7.88.1"),
    ("gcr.io/google-samples/kubernetes-bootcamp", "curl/7.38.0"),
    ("gcr.io/google-samples/node-hello", "curl/7.38.0"),
];

/// The network seen from one pod.
pub struct InPod<'a> {
    pub view: &'a mut View,
    pub namespace: String,
    pub ip: String,
}

/// Network tools a container's shell can call (kept behind a trait so the
/// kubelet's process code need not know the view's lifetimes).
pub trait NetTools {
    /// Runs `name` if it is a network tool of `image`; None otherwise.
    fn run(
        &mut self,
        image: Option<&Image>,
        name: &str,
        args: &[String],
        vfs: &mut Vfs,
        cwd: &str,
    ) -> Option<Ran>;
}

impl NetTools for InPod<'_> {
    fn run(
        &mut self,
        image: Option<&Image>,
        name: &str,
        args: &[String],
        vfs: &mut Vfs,
        cwd: &str,
    ) -> Option<Ran> {
        let image = image?;
        let origin = Origin::Pod {
            namespace: &self.namespace,
            ip: &self.ip,
        };
        match name {
            "wget" if image.tools == Tools::Busybox => Some(wget::run(
                Ctx {
                    view: self.view,
                    origin,
                    api: None,
                    vfs,
                    cwd,
                    agent: "Wget",
                },
                args,
            )),
            "curl" => {
                let agent = CURL.iter().find(|(repo, _)| *repo == image.repository)?.1;
                Some(curl::run(
                    Ctx {
                        view: self.view,
                        origin,
                        api: None,
                        vfs,
                        cwd,
                        agent,
                    },
                    args,
                ))
            }
            _ => None,
        }
    }
}
