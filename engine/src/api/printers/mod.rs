//! Per-kind Table columns and cells, as `pkg/printers/internalversion/printers.go`
//! (v1.33) defines them. One file per kind; kinds without a printer get the
//! generic `NAME CREATED AT` table of `rest.DefaultTableConvertor`.

mod apiservice;
pub mod certificatesigningrequest;
mod common;
mod componentstatus;
mod configmap;
mod controllerrevision;
mod cronjob;
mod csidriver;
mod csinode;
mod custom;
pub mod custom_columns;
mod daemonset;
mod default;
mod deployment;
mod endpoints;
mod endpointslice;
mod event;
mod flowschema;
mod horizontalpodautoscaler;
mod ingress;
mod ingressclass;
mod ipaddress;
mod job;
mod lease;
mod metrics;
mod namespace;
mod networkpolicy;
mod node;
mod persistentvolume;
mod persistentvolumeclaim;
mod pod;
mod poddisruptionbudget;
mod podtemplate;
mod priorityclass;
mod prioritylevelconfiguration;
mod replicaset;
mod replicationcontroller;
mod resourcequota;
mod rolebinding;
mod runtimeclass;
mod secret;
mod service;
mod serviceaccount;
mod servicecidr;
mod statefulset;
mod storageclass;
mod validatingadmissionpolicy;
mod volumeattachment;
mod webhookconfiguration;

// The pod's STATUS column, for the web diagram's pod colours.
pub use pod::status_cells as pod_status_cells;

use super::builtin_resources::BUILTIN_RESOURCES;
use super::registry::ApiResource;
use super::table::{Column, Row, RowObject, Table};
use crate::clock::Time;
use serde_json::Value;

/// Columns and a row builder for one kind.
pub struct Printer {
    pub columns: &'static [Column],
    pub row: fn(&Value, Time) -> Vec<Value>,
}

fn printer_for(r: &ApiResource) -> Printer {
    match (r.group.as_str(), r.name.as_str()) {
        ("", "componentstatuses") => componentstatus::PRINTER,
        ("", "configmaps") => configmap::PRINTER,
        ("", "endpoints") => endpoints::PRINTER,
        ("", "events") | ("events.k8s.io", "events") => event::PRINTER,
        ("", "namespaces") => namespace::PRINTER,
        ("", "nodes") => node::PRINTER,
        ("", "persistentvolumeclaims") => persistentvolumeclaim::PRINTER,
        ("", "persistentvolumes") => persistentvolume::PRINTER,
        ("", "pods") => pod::PRINTER,
        ("", "podtemplates") => podtemplate::PRINTER,
        ("", "replicationcontrollers") => replicationcontroller::PRINTER,
        ("", "resourcequotas") => resourcequota::PRINTER,
        ("", "secrets") => secret::PRINTER,
        ("", "serviceaccounts") => serviceaccount::PRINTER,
        ("", "services") => service::PRINTER,
        ("admissionregistration.k8s.io", "mutatingwebhookconfigurations") => {
            webhookconfiguration::MUTATING
        }
        ("admissionregistration.k8s.io", "validatingwebhookconfigurations") => {
            webhookconfiguration::VALIDATING
        }
        ("admissionregistration.k8s.io", "validatingadmissionpolicies") => {
            validatingadmissionpolicy::POLICY
        }
        ("admissionregistration.k8s.io", "validatingadmissionpolicybindings") => {
            validatingadmissionpolicy::BINDING
        }
        ("apiregistration.k8s.io", "apiservices") => apiservice::PRINTER,
        ("metrics.k8s.io", "pods" | "nodes") => metrics::PRINTER,
        ("apps", "controllerrevisions") => controllerrevision::PRINTER,
        ("apps", "daemonsets") => daemonset::PRINTER,
        ("apps", "deployments") => deployment::PRINTER,
        ("apps", "replicasets") => replicaset::PRINTER,
        ("apps", "statefulsets") => statefulset::PRINTER,
        ("autoscaling", "horizontalpodautoscalers") => horizontalpodautoscaler::PRINTER,
        ("batch", "cronjobs") => cronjob::PRINTER,
        ("batch", "jobs") => job::PRINTER,
        ("certificates.k8s.io", "certificatesigningrequests") => certificatesigningrequest::PRINTER,
        ("coordination.k8s.io", "leases") => lease::PRINTER,
        ("discovery.k8s.io", "endpointslices") => endpointslice::PRINTER,
        ("flowcontrol.apiserver.k8s.io", "flowschemas") => flowschema::PRINTER,
        ("flowcontrol.apiserver.k8s.io", "prioritylevelconfigurations") => {
            prioritylevelconfiguration::PRINTER
        }
        ("networking.k8s.io", "ingressclasses") => ingressclass::PRINTER,
        ("networking.k8s.io", "ingresses") => ingress::PRINTER,
        ("networking.k8s.io", "ipaddresses") => ipaddress::PRINTER,
        ("networking.k8s.io", "networkpolicies") => networkpolicy::PRINTER,
        ("networking.k8s.io", "servicecidrs") => servicecidr::PRINTER,
        ("node.k8s.io", "runtimeclasses") => runtimeclass::PRINTER,
        ("policy", "poddisruptionbudgets") => poddisruptionbudget::PRINTER,
        ("rbac.authorization.k8s.io", "clusterrolebindings") => rolebinding::CLUSTER_ROLE_BINDING,
        ("rbac.authorization.k8s.io", "rolebindings") => rolebinding::ROLE_BINDING,
        ("scheduling.k8s.io", "priorityclasses") => priorityclass::PRINTER,
        ("storage.k8s.io", "csidrivers") => csidriver::PRINTER,
        ("storage.k8s.io", "csinodes") => csinode::PRINTER,
        ("storage.k8s.io", "storageclasses") => storageclass::PRINTER,
        ("storage.k8s.io", "volumeattachments") => volumeattachment::PRINTER,
        // Built-in kinds served with rest.DefaultTableConvertor: Roles,
        // ClusterRoles, LimitRanges, CSIStorageCapacities, CRDs, ...
        (group, name) if is_builtin(group, name) => default::PRINTER,
        // A custom resource whose CRD names no printer columns.
        _ => custom::PRINTER,
    }
}

fn is_builtin(group: &str, name: &str) -> bool {
    BUILTIN_RESOURCES
        .iter()
        .any(|b| b.group == group && b.name == name)
}

pub fn table(r: &ApiResource, objects: &[&Value], now: Time) -> Table {
    table_opts(r, objects, now, RowObject::Metadata)
}

/// `table`, the rows keeping only what `keep` says of their objects
/// (kubectl's own layout needs the cells, and the namespace and labels only
/// for those columns: a table of 1,000 pods then copies no managedFields).
pub fn table_opts(r: &ApiResource, objects: &[&Value], now: Time, keep: RowObject) -> Table {
    let p = printer_for(r);
    let mut objects = objects.to_vec();
    if (r.group.as_str(), r.name.as_str()) == ("flowcontrol.apiserver.k8s.io", "flowschemas") {
        // printFlowSchemaList sorts; other lists keep the server's order.
        objects.sort_by(|a, b| flowschema::order(a, b));
    }
    Table {
        columns: p.columns.to_vec(),
        rows: objects
            .iter()
            .map(|o| Row::keeping((p.row)(o, now), o, keep))
            .collect(),
    }
}
