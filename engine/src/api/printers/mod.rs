//! Per-kind Table columns and cells, as `pkg/printers/internalversion/printers.go`
//! (v1.33) defines them. One file per kind; kinds without a printer get the
//! generic `NAME CREATED AT` table of `rest.DefaultTableConvertor`.

mod common;
mod cronjob;
mod daemonset;
mod default;
mod deployment;
mod job;
mod namespace;
mod node;
mod pod;
mod podtemplate;
mod replicaset;
mod replicationcontroller;
mod statefulset;

use super::registry::ApiResource;
use super::table::{Column, Row, Table};
use crate::clock::Time;
use serde_json::Value;

/// Columns and a row builder for one kind.
pub struct Printer {
    pub columns: &'static [Column],
    pub row: fn(&Value, Time) -> Vec<Value>,
}

fn printer_for(r: &ApiResource) -> Printer {
    match (r.group.as_str(), r.name.as_str()) {
        ("", "nodes") => node::PRINTER,
        ("", "namespaces") => namespace::PRINTER,
        ("", "pods") => pod::PRINTER,
        ("", "podtemplates") => podtemplate::PRINTER,
        ("", "replicationcontrollers") => replicationcontroller::PRINTER,
        ("apps", "deployments") => deployment::PRINTER,
        ("apps", "replicasets") => replicaset::PRINTER,
        ("apps", "statefulsets") => statefulset::PRINTER,
        ("apps", "daemonsets") => daemonset::PRINTER,
        ("batch", "jobs") => job::PRINTER,
        ("batch", "cronjobs") => cronjob::PRINTER,
        _ => default::PRINTER,
    }
}

pub fn table(r: &ApiResource, objects: &[&Value], now: Time) -> Table {
    let p = printer_for(r);
    Table {
        columns: p.columns.to_vec(),
        rows: objects
            .iter()
            .map(|o| Row {
                cells: (p.row)(o, now),
                object: (*o).clone(),
            })
            .collect(),
    }
}
