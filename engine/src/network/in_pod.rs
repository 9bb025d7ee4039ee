//! `wget` and `curl` run inside a container (`kubectl exec`): the network
//! as the pod sees it (its namespace's DNS search path, ClusterIPs, pod
//! IPs), with the tools the image really ships.

use super::curl::{self, Ctx, Ran};
use super::route::Origin;
use super::{nslookup, wget, View};
use crate::images::{Image, Tools};
use kubeplay_shell::Vfs;

/// Images that ship curl, and the User-Agent it sends.
const CURL: &[(&str, &str)] = &[
    ("curlimages/curl", "curl/8.14.1"),
    ("nginx", "curl/7.88.1"),
    ("gcr.io/google-samples/kubernetes-bootcamp", "curl/7.38.0"),
    ("gcr.io/google-samples/node-hello", "curl/7.38.0"),
];

/// busybox 1.28 and older resolve through libc (the docs pin `busybox:1.28`
/// for its nslookup); registry.k8s.io/busybox is 1.27.
fn old_busybox(image: &Image) -> bool {
    image.repository == "registry.k8s.io/busybox"
        || (image.repository == "busybox" && image.tag.is_some_and(|t| t.starts_with("1.2")))
}

/// Whether `name` is a network tool `image` ships (busybox's wget, curl).
pub fn net_tool(image: Option<&Image>, name: &str) -> bool {
    image.is_some_and(|image| match name {
        "wget" | "nslookup" => image.tools == Tools::Busybox,
        "curl" => CURL.iter().any(|(repo, _)| *repo == image.repository),
        _ => false,
    })
}

/// The network seen from one pod.
pub struct InPod<'a> {
    pub view: &'a mut View,
    pub namespace: String,
    pub ip: String,
    /// The pod's own cluster's API server (`https://kubernetes.default.svc`).
    pub api: Option<&'a mut crate::apiserver::ApiServer>,
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
        stdout_tty: bool,
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
        stdout_tty: bool,
    ) -> Option<Ran> {
        let image = image?;
        let waited = self.view.waited_ms;
        let mut ran = self.run_inner(image, name, args, vfs, cwd, stdout_tty)?;
        // A busy server takes its time to answer.
        ran.elapsed_ms += self.view.waited_ms - waited;
        Some(ran)
    }
}

impl InPod<'_> {
    /// `NetTools::run` under a name of its own (the main processes' calls,
    /// whose stdout is the runtime's log pipe).
    pub fn run_tool(
        &mut self,
        image: Option<&Image>,
        name: &str,
        args: &[String],
        vfs: &mut Vfs,
        cwd: &str,
    ) -> Option<Ran> {
        NetTools::run(self, image, name, args, vfs, cwd, false)
    }

    fn run_inner(
        &mut self,
        image: &Image,
        name: &str,
        args: &[String],
        vfs: &mut Vfs,
        cwd: &str,
        stdout_tty: bool,
    ) -> Option<Ran> {
        let origin = Origin::Pod {
            namespace: &self.namespace,
            ip: &self.ip,
        };
        match name {
            "wget" if image.tools == Tools::Busybox => Some(wget::run(
                Ctx {
                    view: self.view,
                    origin,
                    api: self.api.as_deref_mut(),
                    vfs,
                    cwd,
                    agent: "Wget",
                    stdout_tty,
                },
                args,
            )),
            "nslookup" if image.tools == Tools::Busybox => {
                Some(nslookup::run(self.view, origin, old_busybox(image), args))
            }
            "curl" => {
                let agent = CURL.iter().find(|(repo, _)| *repo == image.repository)?.1;
                Some(curl::run(
                    Ctx {
                        view: self.view,
                        origin,
                        api: self.api.as_deref_mut(),
                        vfs,
                        cwd,
                        agent,
                        stdout_tty,
                    },
                    args,
                ))
            }
            _ => None,
        }
    }
}
