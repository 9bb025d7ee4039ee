//! `kubectl api-resources` and `kubectl api-versions`, from discovery.

use crate::api::ApiResource;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::printers::table::Layout;
use crate::kubectl::{Command, Env};

pub const RESOURCES: Command = Command {
    name: "api-resources",
    aliases: &[],
    group: "Other Commands",
    short: "List the resource types the server serves",
    flags: &[
        Flag::new(
            "api-group",
            FlagKind::String,
            "",
            "Only resources of this API group.",
        ),
        Flag::new(
            "namespaced",
            FlagKind::Bool,
            "true",
            "true: only namespaced resources; false: only cluster-wide ones.",
        ),
        Flag::new(
            "verbs",
            FlagKind::StringSlice,
            "[]",
            "Only resources supporting all these verbs.",
        ),
        Flag::new(
            "no-headers",
            FlagKind::Bool,
            "false",
            "Leave out the header row.",
        ),
        Flag::new("output", FlagKind::String, "", "wide or name.").short('o'),
        Flag::new("sort-by", FlagKind::String, "", "Sort by 'name' or 'kind'."),
        Flag::new(
            "cached",
            FlagKind::Bool,
            "false",
            "Use the cached list of resources if available.",
        ),
        Flag::new(
            "categories",
            FlagKind::StringSlice,
            "[]",
            "Only resources in these categories.",
        ),
    ],
    run: run_resources,
};

pub const VERSIONS: Command = Command {
    name: "api-versions",
    aliases: &[],
    group: "Other Commands",
    short: "List the group/version pairs the server serves",
    flags: &[],
    run: run_versions,
};

fn keep(r: &ApiResource, p: &Parsed) -> bool {
    if p.has("api-group") && p.str("api-group") != Some(r.group.as_str()) {
        return false;
    }
    if p.has("namespaced") && p.bool("namespaced") != r.namespaced {
        return false;
    }
    let verbs = p.all("verbs");
    if !verbs.iter().all(|v| r.has_verb(v)) {
        return false;
    }
    let cats = p.all("categories");
    cats.iter().all(|c| r.categories.contains(c))
}

fn run_resources(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let mut list: Vec<ApiResource> = env
        .world
        .api
        .registry()
        .resources()
        .iter()
        .filter(|r| keep(r, p))
        .cloned()
        .collect();
    match p.str("sort-by").unwrap_or("") {
        "" => list.sort_by(|a, b| (&a.group, &a.name).cmp(&(&b.group, &b.name))),
        "name" => list.sort_by(|a, b| a.name.cmp(&b.name)),
        "kind" => list.sort_by(|a, b| (&a.kind, &a.name).cmp(&(&b.kind, &b.name))),
        other => {
            return Err(CmdError::Plain(format!(
                "--sort-by accepts only name or kind, got {other}"
            )))
        }
    }
    let output = p.str("output").unwrap_or("");
    if output == "name" {
        for r in &list {
            env.print(format!("{}\n", r.qualified_name()));
        }
        return Ok(());
    }
    let wide = match output {
        "" => false,
        "wide" => true,
        other => {
            return Err(CmdError::Plain(format!(
                "--output {other} is not available"
            )))
        }
    };
    let mut lines = vec![];
    if !p.bool("no-headers") {
        let mut h: Vec<String> = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if wide {
            h.push("VERBS".into());
            h.push("CATEGORIES".into());
        }
        lines.push(h);
    }
    for r in &list {
        let mut line = vec![
            r.name.clone(),
            r.short_names.join(","),
            r.api_version(),
            r.namespaced.to_string(),
            r.kind.clone(),
        ];
        if wide {
            line.push(r.verbs.join(","));
            line.push(r.categories.join(","));
        }
        lines.push(line);
    }
    env.print(Layout::default().render(&lines));
    Ok(())
}

fn run_versions(env: &mut Env, _p: &Parsed) -> Result<(), CmdError> {
    let mut all: Vec<String> = vec![];
    for (g, versions) in env.world.api.registry().group_versions() {
        for v in versions {
            all.push(if g.is_empty() {
                v.clone()
            } else {
                format!("{g}/{v}")
            });
        }
    }
    all.sort();
    for gv in all {
        env.print(format!("{gv}\n"));
    }
    Ok(())
}
