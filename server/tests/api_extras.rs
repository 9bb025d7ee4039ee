//! The server's HTTP surface beyond plain JSON: protobuf bodies and replies,
//! the scale subresource, field validation, OpenAPI, and pods/log (whole and
//! followed as virtual time moves).

mod common;

use common::{get, request, request_with, start};
use kubeplay_server::protobuf;
use serde_json::{json, Value};
use std::time::Duration;

const JSON: (&str, &str) = ("Content-Type", "application/json");
const PB: (&str, &str) = ("Content-Type", "application/vnd.kubernetes.protobuf");
const ACCEPT_PB: (&str, &str) = (
    "Accept",
    "application/vnd.kubernetes.protobuf,application/json",
);

fn deployment(name: &str) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name},
        "spec": {"replicas": 0, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}},
                              "spec": {"containers": [{"name": "c", "image": "nginx",
                                                       "ports": [{"containerPort": 80}]}]}}}
    })
}

#[test]
fn protobuf_in_and_out_for_any_kind() {
    let s = start(1);
    let p = s.port();
    let body = protobuf::encode(&deployment("web")).unwrap();
    let r = request(
        p,
        "POST",
        "/apis/apps/v1/namespaces/default/deployments",
        &[PB, ACCEPT_PB],
        &body,
    );
    assert_eq!(r.code, 201, "{}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("application/vnd.kubernetes.protobuf")
    );
    let created = protobuf::decode(&r.body).unwrap();
    // A pointer field set to zero survives; defaults were applied.
    assert_eq!(created["spec"]["replicas"], 0);
    assert_eq!(
        created["spec"]["strategy"]["rollingUpdate"]["maxSurge"],
        "25%"
    );
    assert!(created["metadata"]["creationTimestamp"]
        .as_str()
        .unwrap()
        .starts_with("2025-06-01T09:0"));
    // The same object as JSON when the client prefers JSON.
    let r = get(p, "/apis/apps/v1/namespaces/default/deployments/web");
    assert_eq!(r.header("content-type"), Some("application/json"));
    let stored = r.json();
    assert_eq!(stored["metadata"]["uid"], created["metadata"]["uid"]);
    assert_eq!(
        stored["spec"]["template"]["spec"],
        created["spec"]["template"]["spec"]
    );
    // A list in protobuf.
    let r = request(
        p,
        "GET",
        "/api/v1/namespaces/kube-system/pods",
        &[ACCEPT_PB],
        b"",
    );
    let list = protobuf::decode(&r.body).unwrap();
    assert_eq!(list["kind"], "PodList");
    assert!(list["items"].as_array().unwrap().len() >= 5);
    // Garbage is a 400, not a panic.
    let r = request(
        p,
        "POST",
        "/api/v1/namespaces/default/pods",
        &[PB],
        b"k8s\0\x0a\xff\xff",
    );
    assert_eq!(r.code, 400, "{}", r.text());
    let r = request(
        p,
        "POST",
        "/api/v1/namespaces/default/pods",
        &[PB],
        b"not protobuf",
    );
    assert_eq!(r.code, 400, "{}", r.text());
}

#[test]
fn scale_subresource() {
    let s = start(1);
    let p = s.port();
    let body = serde_json::to_vec(&deployment("web")).unwrap();
    request(
        p,
        "POST",
        "/apis/apps/v1/namespaces/default/deployments",
        &[JSON],
        &body,
    );
    let path = "/apis/apps/v1/namespaces/default/deployments/web/scale";
    let scale = get(p, path).json();
    assert_eq!(scale["kind"], "Scale");
    assert_eq!(scale["apiVersion"], "autoscaling/v1");
    assert_eq!(scale["spec"]["replicas"], 0);
    assert_eq!(scale["status"]["selector"], "app=web");
    let r = request(
        p,
        "PATCH",
        path,
        &[("Content-Type", "application/merge-patch+json")],
        br#"{"spec":{"replicas":2}}"#,
    );
    assert_eq!(r.json()["spec"]["replicas"], 2, "{}", r.text());
    let d = get(p, "/apis/apps/v1/namespaces/default/deployments/web").json();
    assert_eq!(d["spec"]["replicas"], 2);
    assert_eq!(
        get(p, "/apis/apps/v1/namespaces/default/deployments/nope/scale").code,
        404
    );
}

