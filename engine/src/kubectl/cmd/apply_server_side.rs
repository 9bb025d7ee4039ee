//! `kubectl apply --server-side`: each object is sent as an apply patch
//! under the field manager (default `kubectl`); the server merges it and
//! answers conflicts with 409, which kubectl explains (kubectl v1.33
//! pkg/cmd/apply/apply.go applyOneObject).

use crate::api::meta;
use crate::apiserver::managed::{self, apply::LAST_APPLIED, FieldManager};
use crate::apiserver::{PatchType, WriteOptions};
use crate::kubectl::cmd::create::{print_result, DryRun};
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::Parsed;
use crate::kubectl::manifests::Manifest;
use crate::kubectl::Env;
use serde_json::{json, Value};

/// apply.go's explanation after a conflict.
const CONFLICT_HELP: &str =
    "Please review the fields above--they currently have other managers. Here
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

/// After an apply, what kubectl v1.33 does for objects once managed by
/// client-side apply (apply.go saveLastApplyAnnotationIfNecessary and
/// migrateToSSAIfNecessary): the last-applied annotation gets its own Apply
/// manager `kubectl-last-applied`, the client-side managers' fields move to
/// this apply's manager (a JSON patch of managedFields, csaupgrade), and the
/// configuration is applied again so fields it dropped are removed.
fn migrate(
    env: &mut Env,
    r: &crate::api::ApiResource,
    ns: &str,
    name: &str,
    config: &Value,
    force: bool,
    mut live: Value,
) -> Value {
    let manager = env.world.api.field_manager_name();
    let annotation = meta::at(&live, &["metadata", "annotations", LAST_APPLIED]).cloned();
    if let (Some(text), true) = (annotation, manager == "kubectl") {
        let owned = managed::decode(&live)
            .iter()
            .any(|e| e.operation == "Apply" && managed::owns_annotation(e, LAST_APPLIED));
        if !owned {
            let mut just = json!({"apiVersion": r.api_version(), "kind": r.kind,
                                  "metadata": {"name": name, "annotations": {LAST_APPLIED: text}}});
            if r.namespaced {
                just["metadata"]["namespace"] = json!(ns);
            }
            let last = FieldManager::new("kubectl-last-applied");
            let opts = WriteOptions::default();
            match env.world.api.as_manager(last, |api| {
                api.apply_patch(r, ns, name, &just, false, &opts)
            }) {
                Ok(o) => live = o,
                Err(_) => return live,
            }
        }
    }
    let entries = managed::decode(&live);
    let mut csa: Vec<String> = entries
        .iter()
        .filter(|e| e.operation == "Update" && managed::owns_annotation(e, LAST_APPLIED))
        .map(|e| e.manager.clone())
        .collect();
    csa.sort();
    csa.dedup();
    let Some(upgraded) = managed::upgrade_csa(entries, &csa, &manager) else {
        return live;
    };
    let rv = meta::str_at(&live, &["metadata", "resourceVersion"]).unwrap_or("");
    let patch = json!([
        {"op": "test", "path": "/metadata/resourceVersion", "value": rv},
        {"op": "replace", "path": "/metadata/managedFields", "value": managed::encoded(upgraded)},
    ]);
    if env
        .world
        .api
        .patch(r, ns, name, PatchType::Json, &patch)
        .is_err()
    {
        return live;
    }
    let opts = WriteOptions::default();
    env.world
        .api
        .apply_patch(r, ns, name, config, force, &opts)
        .unwrap_or(live)
}

/// Applies the manifests; errors are collected as kubectl prints them.
pub fn run(
    env: &mut Env,
    p: &Parsed,
    manifests: Vec<Manifest>,
    default_ns: &str,
    d: DryRun,
) -> Result<(), CmdError> {
    let force = p.bool("force-conflicts");
    let mut errors = vec![];
    let mut written = env.world.api.revision();
    for m in manifests {
        env.world.settle_between_requests(&mut written);
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
                let o = match d {
                    DryRun::None => migrate(env, &r, &ns, &name, &obj, force, o),
                    _ => o,
                };
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
