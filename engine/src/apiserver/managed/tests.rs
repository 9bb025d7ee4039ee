use super::*;
use crate::apiserver::WriteOptions;
use crate::clock::Time;
use serde_json::json;

fn api() -> (ApiServer, ApiResource) {
    let mut w = crate::world::World::new(1, Time::from_secs(1_748_768_400));
    crate::presets::boot_minikube(&mut w, 1);
    let api = w.api;
    let pods = api.registry().resolve("pods").cloned().unwrap();
    (api, pods)
}

fn pod() -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": "p", "labels": {"run": "p"}},
           "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
}

#[test]
fn create_records_the_creator_with_defaults() {
    let (mut api, pods) = api();
    api.set_field_manager(Some(FieldManager::new("kubectl-run")));
    let out = api
        .create(&pods, "default", pod(), &WriteOptions::default())
        .unwrap();
    let mf = &out["metadata"]["managedFields"][0];
    assert_eq!(mf["manager"], "kubectl-run");
    assert_eq!(mf["operation"], "Update");
    assert!(mf["time"].as_str().unwrap().ends_with(":00Z"));
    let f = &mf["fieldsV1"];
    assert_eq!(f["f:metadata"], json!({"f:labels": {".": {}, "f:run": {}}}));
    let c = &f["f:spec"]["f:containers"]["k:{\"name\":\"c\"}"];
    assert!(c.get("f:imagePullPolicy").is_some(), "{c}");
    assert!(f["f:spec"]["f:containers"].get(".").is_none());
    // Admission's additions are nobody's.
    assert!(f["f:spec"].get("f:serviceAccountName").is_none());
}

#[test]
fn apply_conflicts_then_forces() {
    let (mut api, pods) = api();
    api.set_field_manager(Some(FieldManager::new("kubectl-create")));
    api.create(&pods, "default", pod(), &WriteOptions::default())
        .unwrap();
    api.set_field_manager(Some(FieldManager::new("kubectl")));
    let mut cfg = pod();
    cfg["metadata"]["labels"]["run"] = json!("q");
    let err = api
        .apply_patch(&pods, "default", "p", &cfg, false, &WriteOptions::default())
        .unwrap_err();
    assert_eq!(err.code, 409);
    assert_eq!(
        err.message,
        "Apply failed with 1 conflict: conflict with \"kubectl-create\" using v1: .metadata.labels.run"
    );
    let out = api
        .apply_patch(&pods, "default", "p", &cfg, true, &WriteOptions::default())
        .unwrap();
    assert_eq!(out["metadata"]["labels"]["run"], "q");
    let mf = out["metadata"]["managedFields"].as_array().unwrap();
    assert_eq!(mf[0]["manager"], "kubectl");
    assert_eq!(mf[0]["operation"], "Apply");
    assert_eq!(mf[1]["manager"], "kubectl-create");
    assert!(mf[1]["fieldsV1"]["f:metadata"]["f:labels"]
        .get("f:run")
        .is_none());
}

#[test]
fn apply_creates_and_removes_what_it_stops_applying() {
    let (mut api, pods) = api();
    api.set_field_manager(Some(FieldManager::new("kubectl")));
    let mut cfg = pod();
    cfg["metadata"]["labels"]["tier"] = json!("web");
    let out = api
        .apply_patch(&pods, "default", "p", &cfg, false, &WriteOptions::default())
        .unwrap();
    assert_eq!(out["metadata"]["labels"]["tier"], "web");
    let out = api
        .apply_patch(
            &pods,
            "default",
            "p",
            &pod(),
            false,
            &WriteOptions::default(),
        )
        .unwrap();
    assert!(out["metadata"]["labels"].get("tier").is_none());
    assert_eq!(
        out["metadata"]["managedFields"][0]["fieldsV1"]["f:metadata"],
        json!({"f:labels": {"f:run": {}}})
    );
}

#[test]
fn unchanged_update_keeps_the_entries() {
    let (mut api, pods) = api();
    api.set_field_manager(Some(FieldManager::new("kubectl-create")));
    let created = api
        .create(&pods, "default", pod(), &WriteOptions::default())
        .unwrap();
    api.set_field_manager(Some(FieldManager::new("kubectl-edit")));
    let same = api.update(&pods, "default", created.clone()).unwrap();
    assert_eq!(same, created);
}
