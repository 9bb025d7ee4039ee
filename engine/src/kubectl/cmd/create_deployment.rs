//! `kubectl create deployment NAME --image=IMG [--replicas=N] [--port=P] [-- CMD]`.

use crate::kubectl::cmd::create::create_generated;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::Env;
use serde_json::{json, Value};

/// The container name kubectl derives from an image: its last path part, without tag or digest.
fn container_name(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let last = last.split('@').next().unwrap_or(last);
    last.split(':').next().unwrap_or(last).to_string()
}

fn deployment(name: &str, p: &Parsed) -> Value {
    let images = p.all("image");
    let args: Vec<String> = p.args.iter().skip(2).cloned().collect();
    let containers: Vec<Value> = images
        .iter()
        .map(|img| {
            let mut c = json!({"image": img, "name": container_name(img), "resources": {}});
            if let Some(port) = p.int("port").filter(|p| *p >= 0) {
                c["ports"] = json!([{"containerPort": port}]);
            }
            if !args.is_empty() {
                c["command"] = json!(args);
            }
            c
        })
        .collect();
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"creationTimestamp": null, "labels": {"app": name}, "name": name},
        "spec": {
            "replicas": p.int("replicas").unwrap_or(1),
            "selector": {"matchLabels": {"app": name}},
            "strategy": {},
            "template": {
                "metadata": {"creationTimestamp": null, "labels": {"app": name}},
                "spec": {"containers": containers},
            },
        },
        "status": {},
    })
}

pub fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if p.all("image").is_empty() {
        return Err(CmdError::Plain("required flag(s) \"image\" not set".into()));
    }
    let Some(name) = p.args.get(1).cloned() else {
        return Err(CmdError::Usage {
            msg: "exactly one NAME is required, got 0".into(),
            command: "kubectl create deployment".into(),
        });
    };
    let obj = deployment(&name, p);
    create_generated(
        env,
        p,
        "deployments.apps",
        &format!("deployment.apps/{name}"),
        obj,
        |s| CmdError::Plain(format!("failed to create deployment: {}", s.message)),
    )
}
