//! Reading manifests given with `-f` (files, directories, `-` for stdin) from
//! the virtual file system, as kubectl's resource builder does.

use super::errors::CmdError;
use super::Env;
use serde::Deserialize;
use serde_json::Value;

/// One object read from a manifest, with where it came from.
pub struct Manifest {
    pub source: String,
    pub object: Value,
}

impl Manifest {
    /// The served resource for the object's apiVersion and kind, or the
    /// error kubectl's REST mapper gives (ready to print).
    pub fn resource(&self, reg: &crate::api::Registry) -> Result<crate::api::ApiResource, String> {
        let field = |f: &str| crate::api::meta::str_at(&self.object, &[f]).unwrap_or("");
        let (api_version, kind) = (field("apiVersion"), field("kind"));
        reg.for_kind(api_version, kind).cloned().ok_or_else(|| {
            format!(
                "error: resource mapping not found for name: \"{}\" namespace: \"{}\" from \"{}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first\n",
                crate::api::meta::name(&self.object),
                crate::api::meta::namespace(&self.object),
                self.source
            )
        })
    }
}

pub fn absolute(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{}", cwd.trim_end_matches('/'), path)
    };
    let mut parts: Vec<&str> = vec![];
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Parses a YAML or JSON stream into objects (documents separated by `---`;
/// empty documents skipped; a `List` expanded into its items).
pub fn decode(source: &str, text: &str) -> Result<Vec<Value>, CmdError> {
    let mut out = vec![];
    let text = super::yaml11::resolve_booleans(text);
    for doc in serde_yaml::Deserializer::from_str(&text) {
        let v = Value::deserialize(doc).map_err(|e| {
            CmdError::Plain(format!(
                "error parsing {source}: error converting YAML to JSON: yaml: {}",
                yaml_error_text(&e)
            ))
        })?;
        match v {
            Value::Null => {}
            Value::Object(ref m) if m.get("kind").and_then(Value::as_str).is_some_and(|k| k.ends_with("List")) && m.contains_key("items") => {
                if let Some(items) = m.get("items").and_then(Value::as_array) {
                    let errors: Vec<&str> = items.iter().flat_map(kind_errors).collect();
                    invalid(source, &errors)?;
                    out.extend(items.iter().cloned());
                }
            }
            Value::Object(_) => {
                invalid(source, &kind_errors(&v))?;
                out.push(v)
            }
            _ => {
                return Err(CmdError::Plain(format!(
                    "error validating \"{source}\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false"
                )))
            }
        }
    }
    Ok(out)
}

/// What kubectl's schema validation says of an object's apiVersion and kind
/// (getObjectKind in kubectl/pkg/validation/validation.go).
fn kind_errors(v: &Value) -> Vec<&'static str> {
    let mut errors = vec![];
    match v.get("apiVersion") {
        None | Some(Value::Null) => errors.push("apiVersion not set"),
        Some(Value::String(_)) => {}
        Some(_) => errors.push("apiVersion isn't string type"),
    }
    match v.get("kind") {
        None | Some(Value::Null) => errors.push("kind not set"),
        Some(Value::String(_)) => {}
        Some(_) => errors.push("kind isn't string type"),
    }
    errors
}

/// The builder's validation error: one error alone, several as Go's
/// aggregate prints them (`[a, b]`).
fn invalid(source: &str, errors: &[&str]) -> Result<(), CmdError> {
    let text = match errors {
        [] => return Ok(()),
        [one] => one.to_string(),
        many => format!("[{}]", many.join(", ")),
    };
    Err(CmdError::Plain(format!(
        "error validating \"{source}\": error validating data: {text}; if you choose to ignore these errors, turn validation off with --validate=false"
    )))
}

/// go-yaml reports `line N: <problem>`. Its parser errors (libyaml's
/// "while parsing ..." context) name the 0-based line of the problem, its
/// scanner errors the 1-based one (go-yaml's `parser.fail`).
pub(crate) fn yaml_error_text(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    let problem = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    let parser_error = msg.contains(", while parsing ");
    match e.location() {
        Some(loc) if parser_error && loc.line() <= 1 => problem,
        Some(loc) if parser_error => format!("line {}: {}", loc.line() - 1, problem),
        Some(loc) => format!("line {}: {}", loc.line(), problem),
        None => problem,
    }
}

