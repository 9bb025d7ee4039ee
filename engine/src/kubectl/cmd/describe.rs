//! `kubectl describe`: finds the objects as the resource builder does
//! (`TYPE [NAME...]`, `TYPE/NAME`, `-l`, `-A`), falls back to name-prefix
//! matching when `TYPE NAME` names nothing, and prints each object's
//! description (kubectl `pkg/cmd/describe`).

use crate::api::{meta, ApiResource, Status};
use crate::apiserver::ListOptions;
use crate::kubectl::describe::{self, Ctx};
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::manifests::{Sources, PATHS_AND_ARGS};
use crate::kubectl::resources;
use crate::kubectl::{Command, Env};

pub const COMMAND: Command = Command {
    name: "describe",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Show details of a specific resource or group of resources",
    flags: &[
        Flag::new(
            "selector",
            FlagKind::String,
            "",
            "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
        )
        .short('l'),
        Flag::new(
            "all-namespaces",
            FlagKind::Bool,
            "false",
            "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
        )
        .short('A'),
        Flag::new(
            "show-events",
            FlagKind::Bool,
            "true",
            "If true, display events related to the described object.",
        ),
        Flag::new(
            "chunk-size",
            FlagKind::Int,
            "500",
            "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.",
        ),
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Filename, directory, or URL to files containing the resource to describe",
        )
        .short('f'),
        Flag::new(
            "recursive",
            FlagKind::Bool,
            "false",
            "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
        )
        .short('R'),
        Flag::new(
            "kustomize",
            FlagKind::String,
            "",
            "Process the kustomization directory. This flag can't be used together with -f or -R.",
        )
        .short('k'),
    ],
    run,
};

const NO_TYPE: &str = "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n";

/// One object to describe.
struct Info {
    resource: ApiResource,
    namespace: String,
    name: String,
}

fn info(r: &ApiResource, obj: &serde_json::Value) -> Info {
    Info {
        resource: r.clone(),
        namespace: meta::namespace(obj).to_string(),
        name: meta::name(obj).to_string(),
    }
}

