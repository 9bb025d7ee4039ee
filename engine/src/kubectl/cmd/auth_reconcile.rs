//! `kubectl auth reconcile -f FILE`: makes Roles, ClusterRoles and their
//! bindings cover what the file asks for (kubectl v0.33.1
//! pkg/cmd/auth/reconcile.go over component-helpers' rbac/reconciliation):
//! a missing object is created, a present one gains the rules or subjects
//! it lacks (and loses the extra ones with `--remove-extra-permissions` /
//! `--remove-extra-subjects`), a binding to another role is recreated. Each
//! object prints `KIND/NAME reconciled`; what had to change goes to stderr
//! in Go's `%+v` of the rules and subjects.

use super::create::{print_result, DryRun};
use crate::api::policy_rule::{breakdown, strings, Rule};
use crate::api::{meta, Status};
use crate::apiserver::auth::escalation::covers;
use crate::apiserver::WriteOptions;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::manifests::{self, Sources};
use crate::kubectl::Env;
use serde_json::{json, Value};

#[derive(PartialEq, Clone, Copy)]
enum Operation {
    None,
    Create,
    Update,
    Recreate,
}

const RBAC: &str = "rbac.authorization.k8s.io/v1";

pub fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let dry = match p.str("dry-run").unwrap_or("none") {
        "server" => {
            return Err(CmdError::Plain(
                "--dry-run=server for command reconcile is not supported yet".into(),
            ))
        }
        "client" => DryRun::Client,
        _ => DryRun::None,
    };
    let sources = Sources::from(p);
    if sources.is_empty() {
        return Err(CmdError::Plain("must specify one of -f and -k".into()));
    }
    for m in manifests::load_sources(env, &sources)? {
        let kind = meta::str_at(&m.object, &["kind"]).unwrap_or("").to_string();
        let version = meta::str_at(&m.object, &["apiVersion"]).unwrap_or("");
        let rbac_kind = matches!(
            kind.as_str(),
            "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding"
        );
        if !rbac_kind {
            continue;
        }
        if version != RBAC {
            let go_version = version.rsplit('/').next().unwrap_or(version);
            return Err(CmdError::Plain(format!(
                "only rbac.authorization.k8s.io/v1 is supported: not *{go_version}.{kind}"
            )));
        }
        let resource = m
            .resource(env.world.api.registry())
            .map_err(CmdError::Raw)?;
        // reconcile reads its files locally (no REST mapping), so a Role
        // without metadata.namespace is looked up cluster-wide, not found,
        // and its namespace "" cannot be ensured: client-go's empty-name error.
        let ns = match (resource.namespaced, meta::namespace(&m.object)) {
            (false, _) => String::new(),
            (true, "") => return Err(CmdError::Plain("resource name may not be empty".into())),
            (true, ns) => ns.to_string(),
        };
        let mut expected = m.object.clone();
        if resource.namespaced {
            expected["metadata"]["namespace"] = json!(ns);
        }
        let name = meta::name(&expected).to_string();
        let existing = match env.world.api.get(&resource, &ns, &name) {
            Ok(obj) => Some(obj),
            Err(s) if s.code == 404 => None,
            Err(s) => return Err(s.into()),
        };
        let binding = kind.ends_with("Binding");
        let result = match binding {
            false => reconcile_role(existing.as_ref(), &expected, p),
            true => reconcile_binding(existing.as_ref(), &expected, p),
        };
        let mut shown = result.object.clone();
        if dry == DryRun::None {
            shown = write(env, &resource, &ns, &result)?;
        }
        let kind_name = format!("{}/{}", resource.qualified_singular(), name);
        print_result(env, p, &kind_name, &shown, "reconciled", dry);
        env.eprint(result.report(p));
    }
    Ok(())
}

struct Reconciled {
    object: Value,
    operation: Operation,
    protected: bool,
    missing: Vec<String>,
    extra: Vec<String>,
}

