//! `kubectl get`: tables from the server's Table conversion, or the objects
//! as yaml/json/name.

use super::get_watch::WatchStream;
use crate::api::meta;
use crate::api::table::{RowObject, Table};
use crate::apiserver::{ListOptions, PageOptions};
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::table::{cell_text, Layout};
use crate::kubectl::printers::{json, jsonpath, yaml};
use crate::kubectl::resources::{self, Request};
use crate::kubectl::{Command, Env, Stream};
use serde_json::{json, Value};
use std::sync::Arc;

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
            "template",
            FlagKind::String,
            "",
            "Template string or file for -o go-template / go-template-file.",
        ),
        Flag::new(
            "allow-missing-template-keys",
            FlagKind::Bool,
            "true",
            "Ignore template errors for missing fields or keys.",
        ),
        Flag::new(
            "server-print",
            FlagKind::Bool,
            "true",
            "Let the server print tables.",
        ),
            Flag::new("raw", FlagKind::String, "", "Raw URI to request from the server.  Uses the transport specified by the kubeconfig file."),
        Flag::new("subresource", FlagKind::String, "", "If specified, gets the subresource of the requested object."),
        Flag::new("kustomize", FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R.").short('k'),
    ],
    run,
};

const NO_TYPE: &str = "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n";

enum Format {
    Table {
        wide: bool,
    },
    Yaml,
    Json,
    Name,
    JsonPath(String),
    JsonPathAsJson(String),
    GoTemplate(String),
    /// (header, JSONPath template) per column.
    CustomColumns(Vec<(String, String)>),
}

fn format(env: &Env, p: &Parsed) -> Result<Format, CmdError> {
    let o = p.str("output").unwrap_or("");
    let (kind, arg) = match o.split_once('=') {
        Some((k, a)) => (k, Some(a.to_string())),
        None => (o, None),
    };
    // `-o go-template --template=...`
    let arg = arg.or_else(|| {
        p.str("template")
            .filter(|t| !t.is_empty())
            .map(String::from)
    });
    let read = |path: &str| -> Result<String, CmdError> {
        env.vfs
            .read(&crate::kubectl::manifests::absolute(env.cwd, path))
            .map(str::to_string)
            .ok_or_else(|| {
                CmdError::Plain(format!(
                    "error reading template {path}, open {path}: no such file or directory\n"
                ))
            })
    };
    let needs_template =
        || CmdError::Plain("template format specified but no template given".into());
    Ok(match kind {
        "" => Format::Table { wide: false },
        "wide" => Format::Table { wide: true },
        "yaml" => Format::Yaml,
        "json" => Format::Json,
        "name" => Format::Name,
        "jsonpath" => Format::JsonPath(arg.ok_or_else(needs_template)?),
        "jsonpath-file" => Format::JsonPath(read(&arg.ok_or_else(needs_template)?)?),
        "jsonpath-as-json" => Format::JsonPathAsJson(arg.ok_or_else(needs_template)?),
        "go-template" | "template" | "go-template-file" | "templatefile" => {
            let mut t = arg.ok_or_else(needs_template)?;
            if kind.ends_with("file") {
                t = read(&t)?;
            }
            crate::kubectl::printers::gotemplate::check(&t).map_err(|e| {
                CmdError::Plain(format!("error parsing template {t}, template: output:1: {e}"))
            })?;
            Format::GoTemplate(t)
        }
        "custom-columns" => Format::CustomColumns(custom_columns(&arg.unwrap_or_default())?),
        "custom-columns-file" => {
            let path = arg.ok_or_else(|| {
                CmdError::Plain("custom-columns format specified but no custom columns given".into())
            })?;
            let text = env
                .vfs
                .read(&crate::kubectl::manifests::absolute(env.cwd, &path))
                .map(str::to_string)
                .ok_or_else(|| {
                    CmdError::Plain(format!(
                        "error reading template {path}, open {path}: no such file or directory"
                    ))
                })?;
            Format::CustomColumns(custom_columns_file(&text)?)
        }
        _ => {
            return Err(CmdError::Plain(format!(
                "unable to match a printer suitable for the output format \"{o}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
            )))
        }
    })
}

/// kubectl's RelaxedJSONPathExpression: `a.b`, `.a.b`, `{a.b}`, `{.a.b}` → `{.a.b}`.
pub(crate) fn relaxed(path: &str) -> Result<String, CmdError> {
    if path.is_empty() {
        return Ok(String::new());
    }
    let inner = path
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .unwrap_or(path);
    let inner = inner.strip_prefix('.').unwrap_or(inner);
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err(CmdError::Plain("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".into()));
    }
    Ok(format!("{{.{inner}}}"))
}

