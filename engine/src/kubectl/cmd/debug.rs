//! `kubectl debug`: an ephemeral debug container in a running pod (through
//! `pods/ephemeralcontainers`), a debug copy of a pod (`--copy-to`), or a
//! pod in the host namespaces of a node (`node/NAME`); `-it` then attaches.

use super::attach;
use super::run_attached::wait_running;
use crate::api::meta;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env, Stream};
use crate::rng::Rng;
use serde_json::{json, Value};

const ONLY_COPY: &str = "(This flag only works when used with '--copy-to')";

pub const COMMAND: Command = Command {
    name: "debug",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Create debugging sessions for troubleshooting workloads and nodes",
    flags: &[
        Flag::new("arguments-only", FlagKind::Bool, "false", "Pass what follows -- as Args, not Command."),
        Flag::new("attach", FlagKind::Bool, "false", "Wait for the container to run, then attach (default true with -i)."),
        Flag::new("container", FlagKind::String, "", "Container name to use for debug container.").short('c'),
        Flag::new("copy-to", FlagKind::String, "", "Create a copy of the target Pod with this name."),
        Flag::new("custom", FlagKind::String, "", "Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles."),
        Flag::new("env", FlagKind::StringArray, "[]", "Environment variables to set in the container."),
        Flag::new("filename", FlagKind::StringSlice, "[]", "identifying the resource to debug").short('f'),
        Flag::new("image", FlagKind::String, "", "Container image to use for debug container."),
        Flag::new("image-pull-policy", FlagKind::String, "", "The image pull policy for the container."),
        Flag::new("keep-annotations", FlagKind::Bool, "false", ONLY_COPY),
        Flag::new("keep-init-containers", FlagKind::Bool, "true", ONLY_COPY),
        Flag::new("keep-labels", FlagKind::Bool, "false", ONLY_COPY),
        Flag::new("keep-liveness", FlagKind::Bool, "false", ONLY_COPY),
        Flag::new("keep-readiness", FlagKind::Bool, "false", ONLY_COPY),
        Flag::new("keep-startup", FlagKind::Bool, "false", ONLY_COPY),
        Flag::new("profile", FlagKind::String, "legacy", "Options are \"legacy\", \"general\", \"baseline\", \"netadmin\", \"restricted\" or \"sysadmin\"."),
        Flag::new("quiet", FlagKind::Bool, "false", "If true, suppress informational messages.").short('q'),
        Flag::new("replace", FlagKind::Bool, "false", "When used with '--copy-to', delete the original Pod."),
        Flag::new("same-node", FlagKind::Bool, "false", "When used with '--copy-to', schedule the copy of target Pod on the same node."),
        Flag::new("set-image", FlagKind::StringSlice, "[]", "When used with '--copy-to', name=image pairs for changing container images."),
        Flag::new("share-processes", FlagKind::Bool, "true", "When used with '--copy-to', enable process namespace sharing in the copy."),
        Flag::new("stdin", FlagKind::Bool, "false", "Keep stdin open on the container(s) in the pod, even if nothing is attached.").short('i'),
        Flag::new("target", FlagKind::String, "", "When using an ephemeral container, target processes in this container name."),
        Flag::new("tty", FlagKind::Bool, "false", "Allocate a TTY for the debugging container.").short('t'),
    ],
    run,
};

const PROFILES: &[&str] = &[
    "legacy",
    "general",
    "baseline",
    "netadmin",
    "restricted",
    "sysadmin",
];

/// What the user asked for, after the flags are checked.
struct Opts {
    image: String,
    container: String,
    args: Vec<String>,
    args_only: bool,
    stdin: bool,
    tty: bool,
    quiet: bool,
    attach: bool,
    env: Vec<Value>,
    pull_policy: String,
}

impl Opts {
    /// The debug container's own fields (the ephemeral and the copy's).
    fn container(&self, name: &str) -> Value {
        let mut c = json!({"name": name, "image": self.image, "terminationMessagePolicy": "File"});
        if !self.args.is_empty() {
            c[if self.args_only { "args" } else { "command" }] = json!(self.args);
        }
        if !self.env.is_empty() {
            c["env"] = json!(self.env);
        }
        if !self.pull_policy.is_empty() {
            c["imagePullPolicy"] = json!(self.pull_policy);
        }
        if self.stdin {
            c["stdin"] = json!(true);
        }
        if self.tty {
            c["tty"] = json!(true);
        }
        c
    }
}