/// The objects named in `-f`/`-k` files, in the file's namespace or the
/// default one; kinds the server lacks add their error to `failures`.
fn infos_from_files(
    env: &mut Env,
    p: &Parsed,
    files: &Sources,
    ns: &str,
    failures: &mut Vec<String>,
) -> Result<Vec<Info>, CmdError> {
    let mut infos = vec![];
    for m in crate::kubectl::manifests::load_sources(env, files)? {
        match m.resource(env.world.api.registry()) {
            Ok(r) => {
                let obj_ns = meta::namespace(&m.object);
                super::create::enforce_namespace(p, &r, obj_ns, ns)?;
                let namespace = match (r.namespaced, obj_ns.is_empty()) {
                    (false, _) => String::new(),
                    (true, true) => ns.to_string(),
                    (true, false) => obj_ns.to_string(),
                };
                infos.push(Info {
                    resource: r,
                    namespace,
                    name: meta::name(&m.object).to_string(),
                });
            }
            Err(e) => failures.push(e),
        }
    }
    Ok(infos)
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let files = Sources::from(p);
    if p.args.is_empty() && files.is_empty() {
        return Err(CmdError::Raw(NO_TYPE.into()));
    }
    if !files.is_empty() && !p.args.is_empty() {
        return Err(CmdError::Plain(PATHS_AND_ARGS.into()));
    }
    let ns = env.namespace(p);
    let mut failures: Vec<String> = vec![];
    let from_files = if files.is_empty() {
        vec![]
    } else {
        infos_from_files(env, p, &files, &ns, &mut failures)?
    };
    let requests = resources::parse(env.world.api.registry(), &p.args)?;
    let all_ns = p.bool("all-namespaces");
    let selector = p
        .str("selector")
        .filter(|s| !s.is_empty())
        .map(String::from);
    if selector.is_some() && requests.iter().any(|r| !r.names.is_empty()) {
        return Err(CmdError::Plain(
            "name cannot be provided when a selector is specified".into(),
        ));
    }
    let api = &env.world.api;
    let mut infos: Vec<Info> = from_files;
    let mut errors: Vec<Status> = vec![];
    for req in &requests {
        let r = &req.resource;
        if req.names.is_empty() {
            let scope = if all_ns { None } else { Some(ns.as_str()) };
            let opts = ListOptions {
                label_selector: selector.clone(),
                field_selector: None,
            };
            match api.list(r, scope, &opts) {
                Ok(objs) => infos.extend(objs.iter().map(|o| info(r, o))),
                Err(e) => errors.push(crate::kubectl::resources::selector_error(r, &opts, e)),
            }
        } else {
            for name in &req.names {
                match api.get(r, &ns, name) {
                    Ok(o) => infos.push(info(r, &o)),
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    let ctx = Ctx {
        api,
        now: api.now(),
        show_events: p.bool("show-events"),
    };
    // `TYPE NAME` that names nothing: describe every object whose name starts with NAME.
    if errors.len() == 1 && errors[0].code == 404 && p.args.len() == 2 {
        let out = describe_matching(&ctx, env.world.api.registry(), &p.args, &ns, &errors[0])?;
        env.print(out);
        return Ok(());
    }
    let mut out = String::new();
    let mut seen: Vec<String> = vec![];
    failures.extend(errors.iter().map(status_text));
    let mut first = true;
    for inf in &infos {
        match describe::describe(&ctx, &inf.resource, &inf.namespace, &inf.name) {
            Ok(s) => {
                if !first {
                    out.push_str("\n\n");
                }
                first = false;
                out.push_str(&s);
            }
            Err(e) => {
                let text = status_text(&e);
                if !seen.contains(&text) {
                    seen.push(text.clone());
                    failures.push(text);
                }
            }
        }
    }
    env.print(out);
    if infos.is_empty() && failures.is_empty() {
        if all_ns {
            env.eprint("No resources found\n");
        } else {
            env.eprint(format!("No resources found in {ns} namespace.\n"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(failures.concat()))
    }
}

/// `DescribeMatchingResources`: the objects of the first argument's type in
/// the namespace whose names start with the second; else the original error.
fn describe_matching(
    ctx: &Ctx,
    reg: &crate::api::Registry,
    args: &[String],
    ns: &str,
    original: &Status,
) -> Result<String, CmdError> {
    let requests = resources::parse(reg, &args[..1])?;
    if requests.len() != 1 {
        return Err(CmdError::Api(original.clone()));
    }
    let req = &requests[0];
    let r = &req.resource;
    let objects = match req.names.first() {
        Some(name) => vec![ctx.api.get(r, ns, name)?],
        None => ctx.api.list(r, Some(ns), &ListOptions::default())?,
    };
    let prefix = &args[1];
    let mut out = String::new();
    let mut found = false;
    for o in &objects {
        let inf = info(r, o);
        if inf.name.starts_with(prefix.as_str()) {
            found = true;
            let s = describe::describe(ctx, r, &inf.namespace, &inf.name)?;
            out.push_str(&s);
            out.push('\n');
        }
    }
    if !found {
        return Err(CmdError::Api(original.clone()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    const DEPLOYMENT: &str = "kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
          limits:
            memory: 128Mi
        env:
        - name: MODE
          value: demo
EOF";

    const STUCK: &str = "kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: stuck
spec:
  nodeSelector:
    disk: ssd
  containers:
  - name: app
    image: nginx
EOF";

    fn cluster() -> Cluster {
        Cluster::new(Preset::Minikube, 1)
    }

    /// A running pod, a two-replica deployment and a pod no node can take, 20s on.
    fn scenario() -> Cluster {
        let mut c = cluster();
        c.run("kubectl run web --image=nginx");
        c.run(DEPLOYMENT);
        c.run(STUCK);
        c.run("sleep 20");
        c
    }

    #[test]
    fn describes_namespace() {
        let mut c = scenario();
        let o = c.run("kubectl describe ns default");
        assert_eq!(o.stderr(), "");
        assert_eq!(
            o.stdout(),
            r#"Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
"#
        );
    }

    #[test]
    fn errors_and_selection_as_kubectl_prints_them() {
        let mut c = scenario();
        let o = c.run("kubectl describe pod nope");
        assert_eq!(o.stdout(), "");
        assert_eq!(
            o.stderr(),
            "Error from server (NotFound): pods \"nope\" not found\n"
        );
        let o = c.run("kubectl describe pods -n kube-public");
        assert_eq!(o.stderr(), "No resources found in kube-public namespace.\n");
        let o = c.run("kubectl describe");
        assert_eq!(
            o.stderr(),
            "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n"
        );
        let o = c.run("kubectl describe flurbs x");
        assert_eq!(
            o.stderr(),
            "error: the server doesn't have a resource type \"flurbs\"\n"
        );
        // A name prefix describes every match, each followed by a newline.
        let o = c.run("kubectl describe pod hello");
        let names = o
            .stdout()
            .lines()
            .filter(|l| l.starts_with("Name:"))
            .count();
        assert_eq!(names, 2);
        assert!(o.stdout().ends_with("\n\n"));
        // TYPE/NAME never falls back to prefixes.
        let o = c.run("kubectl describe pod/hello");
        assert_eq!(
            o.stderr(),
            "Error from server (NotFound): pods \"hello\" not found\n"
        );
        // Several objects are separated by two blank lines; -l filters.
        let o = c.run("kubectl describe pods -l app=hello --show-events=false");
        assert_eq!(o.stdout().matches("\n\n\nName:").count(), 1);
        assert!(!o.stdout().contains("Events:"));
        let o = c.run("kubectl describe pod web -l run=web");
        assert_eq!(
            o.stderr(),
            "error: name cannot be provided when a selector is specified\n"
        );
    }

    #[test]
    fn describes_a_replicaset_and_a_configmap() {
        let mut c = scenario();
        let o = c.run("kubectl describe rs");
        let out = o.stdout();
        assert!(out.contains("Controlled By:  Deployment/hello\n"), "{out}");
        assert!(out.contains("Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"));
        c.run("kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: one\nEOF");
        let o = c.run("kubectl describe cm cfg");
        assert_eq!(
            o.stdout(),
            "Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\none\n\n\nBinaryData\n====\n\nEvents:  <none>\n"
        );
    }
}
