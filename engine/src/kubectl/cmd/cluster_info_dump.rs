//! `kubectl cluster-info dump` (kubectl v0.33.1 pkg/cmd/clusterinfo/
//! clusterinfo_dump.go): the nodes, then per namespace (kube-system and the
//! current one; `--namespaces`, `-A`) its events, replication controllers,
//! services, daemon sets, deployments, replica sets and pods as typed lists
//! (JSON by default), then every container's log between START and END
//! lines. `--output-directory` writes the same into files instead.

use crate::api::meta;
use crate::apiserver::ListOptions;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::printers::{go_order, omit_managed_fields, yaml};
use crate::kubectl::Env;
use serde_json::{json, Value};

/// (resource, list kind, api version, file name) in the order kubectl lists them.
const PER_NAMESPACE: &[(&str, &str, &str, &str)] = &[
    ("events", "EventList", "v1", "events"),
    (
        "replicationcontrollers",
        "ReplicationControllerList",
        "v1",
        "replication-controllers",
    ),
    ("services", "ServiceList", "v1", "services"),
    ("daemonsets.apps", "DaemonSetList", "apps/v1", "daemonsets"),
    (
        "deployments.apps",
        "DeploymentList",
        "apps/v1",
        "deployments",
    ),
    (
        "replicasets.apps",
        "ReplicaSetList",
        "apps/v1",
        "replicasets",
    ),
    ("pods", "PodList", "v1", "pods"),
];

struct Dump<'a> {
    dir: Option<String>,
    yaml: bool,
    out: &'a mut String,
    files: Vec<(String, String)>,
    /// Documents the one YAML printer wrote: it separates the next with `---`.
    printed: usize,
}

impl Dump<'_> {
    /// setupOutputWriter: stdout, or a file below the output directory.
    fn write(&mut self, name: &str, ext: &str, text: &str) {
        match &self.dir {
            None => self.out.push_str(text),
            Some(dir) => {
                let path = format!("{}/{name}{ext}", dir.trim_end_matches('/'));
                match self.files.iter_mut().find(|(p, _)| *p == path) {
                    Some((_, t)) => t.push_str(text),
                    None => self.files.push((path, text.to_string())),
                }
            }
        }
    }

    /// A list as the shared printer prints it.
    fn list(&mut self, name: &str, text: String) {
        let ext = self.ext();
        let text = match (self.yaml, self.printed) {
            (true, n) if n > 0 => format!("---\n{text}"),
            _ => text,
        };
        self.printed += 1;
        self.write(name, ext, &text);
    }

    fn ext(&self) -> &'static str {
        match (&self.dir, self.yaml) {
            (None, _) => "",
            (Some(_), true) => ".yaml",
            (Some(_), false) => ".json",
        }
    }
}

/// A typed list as Go's json.MarshalIndent (4 spaces) or YAML prints it:
/// the items without their kind and apiVersion.
fn typed_list(
    kind: &str,
    api_version: &str,
    revision: u64,
    items: &[Value],
    as_yaml: bool,
) -> String {
    let items: Vec<Value> = items
        .iter()
        .map(|i| {
            let mut i = omit_managed_fields(i).into_owned();
            if let Some(o) = i.as_object_mut() {
                o.remove("kind");
                o.remove("apiVersion");
            }
            i
        })
        .collect();
    // An empty list decodes to Go's nil slice: `null`.
    let items_value = if items.is_empty() {
        Value::Null
    } else {
        json!(items)
    };
    if as_yaml {
        let list = json!({"apiVersion": api_version, "items": items_value, "kind": kind,
            "metadata": {"resourceVersion": revision.to_string()}});
        return yaml::to_yaml(&list);
    }
    let mut s = format!(
        "{{\n    \"kind\": \"{kind}\",\n    \"apiVersion\": \"{api_version}\",\n    \"metadata\": {{\n        \"resourceVersion\": \"{revision}\"\n    }},\n    \"items\": ["
    );
    if items.is_empty() {
        return s.replace("\"items\": [", "\"items\": null\n}\n");
    }
    for (n, item) in items.iter().enumerate() {
        s.push_str(if n == 0 { "\n" } else { ",\n" });
        let text = go_order::to_json(item);
        let lines: Vec<&str> = text.trim_end().lines().collect();
        s.push_str(
            &lines
                .iter()
                .map(|l| format!("        {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    s.push_str("\n    ]\n}\n");
    s
}

pub fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let as_yaml = match p.str("output").unwrap_or("json") {
        "" | "json" => false,
        "yaml" => true,
        other => {
            return Err(CmdError::Plain(format!(
                "unable to match a printer suitable for the output format \"{other}\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"
            )))
        }
    };
    let dir = p
        .str("output-directory")
        .filter(|d| !d.is_empty() && *d != "-")
        .map(|d| crate::kubectl::manifests::absolute(env.cwd, d));
    let namespaces: Vec<String> = if p.bool("all-namespaces") {
        list(env, "namespaces", "")
            .iter()
            .map(|n| meta::name(n).to_string())
            .collect()
    } else if p.has("namespaces") {
        p.all("namespaces")
            .iter()
            .flat_map(|n| n.split(','))
            .map(String::from)
            .collect()
    } else {
        vec!["kube-system".into(), env.namespace(p)]
    };
    let mut out = String::new();
    let mut d = Dump {
        dir: dir.clone(),
        yaml: as_yaml,
        out: &mut out,
        files: vec![],
        printed: 0,
    };
    let revision = env.world.api.revision();
    let nodes = list(env, "nodes", "");
    d.list(
        "nodes",
        typed_list("NodeList", "v1", revision, &nodes, as_yaml),
    );
    for ns in &namespaces {
        let mut pods = vec![];
        for (resource, kind, version, file) in PER_NAMESPACE {
            let items = list(env, resource, ns);
            d.list(
                &format!("{ns}/{file}"),
                typed_list(kind, version, revision, &items, as_yaml),
            );
            if *resource == "pods" {
                pods = items;
            }
        }
        for pod in &pods {
            let name = meta::name(pod);
            let containers = ["initContainers", "containers"].iter().flat_map(|f| {
                pod["spec"][*f]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
            });
            for c in containers {
                let c = c["name"].as_str().unwrap_or("").to_string();
                let log = match env.world.api.pod_log(ns, name, &c, false) {
                    Ok(text) => text,
                    Err(s) => format!("Request log error: {}\n", s.message),
                };
                let text = format!(
                    "==== START logs for container {c} of pod {ns}/{name} ====\n{log}==== END logs for container {c} of pod {ns}/{name} ====\n"
                );
                d.write(&format!("{ns}/{name}/logs"), ".txt", &text);
            }
        }
    }
    let files = std::mem::take(&mut d.files);
    for (path, text) in files {
        if let Some((parent, _)) = path.rsplit_once('/') {
            let _ = env.vfs.mkdir_p(parent);
        }
        env.vfs.write(&path, &text);
    }
    env.print(out);
    if let Some(dir) = p
        .str("output-directory")
        .filter(|d| !d.is_empty() && *d != "-")
    {
        env.print(format!("Cluster info dumped to {dir}\n"));
    }
    Ok(())
}

fn list(env: &Env, resource: &str, ns: &str) -> Vec<Value> {
    let Some(r) = env.world.api.registry().resolve(resource).cloned() else {
        return vec![];
    };
    let ns = (r.namespaced && !ns.is_empty()).then_some(ns);
    env.world
        .api
        .list_shared(&r, ns, &ListOptions::default())
        .map(|l| l.iter().map(|o| (**o).clone()).collect())
        .unwrap_or_default()
}
