//! The server's HTTP surface, request by request: discovery, errors as
//! Status, writes, patches, watches, Tables, paging and the control endpoints.

mod common;

use common::{get, request, request_with, start};
use kubeplay_engine::{Cluster, Preset};
use serde_json::{json, Value};
use std::time::Duration;

const JSON: (&str, &str) = ("Content-Type", "application/json");

#[test]
fn version_is_what_the_in_engine_kubectl_reports() {
    let s = start(1);
    let r = get(s.port(), "/version");
    assert_eq!(r.code, 200);
    assert!(r
        .text()
        .starts_with("{\n  \"major\": \"1\",\n  \"minor\": \"33\",\n  \"emulationMajor\""));
    let engine = Cluster::new(Preset::Minikube, 1)
        .run("kubectl version -o json")
        .stdout();
    let engine: Value = serde_json::from_str(&engine).unwrap();
    assert_eq!(r.json(), engine["serverVersion"]);
    for p in ["/healthz", "/readyz", "/livez"] {
        assert_eq!(get(s.port(), p).text(), "ok");
    }
}

#[test]
fn discovery_in_both_forms() {
    let s = start(1);
    let legacy = get(s.port(), "/api").json();
    assert_eq!(legacy["kind"], "APIVersions");
    assert_eq!(legacy["versions"], json!(["v1"]));
    let groups = get(s.port(), "/apis").json();
    assert_eq!(groups["groups"][0]["name"], "apiregistration.k8s.io");
    let v1 = get(s.port(), "/api/v1").json();
    let names: Vec<&str> = v1["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(
        names.contains(&"pods")
            && names.contains(&"pods/status")
            && names.contains(&"namespaces/finalize")
    );
    let scale = get(s.port(), "/apis/apps/v1").json()["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "deployments/scale")
        .cloned()
        .unwrap();
    assert_eq!(
        (scale["group"].as_str(), scale["kind"].as_str()),
        (Some("autoscaling"), Some("Scale"))
    );
    let accept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    let agg = request(s.port(), "GET", "/apis", &[("Accept", accept)], b"");
    assert_eq!(
        agg.header("content-type"),
        Some("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
    );
    let agg = agg.json();
    assert_eq!(agg["kind"], "APIGroupDiscoveryList");
    let apps = agg["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["metadata"]["name"] == "apps")
        .unwrap();
    let deploy = apps["versions"][0]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"] == "deployments")
        .unwrap();
    assert_eq!(deploy["scope"], "Namespaced");
    assert_eq!(deploy["shortNames"], json!(["deploy"]));
    let autoscaling = get(s.port(), "/apis/autoscaling/v1").json();
    assert_eq!(
        autoscaling["resources"][0]["name"],
        "horizontalpodautoscalers"
    );
    assert_eq!(
        get(s.port(), "/openapi/v3").json()["paths"]["api/v1"]["serverRelativeURL"]
            .as_str()
            .map(|u| u.starts_with("/openapi/v3/api/v1?hash=")),
        Some(true)
    );
    assert_eq!(get(s.port(), "/openapi/v2").json()["swagger"], "2.0");
}

fn assert_status(r: &common::Response, code: u16, reason: &str) {
    assert_eq!(r.code, code, "{}", r.text());
    let v = r.json();
    assert_eq!(
        (v["kind"].as_str(), v["status"].as_str()),
        (Some("Status"), Some("Failure"))
    );
    assert_eq!(v["code"], code);
    assert_eq!(v["reason"], reason, "{}", r.text());
}

#[test]
fn bad_requests_get_a_status() {
    let s = start(1);
    let p = s.port();
    assert_status(&get(p, "/nope"), 404, "NotFound");
    assert_status(&get(p, "/api/v1/podz"), 404, "NotFound");
    assert_status(&get(p, "/apis/nope.io/v1/things"), 404, "NotFound");
    assert_status(&get(p, "/api/v1/namespaces/nope"), 404, "NotFound");
    assert_status(
        &get(p, "/api/v1/namespaces/default/pods/x/nope"),
        404,
        "NotFound",
    );
    assert_status(
        &request(p, "POST", "/version", &[], b""),
        405,
        "MethodNotAllowed",
    );
    assert_status(
        &request(p, "DELETE", "/api/v1/namespaces", &[], b""),
        405,
        "MethodNotAllowed",
    );
    assert_status(
        &request(p, "POST", "/api/v1/namespaces", &[JSON], b"{garbage"),
        400,
        "BadRequest",
    );
    assert_status(
        &request(p, "POST", "/api/v1/namespaces", &[JSON], b"[1,2]"),
        400,
        "BadRequest",
    );
    let pod = br#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}"#;
    assert_status(
        &request(p, "POST", "/api/v1/namespaces", &[JSON], pod),
        400,
        "BadRequest",
    );
    let cm =
        br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"other"}}"#;
    assert_status(
        &request(
            p,
            "POST",
            "/api/v1/namespaces/default/configmaps",
            &[JSON],
            cm,
        ),
        400,
        "BadRequest",
    );
    assert_status(
        &request(
            p,
            "POST",
            "/api/v1/namespaces",
            &[("Content-Type", "text/csv")],
            b"a,b",
        ),
        415,
        "UnsupportedMediaType",
    );
    let huge = vec![b' '; 3 * 1024 * 1024 + 1];
    assert_status(
        &request(p, "POST", "/api/v1/namespaces", &[JSON], &huge),
        413,
        "RequestEntityTooLarge",
    );
    let invalid = br#"{"metadata":{"name":"Bad_Name"}}"#;
    let r = request(p, "POST", "/api/v1/namespaces", &[JSON], invalid);
    assert_status(&r, 422, "Invalid");
    assert_eq!(r.json()["details"]["causes"][0]["field"], "metadata.name");
    assert_status(
        &request(
            p,
            "POST",
            "/api/v1/namespaces/default/configmaps?dryRun=Sometimes",
            &[JSON],
            b"{}",
        ),
        400,
        "BadRequest",
    );
    // The server still answers after all that.
    assert_eq!(get(p, "/readyz").text(), "ok");
}

#[test]
fn writes_round_trip() {
    let s = start(1);
    let p = s.port();
    let cm =
        br#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"a":"1"}}"#;
    let dry = request(
        p,
        "POST",
        "/api/v1/namespaces/default/configmaps?dryRun=All",
        &[JSON],
        cm,
    );
    assert_eq!(dry.code, 201);
    assert_status(
        &get(p, "/api/v1/namespaces/default/configmaps/cfg"),
        404,
        "NotFound",
    );
    let created = request(
        p,
        "POST",
        "/api/v1/namespaces/default/configmaps",
        &[JSON],
        cm,
    );
    assert_eq!(created.code, 201, "{}", created.text());
    assert_eq!(created.json()["metadata"]["namespace"], "default");
    assert_status(
        &request(
            p,
            "POST",
            "/api/v1/namespaces/default/configmaps",
            &[JSON],
            cm,
        ),
        409,
        "AlreadyExists",
    );

    let mut obj = created.json();
    obj["data"]["b"] = json!("2");
    let body = serde_json::to_vec(&obj).unwrap();
    let updated = request(
        p,
        "PUT",
        "/api/v1/namespaces/default/configmaps/cfg",
        &[JSON],
        &body,
    );
    assert_eq!(updated.json()["data"], json!({"a": "1", "b": "2"}));
    // The same (now stale) resourceVersion again is a conflict.
    assert_status(
        &request(
            p,
            "PUT",
            "/api/v1/namespaces/default/configmaps/cfg",
            &[JSON],
            &body,
        ),
        409,
        "Conflict",
    );
    let wrong_name = request(
        p,
        "PUT",
        "/api/v1/namespaces/default/configmaps/other",
        &[JSON],
        &body,
    );
    assert_status(&wrong_name, 400, "BadRequest");

    let merge = request(
        p,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/cfg",
        &[("Content-Type", "application/merge-patch+json")],
        br#"{"data":{"a":null,"c":"3"}}"#,
    );
    assert_eq!(merge.json()["data"], json!({"b": "2", "c": "3"}));
    let jp = br#"[{"op":"add","path":"/metadata/labels","value":{"x":"y"}}]"#;
    let patched = request(
        p,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/cfg",
        &[("Content-Type", "application/json-patch+json")],
        jp,
    );
    assert_eq!(patched.json()["metadata"]["labels"], json!({"x": "y"}));
    let apply = request(
        p,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/cfg",
        &[("Content-Type", "application/apply-patch+yaml")],
        b"{}",
    );
    // Server-side apply needs a field manager parameter (ValidatePatchOptions).
    assert_status(&apply, 422, "Invalid");

    let sel = get(p, "/api/v1/configmaps?labelSelector=x%3Dy").json();
    assert_eq!(sel["items"].as_array().map(Vec::len), Some(1));
    let none = get(
        p,
        "/api/v1/namespaces/default/configmaps?labelSelector=x%3Dz",
    )
    .json();
    assert_eq!(none["items"], json!([]));

    let deleted = request(
        p,
        "DELETE",
        "/api/v1/namespaces/default/configmaps/cfg",
        &[],
        b"",
    );
    assert_eq!(deleted.json()["status"], "Success");
    assert_eq!(deleted.json()["details"]["kind"], "configmaps");
    assert_status(
        &request(
            p,
            "DELETE",
            "/api/v1/namespaces/default/configmaps/cfg",
            &[],
            b"",
        ),
        404,
        "NotFound",
    );
    let forbidden = request(p, "DELETE", "/api/v1/namespaces/default", &[], b"");
    assert_status(&forbidden, 403, "Forbidden");
}

#[test]
fn tables_paging_and_control() {
    let s = start(3);
    let p = s.port();
    let table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    let t = request(
        p,
        "GET",
        "/api/v1/namespaces?limit=3",
        &[("Accept", table)],
        b"",
    );
    assert_eq!(
        t.header("content-type"),
        Some("application/json;as=Table;v=v1;g=meta.k8s.io")
    );
    let t = t.json();
    assert_eq!(t["kind"], "Table");
    assert_eq!(t["columnDefinitions"][0]["name"], "Name");
    assert_eq!(t["rows"].as_array().map(Vec::len), Some(3));
    assert_eq!(t["rows"][0]["object"]["kind"], "PartialObjectMetadata");
    assert_eq!(t["metadata"]["remainingItemCount"], 1);
    let next = t["metadata"]["continue"].as_str().unwrap().to_string();
    let page2 = get(p, &format!("/api/v1/namespaces?limit=3&continue={next}")).json();
    assert_eq!(page2["items"].as_array().map(Vec::len), Some(1));
    assert!(page2["metadata"].get("continue").is_none());
    let one = request(
        p,
        "GET",
        "/api/v1/namespaces/default?includeObject=Object",
        &[("Accept", table)],
        b"",
    )
    .json();
    assert_eq!(one["rows"][0]["object"]["kind"], "Namespace");

    assert_eq!(get(p, "/kubeplay/seed").json(), json!({"seed": 3}));
    let before = get(p, "/kubeplay/time").json();
    assert_eq!(before["speed"], 0.0);
    let after = request(p, "POST", "/kubeplay/advance?seconds=90", &[], b"").json();
    assert_eq!(after["advancedMs"], 90_000);
    assert_ne!(before["now"], after["now"]);
    assert_status(
        &request(p, "POST", "/kubeplay/advance?seconds=soon", &[], b""),
        400,
        "BadRequest",
    );
    assert_status(&get(p, "/kubeplay/advance"), 405, "MethodNotAllowed");
}

fn events(body: &str) -> Vec<(String, String)> {
    body.lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("one JSON event per line"))
        .map(|e| {
            (
                e["type"].as_str().unwrap_or("").to_string(),
                e["object"]["metadata"]["name"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn watches_stream_changes() {
    let s = start(1);
    let p = s.port();
    let list = get(p, "/api/v1/namespaces").json();
    let rv = list["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/v1/namespaces?watch=true&resourceVersion={rv}&timeoutSeconds=1");
    let watcher = std::thread::spawn(move || {
        request_with(p, "GET", &path, &[], b"", Duration::from_secs(20))
    });
    let ns = br#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"w"}}"#;
    assert_eq!(
        request(p, "POST", "/api/v1/namespaces", &[JSON], ns).code,
        201
    );
    let r = watcher.join().unwrap();
    assert_eq!(r.code, 200);
    assert_eq!(
        events(&r.text()),
        vec![("ADDED".to_string(), "w".to_string())]
    );

    // Without a resourceVersion a watch starts with the current objects.
    let all = request_with(
        p,
        "GET",
        "/api/v1/namespaces?watch=1&timeoutSeconds=1",
        &[],
        b"",
        Duration::from_secs(20),
    );
    let names: Vec<String> = events(&all.text()).into_iter().map(|(_, n)| n).collect();
    assert_eq!(
        names,
        [
            "default",
            "kube-node-lease",
            "kube-public",
            "kube-system",
            "w"
        ]
    );

    // With the clock standing still, a watch on one object waits in virtual
    // time: the namespace is finalized 2 s after its deletion.
    let t0 = get(p, "/kubeplay/time").json()["now"].clone();
    let del = request(p, "DELETE", "/api/v1/namespaces/w", &[], b"").json();
    assert_eq!(del["status"]["phase"], "Terminating");
    let rv = del["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/v1/namespaces?watch=true&fieldSelector=metadata.name%3Dw&resourceVersion={rv}&timeoutSeconds=1");
    let w = request_with(p, "GET", &path, &[], b"", Duration::from_secs(20));
    let kinds: Vec<String> = events(&w.text()).into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, ["MODIFIED", "DELETED"]);
    assert_eq!(t0, "2025-06-01T09:01:00Z");
    // At least until the finalization; a watch still open after its last
    // event keeps the stopped clock moving until its client hangs up.
    let now = get(p, "/kubeplay/time").json()["now"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(now.as_str() >= "2025-06-01T09:01:02Z", "{now}");
}
