//! `kubectl apply --server-side`: each object is sent as an apply patch
//! under the field manager (default `kubectl`); the server merges it and
//! answers conflicts with 409, which kubectl explains (kubectl v1.33
//! pkg/cmd/apply/apply.go applyOneObject).

use crate::api::meta;
use crate::apiserver::WriteOptions;
use crate::kubectl::cmd::create::{print_result, DryRun};
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::Parsed;
use crate::kubectl::manifests::Manifest;
use crate::kubectl::Env;
use serde_json::json;

/// apply.go's explanation after a conflict.
const CONFLICT_HELP: &str = "Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the `--force-conflicts` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts";

/// Applies the manifests; errors are collected as kubectl prints them.
pub fn run(
    env: &mut Env,
    p: &Parsed,
    manifests: Vec<Manifest>,
    default_ns: &str,
    d: DryRun,
) -> Result<(), CmdError> {
    if d == DryRun::Client {
        return Err(CmdError::Plain(
            "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)"
                .into(),
        ));
    }
    let force = p.bool("force-conflicts");
    let mut errors = vec![];
    for m in manifests {
        let r = match m.resource(env.world.api.registry()) {
            Ok(r) => r,
            Err(e) => {
                errors.push(e.trim_end().trim_start_matches("error: ").to_string());
                continue;
            }
        };
        let name = meta::name(&m.object).to_string();
        let ns = match meta::namespace(&m.object) {
            "" => default_ns.to_string(),
            n => n.to_string(),
        };
        let mut obj = m.object.clone();
        if r.namespaced {
            meta::metadata_mut(&mut obj).insert("namespace".into(), json!(ns));
        }
        let opts = WriteOptions {
            dry_run: d == DryRun::Server,
            ..Default::default()
        };
        match env
            .world
            .api
            .apply_patch(&r, &ns, &name, &obj, force, &opts)
        {
            Ok(o) => {
                let kind_name = format!("{}/{}", r.qualified_singular(), name);
                print_result(env, p, &kind_name, &o, "serverside-applied", d);
            }
            Err(s) if s.code == 409 && s.reason == "Conflict" => {
                errors.push(format!("{}\n{CONFLICT_HELP}", s.message));
            }
            Err(s) => {
                let text = status_text(&s);
                errors.push(text.trim_end().trim_start_matches("error: ").to_string());
            }
        }
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(CmdError::Plain(errors.remove(0))),
        _ => Err(CmdError::Plain(format!("[{}]", errors.join(", ")))),
    }
}