impl Reconciled {
    /// printResults: the operation and the rules or subjects it touched.
    fn report(&self, p: &Parsed) -> String {
        let caveat = if self.protected {
            ", but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)"
        } else {
            ""
        };
        let mut s = match self.operation {
            Operation::None => return String::new(),
            Operation::Create => format!("\treconciliation required create{caveat}\n"),
            Operation::Update => format!("\treconciliation required update{caveat}\n"),
            Operation::Recreate => format!("\treconciliation required recreate{caveat}\n"),
        };
        let subjects = self.object.get("roleRef").is_some();
        let (what, remove) = match subjects {
            true => ("subjects", p.bool("remove-extra-subjects")),
            false => ("rules", p.bool("remove-extra-permissions")),
        };
        if !self.missing.is_empty() {
            s.push_str(&format!("\tmissing {what} added:\n"));
            for m in &self.missing {
                s.push_str(&format!("\t\t{m}\n"));
            }
        }
        if remove && !self.extra.is_empty() {
            s.push_str(&format!("\textra {what} removed:\n"));
            for e in &self.extra {
                s.push_str(&format!("\t\t{e}\n"));
            }
        }
        s
    }
}

fn write(
    env: &mut Env,
    r: &crate::api::ApiResource,
    ns: &str,
    result: &Reconciled,
) -> Result<Value, CmdError> {
    if result.protected {
        return Ok(result.object.clone());
    }
    let opts = WriteOptions::default();
    let api = &mut env.world.api;
    let written = match result.operation {
        Operation::None => return Ok(result.object.clone()),
        Operation::Create => {
            ensure_namespace(env, ns)?;
            env.world.api.create(r, ns, result.object.clone(), &opts)?
        }
        Operation::Update => api.update(r, ns, result.object.clone())?,
        Operation::Recreate => {
            let name = meta::name(&result.object).to_string();
            api.delete(r, ns, &name, &Default::default())?;
            let mut fresh = result.object.clone();
            if let Some(md) = fresh["metadata"].as_object_mut() {
                md.remove("resourceVersion");
                md.remove("uid");
            }
            api.create(r, ns, fresh, &opts)?
        }
    };
    Ok(written)
}

/// RoleModifier's tryEnsureNamespace: a Role's namespace is created if missing.
fn ensure_namespace(env: &mut Env, ns: &str) -> Result<(), Status> {
    if ns.is_empty() {
        return Ok(());
    }
    let Some(r) = env.world.api.registry().resolve("namespaces").cloned() else {
        return Ok(());
    };
    if env.world.api.get(&r, "", ns).is_ok() {
        return Ok(());
    }
    let obj = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}});
    env.world
        .api
        .create(&r, "", obj, &WriteOptions::default())
        .map(|_| ())
}

/// `Covers`: the broken-down rules of `servant` that `owner` does not grant.
fn uncovered(owner: &[Value], servant: &[Value]) -> Vec<Rule> {
    servant
        .iter()
        .flat_map(breakdown)
        .filter(|r| !owner.iter().any(|o| covers(o, r)))
        .collect()
}

fn rules_of(obj: &Value) -> Vec<Value> {
    obj["rules"].as_array().cloned().unwrap_or_default()
}

/// Go's `%+v` of a PolicyRule.
fn rule_text(r: &Value) -> String {
    let list = |k: &str| strings(&r[k]).join(" ");
    format!(
        "{{Verbs:[{}] APIGroups:[{}] Resources:[{}] ResourceNames:[{}] NonResourceURLs:[{}]}}",
        list("verbs"),
        list("apiGroups"),
        list("resources"),
        list("resourceNames"),
        list("nonResourceURLs")
    )
}

/// A broken-down rule as a PolicyRule (empty lists omitted).
fn rule_json(r: &Rule) -> Value {
    let mut out = serde_json::Map::new();
    for (k, v) in [
        ("verbs", &r.verbs),
        ("apiGroups", &r.groups),
        ("resources", &r.resources),
        ("resourceNames", &r.names),
        ("nonResourceURLs", &r.urls),
    ] {
        if !v.is_empty() || k == "apiGroups" && !r.resources.is_empty() {
            out.insert(k.into(), json!(v));
        }
    }
    Value::Object(out)
}

fn broken_down_text(r: &Rule) -> String {
    rule_text(&rule_json(r))
}

