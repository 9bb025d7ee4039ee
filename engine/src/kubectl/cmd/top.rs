//! `kubectl top node|pod`: the metrics API's usage as metricsutil prints it
//! (every cell tab-terminated, so the last column is padded too; CPU in
//! millicores, memory in Mi rounded down, node percentages of allocatable).
//! The usage comes from the metrics API (metrics.k8s.io/v1beta1 PodMetrics
//! and NodeMetrics), which only metrics-server serves: without it, or before
//! it is ready, `error: Metrics API not available`.

use crate::api::aggregated_resources::{METRICS_GROUP, METRICS_VERSION};
use crate::api::meta;
use crate::api::quantity::Quantity;
use crate::api::registry::ApiResource;
use crate::apiserver::ListOptions;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::printers::table::Layout;
use crate::kubectl::{Command, Env};
use serde_json::Value;

pub const COMMAND: Command = Command {
    name: "top",
    aliases: &[],
    group: "Cluster Management Commands",
    short: "Display resource (CPU/memory) usage",
    flags: &[],
    run,
};

/// One measured thing: millicores and bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Usage {
    cpu_milli: i64,
    memory: i64,
}

impl Usage {
    fn add(&mut self, o: &Usage) {
        self.cpu_milli += o.cpu_milli;
        self.memory += o.memory;
    }
}

struct Row {
    namespace: String,
    name: String,
    total: Usage,
    containers: Vec<(String, Usage)>,
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let sort_by = p.str("sort-by").unwrap_or("");
    if !matches!(sort_by, "" | "cpu" | "memory") {
        return Err(CmdError::Plain(
            "--sort-by accepts only cpu or memory".into(),
        ));
    }
    match p.args.first().map(String::as_str) {
        Some("node" | "nodes" | "no") => top_node(env, p, sort_by),
        Some("pod" | "pods" | "po") => top_pod(env, p, sort_by),
        Some(_) => Err(super::help::unknown_subcommand("top", &p.args.join(" "))),
        None => Err(super::help::group_alone("top")),
    }
}

/// A `usage` map's CPU (millicores) and memory (bytes).
fn usage_of(usage: &Value) -> Usage {
    let q = |k: &str| {
        usage
            .get(k)
            .and_then(Value::as_str)
            .and_then(Quantity::parse)
    };
    Usage {
        cpu_milli: q("cpu").map_or(0, |q| q.milli_value() as i64),
        memory: q("memory").map_or(0, |q| q.value() as i64),
    }
}

/// One PodMetrics as a row: its containers' usage and their sum.
fn pod_row(m: &Value) -> Row {
    let mut total = Usage::default();
    let containers = meta::at(m, &["containers"])
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|c| {
            let u = usage_of(&c["usage"]);
            total.add(&u);
            (c["name"].as_str().unwrap_or("").to_string(), u)
        })
        .collect();
    Row {
        namespace: meta::namespace(m).to_string(),
        name: meta::name(m).to_string(),
        total,
        containers,
    }
}

fn resolve(env: &Env, what: &str) -> Result<ApiResource, CmdError> {
    env.world
        .api
        .registry()
        .resolve(what)
        .cloned()
        .ok_or_else(|| CmdError::Plain(format!("{what} are not served")))
}

/// `SupportedMetricsAPIVersionAvailable`: discovery lists metrics.k8s.io/v1beta1.
fn metrics_resource(env: &Env, name: &str) -> Result<ApiResource, CmdError> {
    let reg = env.world.api.registry();
    if !reg.serves_group_version(METRICS_GROUP, METRICS_VERSION) {
        return Err(CmdError::Plain("Metrics API not available".into()));
    }
    resolve(env, &format!("{name}.{METRICS_GROUP}"))
}

