//! `kubectl events`: the namespace's (or every namespace's) events, oldest
//! first, as LAST SEEN TYPE REASON OBJECT MESSAGE; --for, --types, -w.

use crate::api::table::human_duration;
use crate::apiserver::ListOptions;
use crate::clock::Time;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::table::Layout;
use crate::kubectl::printers::{json, yaml};
use crate::kubectl::{Command, Env};
use serde_json::{json, Value};

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

pub const COMMAND: Command = Command {
    name: "events",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "List events",
    flags: &[
        f(
            "all-namespaces",
            FlagKind::Bool,
            "false",
            "Events of every namespace.",
        )
        .short('A'),
        f(
            "allow-missing-template-keys",
            FlagKind::Bool,
            "true",
            "Ignore template errors for missing fields or keys.",
        ),
        f(
            "chunk-size",
            FlagKind::Int,
            "500",
            "List in chunks of this size.",
        ),
        f(
            "for",
            FlagKind::String,
            "",
            "Only the events about this object (TYPE/NAME).",
        ),
        f(
            "no-headers",
            FlagKind::Bool,
            "false",
            "Leave out the header row.",
        ),
        f("output", FlagKind::String, "", "Output format: json, yaml.").short('o'),
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
        f(
            "types",
            FlagKind::StringSlice,
            "[]",
            "Only events of these types (Normal, Warning).",
        ),
        f(
            "watch",
            FlagKind::Bool,
            "false",
            "Keep printing new events after the list.",
        )
        .short('w'),
    ],
    run,
};

fn time_of(e: &Value, path: &str) -> Option<Time> {
    e.pointer(path)
        .and_then(Value::as_str)
        .and_then(Time::parse_rfc3339)
}

