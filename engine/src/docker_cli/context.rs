//! `docker context use NAME` on the host: only the `default` context exists
//! (no `docker context create` here). Texts from docker/cli v28.5.1:
//! cli/command/context/use.go (runUse) and cli/context/store (the name check,
//! the metadata lookup of ~/.docker/contexts/meta/<sha256(name)>/meta.json).

use kubeplay_shell::Output;
use sha2::{Digest, Sha256};

/// store.restrictedNamePattern, `^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$`.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && name.len() >= 2
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.+-".contains(c))
}

pub fn use_context(name: &str, out: &mut Output) {
    if name == "default" {
        out.out("default\n");
        out.err("Current context is now \"default\"\n");
        return;
    }
    out.status = 1;
    if name.is_empty() {
        out.err("context name cannot be empty\n");
    } else if !valid_name(name) {
        out.err(format!(
            "context name \"{name}\" is invalid, names are validated against regexp \"^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$\"\n"
        ));
    } else {
        let dir: String = Sha256::digest(name.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        out.err(format!("context \"{name}\": context not found: open /root/.docker/contexts/meta/{dir}/meta.json: no such file or directory\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_store_pattern() {
        assert!(valid_name("kind-dev"));
        assert!(!valid_name("a"));
        assert!(!valid_name("-x"));
        assert!(!valid_name("a b"));
    }

    #[test]
    fn the_directory_is_the_names_sha256() {
        // The seed's minikube warning names this directory for "default".
        let mut out = Output::default();
        use_context("dev", &mut out);
        assert_eq!(out.status, 1);
        let d: String = Sha256::digest(b"default")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            d,
            "37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f"
        );
    }
}