fn custom_columns(spec: &str) -> Result<Vec<(String, String)>, CmdError> {
    if spec.is_empty() {
        return Err(CmdError::Plain(
            "custom-columns format specified but no custom columns given".into(),
        ));
    }
    spec.split(',')
        .map(|part| {
            let (h, path) = part.split_once(':').ok_or_else(|| {
                CmdError::Plain(format!(
                    "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
                ))
            })?;
            Ok((h.to_string(), relaxed(path)?))
        })
        .collect()
}

/// A file of two lines: headers, then paths, separated by white space.
fn custom_columns_file(text: &str) -> Result<Vec<(String, String)>, CmdError> {
    let mut lines = text.lines();
    let headers: Vec<&str> = lines.next().ok_or_else(|| CmdError::Plain("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.".into()))?.split_whitespace().collect();
    let specs: Vec<&str> = lines.next().ok_or_else(|| CmdError::Plain("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.".into()))?.split_whitespace().collect();
    if headers.len() != specs.len() {
        return Err(CmdError::Plain(format!(
            "number of headers ({}) and field specifications ({}) don't match",
            headers.len(),
            specs.len()
        )));
    }
    headers
        .iter()
        .zip(specs)
        .map(|(h, s)| Ok((h.to_string(), relaxed(s)?)))
        .collect()
}

/// One custom-columns cell: every value found, `,`-joined; `<none>` if none.
fn column_cell(template: &str, obj: &Value) -> String {
    let values = jsonpath::find(template, obj).unwrap_or_default();
    if values.is_empty() {
        return "<none>".into();
    }
    values
        .iter()
        .map(crate::kubectl::printers::gotemplate::sprint)
        .collect::<Vec<_>>()
        .join(",")
}

/// `--sort-by`: orders each type's objects by a JSONPath field the way
/// kubectl's sorter compares (numbers, quantities, then text).
fn sort_found(found: &mut [Found], field: &str) -> Result<(), CmdError> {
    let template = relaxed(field)?;
    let any = found.iter().flat_map(|f| f.objects.iter()).count();
    let with_field = found
        .iter()
        .flat_map(|f| f.objects.iter())
        .filter(|o| !jsonpath::find(&template, o).unwrap_or_default().is_empty())
        .count();
    if any > 0 && with_field == 0 {
        return Err(CmdError::Plain(format!(
            "couldn't find any field with path \"{template}\" in the list of objects"
        )));
    }
    // kubectl sorts with Go's sort.Sort (ties come out in its order). Its
    // Less takes an object without the field as less than any; a null
    // sorts before values and ties with another null.
    let value = |o: &Value| {
        jsonpath::find(&template, o)
            .unwrap_or_default()
            .into_iter()
            .next()
    };
    for f in found.iter_mut() {
        crate::kubectl::go_sort::sort(&mut f.objects, |a, b| match (value(a), value(b)) {
            (None, _) => true,
            (_, None) => false,
            (Some(Value::Null), Some(vb)) => !vb.is_null(),
            (Some(_), Some(Value::Null)) => false,
            (va, vb) => compare_values(va.as_ref(), vb.as_ref()) == std::cmp::Ordering::Less,
        });
    }
    Ok(())
}

fn compare_values(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    use crate::api::quantity::Quantity;
    use std::cmp::Ordering;
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Some(Value::String(x)), Some(Value::String(y))) => {
            match (Quantity::parse(x), Quantity::parse(y)) {
                (Some(qx), Some(qy)) => qx.nanos().cmp(&qy.nanos()),
                _ => x.cmp(y),
            }
        }
        (Some(x), Some(y)) => x.to_string().cmp(&y.to_string()),
    }
}

/// Objects found for one request, plus the errors met on the way.
/// `-f`/`-k`: each object the manifests name, read from the server (in
/// manifest order; consecutive objects of one type share a table).
fn from_manifests(
    env: &mut Env,
    sources: &crate::kubectl::manifests::Sources,
    default_ns: &str,
    errors: &mut Vec<String>,
) -> Result<Vec<Found>, CmdError> {
    let mut found: Vec<Found> = vec![];
    for m in crate::kubectl::manifests::load_sources(env, sources)? {
        let r = m
            .resource(env.world.api.registry())
            .map_err(CmdError::Raw)?;
        let ns = match meta::namespace(&m.object) {
            _ if !r.namespaced => "",
            "" => default_ns,
            ns => ns,
        };
        let name = meta::name(&m.object);
        let object = match env.world.api.get(&r, ns, name) {
            Ok(o) => Arc::new(o),
            Err(s) => {
                errors.push(status_text(&s));
                continue;
            }
        };
        match found.last_mut() {
            Some(f) if f.request.resource.name == r.name && f.request.resource.group == r.group => {
                f.request.names.push(name.to_string());
                f.objects.push(object);
            }
            _ => found.push(Found {
                request: Request {
                    resource: r,
                    names: vec![name.to_string()],
                },
                objects: vec![object],
            }),
        }
    }
    Ok(found)
}