/// `verifyEmptyMetrics`: why a list of pod metrics came back empty.
fn verify_empty(env: &Env, ns: &str, opts: &ListOptions) -> Result<(), CmdError> {
    let r = resolve(env, "pods")?;
    let pods = env.world.api.list(&r, Some(ns), opts)?;
    if pods.is_empty() {
        return Ok(());
    }
    let now = env.world.now().0;
    for pod in &pods {
        let created = meta::str_at(pod, &["metadata", "creationTimestamp"])
            .and_then(crate::clock::Time::parse_rfc3339)
            .map_or(now, |t| t.0);
        let age = now - created;
        if age > METRICS_CREATION_DELAY_MS {
            return Err(CmdError::Plain(format!(
                "Metrics not available for pod {}/{}, age: {}",
                meta::namespace(pod),
                meta::name(pod),
                crate::apiserver::metrics_api::go_duration(age)
            )));
        }
    }
    Err(CmdError::Plain("metrics not available yet".into()))
}

/// `metricsCreationDelay`.
const METRICS_CREATION_DELAY_MS: i64 = 2 * 60 * 1000;

fn top_pod(env: &mut Env, p: &Parsed, sort_by: &str) -> Result<(), CmdError> {
    let all = p.bool("all-namespaces");
    let ns = env.namespace(p);
    let name = p.args.get(1).cloned();
    let selector = p.str("selector").unwrap_or("").to_string();
    if name.is_some() && !selector.is_empty() {
        return Err(CmdError::Plain(
            "only one of NAME or selector can be provided".into(),
        ));
    }
    let r = metrics_resource(env, "pods")?;
    let opts = ListOptions {
        label_selector: (!selector.is_empty()).then(|| selector.clone()),
        ..Default::default()
    };
    let metrics: Vec<Value> = match &name {
        Some(n) => vec![env.world.api.get(&r, &ns, n)?],
        None => {
            let list_ns = if all { None } else { Some(ns.as_str()) };
            env.world.api.list(&r, list_ns, &opts)?
        }
    };
    let mut rows: Vec<Row> = metrics.iter().map(pod_row).collect();
    if rows.is_empty() {
        verify_empty(env, &ns, &opts)?;
        if all {
            env.out.err("No resources found\n".to_string());
        } else {
            env.out
                .err(format!("No resources found in {ns} namespace.\n"));
        }
        return Ok(());
    }
    sort_rows(&mut rows, sort_by, all);
    let containers = p.bool("containers");
    let mut lines: Vec<Vec<String>> = vec![];
    let mut width = 3;
    if !p.bool("no-headers") {
        let mut h = vec![];
        if all {
            h.push("NAMESPACE".to_string());
            width += 1;
        }
        if containers {
            h.push("POD".to_string());
            width += 1;
        }
        h.extend(["NAME", "CPU(cores)", "MEMORY(bytes)"].map(String::from));
        lines.push(h);
    }
    let mut sum = Usage::default();
    for row in &mut rows {
        sum.add(&row.total);
        let lead = |line: &mut Vec<String>| {
            if all {
                line.push(row.namespace.clone());
            }
        };
        if containers {
            let mut cs = row.containers.clone();
            sort_containers(&mut cs, sort_by);
            for (cname, u) in cs {
                let mut line = vec![];
                lead(&mut line);
                line.push(row.name.clone());
                line.push(cname);
                line.extend(cells(&u, None));
                lines.push(line);
            }
        } else {
            let mut line = vec![];
            lead(&mut line);
            line.push(row.name.clone());
            line.extend(cells(&row.total, None));
            lines.push(line);
        }
    }
    if p.bool("sum") {
        let mut bar = vec![String::new(); width - 2];
        bar.extend(["________".to_string(), "________".to_string()]);
        lines.push(bar);
        let mut total = vec![String::new(); width - 3];
        total.push(String::new());
        total.extend(cells(&sum, None));
        lines.push(total);
    }
    print_tabbed(env, lines);
    Ok(())
}