#[test]
fn field_validation() {
    let s = start(1);
    let p = s.port();
    let mut d = deployment("typo");
    d["spec"]["replica"] = json!(2);
    let body = serde_json::to_vec(&d).unwrap();
    let path = "/apis/apps/v1/namespaces/default/deployments";
    let r = request(
        p,
        "POST",
        &format!("{path}?fieldValidation=Strict"),
        &[JSON],
        &body,
    );
    assert_eq!(r.code, 400);
    assert_eq!(
        r.json()["message"],
        "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\""
    );
    let r = request(
        p,
        "POST",
        &format!("{path}?fieldValidation=Nope"),
        &[JSON],
        &body,
    );
    assert_eq!(r.code, 400);
    let r = request(p, "POST", path, &[JSON], &body);
    assert_eq!(r.code, 201);
    assert_eq!(
        r.header("warning"),
        Some(r#"299 - "unknown field \"spec.replica\"""#)
    );
    assert!(r.json()["spec"].get("replica").is_none());
}

#[test]
fn unreadable_bodies_get_upstreams_texts() {
    let s = start(1);
    let p = s.port();
    let r = request(
        p,
        "POST",
        "/api/v1/namespaces/default/pods",
        &[JSON],
        b"garbage",
    );
    assert_eq!(
        r.json()["message"],
        "the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: invalid character 'g' looking for beginning of value (67617262616765)"
    );
    let r = request(p, "GET", "/openapi/v3", &[], b"");
    assert!(r.json()["paths"]["apis/apps/v1"]["serverRelativeURL"]
        .as_str()
        .unwrap()
        .starts_with("/openapi/v3/apis/apps/v1?hash="));
}

#[test]
fn openapi_documents_have_every_schema() {
    let s = start(1);
    let p = s.port();
    let doc = get(p, "/openapi/v3/apis/apps/v1").json();
    let strategy = &doc["components"]["schemas"]["io.k8s.api.apps.v1.DeploymentStrategy"];
    assert_eq!(
        strategy["description"],
        "DeploymentStrategy describes how to replace existing pods with new ones."
    );
    let core = get(p, "/openapi/v3/api/v1").json();
    assert!(core["components"]["schemas"]["io.k8s.api.core.v1.Pod"].is_object());
    let v2 = get(p, "/openapi/v2").json();
    assert_eq!(v2["swagger"], "2.0");
    assert!(v2["definitions"]["io.k8s.api.core.v1.Pod"].is_object());
    assert_eq!(get(p, "/openapi/v3/apis/nope/v1").code, 404);
}

#[test]
fn pod_logs_whole_and_followed() {
    let s = start(1);
    let p = s.port();
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
                     "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}});
    let r = request(
        p,
        "POST",
        "/api/v1/namespaces/default/pods",
        &[JSON],
        &serde_json::to_vec(&pod).unwrap(),
    );
    assert_eq!(r.code, 201);
    let log = "/api/v1/namespaces/default/pods/web/log";
    let r = get(p, log);
    assert_eq!(r.code, 400);
    assert_eq!(
        r.json()["message"],
        "container \"nginx\" in pod \"web\" is waiting to start: ContainerCreating"
    );
    request(p, "POST", "/kubeplay/advance?seconds=30", &[], b"");
    let whole = get(p, log).text();
    assert!(
        whole.contains("Configuration complete; ready for start up"),
        "{whole}"
    );
    let tail = get(p, &format!("{log}?tailLines=1")).text();
    assert_eq!(tail, whole.lines().last().unwrap().to_string() + "\n");
    assert_eq!(get(p, &format!("{log}?limitBytes=5")).text(), whole[..5]);
    assert_eq!(get(p, &format!("{log}?container=nope")).code, 400);
    assert_eq!(get(p, &format!("{log}?tailLines=-1")).code, 422);
    // A followed log of a running container stays open until the client leaves.
    let r = request_with(
        p,
        "GET",
        &format!("{log}?follow=true"),
        &[],
        b"",
        Duration::from_millis(500),
    );
    assert_eq!(r.code, 200);
    assert_eq!(r.text(), whole);
}

#[test]
fn followed_logs_end_with_the_pod() {
    let s = start(1);
    let p = s.port();
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
                     "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}});
    request(
        p,
        "POST",
        "/api/v1/namespaces/default/pods",
        &[JSON],
        &serde_json::to_vec(&pod).unwrap(),
    );
    request(p, "POST", "/kubeplay/advance?seconds=30", &[], b"");
    let whole = get(p, "/api/v1/namespaces/default/pods/web/log").text();
    // Delete the pod while a follower reads: the stream ends by itself.
    let port = p;
    let deleter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        request(
            port,
            "DELETE",
            "/api/v1/namespaces/default/pods/web",
            &[],
            b"",
        );
        request(port, "POST", "/kubeplay/advance?seconds=60", &[], b"");
    });
    let r = request_with(
        p,
        "GET",
        "/api/v1/namespaces/default/pods/web/log?follow=true",
        &[],
        b"",
        Duration::from_secs(20),
    );
    deleter.join().unwrap();
    assert!(r.text().starts_with(&whole), "{}", r.text());
}

