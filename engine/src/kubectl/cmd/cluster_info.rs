//! `kubectl cluster-info`: the control plane's address and the cluster
//! services (label `kubernetes.io/cluster-service=true`) in kube-system.

use crate::api::meta;
use crate::apiserver::ListOptions;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::kubeconfig::Kubeconfig;
use crate::kubectl::{Command, Env};
use serde_json::Value;

pub const COMMAND: Command = Command {
    name: "cluster-info",
    aliases: &["clusterinfo"],
    group: "Cluster Management Commands",
    short: "Show where the control plane and the cluster services answer",
    // dump's.
    flags: &[],
    run,
};

/// The server of the current (or `--context`) context's cluster.
fn server(env: &Env, p: &Parsed) -> String {
    let Ok(k) = Kubeconfig::load(env, p) else {
        return String::new();
    };
    let ctx_name = p
        .str("context")
        .filter(|c| !c.is_empty())
        .unwrap_or(k.current_context())
        .to_string();
    let cluster = k
        .context(&ctx_name)
        .and_then(|c| c["context"]["cluster"].as_str().map(String::from))
        .unwrap_or_default();
    k.list("clusters")
        .into_iter()
        .find(|c| c["name"] == cluster.as_str())
        .and_then(|c| c["cluster"]["server"].as_str().map(String::from))
        .unwrap_or_default()
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if p.args.first().is_some_and(|a| a == "dump") {
        return super::cluster_info_dump::run(env, p);
    }
    let host = server(env, p);
    let ns = p
        .str("namespace")
        .filter(|n| !n.is_empty())
        .unwrap_or("kube-system")
        .to_string();
    let r = env
        .world
        .api
        .registry()
        .resolve("services")
        .cloned()
        .ok_or_else(|| CmdError::Plain("services are not served".into()))?;
    let opts = ListOptions {
        label_selector: Some("kubernetes.io/cluster-service=true".into()),
        ..Default::default()
    };
    let services = env.world.api.list(&r, Some(&ns), &opts)?;
    let mut out = format!("Kubernetes control plane is running at {host}\n");
    for svc in services {
        let name = meta::name(&svc).to_string();
        let port = meta::at(&svc, &["spec", "ports"])
            .and_then(Value::as_array)
            .and_then(|ps| ps.first())
            .cloned();
        let path_name = match &port {
            Some(port) => {
                let port_name = port.get("name").and_then(Value::as_str).unwrap_or("");
                let https =
                    port_name == "https" || port.get("port").and_then(Value::as_i64) == Some(443);
                // utilnet.JoinSchemeNamePort: scheme:name:port, trailing parts omitted when empty.
                match (https, port_name.is_empty()) {
                    (true, _) => format!("https:{name}:{port_name}"),
                    (false, false) => format!("{name}:{port_name}"),
                    (false, true) => name.clone(),
                }
            }
            None => name.clone(),
        };
        let link = format!(
            "{host}/api/v1/namespaces/{}/services/{path_name}/proxy",
            meta::namespace(&svc)
        );
        let shown = meta::str_at(&svc, &["metadata", "labels", "kubernetes.io/name"])
            .filter(|n| !n.is_empty())
            .map(String::from)
            .unwrap_or(name);
        out.push_str(&format!("{shown} is running at {link}\n"));
    }
    out.push_str(
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    env.print(out);
    Ok(())
}
