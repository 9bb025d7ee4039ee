//! `kubectl get`: tables from the server's Table conversion, or the objects
//! as yaml/json/name.

use crate::api::meta;
use crate::api::table::Table;
use crate::apiserver::ListOptions;
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::table::{cell_text, Layout};
use crate::kubectl::printers::{json, jsonpath, yaml};
use crate::kubectl::resources::{self, Request};
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

pub const COMMAND: Command = Command {
    name: "get",
    aliases: &[],
    group: "Basic Commands (Intermediate)",
    short: "List resources, or show one in detail",
    flags: &[
        Flag::new(
            "output",
            FlagKind::String,
            "",
            "Output format: json, yaml, name, wide.",
        )
        .short('o'),
        Flag::new(
            "selector",
            FlagKind::String,
            "",
            "Label selector to filter on (=, ==, !=, in, notin, exists).",
        )
        .short('l'),
        Flag::new(
            "field-selector",
            FlagKind::String,
            "",
            "Field selector to filter on, e.g. metadata.name=x.",
        ),
        Flag::new(
            "all-namespaces",
            FlagKind::Bool,
            "false",
            "List across every namespace.",
        )
        .short('A'),
        Flag::new(
            "show-labels",
            FlagKind::Bool,
            "false",
            "Add a LABELS column.",
        ),
        Flag::new(
            "no-headers",
            FlagKind::Bool,
            "false",
            "Leave out the header row.",
        ),
        Flag::new(
            "label-columns",
            FlagKind::StringSlice,
            "[]",
            "Add a column per label key.",
        )
        .short('L'),
        Flag::new(
            "show-kind",
            FlagKind::Bool,
            "false",
            "Prefix names with their kind.",
        ),
        Flag::new(
            "ignore-not-found",
            FlagKind::Bool,
            "false",
            "Say nothing about objects that do not exist.",
        ),
        Flag::new(
            "watch",
            FlagKind::Bool,
            "false",
            "Keep printing changes after the list.",
        )
        .short('w'),
        Flag::new("watch-only", FlagKind::Bool, "false", "Print only changes."),
        Flag::new(
            "sort-by",
            FlagKind::String,
            "",
            "Sort list rows by a JSONPath field.",
        ),
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Files naming the objects to get.",
        )
        .short('f'),
        Flag::new(
            "recursive",
            FlagKind::Bool,
            "false",
            "Read directories given with -f recursively.",
        )
        .short('R'),
        Flag::new(
            "chunk-size",
            FlagKind::Int,
            "500",
            "List in chunks of this size.",
        ),
        Flag::new(
            "show-managed-fields",
            FlagKind::Bool,
            "false",
            "Keep managedFields in yaml/json output.",
        ),
        Flag::new(
            "output-watch-events",
            FlagKind::Bool,
            "false",
            "Print watch event types too.",
        ),
        Flag::new(
            "server-print",
            FlagKind::Bool,
            "true",
            "Let the server print tables.",
        ),
    ],
    run,
};

const NO_TYPE: &str = "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n";

enum Format {
    Table { wide: bool },
    Yaml,
    Json,
    Name,
    JsonPath(String),
}

fn format(p: &Parsed) -> Result<Format, CmdError> {
    Ok(match p.str("output").unwrap_or("") {
        "" => Format::Table { wide: false },
        "wide" => Format::Table { wide: true },
        "yaml" => Format::Yaml,
        "json" => Format::Json,
        "name" => Format::Name,
        o if o.starts_with("jsonpath=") => Format::JsonPath(o["jsonpath=".len()..].to_string()),
        other => {
            return Err(CmdError::Plain(format!(
                "unable to match a printer suitable for the output format \"{other}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
            )))
        }
    })
}

