//! `kubectl run`: one pod from an image.

use super::run_attached;
use crate::images;
use crate::kubectl::cmd::create::{dry_run, print_typed_result, send_generated};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};
use serde_json::{json, Map, Value};

pub const COMMAND: Command = Command {
    name: "run",
    aliases: &[],
    group: "Basic Commands (Beginner)",
    short: "Start one pod running an image",
    flags: &[
        Flag::new("image", FlagKind::String, "", "The container image to run."),
        Flag::new(
            "restart",
            FlagKind::String,
            "Always",
            "Always, OnFailure or Never: the pod's restart policy.",
        ),
        Flag::new(
            "port",
            FlagKind::String,
            "",
            "The port the container exposes.",
        ),
        Flag::new(
            "labels",
            FlagKind::String,
            "",
            "Labels for the pod, e.g. app=web,tier=front.",
        )
        .short('l'),
        Flag::new(
            "env",
            FlagKind::StringArray,
            "[]",
            "Environment variables NAME=value.",
        ),
        Flag::new(
            "command",
            FlagKind::Bool,
            "false",
            "Treat the arguments after -- as the command, not its arguments.",
        ),
        Flag::new(
            "image-pull-policy",
            FlagKind::String,
            "",
            "Always, IfNotPresent or Never.",
        ),
        Flag::new(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server: only show what would be created.",
        ),
        Flag::new(
            "output",
            FlagKind::String,
            "",
            "Print the pod as json, yaml or name.",
        )
        .short('o'),
        Flag::new(
            "stdin",
            FlagKind::Bool,
            "false",
            "Keep stdin open on the container.",
        )
        .short('i'),
        Flag::new(
            "tty",
            FlagKind::Bool,
            "false",
            "Allocate a terminal for the container.",
        )
        .short('t'),
        Flag::new(
            "rm",
            FlagKind::Bool,
            "false",
            "Delete the pod when it ends (with --attach).",
        ),
        Flag::new(
            "attach",
            FlagKind::Bool,
            "false",
            "Wait for the pod and attach to it.",
        ),
        Flag::new(
            "annotations",
            FlagKind::StringArray,
            "[]",
            "Annotations for the pod.",
        ),
                Flag::new(
            "privileged",
            FlagKind::Bool,
            "false",
            "Run the container privileged.",
        ),
        Flag::new(
            "overrides",
            FlagKind::String,
            "",
            "A JSON patch applied to the generated pod.",
        ),
        Flag::new(
            "field-manager",
            FlagKind::String,
            "kubectl-run",
            "Name of the field manager.",
        ),
        Flag::new(
            "expose",
            FlagKind::Bool,
            "false",
            "Also create a ClusterIP service for the pod (needs --port).",
        ),
            Flag::new("allow-missing-template-keys", FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
        Flag::new("cascade", FlagKind::String, "background", "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
        Flag::new("force", FlagKind::Bool, "false", "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."),
        Flag::new("grace-period", FlagKind::Int, "-1", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."),
        Flag::new("leave-stdin-open", FlagKind::Bool, "false", "If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes."),
        Flag::new("override-type", FlagKind::String, "merge", "The method used to override the generated object: json, merge, or strategic."),
        Flag::new("pod-running-timeout", FlagKind::Duration, "1m0s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
        Flag::new("save-config", FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
        Flag::new("show-managed-fields", FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
        Flag::new("template", FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
        Flag::new("timeout", FlagKind::Duration, "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
        Flag::new("wait", FlagKind::Bool, "false", "If true, wait for resources to be gone before returning. This waits for finalizers."),
        Flag::new("recursive", FlagKind::Bool, "false", "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.").short('R'),
        Flag::new("filename", FlagKind::StringSlice, "[]", "to use to replace the resource.").short('f'),
        Flag::new("kustomize", FlagKind::String, "", "Process a kustomization directory. This flag can't be used together with -f or -R.").short('k'),
        Flag::new("quiet", FlagKind::Bool, "false", "If true, suppress prompt messages.").short('q'),
        crate::kubectl::flags::RECORD,
    ],
    run,
};

fn pod(name: &str, p: &Parsed) -> Result<Value, CmdError> {
    let image = p.str("image").unwrap_or("");
    let mut container = json!({"image": image, "name": name, "resources": {}});
    let args: Vec<String> = p.args[1..].to_vec();
    if !args.is_empty() {
        let key = if p.bool("command") { "command" } else { "args" };
        container[key] = json!(args);
    }
    let env: Vec<Value> = p
        .all("env")
        .iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) => Ok(json!({"name": k, "value": v})),
            None => Err(CmdError::Plain(format!("invalid env: {e}"))),
        })
        .collect::<Result<_, _>>()?;
    if !env.is_empty() {
        container["env"] = json!(env);
    }
    if let Some(port) = p.str("port").filter(|s| !s.is_empty()) {
        let n: i64 = port
            .parse()
            .map_err(|_| CmdError::Plain("--port must be a number".into()))?;
        container["ports"] = json!([{"containerPort": n}]);
    }
    if let Some(policy) = p.str("image-pull-policy").filter(|s| !s.is_empty()) {
        container["imagePullPolicy"] = json!(policy);
    }
    if p.bool("stdin") {
        container["stdin"] = json!(true);
    }
    if p.bool("tty") {
        container["tty"] = json!(true);
    }
    if p.bool("privileged") {
        container["securityContext"] = json!({"privileged": true});
    }
    let labels = match p.str("labels").filter(|s| !s.is_empty()) {
        Some(ls) => user_labels(ls)?,
        None => json!({ "run": name }),
    };
    let mut metadata = json!({"creationTimestamp": null, "labels": labels, "name": name});
    let annotations: Map<String, Value> = p
        .all("annotations")
        .iter()
        .filter_map(|a| a.split_once('=').map(|(k, v)| (k.to_string(), json!(v))))
        .collect();
    if !annotations.is_empty() {
        metadata["annotations"] = Value::Object(annotations);
    }
    let mut spec = json!({"containers": [container], "dnsPolicy": "ClusterFirst",
                          "restartPolicy": p.str("restart").unwrap_or("Always")});
    if let Some(sa) = p.str("serviceaccount").filter(|s| !s.is_empty()) {
        spec["serviceAccountName"] = json!(sa);
    }
    Ok(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": metadata,
        "spec": spec, "status": {}
    }))
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    // cobra checks required flags before the command runs.
    if !p.has("image") {
        return Err(CmdError::Plain("required flag(s) \"image\" not set".into()));
    }
    let Some(name) = p.args.first().cloned() else {
        return Err(CmdError::Usage {
            msg: "NAME is required for run".into(),
            command: "kubectl run".into(),
        });
    };
    let image = p.str("image").unwrap_or("").to_string();
    if image.is_empty() {
        return Err(CmdError::Plain("required flag(s) \"image\" not set".into()));
    }
    if images::parse(&image).is_err() {
        return Err(CmdError::Plain(format!(
            "Invalid image name \"{image}\": invalid reference format"
        )));
    }
    if !matches!(p.str("restart"), Some("Always" | "OnFailure" | "Never")) {
        return Err(CmdError::Usage {
            msg: format!("invalid restart policy: {}", p.str("restart").unwrap_or("")),
            command: "kubectl run".into(),
        });
    }
    let port = p.str("port").unwrap_or("").to_string();
    if !port.is_empty() && port.parse::<i64>().is_err() {
        return Err(CmdError::Plain(format!(
            "strconv.Atoi: parsing \"{port}\": invalid syntax"
        )));
    }
    if p.bool("expose") && port.is_empty() {
        return Err(CmdError::Usage {
            msg: "--port must be set when exposing a service".into(),
            command: "kubectl run".into(),
        });
    }
    let attach = if p.has("attach") {
        p.bool("attach")
    } else {
        p.bool("stdin")
    };
    let usage = |msg: &str| CmdError::Usage {
        msg: msg.into(),
        command: "kubectl run".into(),
    };
    if p.bool("tty") && !p.bool("stdin") {
        return Err(usage(
            "-i/--stdin is required for containers with -t/--tty=true",
        ));
    }
    if p.bool("rm") && !attach {
        return Err(usage("--rm should only be used for attached containers"));
    }
    if attach && matches!(p.str("dry-run"), Some("client" | "server")) {
        return Err(usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
    }
    let mut obj = pod(&name, p)?;
    if let Some(o) = p.str("overrides").filter(|o| !o.is_empty()) {
        obj = overridden(obj, o, p.str("override-type").unwrap_or("merge"))?;
        // The merged JSON is decoded into a typed Pod: fields it does not
        // know are dropped before anything is sent.
        if let Some(r) = env.world.api.registry().resolve("pods").cloned() {
            crate::apiserver::field_validation::prune(&r, &mut obj);
        }
    }
    // run.go createGeneratedObject records each object it creates.
    crate::kubectl::record::record(p, &mut obj);
    let d = dry_run(p)?;
    if attach {
        let created = send_generated(env, p, "pods", obj, CmdError::Api)?;
        return run_attached::attach_after_run(env, p, &created);
    }
    let created = send_generated(env, p, "pods", obj, CmdError::Api)?;
    let labels = created
        .pointer("/metadata/labels")
        .cloned()
        .unwrap_or(json!({}));
    let mut printed = vec![(format!("pod/{name}"), created)];
    let mut error = None;
    if p.bool("expose") {
        let n: i64 = port.parse().unwrap_or(0);
        let mut metadata = json!({"creationTimestamp": null, "name": name});
        if let Some(ls) = p.str("labels").filter(|s| !s.is_empty()) {
            metadata["labels"] = user_labels(ls)?;
        }
        let mut svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": metadata,
            "spec": {"ports": [{"port": n, "protocol": "TCP", "targetPort": n}], "selector": labels},
            "status": {"loadBalancer": {}}});
        crate::kubectl::record::record(p, &mut svc);
        match send_generated(env, p, "services", svc, CmdError::Api) {
            // run.go's generateService prints the Service as it creates
            // it; the pod is printed after.
            Ok(s) => printed.insert(0, (format!("service/{name}"), s)),
            Err(e) => error = Some(e),
        }
    }
    for (i, (kind_name, obj)) in printed.iter().enumerate() {
        // run.go writes a separator, and the YAML printer its own.
        if i > 0 && p.str("output") == Some("yaml") {
            env.print("---\n---\n");
        }
        print_typed_result(env, p, kind_name, obj, "created", d);
    }
    error.map_or(Ok(()), Err)
}

/// `--overrides`: the generated pod patched with the JSON given, as
/// `--override-type` says (run.go's overrider).
fn overridden(obj: Value, overrides: &str, kind: &str) -> Result<Value, CmdError> {
    use crate::apiserver::PatchType;
    let kind = match kind {
        "merge" => PatchType::Merge,
        "strategic" => PatchType::Strategic,
        "json" => PatchType::Json,
        other => return Err(CmdError::Plain(format!("invalid override type: {other}"))),
    };
    let patch: Value = serde_json::from_str(overrides)
        .map_err(|_| CmdError::Plain("Invalid JSON Patch".into()))?;
    let mut pod = crate::apiserver::patch::apply(kind, &obj, &patch).map_err(CmdError::Plain)?;
    // Back through the typed Pod: a container's resources struct is never
    // left out.
    for c in pod["spec"]["containers"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        if c.is_object() && c.get("resources").is_none() {
            c["resources"] = json!({});
        }
    }
    Ok(pod)
}

/// `--labels=k=v,k2=v2` (generate.ParseLabels).
fn user_labels(ls: &str) -> Result<Value, CmdError> {
    let mut labels = Map::new();
    for kv in ls.split(',') {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| CmdError::Plain(format!("unexpected label spec: {kv}")))?;
        labels.insert(k.into(), json!(v));
    }
    Ok(Value::Object(labels))
}