fn plain(s: &str) -> CmdError {
    CmdError::Plain(s.into())
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let (targets, args) = match p.dash_index {
        Some(i) => (p.args[..i].to_vec(), p.args[i..].to_vec()),
        None => (p.args.clone(), vec![]),
    };
    let image = p.str("image").unwrap_or("").to_string();
    let copy_to = p.str("copy-to").unwrap_or("").to_string();
    let set_images = p.all("set-image");
    let container = p.str("container").unwrap_or("").to_string();
    let stdin = p.bool("stdin");
    let attach = if p.has("attach") {
        p.bool("attach")
    } else {
        stdin
    };
    let quiet = p.bool("quiet");
    // DebugOptions.Validate, in its order.
    if attach && p.has("attach") && image.is_empty() && container.is_empty() {
        return Err(plain("you must specify --container or create a new container using --image in order to attach."));
    }
    if !copy_to.is_empty() {
        if image.is_empty() && set_images.is_empty() && args.is_empty() {
            return Err(plain(
                "you must specify --image, --set-image or command arguments.",
            ));
        }
        if !args.is_empty() && container.is_empty() && image.is_empty() {
            return Err(plain(
                "you must specify an existing container or a new image when specifying args.",
            ));
        }
    } else if p.bool("replace") {
        return Err(plain("--replace may only be used with --copy-to."));
    } else if p.bool("same-node") {
        return Err(plain("--same-node may only be used with --copy-to."));
    } else if !set_images.is_empty() {
        return Err(plain("--set-image may only be used with --copy-to."));
    } else if image.is_empty() {
        return Err(plain("you must specify --image when not using --copy-to."));
    }
    if !image.is_empty() && crate::images::parse(&image).is_err() {
        return Err(CmdError::Plain(format!(
            "invalid image name \"{image}\": invalid reference format"
        )));
    }
    if targets.is_empty() && p.all("filename").is_empty() {
        return Err(plain("NAME or filename is required for debug"));
    }
    let pull_policy = p.str("image-pull-policy").unwrap_or("").to_string();
    if !matches!(
        pull_policy.as_str(),
        "" | "Always" | "IfNotPresent" | "Never"
    ) {
        return Err(CmdError::Plain(format!(
            "invalid image pull policy: {pull_policy}"
        )));
    }
    let profile = p.str("profile").unwrap_or("legacy");
    if !PROFILES.contains(&profile) {
        return Err(CmdError::Plain(format!("unknown profile: {profile}")));
    }
    let target = p.str("target").unwrap_or("").to_string();
    if !target.is_empty() {
        if !copy_to.is_empty() {
            return Err(plain(
                "--target is incompatible with --copy-to. Use --share-processes instead.",
            ));
        }
        if !quiet {
            env.print(format!("Targeting container \"{target}\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n"));
        }
    }
    if p.bool("tty") && !stdin {
        return Err(plain(
            "-i/--stdin is required for containers with -t/--tty=true",
        ));
    }
    if profile == "legacy" {
        env.eprint("--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\n");
    }
    let opts = Opts {
        image,
        container,
        args,
        args_only: p.bool("arguments-only"),
        stdin,
        tty: p.bool("tty"),
        quiet,
        attach,
        env: p
            .all("env")
            .iter()
            .map(|e| {
                let (k, v) = e.split_once('=').unwrap_or((e, ""));
                json!({"name": k, "value": v})
            })
            .collect(),
        pull_policy,
    };
    let ns = env.namespace(p);
    for t in &targets {
        let (kind, name) = match t.split_once('/') {
            Some((k, n)) => (k.to_lowercase(), n.to_string()),
            None => ("pods".into(), t.clone()),
        };
        let (pod, container) = match kind.as_str() {
            "node" | "nodes" | "no" => debug_node(env, &opts, &ns, &name)?,
            "pod" | "pods" | "po" if !copy_to.is_empty() => {
                debug_copy(env, p, &opts, &ns, &name, &copy_to)?
            }
            "pod" | "pods" | "po" => debug_ephemeral(env, &opts, &ns, &name, &target)?,
            other => {
                let r = env
                    .world
                    .api
                    .registry()
                    .resolve(other)
                    .cloned()
                    .ok_or_else(|| {
                        CmdError::Plain(format!(
                            "the server doesn't have a resource type \"{other}\""
                        ))
                    })?;
                let obj = env.world.api.get(&r, &ns, &name)?;
                // GroupVersionKind.String(): "apps/v1, Kind=Deployment", "/v1, Kind=Service".
                return Err(CmdError::Plain(format!(
                    "\"{}/{}, Kind={}\" not supported by debug",
                    r.group,
                    r.version,
                    obj["kind"].as_str().unwrap_or("")
                )));
            }
        };
        if opts.attach && !container.is_empty() {
            attach_to(env, &pod, &container, &opts)?;
        }
    }
    Ok(())
}

