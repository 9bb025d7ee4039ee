//! The simulated registries' answer to a pull: which tags they publish for
//! the repositories the catalogue knows, and how a refused pull reads in the
//! node's container runtime (the CRI error the kubelet puts in its `Failed`
//! event and the container's waiting message).

use super::Reference;
use serde::{Deserialize, Serialize};

/// The container runtime a node runs: it words the registry's refusals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Runtime {
    /// Docker Engine 28 through cri-dockerd (minikube's default).
    #[default]
    Docker,
    /// containerd 2.1 (kind's nodes).
    Containerd,
}

/// Why the registry refuses to serve `reference`, in the runtime's words,
/// or `None` when it serves it. `known` says whether the catalogue has the
/// repository at all.
///
/// The kubelet's CRI client drops gRPC's `rpc error: code = Unknown desc =`
/// (cri-client remote_image.go), so dockerd's and containerd's unknown-code
/// errors read bare; containerd's NotFound keeps its code.
pub fn pull_error(runtime: Runtime, reference: &Reference, known: bool) -> Option<String> {
    let tag = reference.tag.as_str();
    if known && published(&reference.repository, tag) {
        return None;
    }
    let familiar = format!("{}:{tag}", reference.repository);
    let full = full_name(&reference.repository, tag);
    Some(match (runtime, known) {
        (Runtime::Docker, false) => format!(
            "Error response from daemon: pull access denied for {}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
            reference.repository
        ),
        // The registry's own text follows `manifest unknown:`; Artifact
        // Registry (gcr.io, registry.k8s.io) says which tag it missed.
        (Runtime::Docker, true) => {
            let detail = if reference.repository.contains('.') {
                format!("Failed to fetch \"{tag}\"")
            } else {
                "manifest unknown".to_string()
            };
            format!("Error response from daemon: manifest for {familiar} not found: manifest unknown: {detail}")
        }
        (Runtime::Containerd, false) => format!(
            "failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        ),
        (Runtime::Containerd, true) => format!(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found"
        ),
    })
}

/// The fully qualified name containerd resolves: Docker Hub's images get
/// `docker.io/` (and `library/` for official ones).
fn full_name(repository: &str, tag: &str) -> String {
    let first = repository.split('/').next().unwrap_or("");
    let hosted = repository.contains('/')
        && (first.contains('.') || first.contains(':') || first == "localhost");
    if hosted {
        format!("{repository}:{tag}")
    } else if repository.contains('/') {
        format!("docker.io/{repository}:{tag}")
    } else {
        format!("docker.io/library/{repository}:{tag}")
    }
}

/// Whether the repository publishes `tag`. Repositories whose tags the
/// lessons rely on are checked (the docs' failed-rollout examples use
/// `nginx:1.161` and `kubernetes-bootcamp:v10`); the others serve any tag.
fn published(repository: &str, tag: &str) -> bool {
    match repository {
        "nginx" => nginx_tag(tag),
        "gcr.io/google-samples/kubernetes-bootcamp" | "jocatalin/kubernetes-bootcamp" => {
            matches!(tag, "v1" | "v2")
        }
        "gcr.io/google-samples/node-hello" => tag == "1.0",
        _ => true,
    }
}

/// nginx releases since the official image began (1.7): the last patch
/// number of each minor line, from nginx.org's CHANGES.
const NGINX_LAST_PATCH: &[(u32, u32)] = &[
    (7, 12),
    (8, 1),
    (9, 15),
    (10, 3),
    (11, 13),
    (12, 2),
    (13, 12),
    (14, 2),
    (15, 12),
    (16, 1),
    (17, 10),
    (18, 0),
    (19, 10),
    (20, 2),
    (21, 6),
    (22, 1),
    (23, 4),
    (24, 0),
    (25, 5),
    (26, 3),
    (27, 5),
    (28, 0),
    (29, 3),
];

/// The words the nginx image's variant tags are made of (`1.25-alpine`,
/// `stable-alpine-slim`, `1.27.5-bookworm-perl`, `1.25.3-alpine3.18`).
const NGINX_VARIANTS: &[&str] = &[
    "alpine", "slim", "perl", "otel", "bookworm", "bullseye", "buster", "stretch", "trixie",
];

/// Tags of the official nginx image: `latest`, `stable`/`mainline`, a
/// released version (`1`, `1.25`, `1.14.2`), each optionally followed by
/// variant words; or variant words alone (`alpine`, `perl`).
fn nginx_tag(tag: &str) -> bool {
    if tag == "latest" {
        return true;
    }
    let (base, variants) = match tag.split_once('-') {
        Some((b, v)) => (b, Some(v)),
        None => (tag, None),
    };
    let variants_ok = variants.is_none_or(|v| v.split('-').all(nginx_variant));
    let base_ok =
        matches!(base, "stable" | "mainline") || nginx_version(base) || nginx_variant(base);
    base_ok && variants_ok
}

fn nginx_variant(word: &str) -> bool {
    NGINX_VARIANTS.contains(&word)
        || word
            .strip_prefix("alpine3.")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn nginx_version(v: &str) -> bool {
    let number = |s: &str| {
        (!s.is_empty()
            && s.bytes().all(|b| b.is_ascii_digit())
            && (s == "0" || !s.starts_with('0')))
        .then(|| s.parse::<u32>().ok())
        .flatten()
    };
    let parts: Vec<&str> = v.split('.').collect();
    let last_patch = |minor: u32| {
        NGINX_LAST_PATCH
            .iter()
            .find(|(m, _)| *m == minor)
            .map(|(_, p)| *p)
    };
    match parts.as_slice() {
        ["1"] => true,
        ["1", minor] => number(minor).and_then(last_patch).is_some(),
        ["1", minor, patch] => match (number(minor).and_then(last_patch), number(patch)) {
            (Some(last), Some(p)) => p <= last,
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::parse;

    fn refusal(runtime: Runtime, image: &str, known: bool) -> Option<String> {
        pull_error(runtime, &parse(image).unwrap(), known)
    }

    #[test]
    fn nginx_tags() {
        for ok in [
            "latest",
            "1.14.2",
            "1.17.2-alpine",
            "1.25-alpine",
            "1.7.9",
            "1.16.1",
            "1.19",
            "1",
            "alpine",
            "stable-alpine-slim",
            "1.27.5-bookworm-perl",
            "1.25.3-alpine3.18",
            "mainline",
        ] {
            assert!(nginx_tag(ok), "{ok}");
        }
        for bad in [
            "1.161",
            "1.91",
            "nope",
            "1.14.3",
            "2",
            "1.30",
            "01.14",
            "1.14-",
            "-alpine",
            "1.6.3",
            "latest-alpine",
            "v1.14.2",
        ] {
            assert!(!nginx_tag(bad), "{bad}");
        }
    }

    #[test]
    fn refusals_in_each_runtime() {
        assert_eq!(refusal(Runtime::Docker, "nginx:1.14.2", true), None);
        assert_eq!(
            refusal(Runtime::Docker, "nginx:1.161", true).unwrap(),
            "Error response from daemon: manifest for nginx:1.161 not found: manifest unknown: manifest unknown"
        );
        assert_eq!(
            refusal(Runtime::Docker, "gcr.io/google-samples/kubernetes-bootcamp:v10", true).unwrap(),
            "Error response from daemon: manifest for gcr.io/google-samples/kubernetes-bootcamp:v10 not found: manifest unknown: Failed to fetch \"v10\""
        );
        assert_eq!(
            refusal(Runtime::Containerd, "nginx:1.161", true).unwrap(),
            "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:1.161\": failed to resolve reference \"docker.io/library/nginx:1.161\": docker.io/library/nginx:1.161: not found"
        );
        assert_eq!(
            refusal(Runtime::Containerd, "agentx", false).unwrap(),
            "failed to pull and unpack image \"docker.io/library/agentx:latest\": failed to resolve reference \"docker.io/library/agentx:latest\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        );
        assert!(
            refusal(Runtime::Containerd, "myregistry/web-app:v2.1.0", false)
                .unwrap()
                .contains("\"docker.io/myregistry/web-app:v2.1.0\"")
        );
        assert!(refusal(
            Runtime::Containerd,
            "gcr.io/google-samples/kubernetes-bootcamp:v10",
            true
        )
        .unwrap()
        .ends_with("\": gcr.io/google-samples/kubernetes-bootcamp:v10: not found"));
    }
}
