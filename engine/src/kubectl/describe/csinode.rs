//! `describe csinode`: the CSI drivers a node's kubelet registered.

use super::events::{self, Ref};
use super::{arr, go_list, name_labels_annotations, rfc1123z, s, Ctx, Writer};
use crate::api::{meta, Status};
use serde_json::Value;

pub fn describe(ctx: &Ctx, name: &str) -> Result<String, Status> {
    let csi = ctx.get("csinodes.storage.k8s.io", "", name)?;
    let mut w = Writer::default();
    name_labels_annotations(&mut w, &csi);
    let created = meta::str_at(&csi, &["metadata", "creationTimestamp"]);
    w.write(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(created)));
    w.write(0, "Spec:\n");
    // A nil driver list prints nothing; an empty one prints the heading.
    if let Some(drivers) = meta::at(&csi, &["spec", "drivers"]).and_then(Value::as_array) {
        w.write(1, "Drivers:\n");
        for d in drivers {
            w.write(2, &format!("{}:\n", s(d, &["name"])));
            w.write(3, &format!("Node ID:\t{}\n", s(d, &["nodeID"])));
            if let Some(n) = meta::at(d, &["allocatable", "count"]).and_then(Value::as_i64) {
                w.write(3, "Allocatables:\n");
                w.write(4, &format!("Count:\t{n}\n"));
            }
            if d.get("topologyKeys").is_some_and(Value::is_array) {
                w.write(
                    3,
                    &format!("Topology Keys:\t{}\n", go_list(arr(d, &["topologyKeys"]))),
                );
            }
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&csi), &mut w);
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    /// Objects a real cluster's components create and this one does not yet:
    /// created by hand here, described as kubectl v1.33 lays them out.
    #[test]
    fn describes_csinodes_servicecidrs_and_ipaddresses() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        let o = c.run(
            "cat <<'EOF' | kubectl create -f -
apiVersion: storage.k8s.io/v1
kind: CSINode
metadata:
  name: minikube
spec:
  drivers:
  - name: hostpath.csi.k8s.io
    nodeID: minikube
    topologyKeys: [topology.hostpath.csi/node]
    allocatable:
      count: 10
---
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: extra
spec:
  cidrs: [10.96.100.0/24]
---
apiVersion: networking.k8s.io/v1
kind: IPAddress
metadata:
  name: 10.96.100.7
spec:
  parentRef:
    group: \"\"
    resource: services
    namespace: default
    name: web
EOF",
        );
        assert_eq!(o.stderr(), "");
        let o = c.run("kubectl describe csinode minikube");
        assert_eq!(
            o.stdout(),
            "Name:               minikube
Labels:             <none>
Annotations:        <none>
CreationTimestamp:  Sun, 01 Jun 2025 09:01:00 +0000
Spec:
  Drivers:
    hostpath.csi.k8s.io:
      Node ID:  minikube
      Allocatables:
        Count:        10
      Topology Keys:  [topology.hostpath.csi/node]
Events:               <none>
"
        );
        let o = c.run("kubectl describe servicecidr extra");
        assert_eq!(
            o.stdout(),
            "Name:         extra
Labels:       <none>
Annotations:  <none>
CIDRs:        10.96.100.0/24
Events:       <none>
"
        );
        let o = c.run("kubectl describe ipaddress 10.96.100.7");
        assert_eq!(
            o.stdout(),
            "Name:         10.96.100.7
Labels:       <none>
Annotations:  <none>
Parent Reference:
  Group:      
  Resource:   services
  Namespace:  default
  Name:       web
Events:       <none>
"
        );
    }
}