/// A name for the debug container no container of the pod has.
fn debug_name(env: &mut Env, opts: &Opts, pod: &Value) -> String {
    if !opts.container.is_empty() {
        return opts.container.clone();
    }
    let salt = meta::str_at(pod, &["metadata", "uid"])
        .unwrap_or("")
        .bytes()
        .fold(
            env.world.api.revision() ^ env.world.now().0 as u64,
            |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)),
        );
    let mut rng = Rng::seeded(salt);
    let mut name = String::new();
    while name.is_empty() || attach::container_spec(pod, &name).is_some() {
        name = format!("debugger-{}", rng.name_suffix(5));
    }
    if !opts.quiet {
        env.print(format!("Defaulting debug container name to {name}.\n"));
    }
    name
}

fn debug_ephemeral(
    env: &mut Env,
    opts: &Opts,
    ns: &str,
    name: &str,
    target: &str,
) -> Result<(Value, String), CmdError> {
    let r = env
        .world
        .api
        .registry()
        .resolve("pods")
        .cloned()
        .ok_or_else(|| plain("pods are not served"))?;
    let pod = env.world.api.get(&r, ns, name)?;
    let cname = debug_name(env, opts, &pod);
    let mut ec = opts.container(&cname);
    if !target.is_empty() {
        ec["targetContainerName"] = json!(target);
    }
    // debug.go sends the new container as a strategic merge patch of the
    // ephemeralcontainers subresource: a name already there merges into it.
    let patch = json!({"spec": {"ephemeralContainers": [ec]}});
    let body = patch.to_string();
    let request = crate::apiserver::patch_request::PatchRequest {
        content_type: crate::apiserver::patch::PatchType::Strategic.content_type(),
        body: body.as_bytes(),
        field_validation: None,
        dry_run: false,
        force: None,
        field_manager: None,
    };
    let (updated, _) =
        env.world
            .api
            .patch_request(&r, ns, name, Some("ephemeralcontainers"), &request)?;
    Ok((updated, cname))
}

fn debug_copy(
    env: &mut Env,
    p: &Parsed,
    opts: &Opts,
    ns: &str,
    name: &str,
    copy_to: &str,
) -> Result<(Value, String), CmdError> {
    let r = env
        .world
        .api
        .registry()
        .resolve("pods")
        .cloned()
        .ok_or_else(|| plain("pods are not served"))?;
    let pod = env.world.api.get(&r, ns, name)?;
    let mut spec = pod["spec"].clone();
    if let Some(m) = spec.as_object_mut() {
        m.remove("ephemeralContainers");
        if !p.bool("same-node") {
            m.remove("nodeName");
        }
        if p.has("share-processes") {
            m.insert(
                "shareProcessNamespace".into(),
                json!(p.bool("share-processes")),
            );
        }
        if !p.bool("keep-init-containers") {
            m.remove("initContainers");
        }
    }
    let mut images: Vec<(String, String)> = vec![];
    for pair in p.all("set-image") {
        let (k, v) = pair.split_once('=').unwrap_or((&pair, ""));
        images.push((k.to_string(), v.to_string()));
    }
    if let Some(cs) = spec["containers"].as_array_mut() {
        for c in cs.iter_mut() {
            let cname = c["name"].as_str().unwrap_or("").to_string();
            let img = images
                .iter()
                .find(|(k, _)| *k == cname)
                .or_else(|| images.iter().find(|(k, _)| k == "*"));
            if let Some((_, i)) = img {
                c["image"] = json!(i);
            }
            for (flag, probe) in [
                ("keep-liveness", "livenessProbe"),
                ("keep-readiness", "readinessProbe"),
                ("keep-startup", "startupProbe"),
            ] {
                if !p.bool(flag) {
                    if let Some(o) = c.as_object_mut() {
                        o.remove(probe);
                    }
                }
            }
        }
    }
    let mut copy_meta = json!({"name": copy_to, "namespace": ns});
    if p.bool("keep-labels") {
        if let Some(l) = pod["metadata"].get("labels") {
            copy_meta["labels"] = l.clone();
        }
    }
    if p.bool("keep-annotations") {
        if let Some(a) = pod["metadata"].get("annotations") {
            copy_meta["annotations"] = a.clone();
        }
    }
    let mut copied =
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": copy_meta, "spec": spec});
    let existing =
        !opts.container.is_empty() && attach::container_spec(&copied, &opts.container).is_some();
    let cname = if existing {
        opts.container.clone()
    } else if opts.image.is_empty() {
        String::new()
    } else {
        debug_name(env, opts, &copied)
    };
    if !cname.is_empty() {
        let fields = opts.container(&cname);
        let cs = copied["spec"]["containers"]
            .as_array_mut()
            .expect("a pod has containers");
        match cs.iter_mut().find(|c| c["name"] == cname.as_str()) {
            Some(c) => {
                for (k, v) in fields.as_object().expect("an object") {
                    if k != "terminationMessagePolicy" {
                        c[k] = v.clone();
                    }
                }
                if !opts.args.is_empty() && !opts.args_only {
                    if let Some(o) = c.as_object_mut() {
                        o.remove("args");
                    }
                }
            }
            None => cs.push(fields),
        }
    }
    let created = env.world.api.create(&r, ns, copied, &Default::default())?;
    if p.bool("replace") {
        let opts = crate::apiserver::WriteOptions {
            grace_period: Some(0),
            ..Default::default()
        };
        env.world.api.delete(&r, ns, name, &opts)?;
    }
    Ok((created, cname))
}