/// The time events are sorted by (series, lastTimestamp, eventTime), in
/// microseconds: eventTime is a MicroTime.
fn sort_time(e: &Value) -> i64 {
    let micros = |path: &str| {
        let text = e.pointer(path).and_then(Value::as_str)?;
        let t = Time::parse_rfc3339(text)?;
        let fraction: String = text
            .split_once('.')
            .map(|(_, f)| f.chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default();
        let sub_milli: i64 = format!("{fraction:0<6}")[3..6].parse().unwrap_or(0);
        Some(t.0 * 1000 + sub_milli)
    };
    micros("/series/lastObservedTime")
        .or_else(|| micros("/lastTimestamp"))
        .or_else(|| micros("/eventTime"))
        .unwrap_or(0)
}

/// The LAST SEEN cell (kubectl's getInterval).
fn interval(e: &Value, now: i64) -> String {
    let since = |t: Option<Time>| t.map_or("<unknown>".to_string(), |t| human_duration(now - t.0));
    let first = match time_of(e, "/eventTime") {
        Some(t) => since(Some(t)),
        None => since(time_of(e, "/firstTimestamp")),
    };
    if let Some(series) = e.get("series").filter(|s| !s.is_null()) {
        return format!(
            "{} (x{} over {first})",
            since(time_of(series, "/lastObservedTime")),
            series["count"].as_i64().unwrap_or(0)
        );
    }
    let count = e["count"].as_i64().unwrap_or(0);
    if count > 1 {
        return format!(
            "{} (x{count} over {first})",
            since(time_of(e, "/lastTimestamp"))
        );
    }
    first
}

fn row(e: &Value, now: i64, all_ns: bool) -> Vec<String> {
    let s = |p: &str| {
        e.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let mut r = vec![];
    if all_ns {
        r.push(s("/metadata/namespace"));
    }
    r.push(interval(e, now));
    r.push(s("/type"));
    r.push(s("/reason"));
    r.push(format!(
        "{}/{}",
        s("/involvedObject/kind"),
        s("/involvedObject/name")
    ));
    r.push(s("/message").trim().to_string());
    r
}

fn header(all_ns: bool) -> Vec<String> {
    let mut h: Vec<String> = vec![];
    if all_ns {
        h.push("NAMESPACE".into());
    }
    h.extend(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"].map(String::from));
    h
}

/// How long -w runs in virtual time when nothing bounds it.
const WATCH_LIMIT_MS: i64 = 600_000;

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let types = p.all("types");
    if types
        .iter()
        .any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning"))
    {
        return Err(CmdError::Plain(
            "valid --types are Normal or Warning".into(),
        ));
    }
    let all_ns = p.bool("all-namespaces");
    let ns = env.namespace(p);
    // --for TYPE/NAME: events whose involvedObject is that object.
    let mut field_selector = None;
    if let Some(target) = p.str("for").filter(|s| !s.is_empty()) {
        let Some((typed, name)) = target.split_once('/') else {
            return Err(CmdError::Plain(
                "--for must be in resource/name form".into(),
            ));
        };
        if name.contains('/') {
            return Err(CmdError::Plain(
                "arguments in resource/name form may not have more than one slash".into(),
            ));
        }
        let r = env
            .world
            .api
            .registry()
            .resolve(typed)
            .cloned()
            .ok_or_else(|| {
                CmdError::Plain(format!(
                    "the server doesn't have a resource type \"{typed}\""
                ))
            })?;
        field_selector = Some((r.kind.clone(), r.api_version(), name.to_string()));
    }
    let events_r = env
        .world
        .api
        .registry()
        .resolve("events")
        .cloned()
        .ok_or_else(|| CmdError::Plain("events are not served".into()))?;
    let scope = if all_ns { None } else { Some(ns.as_str()) };
    let keep = |e: &Value| {
        let t = e["type"].as_str().unwrap_or("");
        let type_ok = types.is_empty() || types.iter().any(|x| x.eq_ignore_ascii_case(t));
        let for_ok = field_selector.as_ref().is_none_or(|(k, v, n)| {
            e.pointer("/involvedObject/kind").and_then(Value::as_str) == Some(k.as_str())
                && e.pointer("/involvedObject/apiVersion")
                    .and_then(Value::as_str)
                    == Some(v.as_str())
                && e.pointer("/involvedObject/name").and_then(Value::as_str) == Some(n.as_str())
        });
        type_ok && for_ok
    };
    let start_rev = env.world.api.revision();
    let mut events: Vec<Value> = env
        .world
        .api
        .list(&events_r, scope, &ListOptions::default())?
        .into_iter()
        .filter(|e| keep(e))
        .collect();
    // events.go sorts with Go's sort.Sort: ties in its order.
    crate::kubectl::go_sort::sort(&mut events, |a, b| sort_time(a) < sort_time(b));
    let output = p.str("output").unwrap_or("");
    let now = env.world.now().0;
    if p.bool("watch") {
        return watch(
            env,
            p,
            &events_r,
            scope.map(String::from),
            start_rev,
            &keep,
            all_ns,
        );
    }
    if events.is_empty() {
        if all_ns {
            env.eprint("No events found.\n");
        } else {
            env.eprint(format!("No events found in {ns} namespace.\n"));
        }
        return Ok(());
    }
    match output {
        "" => {
            let mut lines = vec![];
            if !p.bool("no-headers") {
                lines.push(header(all_ns));
            }
            lines.extend(events.iter().map(|e| row(e, now, all_ns)));
            env.print(Layout::default().render(&lines));
        }
        "yaml" | "json" => {
            let list = json!({"apiVersion": "v1", "items": events, "kind": "EventList", "metadata": {}});
            let list = match p.bool("show-managed-fields") {
                true => list,
                false => crate::kubectl::printers::omit_managed_fields(&list).into_owned(),
            };
            env.print(if output == "yaml" { yaml::to_yaml(&list) } else { json::to_json(&list) });
        }
        other => {
            return Err(CmdError::Plain(format!(
                "unable to match a printer suitable for the output format \"{other}\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"
            )))
        }
    }
    Ok(())
}

/// `events -w`: new events as they come, in virtual time (bounded like get -w).
fn watch(
    env: &mut Env,
    p: &Parsed,
    r: &crate::api::ApiResource,
    scope: Option<String>,
    start_rev: u64,
    keep: &dyn Fn(&Value) -> bool,
    all_ns: bool,
) -> Result<(), CmdError> {
    // The header goes out with the first event, laid out together with it.
    let mut layout = Layout::default();
    let mut pending_header = !p.bool("no-headers");
    let mut emit = |env: &mut Env, r: Vec<String>| {
        let mut lines = vec![];
        if pending_header {
            lines.push(header(all_ns));
            pending_header = false;
        }
        lines.push(r);
        env.print(layout.render(&lines));
    };
    let timeout = p
        .str("request-timeout")
        .and_then(crate::go_duration::parse_timeout_ms)
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
    // The existing events first (the watch starts from the list).
    let existing: Vec<Value> = env
        .world
        .api
        .list(r, scope.as_deref(), &ListOptions::default())?
        .into_iter()
        .filter(|e| keep(e))
        .collect();
    for e in &existing {
        emit(env, row(e, now, all_ns));
    }
    let mut rev = start_rev;
    while env.world.now().0 < end {
        let step = (end - env.world.now().0).min(1000);
        env.world.advance(step);
        let changes = env.world.api.watch(r, scope.as_deref(), rev)?;
        rev = env.world.api.revision();
        let t = env.world.now().0;
        for c in changes {
            if c.kind != crate::store::WatchType::Deleted && keep(&c.object) {
                emit(env, row(&c.object, t, all_ns));
            }
        }
    }
    if env.deadline.is_some_and(|d| d.0 <= end) {
        env.timed_out = true;
    }
    Ok(())
}