/// Objects found for one request, plus the errors met on the way.
struct Found {
    request: Request,
    objects: Vec<Value>,
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let fmt = format(p)?;
    if p.args.is_empty() {
        return Err(CmdError::Raw(NO_TYPE.into()));
    }
    let requests = resources::parse(env.world.api.registry(), &p.args)?;
    let all_ns = p.bool("all-namespaces");
    let ns = env.namespace(p);
    let opts = ListOptions {
        label_selector: p.str("selector").map(String::from),
        field_selector: p.str("field-selector").map(String::from),
    };
    // A watch continues from the list's resourceVersion.
    let start_rev = env.world.api.revision();
    let mut found: Vec<Found> = vec![];
    let mut errors: Vec<String> = vec![];
    let by_name = requests.iter().any(|r| !r.names.is_empty());
    for req in requests {
        let r = &req.resource;
        let mut objects = vec![];
        if req.names.is_empty() {
            let scope = if all_ns { None } else { Some(ns.as_str()) };
            objects = env.world.api.list(r, scope, &opts)?;
        } else {
            for name in &req.names {
                match env.world.api.get(r, &ns, name) {
                    Ok(o) => objects.push(o),
                    Err(s) if s.code == 404 && p.bool("ignore-not-found") => {}
                    Err(s) => errors.push(status_text(&s)),
                }
            }
        }
        found.push(Found {
            request: req,
            objects,
        });
    }
    let total: usize = found.iter().map(|f| f.objects.len()).sum();
    match fmt {
        Format::Table { wide } if p.bool("watch") || p.bool("watch-only") => {
            return watch_table(env, p, &found, wide, all_ns, start_rev);
        }
        Format::Table { wide } => print_tables(env, p, &found, wide, all_ns),
        Format::Name => {
            for f in &found {
                for o in &f.objects {
                    env.print(format!(
                        "{}/{}\n",
                        f.request.resource.qualified_singular(),
                        meta::name(o)
                    ));
                }
            }
        }
        Format::JsonPath(ref template) => {
            let (v, _) = single_or_list(&found, by_name);
            let out = jsonpath::execute(template, &v)
                .map_err(|e| CmdError::Plain(format!("error parsing jsonpath {template}, {e}")))?;
            env.print(out);
        }
        Format::Yaml | Format::Json => {
            let (v, single) = single_or_list(&found, by_name);
            if single || total > 0 || errors.is_empty() {
                env.print(if matches!(fmt, Format::Yaml) {
                    yaml::to_yaml(&v)
                } else {
                    json::to_json(&v)
                });
            }
        }
    }
    let table_like = matches!(format(p)?, Format::Table { .. } | Format::Name);
    if total == 0 && errors.is_empty() && table_like && !p.bool("ignore-not-found") {
        let every_namespaced = found.iter().all(|f| f.request.resource.namespaced);
        if every_namespaced && !all_ns {
            env.eprint(format!("No resources found in {ns} namespace.\n"));
        } else {
            env.eprint("No resources found\n");
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(errors.concat()))
    }
}

/// One object asked for by name prints bare; anything else as a `List`.
fn single_or_list(found: &[Found], by_name: bool) -> (Value, bool) {
    let objects: Vec<Value> = found.iter().flat_map(|f| f.objects.clone()).collect();
    let single =
        by_name && objects.len() == 1 && found.len() == 1 && found[0].request.names.len() == 1;
    if single {
        (objects.into_iter().next().unwrap_or(Value::Null), true)
    } else {
        let list = json!({"apiVersion": "v1", "items": objects, "kind": "List", "metadata": {"resourceVersion": ""}});
        (list, false)
    }
}

fn print_tables(env: &mut Env, p: &Parsed, found: &[Found], wide: bool, all_ns: bool) {
    let show_kind = p.bool("show-kind") || found.len() > 1;
    let mut printed_any = false;
    for f in found {
        if f.objects.is_empty() {
            continue;
        }
        let r = &f.request.resource;
        let refs: Vec<&Value> = f.objects.iter().collect();
        let table = env.world.api.table(r, &refs);
        let lines = table_lines(
            &table,
            p,
            wide,
            all_ns && r.namespaced,
            show_kind.then(|| r.qualified_singular()),
        );
        if printed_any && !p.bool("no-headers") {
            env.print("\n");
        }
        env.print(Layout::default().render(&lines));
        printed_any = true;
    }
}

/// How long a watch runs in virtual time when nothing bounds it.
const WATCH_LIMIT_MS: i64 = 600_000;