fn debug_node(
    env: &mut Env,
    opts: &Opts,
    ns: &str,
    node: &str,
) -> Result<(Value, String), CmdError> {
    let nodes = env
        .world
        .api
        .registry()
        .resolve("nodes")
        .cloned()
        .ok_or_else(|| plain("nodes are not served"))?;
    let n = env.world.api.get(&nodes, "", node)?;
    let cname = if opts.container.is_empty() {
        "debugger".to_string()
    } else {
        opts.container.clone()
    };
    let salt = meta::str_at(&n, &["metadata", "uid"])
        .unwrap_or("")
        .bytes()
        .fold(
            env.world.api.revision() ^ env.world.now().0 as u64,
            |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)),
        );
    let pod_name = format!("node-debugger-{node}-{}", Rng::seeded(salt).name_suffix(5));
    if !opts.quiet {
        env.print(format!(
            "Creating debugging pod {pod_name} with container {cname} on node {node}.\n"
        ));
    }
    let mut c = opts.container(&cname);
    c["volumeMounts"] = json!([{"mountPath": "/host", "name": "host-root"}]);
    let pod = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": pod_name},
        "spec": {
            "containers": [c],
            "hostIPC": true, "hostNetwork": true, "hostPID": true,
            "nodeName": node,
            "restartPolicy": "Never",
            "tolerations": [{"operator": "Exists"}],
            "volumes": [{"hostPath": {"path": "/"}, "name": "host-root"}],
        }
    });
    let pods = env
        .world
        .api
        .registry()
        .resolve("pods")
        .cloned()
        .ok_or_else(|| plain("pods are not served"))?;
    let created = env.world.api.create(&pods, ns, pod, &Default::default())?;
    Ok((created, cname))
}

/// handleAttachPod: wait for the debug container, then attach, or print its
/// log when it already ended.
fn attach_to(env: &mut Env, pod: &Value, container: &str, opts: &Opts) -> Result<(), CmdError> {
    let ns = meta::namespace(pod).to_string();
    let name = meta::name(pod).to_string();
    // kubectl waits without a timeout; five minutes of virtual time here.
    let Some(pod) = wait_running(env, &ns, &name, container, 300_000) else {
        return Err(CmdError::Api(crate::api::Status::not_found(
            env.world
                .api
                .registry()
                .resolve("pods")
                .expect("pods are served"),
            "",
        )));
    };
    if !attach::is_running(&pod, container) {
        if let Ok(log) = env.world.api.pod_log(&ns, &name, container, false) {
            env.print(log);
        }
        return Ok(());
    }
    if let Some(s) = attach::join(env, &pod, container, opts.stdin, opts.tty, opts.quiet) {
        env.stream = Some(Stream::Session(Box::new(s)));
    }
    Ok(())
}
