//! PodTemplate: `NAME CONTAINERS IMAGES POD LABELS` (`printPodTemplate`).

use super::common::{at, col, containers, format_labels, s, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col(
            "Containers",
            "string",
            0,
            "Names of each container in the template.",
        ),
        col(
            "Images",
            "string",
            0,
            "Images referenced by each container in the template.",
        ),
        col(
            "Pod Labels",
            "string",
            0,
            "The labels for the pod template.",
        ),
    ],
    row,
};

fn row(obj: &Value, _now: Time) -> Vec<Value> {
    let (names, images) = containers(at(obj, &["template", "spec"]));
    vec![
        s(obj, &["metadata", "name"]).into(),
        names,
        images,
        format_labels(at(obj, &["template", "metadata", "labels"])).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::cells;
    use super::*;
    use serde_json::json;

    #[test]
    fn pod_template() {
        let pt = json!({
            "apiVersion": "v1", "kind": "PodTemplate",
            "metadata": {"name": "nginx-template", "namespace": "default"},
            "template": {"metadata": {"labels": {"tier": "web", "app": "nginx"}},
                         "spec": {"containers": [{"name": "nginx", "image": "nginx"}, {"name": "side", "image": "busybox"}]}},
        });
        assert_eq!(
            cells(&PRINTER, &pt),
            vec![
                json!("nginx-template"),
                json!("nginx,side"),
                json!("nginx,busybox"),
                json!("app=nginx,tier=web")
            ]
        );
        let bare = json!({"metadata": {"name": "x"}, "template": {"spec": {"containers": []}}});
        assert_eq!(cells(&PRINTER, &bare)[3], json!("<none>"));
    }
}
