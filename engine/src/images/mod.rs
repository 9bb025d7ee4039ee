//! The catalogue of simulated container images: how big each is (pull time
//! and `Image size`), and what its main process does once started.

mod hello_world;

/// What a container's main process does.
#[derive(Clone, Debug, PartialEq)]
pub enum Behaviour {
    /// Runs until stopped (web servers, databases, `sleep infinity`).
    Serve {
        port: Option<u16>,
        startup_log: &'static str,
    },
    /// Prints `log` and exits with `exit_code`.
    RunToCompletion { log: &'static str, exit_code: i32 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// Repository as users write it (`nginx`, `gcr.io/google-samples/kubernetes-bootcamp`).
    pub repository: &'static str,
    pub size_bytes: u64,
    /// Registry download time at 1x, in milliseconds.
    pub pull_ms: i64,
    pub behaviour: Behaviour,
}

const NGINX_LOG: &str = "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n/docker-entrypoint.sh: Configuration complete; ready for start up\n";

/// A control-plane or add-on process: it starts and keeps running.
const fn system(repository: &'static str, size_bytes: u64) -> Image {
    Image {
        repository,
        size_bytes,
        pull_ms: 3_000,
        behaviour: Behaviour::Serve {
            port: None,
            startup_log: "",
        },
    }
}

const CATALOGUE: &[Image] = &[
    system("registry.k8s.io/kube-apiserver", 101_855_698),
    system("registry.k8s.io/kube-controller-manager", 94_558_394),
    system("registry.k8s.io/kube-scheduler", 73_211_416),
    system("registry.k8s.io/kube-proxy", 97_861_504),
    system("registry.k8s.io/etcd", 152_542_904),
    system("registry.k8s.io/coredns/coredns", 70_096_832),
    system("gcr.io/k8s-minikube/storage-provisioner", 31_465_472),
    Image {
        repository: "hello-world",
        size_bytes: 10_072,
        pull_ms: 2_140,
        behaviour: Behaviour::RunToCompletion {
            log: hello_world::LOG,
            exit_code: 0,
        },
    },
    Image {
        repository: "nginx",
        size_bytes: 192_004_242,
        pull_ms: 5_237,
        behaviour: Behaviour::Serve {
            port: Some(80),
            startup_log: NGINX_LOG,
        },
    },
    Image {
        repository: "gcr.io/google-samples/kubernetes-bootcamp",
        size_bytes: 211_336_459,
        pull_ms: 7_822,
        behaviour: Behaviour::Serve {
            port: Some(8080),
            startup_log:
                "Kubernetes Bootcamp App Started At: 2025-06-01T09:01:10.000Z | Running On:  \n",
        },
    },
    Image {
        repository: "gcr.io/google-samples/node-hello",
        size_bytes: 243_574_464,
        pull_ms: 8_421,
        behaviour: Behaviour::Serve {
            port: Some(8080),
            startup_log: "",
        },
    },
    Image {
        repository: "busybox",
        size_bytes: 4_277_910,
        pull_ms: 1_813,
        behaviour: Behaviour::RunToCompletion {
            log: "",
            exit_code: 0,
        },
    },
    Image {
        repository: "registry.k8s.io/pause",
        size_bytes: 736_000,
        pull_ms: 812,
        behaviour: Behaviour::Serve {
            port: None,
            startup_log: "",
        },
    },
];

/// A parsed image reference: repository (without `docker.io/library/`) and tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub repository: String,
    pub tag: String,
}

/// Parses an image reference as the container runtime does. `Err` is the
/// reference parser's complaint (the kubelet reports InvalidImageName).
pub fn parse(image: &str) -> Result<Reference, String> {
    let valid = !image.is_empty()
        && image
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-/:@".contains(c))
        && !image.starts_with(['/', '.', '-', ':'])
        && !image.ends_with(['/', ':']);
    if !valid {
        return Err("invalid reference format".into());
    }
    let (name, tag) = match image.rsplit_once(':') {
        Some((n, t)) if !t.contains('/') => (n, t),
        _ => (image, "latest"),
    };
    let repository = name
        .strip_prefix("docker.io/library/")
        .or_else(|| name.strip_prefix("docker.io/"))
        .or_else(|| name.strip_prefix("library/"))
        .unwrap_or(name);
    Ok(Reference {
        repository: repository.into(),
        tag: tag.into(),
    })
}

/// The catalogue entry for an image reference, if the simulated registry has it.
pub fn lookup(reference: &Reference) -> Option<&'static Image> {
    CATALOGUE
        .iter()
        .find(|i| i.repository == reference.repository)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(parse("nginx").unwrap().tag, "latest");
        assert_eq!(parse("nginx:1.17.2-alpine").unwrap().tag, "1.17.2-alpine");
        assert_eq!(
            parse("docker.io/library/nginx:1.25").unwrap().repository,
            "nginx"
        );
        assert!(parse("nginx;1.17.2-alpine").is_err());
        assert!(parse("Nginx").is_err());
        assert!(lookup(&parse("hello-world").unwrap()).is_some());
        assert!(lookup(&parse("no-such-image").unwrap()).is_none());
    }
}
