//! `get -w` as a stream: the table state a watch carries from one change to
//! the next (column widths that only grow, whether the header is out, the
//! revision seen). A script drives it to its end in virtual time; the browser
//! keeps it running between ticks until Ctrl-C (`Cluster::poll_stream`).

use super::get::table_lines;
use crate::api::{meta, ApiResource, Status};
use crate::kubectl::flags::Parsed;
use crate::kubectl::printers::table::Layout;
use crate::store::WatchType;
use crate::world::World;
use serde_json::Value;

#[derive(Clone, Debug)]
pub struct WatchStream {
    resource: ApiResource,
    /// The namespace watched; None for all namespaces.
    scope: Option<String>,
    /// Only these names, when the command named objects.
    names: Vec<String>,
    /// The store revision up to which changes were printed.
    rev: u64,
    layout: Layout,
    header_done: bool,
    parsed: Parsed,
    wide: bool,
    all_ns: bool,
}

impl WatchStream {
    pub fn new(
        resource: ApiResource,
        scope: Option<String>,
        names: Vec<String>,
        rev: u64,
        parsed: &Parsed,
        wide: bool,
        all_ns: bool,
    ) -> WatchStream {
        WatchStream {
            resource,
            scope,
            names,
            rev,
            layout: Layout::default(),
            header_done: false,
            parsed: parsed.clone(),
            wide,
            all_ns,
        }
    }

    /// Rows for `objects` (with the header the first time).
    pub fn rows(&mut self, world: &World, objects: &[&Value], event: &str) -> String {
        let p = &self.parsed;
        let r = &self.resource;
        let table = world
            .api
            .table_cells(r, objects, crate::api::table::RowObject::Slim);
        let mut lines = table_lines(
            &table,
            p,
            self.wide,
            self.all_ns && r.namespaced,
            p.bool("show-kind").then(|| r.qualified_singular()),
        );
        // --output-watch-events: an EVENT column first (ADDED, MODIFIED, DELETED).
        if p.bool("output-watch-events") {
            for (i, line) in lines.iter_mut().enumerate() {
                let first = if i == 0 && !p.bool("no-headers") {
                    "EVENT"
                } else {
                    event
                };
                // The real table printer reserves the width of MODIFIED,
                // so rows line up whichever events come.
                line.insert(0, format!("{first:<8}"));
            }
        }
        if self.header_done && !p.bool("no-headers") && !lines.is_empty() {
            lines.remove(0);
        }
        self.header_done = true;
        self.layout.render(&lines)
    }

    /// The rows of every change since the last call.
    pub fn poll(&mut self, world: &World) -> Result<String, Status> {
        let events = world
            .api
            .watch(&self.resource, self.scope.as_deref(), self.rev)?;
        self.rev = world.api.revision();
        let mut out = String::new();
        for e in events {
            if !self.names.is_empty() && !self.names.iter().any(|n| n == meta::name(&e.object)) {
                continue;
            }
            let event = match e.kind {
                WatchType::Added => "ADDED",
                WatchType::Modified => "MODIFIED",
                WatchType::Deleted => "DELETED",
            };
            out.push_str(&self.rows(world, &[&e.object], event));
        }
        Ok(out)
    }
}
