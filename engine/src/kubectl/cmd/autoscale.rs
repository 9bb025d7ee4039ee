//! `kubectl autoscale TYPE NAME --max=N [--min=N] [--cpu-percent=N]`: an
//! autoscaling/v2 HorizontalPodAutoscaler for a scalable object (v1.33 has
//! no `--cpu`/`--memory`; they came in v1.34).

use super::create::{dry_run, print_typed_result, DryRun};
use crate::api::meta;
use crate::apiserver::WriteOptions;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{resources, Command, Env};
use serde_json::{json, Value};

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

pub const COMMAND: Command = Command {
    name: "autoscale",
    aliases: &[],
    group: "Deploy Commands",
    short: "Auto-scale a deployment, replica set, stateful set, or replication controller",
    flags: &[
        f(
            "allow-missing-template-keys",
            FlagKind::Bool,
            "true",
            "Ignore template errors for missing fields or keys.",
        ),
        f(
            "cpu-percent",
            FlagKind::Int,
            "-1",
            "Target average CPU utilization, in percent of the requests (default: the server's policy).",
        ),
        f(
            "dry-run",
            FlagKind::String,
            "none",
            "none, client or server.",
        ),
        f(
            "field-manager",
            FlagKind::String,
            "kubectl-autoscale",
            "Name of the manager used to track field ownership.",
        ),
        f(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files identifying the resource to autoscale.",
        )
        .short('f'),
        f(
            "kustomize",
            FlagKind::String,
            "",
            "A kustomization directory to process.",
        )
        .short('k'),
        f(
            "max",
            FlagKind::Int,
            "-1",
            "The upper limit for the number of pods. Required.",
        ),
        f(
            "min",
            FlagKind::Int,
            "-1",
            "The lower limit for the number of pods (default: the server's).",
        ),
        f(
            "name",
            FlagKind::String,
            "",
            "The new object's name (default: the target's).",
        ),
        f(
            "output",
            FlagKind::String,
            "",
            "Output format: json, yaml, name.",
        )
        .short('o'),
        f(
            "recursive",
            FlagKind::Bool,
            "false",
            "Process -f directories recursively.",
        )
        .short('R'),
        f(
            "save-config",
            FlagKind::Bool,
            "false",
            "Record the configuration for later kubectl apply.",
        ),
        f(
            "show-managed-fields",
            FlagKind::Bool,
            "false",
            "Keep managedFields in JSON or YAML output.",
        ),
        f(
            "template",
            FlagKind::String,
            "",
            "Template for -o go-template.",
        ),
        crate::kubectl::flags::RECORD,
    ],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let d = dry_run(p)?;
    let max = p.int("max").unwrap_or(-1);
    let min = p.int("min").unwrap_or(-1);
    let cpu_percent = p.int("cpu-percent").unwrap_or(-1);
    if max < 1 {
        return Err(CmdError::Plain(format!(
            "--max=MAXPODS is required and must be at least 1, max: {max}"
        )));
    }
    if max < min {
        return Err(CmdError::Plain(format!(
            "--max=MAXPODS must be larger or equal to --min=MINPODS, max: {max}, min: {min}"
        )));
    }
    let mut metrics = vec![];
    let metric =
        |name: &str, t: Value| json!({"resource": {"name": name, "target": t}, "type": "Resource"});
    if cpu_percent > 0 {
        metrics.push(metric(
            "cpu",
            json!({"averageUtilization": cpu_percent, "type": "Utilization"}),
        ));
    }
    let reqs = resources::parse(env.world.api.registry(), &p.args)?;
    if reqs.is_empty() {
        return Err(CmdError::Raw("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n".into()));
    }
    let ns = env.namespace(p);
    let hpa_r = env
        .world
        .api
        .registry()
        .resolve("horizontalpodautoscalers.autoscaling")
        .cloned()
        .ok_or_else(|| CmdError::Plain("horizontalpodautoscalers are not served".into()))?;
    for req in reqs {
        if req.names.is_empty() {
            return Err(CmdError::Plain(
                "resource(s) were provided, but no name was specified".into(),
            ));
        }
        let r = &req.resource;
        for name in &req.names {
            let obj = env.world.api.get(r, &ns, name)?;
            if !matches!(
                r.kind.as_str(),
                "Deployment" | "ReplicaSet" | "StatefulSet" | "ReplicationController"
            ) {
                return Err(CmdError::Plain(format!(
                    "cannot autoscale a {}: could not find scale subresource for {}/{}, Resource={} in discovery information",
                    r.kind, r.group, r.version, r.name
                )));
            }
            let hpa_name = p
                .str("name")
                .filter(|n| !n.is_empty())
                .unwrap_or(name)
                .to_string();
            let mut spec = json!({"maxReplicas": max,
                "scaleTargetRef": {"apiVersion": r.api_version(), "kind": r.kind, "name": meta::name(&obj)}});
            if min > 0 {
                spec["minReplicas"] = json!(min);
            }
            if !metrics.is_empty() {
                spec["metrics"] = json!(metrics);
            }
            let mut hpa = json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                "metadata": {"creationTimestamp": null, "name": hpa_name}, "spec": spec,
                "status": {"currentMetrics": null, "desiredReplicas": 0}});
            if p.has("namespace") {
                meta::metadata_mut(&mut hpa).insert("namespace".into(), json!(ns));
            }
            // autoscale.go handleHPA records first.
            crate::kubectl::record::record(p, &mut hpa);
            let kind_name = format!("horizontalpodautoscaler.autoscaling/{hpa_name}");
            if d == DryRun::Client {
                print_typed_result(env, p, &kind_name, &hpa, "created", d);
                continue;
            }
            let mut body = hpa;
            meta::metadata_mut(&mut body).remove("creationTimestamp");
            body.as_object_mut().map(|m| m.remove("status"));
            let opts = WriteOptions {
                dry_run: d == DryRun::Server,
                ..Default::default()
            };
            let created = env.world.api.create(&hpa_r, &ns, body, &opts)?;
            print_typed_result(env, p, &kind_name, &created, "autoscaled", d);
        }
    }
    Ok(())
}