struct Found {
    request: Request,
    /// Shared with the store: a table of 1,000 pods copies none of them.
    objects: Vec<Arc<Value>>,
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if let Some(path) = p.str("raw").filter(|r| !r.is_empty()) {
        return super::raw::get(env, p, path);
    }
    let fmt = format(env, p)?;
    let sources = crate::kubectl::manifests::Sources::from(p);
    if p.args.is_empty() && sources.is_empty() {
        return Err(CmdError::Raw(NO_TYPE.into()));
    }
    if !sources.is_empty() && !p.args.is_empty() {
        return Err(CmdError::Plain(
            crate::kubectl::manifests::PATHS_AND_ARGS.into(),
        ));
    }
    let requests = resources::parse(env.world.api.registry(), &p.args)?;
    let all_ns = p.bool("all-namespaces");
    let ns = env.namespace(p);
    let opts = ListOptions {
        label_selector: p.str("selector").map(String::from),
        field_selector: p.str("field-selector").map(String::from),
    };
    // --sort-by needs every object at once, so kubectl turns chunking off.
    let chunk_size = match p.str("sort-by").filter(|s| !s.is_empty()) {
        Some(_) => 0,
        None => p.int("chunk-size").unwrap_or(500),
    };
    // A watch continues from the list's resourceVersion.
    let start_rev = env.world.api.revision();
    let mut found: Vec<Found> = vec![];
    let mut errors: Vec<String> = vec![];
    let watching = p.bool("watch") || p.bool("watch-only");
    let by_name = !sources.is_empty() || requests.iter().any(|r| !r.names.is_empty());
    if !sources.is_empty() {
        found = from_manifests(env, &sources, &ns, &mut errors)?;
    }
    for req in requests {
        let r = &req.resource;
        let mut objects = vec![];
        if req.names.is_empty() {
            let scope = if all_ns { None } else { Some(ns.as_str()) };
            objects = list_in_chunks(env, r, scope, &opts, chunk_size)?;
        } else {
            for name in &req.names {
                match env.world.api.get(r, &ns, name) {
                    Ok(o) => objects.push(Arc::new(o)),
                    Err(s) if s.code == 404 && p.bool("ignore-not-found") && !watching => {}
                    Err(s) => errors.push(status_text(&s)),
                }
            }
        }
        found.push(Found {
            request: req,
            objects,
        });
    }
    if let Some(field) = p.str("sort-by").filter(|s| !s.is_empty()) {
        // One type's server-side table sorts by its rows, and a field no
        // row has is no error: one row stays, several come out as none
        // (as kubectl v1.33's table sorter leaves them).
        let one_table = found.len() == 1 && matches!(fmt, Format::Table { .. }) && !watching;
        if let Err(e) = sort_found(&mut found, field) {
            if !one_table {
                return Err(e);
            }
            if found[0].objects.len() > 1 {
                found[0].objects.clear();
            }
        }
    }
    let total: usize = found.iter().map(|f| f.objects.len()).sum();
    match fmt {
        Format::Table { wide } if watching => {
            // The watch's builder stops at the first error (no
            // ContinueOnError, --ignore-not-found or not): a missing object
            // is not waited for.
            if let Some(e) = errors.first() {
                return Err(CmdError::Raw(e.clone()));
            }
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
        Format::JsonPathAsJson(ref template) => {
            let (v, _) = single_or_list(&found, by_name);
            let out = jsonpath::execute_json(template, &v)
                .map_err(|e| CmdError::Plain(format!("error parsing jsonpath {template}, {e}")))?;
            env.print(out);
        }
        Format::GoTemplate(ref template) => {
            let (v, _) = single_or_list(&found, by_name);
            let out = crate::kubectl::printers::gotemplate::execute(template, &v).map_err(|e| {
                CmdError::Plain(format!(
                    "error executing template \"{template}\": template: output:1: executing \"output\": {e}"
                ))
            })?;
            env.print(out);
        }
        Format::CustomColumns(ref columns) => {
            let mut lines = vec![];
            if !p.bool("no-headers") {
                lines.push(columns.iter().map(|(h, _)| h.clone()).collect());
            }
            for o in found.iter().flat_map(|f| f.objects.iter()) {
                lines.push(columns.iter().map(|(_, t)| column_cell(t, o)).collect());
            }
            env.print(Layout::default().render(&lines));
        }
        Format::Yaml | Format::Json => {
            let (v, single) = single_or_list(&found, by_name);
            let v = match p.bool("show-managed-fields") {
                true => v,
                false => crate::kubectl::printers::omit_managed_fields(&v).into_owned(),
            };
            if single || total > 0 || errors.is_empty() {
                env.print(if matches!(fmt, Format::Yaml) {
                    yaml::to_yaml(&v)
                } else {
                    json::to_json(&v)
                });
            }
        }
    }
    let table_like = matches!(fmt, Format::Table { .. } | Format::Name);
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

/// A list as kubectl's resource builder fetches it: pages of `chunk_size`
/// (`limit`), each continuing where the last ended, joined in order.
fn list_in_chunks(
    env: &Env,
    r: &crate::api::ApiResource,
    scope: Option<&str>,
    opts: &ListOptions,
    chunk_size: i64,
) -> Result<Vec<Arc<Value>>, CmdError> {
    let mut page = PageOptions {
        limit: chunk_size,
        continue_token: String::new(),
    };
    let mut objects = vec![];
    loop {
        let next = env
            .world
            .api
            .list_page(r, scope, opts, &page)
            .map_err(|e| CmdError::Api(resources::selector_error(r, opts, e.status)))?;
        objects.extend(next.items);
        if next.continue_token.is_empty() {
            return Ok(objects);
        }
        page.continue_token = next.continue_token;
    }
}

/// One object asked for by name prints bare; anything else as a `List`.
fn single_or_list(found: &[Found], by_name: bool) -> (Value, bool) {
    let objects: Vec<Value> = found
        .iter()
        .flat_map(|f| f.objects.iter().map(|o| (**o).clone()))
        .collect();
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
    // get.go's multipleGVKsRequested over its infos: one per list asked
    // for (even empty), one per named object found.
    let mut kinds: Vec<&str> = found
        .iter()
        .filter(|f| f.request.names.is_empty() || !f.objects.is_empty())
        .map(|f| f.request.resource.kind.as_str())
        .collect();
    kinds.dedup();
    let show_kind = p.bool("show-kind") || kinds.len() > 1;
    let mut printed_any = false;
    for f in found {
        if f.objects.is_empty() {
            continue;
        }
        let r = &f.request.resource;
        let refs: Vec<&Value> = f.objects.iter().map(|o| &**o).collect();
        // The rows' metadata is read only for these columns.
        let metadata =
            (all_ns && r.namespaced) || p.bool("show-labels") || !p.all("label-columns").is_empty();
        let keep = match metadata {
            true => RowObject::Slim,
            false => RowObject::None,
        };
        let table = env.world.api.table_cells(r, &refs, keep);
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
    let ns = env.namespace(p);
    let scope = (!all_ns).then(|| ns.clone());
    let mut stream = WatchStream::new(
        f.request.resource.clone(),
        scope,
        f.request.names.clone(),
        start_rev,
        p,
        wide,
        all_ns,
    );
    if !p.bool("watch-only") && !f.objects.is_empty() {
        let refs: Vec<&Value> = f.objects.iter().map(|o| &**o).collect();
        let rows = stream.rows(env.world, &refs, "ADDED");
        env.print(rows);
    }
    let timeout = p
        .str("request-timeout")
        .and_then(crate::go_duration::parse_timeout_ms)
        .filter(|ms| *ms > 0);
    let now = env.world.now().0;
    let bound = [timeout.map(|t| now + t), env.deadline.map(|d| d.0)]
        .into_iter()
        .flatten()
        .min();
    // A person at a terminal that can stream: the watch goes on between
    // ticks until Ctrl-C.
    if bound.is_none() && env.interactive && env.can_stream {
        env.stream = Some(Stream::Watch(Box::new(stream)));
        return Ok(());
    }
    let end = bound.unwrap_or(if env.interactive {
        now
    } else {
        now + WATCH_LIMIT_MS
    });
    while env.world.now().0 < end {
        let step = (end - env.world.now().0).min(1000);
        env.world.advance(step);
        let rows = stream.poll(env.world)?;
        env.print(rows);
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

    #[test]
    fn a_streaming_terminal_keeps_the_watch_running_until_interrupted() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.set_interactive(true);
        c.set_streaming(true);
        let o = c.run("kubectl get ns -w");
        assert!(o.stdout().starts_with("NAME "), "{}", o.stdout());
        assert!(c.is_streaming());
        assert_eq!(c.poll_stream(), "");
        c.run("kubectl create namespace demo");
        let rows = c.poll_stream();
        assert!(rows.starts_with("demo "), "{rows}");
        assert!(!rows.contains("NAME"), "the header is printed once: {rows}");
        c.interrupt();
        assert!(!c.is_streaming());
        // A bounded watch still runs to its end at once.
        let o = c.run("kubectl get ns -w --request-timeout=2s");
        assert!(o.stdout().starts_with("NAME"));
        assert!(!c.is_streaming());
    }
}