/// `get -w`: the list (unless --watch-only), then one row per change, in
/// one table layout whose column widths only grow. It runs in virtual time
/// until `--request-timeout`, the `timeout` around it, or a cap.
fn watch_table(
    env: &mut Env,
    p: &Parsed,
    found: &[Found],
    wide: bool,
    all_ns: bool,
    start_rev: u64,
) -> Result<(), CmdError> {
    if found.len() != 1 {
        return Err(CmdError::Plain("watch is only supported on individual resources and resource collections - more than 1 resource was found".into()));
    }
    let f = &found[0];
    let r = f.request.resource.clone();
    let ns = env.namespace(p);
    let names = f.request.names.clone();
    let mut layout = Layout::default();
    let mut header_done = false;
    let mut emit = |env: &mut Env, objects: &[&Value], header_done: &mut bool| {
        let table = env.world.api.table(&r, objects);
        let mut lines = table_lines(
            &table,
            p,
            wide,
            all_ns && r.namespaced,
            p.bool("show-kind").then(|| r.qualified_singular()),
        );
        if *header_done && !p.bool("no-headers") && !lines.is_empty() {
            lines.remove(0);
        }
        *header_done = true;
        env.print(layout.render(&lines));
    };
    if !p.bool("watch-only") && !f.objects.is_empty() {
        let refs: Vec<&Value> = f.objects.iter().collect();
        emit(env, &refs, &mut header_done);
    }
    let timeout = p
        .str("request-timeout")
        .and_then(crate::kubectl::duration_ms)
        .filter(|ms| *ms > 0);
    let now = env.world.now().0;
    let end = [timeout.map(|t| now + t), env.deadline.map(|d| d.0)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(if env.interactive {
            now
        } else {
            now + WATCH_LIMIT_MS
        });
    let scope = if all_ns { None } else { Some(ns.as_str()) };
    let mut rev = start_rev;
    while env.world.now().0 < end {
        let step = (end - env.world.now().0).min(1000);
        env.world.advance(step);
        let events = env.world.api.watch(&r, scope, rev)?;
        rev = env.world.api.revision();
        for e in events {
            if !names.is_empty() && !names.iter().any(|n| n == meta::name(&e.object)) {
                continue;
            }
            emit(env, &[&e.object], &mut header_done);
        }
    }
    if env.deadline.is_some_and(|d| d.0 <= end) {
        env.timed_out = true;
    }
    Ok(())
}

/// The header and rows kubectl builds from a server Table.
pub fn table_lines(
    table: &Table,
    p: &Parsed,
    wide: bool,
    namespace_column: bool,
    kind_prefix: Option<String>,
) -> Vec<Vec<String>> {
    let visible: Vec<usize> = (0..table.columns.len())
        .filter(|&i| wide || table.columns[i].priority == 0)
        .collect();
    let label_keys = p.all("label-columns");
    let show_labels = p.bool("show-labels");
    let mut lines = vec![];
    if !p.bool("no-headers") {
        let mut h = vec![];
        if namespace_column {
            h.push("NAMESPACE".to_string());
        }
        h.extend(
            visible
                .iter()
                .map(|&i| table.columns[i].name.to_uppercase()),
        );
        for k in &label_keys {
            h.push(k.rsplit('/').next().unwrap_or(k).to_uppercase());
        }
        if show_labels {
            h.push("LABELS".into());
        }
        lines.push(h);
    }
    for row in &table.rows {
        let mut line = vec![];
        if namespace_column {
            line.push(meta::namespace(&row.object).to_string());
        }
        for &i in &visible {
            let mut text = row.cells.get(i).map(cell_text).unwrap_or_default();
            if i == 0 && table.columns[i].format == "name" {
                if let Some(prefix) = &kind_prefix {
                    text = format!("{prefix}/{text}");
                }
            }
            line.push(text);
        }
        let labels = meta::labels(&row.object);
        for k in &label_keys {
            line.push(
                labels
                    .iter()
                    .find(|(lk, _)| lk == k)
                    .map(|(_, v)| v.to_string())
                    .unwrap_or_default(),
            );
        }
        if show_labels {
            line.push(meta::format_labels(&labels));
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    #[test]
    fn unbounded_watch_never_jumps_an_interactive_clock() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        let before = c.now();
        let o = c.run("kubectl get ns -w");
        assert!(o.stdout().starts_with("NAME"));
        assert_eq!(c.now(), before);
        // A script's watch runs to its bound in virtual time.
        let mut s = Cluster::new(Preset::Minikube, 1);
        s.run("kubectl get ns -w --request-timeout=5s");
        assert_eq!(s.now().0 - before.0, 5000);
    }
}
