//! Turning `TYPE NAME...`, `TYPE1,TYPE2`, `TYPE/NAME ...` and categories such
//! as `all` into the resources and names a command acts on (cli-runtime's
//! resource builder).

use super::errors::CmdError;
use crate::api::{ApiResource, Registry};

/// One resource type and the names asked for (empty = all of them).
#[derive(Clone, Debug)]
pub struct Request {
    pub resource: ApiResource,
    pub names: Vec<String>,
}

fn resolve(reg: &Registry, typed: &str) -> Result<Vec<ApiResource>, CmdError> {
    if let Some(r) = reg.resolve(typed) {
        return Ok(vec![r.clone()]);
    }
    let in_category = reg.in_category(&typed.to_lowercase());
    if !in_category.is_empty() {
        return Ok(in_category.into_iter().cloned().collect());
    }
    Err(CmdError::Plain(format!(
        "the server doesn't have a resource type \"{typed}\""
    )))
}

/// Parses the positional arguments of get/delete/describe.
pub fn parse(reg: &Registry, args: &[String]) -> Result<Vec<Request>, CmdError> {
    let mut out: Vec<Request> = vec![];
    if args.is_empty() {
        return Ok(out);
    }
    if args.iter().any(|a| a.contains('/')) {
        if !args.iter().all(|a| a.contains('/')) {
            return Err(CmdError::Plain("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into()));
        }
        for a in args {
            let (typed, name) = a.split_once('/').unwrap_or((a, ""));
            if name.is_empty() {
                return Err(CmdError::Plain(
                    "arguments in resource/name form must have a single resource and name".into(),
                ));
            }
            for r in resolve(reg, typed)? {
                match out.iter_mut().find(|q| q.resource == r) {
                    Some(q) => q.names.push(name.into()),
                    None => out.push(Request {
                        resource: r,
                        names: vec![name.into()],
                    }),
                }
            }
        }
        return Ok(out);
    }
    let names: Vec<String> = args[1..].to_vec();
    for typed in args[0].split(',').filter(|t| !t.is_empty()) {
        for r in resolve(reg, typed)? {
            if !out.iter().any(|q| q.resource == r) {
                out.push(Request {
                    resource: r,
                    names: names.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// A list's BadRequest or NotFound as kubectl's resource builder words it
/// (cli-runtime's Selector visitor): which resource, under which selectors.
pub fn selector_error(
    r: &ApiResource,
    opts: &crate::apiserver::ListOptions,
    mut status: crate::api::Status,
) -> crate::api::Status {
    if status.code != 400 && status.code != 404 {
        return status;
    }
    let gvr = format!("{}/{}, Resource={}", r.group, r.version, r.name);
    let label = opts.label_selector.as_deref().unwrap_or("");
    let field = opts.field_selector.as_deref().unwrap_or("");
    status.message = if label.is_empty() && field.is_empty() {
        format!("Unable to list {gvr:?}: {}", status.message)
    } else {
        format!(
            "Unable to find {gvr:?} that match label selector {label:?}, field selector {field:?}: {}",
            status.message
        )
    };
    status
}

/// The names of `r`'s objects in `namespace` that `selector` picks (all of
/// them without one): what `--all` and `-l` select.
pub fn selected_names(
    env: &super::Env,
    r: &ApiResource,
    namespace: &str,
    selector: Option<&str>,
) -> Result<Vec<String>, CmdError> {
    let opts = crate::apiserver::ListOptions {
        label_selector: selector.map(String::from),
        ..Default::default()
    };
    Ok(env
        .world
        .api
        .list(r, Some(namespace), &opts)?
        .iter()
        .map(|o| crate::api::meta::name(o).to_string())
        .collect())
}