fn top_node(env: &mut Env, p: &Parsed, sort_by: &str) -> Result<(), CmdError> {
    let name = p.args.get(1).cloned();
    let selector = p.str("selector").unwrap_or("").to_string();
    let r = metrics_resource(env, "nodes")?;
    let opts = ListOptions {
        label_selector: (!selector.is_empty()).then(|| selector.clone()),
        ..Default::default()
    };
    let metrics: Vec<Value> = match &name {
        Some(n) => vec![env.world.api.get(&r, "", n)?],
        None => env.world.api.list(&r, None, &opts)?,
    };
    if metrics.is_empty() {
        return Err(CmdError::Plain("metrics not available yet".into()));
    }
    let nodes_r = resolve(env, "nodes")?;
    let nodes: Vec<Value> = match &name {
        Some(n) => vec![env.world.api.get(&nodes_r, "", n)?],
        None => env.world.api.list(&nodes_r, None, &opts)?,
    };
    let field = if p.bool("show-capacity") {
        "capacity"
    } else {
        "allocatable"
    };
    let available = |node: &Value| {
        let q = |res: &str| {
            meta::at(node, &["status", field, res])
                .and_then(Value::as_str)
                .and_then(Quantity::parse)
        };
        Usage {
            cpu_milli: q("cpu").map_or(0, |q| q.milli_value() as i64),
            memory: q("memory").map_or(0, |q| q.value() as i64),
        }
    };
    let mut rows: Vec<(Row, Usage)> = metrics
        .iter()
        .map(|m| {
            let node = nodes.iter().find(|n| meta::name(n) == meta::name(m));
            let row = Row {
                namespace: String::new(),
                name: meta::name(m).to_string(),
                total: usage_of(&m["usage"]),
                containers: vec![],
            };
            (row, node.map(available).unwrap_or_default())
        })
        .collect();
    // Nodes metrics-server has nothing for yet: `<unknown>` after the rest.
    let mut missing: Vec<String> = nodes
        .iter()
        .map(|n| meta::name(n).to_string())
        .filter(|n| !rows.iter().any(|(r, _)| &r.name == n))
        .collect();
    missing.sort();
    rows.sort_by(|(a, _), (b, _)| match sort_by {
        "cpu" => b.total.cpu_milli.cmp(&a.total.cpu_milli),
        "memory" => b.total.memory.cmp(&a.total.memory),
        _ => a.name.cmp(&b.name),
    });
    let mut lines: Vec<Vec<String>> = vec![];
    if !p.bool("no-headers") {
        lines.push(
            ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"]
                .map(String::from)
                .to_vec(),
        );
    }
    for (row, available) in &rows {
        let mut line = vec![row.name.clone()];
        line.extend(cells(&row.total, Some(available)));
        lines.push(line);
    }
    for n in missing {
        let mut line = vec![n];
        line.extend(std::iter::repeat_n("<unknown>".to_string(), 4));
        lines.push(line);
    }
    print_tabbed(env, lines);
    Ok(())
}

/// CPU and memory cells (with percentages of `available` for nodes).
fn cells(u: &Usage, available: Option<&Usage>) -> Vec<String> {
    let mut out = vec![format!("{}m", u.cpu_milli)];
    if let Some(a) = available {
        out.push(percent(u.cpu_milli, a.cpu_milli));
    }
    out.push(format!("{}Mi", u.memory / (1024 * 1024)));
    if let Some(a) = available {
        // Go compares MilliValues of memory too; the ratio is the same.
        out.push(percent(u.memory, a.memory));
    }
    out
}

/// `int64(used / available * 100)` with Go's float division.
fn percent(used: i64, available: i64) -> String {
    let fraction = used as f64 / available as f64 * 100.0;
    format!("{}%", fraction as i64)
}

fn sort_rows(rows: &mut [Row], sort_by: &str, with_namespace: bool) {
    rows.sort_by(|a, b| match sort_by {
        "cpu" => b.total.cpu_milli.cmp(&a.total.cpu_milli),
        "memory" => b.total.memory.cmp(&a.total.memory),
        _ if with_namespace && a.namespace != b.namespace => a.namespace.cmp(&b.namespace),
        _ => a.name.cmp(&b.name),
    });
}

fn sort_containers(cs: &mut [(String, Usage)], sort_by: &str) {
    cs.sort_by(|(an, a), (bn, b)| match sort_by {
        "cpu" => b.cpu_milli.cmp(&a.cpu_milli),
        "memory" => b.memory.cmp(&a.memory),
        _ => an.cmp(bn),
    });
}

/// metricsutil ends every cell with a tab, so the tabwriter pads the last
/// column as well: lay out with an empty trailing cell.
fn print_tabbed(env: &mut Env, mut lines: Vec<Vec<String>>) {
    for l in &mut lines {
        l.push(String::new());
    }
    env.print(Layout::default().render(&lines));
}
