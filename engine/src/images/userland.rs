//! What an image's userland holds besides the image's own programs: which
//! tools are on its PATH, and which distribution it says it is. A learner
//! who types `ps` in an nginx container must meet the same "not found" as
//! on a real cluster, and `cat /etc/os-release` must name the image's base.

use super::{Image, Tools};

/// Tools the shell provides everywhere that a busybox userland lacks.
const NOT_IN_BUSYBOX: &[&str] = &[
    "bash", "column", "envsubst", "gawk", "jq", "mawk", "openssl", "sudo", "yq",
];

/// Tools the shell provides that a slim Debian or Ubuntu image lacks
/// (procps, bsdextrautils, less, jq, openssl and gettext are not installed).
const NOT_IN_DEBIAN: &[&str] = &[
    "column", "envsubst", "gawk", "jq", "less", "openssl", "rev", "sudo", "tree", "uptime", "yq",
];

/// Per image: (repository, what it adds to its base's tools).
const EXTRAS: &[(&str, &[&str])] = &[
    // nginx's Dockerfile installs gettext-base (envsubst for its templates)
    // and ca-certificates, which pulls in openssl.
    ("nginx", &["envsubst", "openssl"]),
];

/// The distribution an image is built on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// busybox: no /etc/os-release at all.
    Busybox,
    Alpine,
    /// Debian 12 (bookworm) slim.
    Bookworm,
    /// Debian 8 (jessie): the old node and php images of the tutorials.
    Jessie,
    /// Ubuntu 24.04 (noble).
    Noble,
    /// Not modelled: every tool the shell has, the node's files.
    Unknown,
}

/// The base `image` is built on.
pub fn base(image: &Image) -> Base {
    match image.repository {
        "alpine" | "curlimages/curl" => Base::Alpine,
        "nginx" | "httpd" | "redis" | "postgres" | "debian" => Base::Bookworm,
        "ubuntu" | "mongo" => Base::Noble,
        "gcr.io/google-samples/kubernetes-bootcamp"
        | "jocatalin/kubernetes-bootcamp"
        | "gcr.io/google-samples/node-hello"
        | "registry.k8s.io/hpa-example" => Base::Jessie,
        _ if image.tools == Tools::Busybox => Base::Busybox,
        _ => Base::Unknown,
    }
}

/// Whether `name` (a tool the shell knows) is on the image's PATH.
pub fn has_tool(image: &Image, name: &str) -> bool {
    let extra = EXTRAS
        .iter()
        .any(|(repo, tools)| *repo == image.repository && tools.contains(&name));
    extra
        || match (image.tools, base(image)) {
            (Tools::None, _) => false,
            (Tools::Busybox, _) => !NOT_IN_BUSYBOX.contains(&name),
            (Tools::Gnu, Base::Bookworm | Base::Noble) => !NOT_IN_DEBIAN.contains(&name),
            (Tools::Gnu, _) => true,
        }
}

/// Whether the image's `ps` is busybox's.
pub fn has_busybox_ps(image: &Image) -> bool {
    matches!(base(image), Base::Busybox | Base::Alpine)
}

/// The image's `/etc/os-release`; None when it has none (busybox), or
/// when the base is not modelled (the node's own file stays).
pub fn os_release(image: &Image) -> Option<Option<&'static str>> {
    match base(image) {
        Base::Busybox => Some(None),
        Base::Alpine => Some(Some(ALPINE)),
        Base::Bookworm => Some(Some(BOOKWORM)),
        Base::Jessie => Some(Some(JESSIE)),
        Base::Noble => Some(Some(NOBLE)),
        Base::Unknown => None,
    }
}

const ALPINE: &str = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.22.0\nPRETTY_NAME=\"Alpine Linux v3.22\"\nHOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n";

const BOOKWORM: &str = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\nSUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n";

const JESSIE: &str = "PRETTY_NAME=\"Debian GNU/Linux 8 (jessie)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"8\"\nVERSION=\"8 (jessie)\"\nID=debian\nHOME_URL=\"http://www.debian.org/\"\nSUPPORT_URL=\"http://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n";

const NOBLE: &str = "PRETTY_NAME=\"Ubuntu 24.04.2 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION=\"24.04.2 LTS (Noble Numbat)\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\nSUPPORT_URL=\"https://help.ubuntu.com/\"\nBUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\nPRIVACY_POLICY_URL=\"https://www.ubuntu.com/legal/terms-and-policies/privacy-policy\"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn image(repo: &str) -> &'static Image {
        crate::images::lookup(&crate::images::parse(repo).unwrap()).unwrap()
    }

    #[test]
    fn tools_follow_the_base() {
        let (busybox, nginx, ubuntu) = (image("busybox"), image("nginx"), image("ubuntu"));
        assert!(has_tool(busybox, "wc") && !has_tool(busybox, "bash") && !has_tool(busybox, "jq"));
        assert!(has_tool(nginx, "bash") && has_tool(nginx, "envsubst") && !has_tool(nginx, "jq"));
        assert!(!has_tool(ubuntu, "envsubst") && !has_tool(ubuntu, "openssl"));
        assert!(!has_tool(image("hello-world"), "ls"));
        // The old node images ship a full userland: not narrowed.
        assert!(has_tool(
            image("gcr.io/google-samples/kubernetes-bootcamp:v1"),
            "jq"
        ));
    }

    #[test]
    fn os_release_names_the_base() {
        assert_eq!(os_release(image("busybox")), Some(None));
        assert!(os_release(image("redis")).is_some_and(|t| t.unwrap().contains("bookworm")));
        assert!(os_release(image("mongo")).is_some_and(|t| t.unwrap().contains("noble")));
        assert_eq!(os_release(image("mysql")), None);
    }
}