/// Go's `%+v` of a Subject.
fn subject_text(s: &Value) -> String {
    let f = |k: &str| s[k].as_str().unwrap_or("").to_string();
    format!(
        "{{Kind:{} APIGroup:{} Name:{} Namespace:{}}}",
        f("kind"),
        f("apiGroup"),
        f("name"),
        f("namespace")
    )
}

/// Annotations and labels of `expected` merged into `obj` (the existing
/// values win); true if that changed anything.
fn merge_metadata(obj: &mut Value, expected: &Value) -> bool {
    let mut changed = false;
    for field in ["annotations", "labels"] {
        let Some(want) = expected["metadata"][field].as_object() else {
            continue;
        };
        let have = obj["metadata"][field]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut merged = want.clone();
        merged.extend(have.clone());
        if merged != have {
            obj["metadata"][field] = Value::Object(merged);
            changed = true;
        }
    }
    changed
}

fn protected(obj: &Value) -> bool {
    meta::str_at(
        obj,
        &[
            "metadata",
            "annotations",
            "rbac.authorization.kubernetes.io/autoupdate",
        ],
    ) == Some("false")
}

fn reconcile_role(existing: Option<&Value>, expected: &Value, p: &Parsed) -> Reconciled {
    let Some(existing) = existing else {
        return Reconciled {
            object: expected.clone(),
            operation: Operation::Create,
            protected: false,
            missing: rules_of(expected).iter().map(rule_text).collect(),
            extra: vec![],
        };
    };
    let mut object = existing.clone();
    let mut operation = Operation::None;
    if merge_metadata(&mut object, expected) {
        operation = Operation::Update;
    }
    let (have, want) = (rules_of(existing), rules_of(expected));
    let extra = uncovered(&want, &have);
    let missing = uncovered(&have, &want);
    let remove = p.bool("remove-extra-permissions");
    if !remove && !missing.is_empty() {
        let mut rules = have.clone();
        rules.extend(missing.iter().map(rule_json));
        object["rules"] = json!(rules);
        operation = Operation::Update;
    } else if remove && (!missing.is_empty() || !extra.is_empty()) {
        object["rules"] = json!(want);
        operation = Operation::Update;
    }
    Reconciled {
        protected: protected(existing),
        object,
        operation,
        missing: missing.iter().map(broken_down_text).collect(),
        extra: extra.iter().map(broken_down_text).collect(),
    }
}

fn subjects_of(obj: &Value) -> Vec<Value> {
    obj["subjects"].as_array().cloned().unwrap_or_default()
}

fn reconcile_binding(existing: Option<&Value>, expected: &Value, p: &Parsed) -> Reconciled {
    let want = subjects_of(expected);
    let Some(existing) = existing else {
        return Reconciled {
            object: expected.clone(),
            operation: Operation::Create,
            protected: false,
            missing: want.iter().map(subject_text).collect(),
            extra: vec![],
        };
    };
    let mut object = existing.clone();
    let mut operation = Operation::None;
    if merge_metadata(&mut object, expected) {
        operation = Operation::Update;
    }
    // A binding cannot change its roleRef: it is deleted and created again.
    if existing["roleRef"] != expected["roleRef"] {
        object["roleRef"] = expected["roleRef"].clone();
        operation = Operation::Recreate;
    }
    let have = subjects_of(existing);
    let missing: Vec<Value> = want.iter().filter(|s| !have.contains(s)).cloned().collect();
    let extra: Vec<Value> = have.iter().filter(|s| !want.contains(s)).cloned().collect();
    let remove = p.bool("remove-extra-subjects");
    if !remove && !missing.is_empty() {
        let mut subjects = have.clone();
        subjects.extend(missing.iter().cloned());
        object["subjects"] = json!(subjects);
        if operation == Operation::None {
            operation = Operation::Update;
        }
    } else if remove && (!missing.is_empty() || !extra.is_empty()) {
        object["subjects"] = json!(want);
        if operation == Operation::None {
            operation = Operation::Update;
        }
    }
    Reconciled {
        protected: protected(existing),
        object,
        operation,
        missing: missing.iter().map(subject_text).collect(),
        extra: extra.iter().map(subject_text).collect(),
    }
}
