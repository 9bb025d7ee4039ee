//! `kubectl get|create|replace|delete --raw PATH`: the API server's answer,
//! byte for byte (kubectl's `rawhttp.raw` sends the file's bytes, copies the
//! body to stdout and adds nothing; an error answer becomes `Error from
//! server (...)`). Checks and texts from kubectl v1.33 `get.go`,
//! `create.go`, `replace.go` and `delete.go` (Complete and Validate).

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
    let path = valid_path(raw)?;
    request(env, "GET", "get", path, &[])
}

fn valid_path(raw: &str) -> Result<&str, CmdError> {
    request_path(raw).ok_or_else(|| {
        CmdError::Plain(format!(
            "--raw must be a valid URL path: parse \"{raw}\": invalid URI for request"
        ))
    })
}

/// Sends the request and prints the answer.
fn request(
    env: &mut Env,
    method: &str,
    command: &str,
    path: &str,
    body: &[u8],
) -> Result<(), CmdError> {
    let Some(reply) = env
        .world
        .api
        .raw_request(method, path, "application/json", body)
    else {
        return Err(CmdError::Raw(super::help::not_simulated(&format!(
            "{command} --raw {path}"
        ))));
    };
    if let Some(s) = reply.error() {
        return Err(CmdError::Api(s));
    }
    env.print(reply.bytes());
    Ok(())
}

/// `create --raw` (POST), `replace --raw` (PUT), `delete --raw` (DELETE):
/// the `--raw` checks of each command's Validate, in their order, then the
/// request with the one file (or stdin) as its body.
pub fn write(env: &mut Env, p: &Parsed, command: &str, raw: &str) -> Result<(), CmdError> {
    let plain = |m: &str| Err(CmdError::Plain(m.into()));
    let files = p.all("filename");
    if command == "delete" && p.bool("interactive") {
        return plain("--interactive can not be used with --raw");
    }
    if command == "create" && p.bool("edit") {
        return plain("--raw and --edit are mutually exclusive");
    }
    let one_file = match command {
        "delete" => files.len() <= 1,
        _ => files.len() == 1,
    };
    if !one_file {
        return plain("--raw can only use a single local file or stdin");
    }
    if files
        .first()
        .is_some_and(|f| f.starts_with("http://") || f.starts_with("https://"))
    {
        return plain("--raw cannot read from a url");
    }
    if p.bool("recursive") {
        return plain("--raw and --recursive are mutually exclusive");
    }
    if command == "create" && p.str("selector").is_some_and(|s| !s.is_empty()) {
        return plain("--raw and --selector (-l) are mutually exclusive");
    }
    if p.str("output").is_some_and(|o| !o.is_empty()) {
        return plain("--raw and --output are mutually exclusive");
    }
    let path = valid_path(raw)?;
    let body = match files.first().map(String::as_str) {
        None => String::new(),
        Some("-") => env.stdin.read().to_string(),
        Some(f) => read_file(env, f)?,
    };
    let method = match command {
        "create" => "POST",
        "replace" => "PUT",
        _ => "DELETE",
    };
    request(env, method, command, path, body.as_bytes())
}

/// The file as Go's `os.Open` and `io.Copy` read it (their error texts).
fn read_file(env: &Env, f: &str) -> Result<String, CmdError> {
    let path = crate::kubectl::manifests::absolute(env.cwd, f);
    if let Some(text) = env.vfs.read(&path) {
        return Ok(text.to_string());
    }
    if env.vfs.is_dir(&path) {
        // os.Open opens a directory; reading it fails inside the request.
        return Err(CmdError::Raw(format!(
            "Unable to connect to the server: read {f}: is a directory\n"
        )));
    }
    Err(CmdError::Plain(format!(
        "open {f}: no such file or directory"
    )))
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