#[test]
fn eviction_and_orphaning() {
    let s = start(1);
    let p = s.port();
    let body = serde_json::to_vec(&deployment("web")).unwrap();
    request(
        p,
        "POST",
        "/apis/apps/v1/namespaces/default/deployments",
        &[JSON],
        &body,
    );
    request(
        p,
        "PATCH",
        "/apis/apps/v1/namespaces/default/deployments/web/scale",
        &[("Content-Type", "application/merge-patch+json")],
        br#"{"spec":{"replicas":1}}"#,
    );
    request(p, "POST", "/kubeplay/advance?seconds=20", &[], b"");
    let pods = get(p, "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb").json();
    let name = pods["items"][0]["metadata"]["name"]
        .as_str()
        .unwrap()
        .to_string();
    let eviction = |n: &str| {
        serde_json::to_vec(
            &json!({"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": n}}),
        )
        .unwrap()
    };
    let path = format!("/api/v1/namespaces/default/pods/{name}/eviction");
    // The disruption controller processes the budget as soon as it is
    // written; with one healthy pod and minAvailable 1, eviction is refused.
    let pdb = json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "pdb"},
                     "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "web"}}}});
    request(
        p,
        "POST",
        "/apis/policy/v1/namespaces/default/poddisruptionbudgets",
        &[JSON],
        &serde_json::to_vec(&pdb).unwrap(),
    );
    let r = request(p, "POST", &path, &[JSON], &eviction(&name));
    assert_eq!(r.code, 429, "{}", r.text());
    assert_eq!(
        r.json()["details"]["causes"][0]["message"],
        "The disruption budget pdb needs 1 healthy pods and has 1 currently"
    );
    request(
        p,
        "DELETE",
        "/apis/policy/v1/namespaces/default/poddisruptionbudgets/pdb",
        &[],
        b"",
    );
    assert_eq!(
        request(p, "POST", &path, &[JSON], &eviction("other")).code,
        400
    );
    let r = request(p, "POST", &path, &[JSON], &eviction(&name));
    assert_eq!(r.code, 201, "{}", r.text());
    assert_eq!(r.json()["status"], "Success");
    // Orphaning: the ReplicaSet outlives its Deployment, without an owner.
    let r = request(
        p,
        "DELETE",
        "/apis/apps/v1/namespaces/default/deployments/web",
        &[JSON],
        br#"{"propagationPolicy":"Orphan"}"#,
    );
    assert_eq!(r.code, 200, "{}", r.text());
    request(p, "POST", "/kubeplay/advance?seconds=20", &[], b"");
    let rs = get(p, "/apis/apps/v1/namespaces/default/replicasets").json();
    assert_eq!(rs["items"].as_array().unwrap().len(), 1);
    assert!(rs["items"][0]["metadata"].get("ownerReferences").is_none());
}

#[test]
fn random_protobuf_bodies_never_take_the_server_down() {
    let s = start(1);
    let p = s.port();
    // A fixed xorshift stream: the same bytes every run.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let valid = protobuf::encode(&deployment("web")).unwrap();
    for round in 0..200 {
        let mut body = valid.clone();
        // Flip a few bytes after the magic, or cut the body short.
        for _ in 0..(1 + round % 4) {
            let i = 4 + (next() as usize) % (body.len() - 4);
            body[i] = next() as u8;
        }
        if round % 5 == 0 {
            body.truncate(4 + (next() as usize) % (body.len() - 4));
        }
        let r = request(
            p,
            "POST",
            "/apis/apps/v1/namespaces/default/deployments",
            &[PB],
            &body,
        );
        assert!(
            matches!(r.code, 201 | 400 | 409 | 422),
            "{} {}",
            r.code,
            r.text()
        );
    }
    assert_eq!(get(p, "/readyz").text(), "ok");
}