/// Where a command's objects come from: `-f` files or one `-k` kustomization.
pub struct Sources {
    pub files: Vec<String>,
    pub kustomize: Option<String>,
    pub recursive: bool,
}

impl Sources {
    pub fn from(p: &super::flags::Parsed) -> Sources {
        Sources {
            files: p.all("filename"),
            kustomize: p
                .str("kustomize")
                .filter(|k| !k.is_empty())
                .map(String::from),
            recursive: p.bool("recursive"),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.kustomize.is_none()
    }
}

/// The objects of `-f` files or of a built `-k` kustomization
/// (kubectl's builder refuses both at once).
/// The builder's `-l` over objects read from files: those whose labels
/// match stay, the rest are passed over silently.
pub fn select(list: Vec<Manifest>, selector: Option<&str>) -> Result<Vec<Manifest>, CmdError> {
    let Some(text) = selector.filter(|s| !s.is_empty()) else {
        return Ok(list);
    };
    let selector = crate::api::selector::Selector::parse(text).map_err(CmdError::Plain)?;
    Ok(list
        .into_iter()
        .filter(|m| {
            let labels = crate::api::meta::labels(&m.object);
            selector.matches(&labels)
        })
        .collect())
}

/// The builder's refusal of files together with `TYPE NAME` arguments.
pub const PATHS_AND_ARGS: &str =
    "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well";

pub fn load_sources(env: &mut Env, s: &Sources) -> Result<Vec<Manifest>, CmdError> {
    let Some(dir) = &s.kustomize else {
        return load(env, &s.files, s.recursive);
    };
    if !s.files.is_empty() {
        return Err(CmdError::Plain(
            "only one of -f or -k can be specified".into(),
        ));
    }
    let objects = super::cmd::kustomize_build(env, dir)?;
    Ok(objects
        .into_iter()
        .map(|object| Manifest {
            source: dir.clone(),
            object,
        })
        .collect())
}

/// Reads every `-f` argument.
pub fn load(env: &Env, filenames: &[String], recursive: bool) -> Result<Vec<Manifest>, CmdError> {
    let mut out = vec![];
    for f in filenames {
        let path = absolute(env.cwd, f);
        if f == "-" || path == kubeplay_shell::DEV_STDIN {
            // kubectl names `-` STDIN, and `/dev/stdin` by its path.
            let source = if f == "-" { "STDIN" } else { f.as_str() };
            for object in decode(source, env.stdin.read())? {
                out.push(Manifest {
                    source: source.into(),
                    object,
                });
            }
            continue;
        }
        if let Some(text) = env.vfs.read(&path) {
            for object in decode(f, text)? {
                out.push(Manifest {
                    source: f.clone(),
                    object,
                });
            }
            continue;
        }
        match manifest_files(env, &path, recursive) {
            Some(files) => {
                for file in files {
                    let shown = format!("{}/{}", f.trim_end_matches('/'), &file[path.len() + 1..]);
                    if let Some(text) = env.vfs.read(&file) {
                        for object in decode(&shown, text)? {
                            out.push(Manifest {
                                source: shown.clone(),
                                object,
                            });
                        }
                    }
                }
            }
            None => {
                return Err(CmdError::Plain(format!("the path \"{f}\" does not exist")));
            }
        }
    }
    Ok(out)
}

/// The `.json`, `.yaml` and `.yml` files of a directory (and below, with -R).
fn manifest_files(env: &Env, dir: &str, recursive: bool) -> Option<Vec<String>> {
    if !env.vfs.is_dir(dir) {
        return None;
    }
    let is_manifest = |p: &str| [".json", ".yaml", ".yml"].iter().any(|e| p.ends_with(e));
    let files = if recursive {
        env.vfs
            .subtree(dir)
            .into_iter()
            .filter(|p| env.vfs.is_file(p) && is_manifest(p))
            .collect()
    } else {
        env.vfs
            .list(dir)
            .unwrap_or_default()
            .into_iter()
            .map(|n| format!("{}/{}", dir.trim_end_matches('/'), n))
            .filter(|p| env.vfs.is_file(p) && is_manifest(p))
            .collect()
    };
    Some(files)
}
