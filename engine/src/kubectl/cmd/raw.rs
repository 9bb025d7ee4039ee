//! `kubectl get --raw PATH`: the API server's answer, byte for byte
//! (kubectl's `RawGet` copies the body to stdout and adds nothing; an error
//! answer becomes `Error from server (...)`). Checks and texts from
//! kubectl v1.33 `get.go` (Complete and Validate).

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::Env;

pub fn get(env: &mut Env, p: &Parsed, raw: &str) -> Result<(), CmdError> {
    if !p.args.is_empty() {
        return Err(CmdError::Plain(
            "arguments may not be passed when --raw is specified".into(),
        ));
    }
    let filters =
        p.bool("watch") || p.bool("watch-only") || p.str("selector").is_some_and(|s| !s.is_empty());
    if filters {
        return Err(CmdError::Plain(
            "--raw may not be specified with other flags that filter the server request or alter the output".into(),
        ));
    }
    if p.str("output").is_some_and(|o| !o.is_empty()) {
        return Err(CmdError::Plain(
            "--raw and --output are mutually exclusive".into(),
        ));
    }
    let path = request_path(raw).ok_or_else(|| {
        CmdError::Plain(format!(
            "--raw must be a valid URL path: parse \"{raw}\": invalid URI for request"
        ))
    })?;
    let Some(reply) = env.world.api.raw_get(path) else {
        return Err(CmdError::Raw(super::help::not_simulated(&format!(
            "get --raw {path}"
        ))));
    };
    if let Some(s) = reply.error() {
        return Err(CmdError::Api(s));
    }
    env.print(reply.bytes());
    Ok(())
}

/// The path Go's `url.ParseRequestURI` accepts: absolute, or a URL whose
/// host kubectl then ignores (it requests the path from its own server).
fn request_path(raw: &str) -> Option<&str> {
    if raw.starts_with('/') {
        return Some(raw);
    }
    let (scheme, rest) = raw.split_once("://")?;
    if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(rest.find('/').map_or("/", |i| &rest[i..]))
}
