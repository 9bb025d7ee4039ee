//! Decode defaults per kind: a minimal manifest in, the exact defaulted object out
//! (as a v1.33 server stores it before PrepareForCreate; see DEFAULTS.md).

use super::apply;
use super::pod::image_tag;
use crate::api::Registry;
use serde_json::{json, Value};

fn defaulted(resource: &str, mut obj: Value) -> Value {
    let reg = Registry::default();
    let r = reg
        .resolve(resource)
        .unwrap_or_else(|| panic!("{resource}"))
        .clone();
    apply(&r, &mut obj);
    let mut again = obj.clone();
    apply(&r, &mut again);
    assert_eq!(again, obj, "defaulting {resource} twice changes it");
    obj
}

/// The §4.1 defaults of a one-container template, as every workload shows them.
fn template_spec(container: &str, image: &str, policy: &str) -> Value {
    json!({
        "containers": [{
            "image": image, "imagePullPolicy": policy, "name": container, "resources": {},
            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
        }],
        "dnsPolicy": "ClusterFirst",
        "restartPolicy": "Always",
        "schedulerName": "default-scheduler",
        "securityContext": {},
        "terminationGracePeriodSeconds": 30
    })
}

#[test]
fn deployment_from_kubectl_create() {
    // What `kubectl create deployment web --image=nginx` sends.
    let sent = json!({
        "kind": "Deployment", "apiVersion": "apps/v1",
        "metadata": {"name": "web", "creationTimestamp": null, "labels": {"app": "web"}},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]}
            },
            "strategy": {}
        },
        "status": {}
    });
    let want = json!({
        "kind": "Deployment", "apiVersion": "apps/v1",
        "metadata": {"name": "web", "creationTimestamp": null, "labels": {"app": "web"}},
        "spec": {
            "progressDeadlineSeconds": 600,
            "replicas": 1,
            "revisionHistoryLimit": 10,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
            "template": {
                "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                "spec": template_spec("nginx", "nginx", "Always")
            }
        },
        "status": {}
    });
    assert_eq!(defaulted("deployments.apps", sent), want);
}

#[test]
fn deployment_recreate_has_no_rolling_update() {
    let d = defaulted(
        "deployments.apps",
        json!({"spec": {"replicas": 3, "strategy": {"type": "Recreate"}, "template": {"spec": {"containers": []}}}}),
    );
    assert_eq!(d["spec"]["strategy"], json!({"type": "Recreate"}));
    assert_eq!(d["spec"]["replicas"], 3);
    assert_eq!(
        d["spec"]["template"]["metadata"],
        json!({"creationTimestamp": null})
    );
}

#[test]
fn pod_only_defaults() {
    let p = defaulted(
        "pods",
        json!({"spec": {"hostNetwork": true, "containers": [{
            "name": "c", "image": "nginx:1.25",
            "ports": [{"containerPort": 80}],
            "resources": {"limits": {"cpu": "0.5", "memory": "128974848"}, "requests": {"memory": "64Mi"}}
        }]}}),
    );
    assert_eq!(
        p["spec"],
        json!({
            "containers": [{
                "image": "nginx:1.25", "imagePullPolicy": "IfNotPresent", "name": "c",
                "ports": [{"containerPort": 80, "hostPort": 80, "protocol": "TCP"}],
                "resources": {"limits": {"cpu": "500m", "memory": "128974848"},
                              "requests": {"cpu": "500m", "memory": "64Mi"}},
                "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
            }],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": true,
            "hostNetwork": true,
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "terminationGracePeriodSeconds": 30
        })
    );
}

#[test]
fn templates_get_no_pod_only_defaults() {
    let d = defaulted(
        "deployments.apps",
        json!({"spec": {"template": {"spec": {"containers": [
            {"name": "c", "image": "nginx", "resources": {"limits": {"cpu": "1"}}}]}}}}),
    );
    let spec = &d["spec"]["template"]["spec"];
    assert!(spec.get("enableServiceLinks").is_none());
    assert_eq!(
        spec["containers"][0]["resources"],
        json!({"limits": {"cpu": "1"}})
    );
}

#[test]
fn probes_env_lifecycle_and_volumes() {
    let p = defaulted(
        "pods",
        json!({"spec": {
            "containers": [{
                "name": "c", "image": "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "env": [{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}],
                "livenessProbe": {"httpGet": {"port": 80}},
                "readinessProbe": {"grpc": {"port": 9000}, "periodSeconds": 5},
                "startupProbe": {"tcpSocket": {"port": 80}, "failureThreshold": 30},
                "lifecycle": {"preStop": {"httpGet": {"port": 8080, "path": "/quit"}}}
            }],
            "initContainers": [{"name": "i", "image": "busybox:latest"}],
            "volumes": [
                {"name": "scratch"},
                {"name": "s", "secret": {"secretName": "x"}},
                {"name": "cm", "configMap": {"name": "x"}},
                {"name": "h", "hostPath": {"path": "/data"}},
                {"name": "d", "downwardAPI": {"items": [{"path": "l", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
                {"name": "e", "emptyDir": {"sizeLimit": "1024Mi"}},
                {"name": "t", "projected": {"sources": [{"serviceAccountToken": {"path": "tok"}}]}},
                {"name": "eph", "ephemeral": {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"],
                    "resources": {"requests": {"storage": "1.5Gi"}}}}}}
            ]
        }}),
    );
    let c = &p["spec"]["containers"][0];
    assert_eq!(c["imagePullPolicy"], "IfNotPresent");
    assert_eq!(
        c["env"][0]["valueFrom"]["fieldRef"],
        json!({"apiVersion": "v1", "fieldPath": "spec.nodeName"})
    );
    assert_eq!(
        c["livenessProbe"],
        json!({"httpGet": {"path": "/", "port": 80, "scheme": "HTTP"},
               "failureThreshold": 3, "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1})
    );
    assert_eq!(
        c["readinessProbe"],
        json!({"grpc": {"port": 9000, "service": ""},
               "failureThreshold": 3, "periodSeconds": 5, "successThreshold": 1, "timeoutSeconds": 1})
    );
    assert_eq!(c["startupProbe"]["failureThreshold"], 30);
    assert_eq!(
        c["lifecycle"]["preStop"]["httpGet"],
        json!({"path": "/quit", "port": 8080, "scheme": "HTTP"})
    );
    assert_eq!(p["spec"]["initContainers"][0]["imagePullPolicy"], "Always");
    assert_eq!(p["spec"]["initContainers"][0]["resources"], json!({}));
    assert_eq!(
        p["spec"]["volumes"],
        json!([
            {"name": "scratch", "emptyDir": {}},
            {"name": "s", "secret": {"defaultMode": 420, "secretName": "x"}},
            {"name": "cm", "configMap": {"defaultMode": 420, "name": "x"}},
            {"name": "h", "hostPath": {"path": "/data", "type": ""}},
            {"name": "d", "downwardAPI": {"defaultMode": 420, "items": [
                {"path": "l", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}}]}},
            {"name": "e", "emptyDir": {"sizeLimit": "1Gi"}},
            {"name": "t", "projected": {"defaultMode": 420, "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3600, "path": "tok"}}]}},
            {"name": "eph", "ephemeral": {"volumeClaimTemplate": {
                "metadata": {"creationTimestamp": null},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1536Mi"}},
                         "volumeMode": "Filesystem"}}}}
        ])
    );
}

#[test]
fn image_pull_policy_follows_the_tag() {
    for (image, tag) in [
        ("nginx", Some("latest")),
        ("nginx:latest", Some("latest")),
        ("nginx:1.25", Some("1.25")),
        ("docker.io/library/nginx", Some("latest")),
        ("localhost:5000/app", Some("latest")),
        ("localhost:5000/app:v2", Some("v2")),
        ("registry.k8s.io/pause:3.10", Some("3.10")),
        (
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            Some(""),
        ),
        ("Nginx", None),
        ("nginx:", None),
        ("", None),
    ] {
        assert_eq!(image_tag(image).as_deref(), tag, "{image}");
    }
}

#[test]
fn service_defaults() {
    let s = defaulted(
        "services",
        json!({"spec": {"selector": {"app": "web"}, "ports": [{"port": 80}, {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": "dns"}]}}),
    );
    assert_eq!(
        s["spec"],
        json!({
            "internalTrafficPolicy": "Cluster",
            "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80},
                      {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": "dns"}],
            "selector": {"app": "web"},
            "sessionAffinity": "None",
            "type": "ClusterIP"
        })
    );
    let lb = defaulted(
        "services",
        json!({"spec": {"type": "LoadBalancer", "sessionAffinity": "ClientIP", "ports": [{"port": 443, "targetPort": 0}]}}),
    );
    assert_eq!(lb["spec"]["externalTrafficPolicy"], "Cluster");
    assert_eq!(lb["spec"]["allocateLoadBalancerNodePorts"], true);
    assert_eq!(lb["spec"]["ports"][0]["targetPort"], 443);
    assert_eq!(
        lb["spec"]["sessionAffinityConfig"],
        json!({"clientIP": {"timeoutSeconds": 10800}})
    );
    let ext = defaulted(
        "services",
        json!({"spec": {"type": "ExternalName", "externalName": "example.com"}}),
    );
    assert_eq!(
        ext["spec"],
        json!({"externalName": "example.com", "sessionAffinity": "None", "type": "ExternalName"})
    );
}

#[test]
fn statefulset_defaults() {
    let s = defaulted(
        "statefulsets.apps",
        json!({"spec": {
            "selector": {"matchLabels": {"app": "db"}},
            "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "db", "image": "postgres:16"}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "data"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
        }}),
    );
    assert_eq!(
        s["spec"],
        json!({
            "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Retain"},
            "podManagementPolicy": "OrderedReady",
            "replicas": 1,
            "revisionHistoryLimit": 10,
            "selector": {"matchLabels": {"app": "db"}},
            "serviceName": "",
            "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "db"}},
                         "spec": template_spec("db", "postgres:16", "IfNotPresent")},
            "updateStrategy": {"rollingUpdate": {"partition": 0}, "type": "RollingUpdate"},
            "volumeClaimTemplates": [{
                "apiVersion": "v1", "kind": "PersistentVolumeClaim",
                "metadata": {"creationTimestamp": null, "name": "data"},
                "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}},
                         "volumeMode": "Filesystem"},
                "status": {"phase": "Pending"}
            }]
        })
    );
    // An explicit RollingUpdate without rollingUpdate gets no partition.
    let explicit = defaulted(
        "statefulsets.apps",
        json!({"spec": {"updateStrategy": {"type": "RollingUpdate"}}}),
    );
    assert_eq!(
        explicit["spec"]["updateStrategy"],
        json!({"type": "RollingUpdate"})
    );
}

#[test]
fn daemonset_and_replicaset_defaults() {
    let ds = defaulted(
        "daemonsets.apps",
        json!({"spec": {"template": {"spec": {"containers": []}}}}),
    );
    assert_eq!(
        ds["spec"]["updateStrategy"],
        json!({"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"})
    );
    assert_eq!(ds["spec"]["revisionHistoryLimit"], 10);
    let rs = defaulted(
        "replicasets.apps",
        json!({"spec": {"template": {"spec": {"containers": []}}}}),
    );
    assert_eq!(rs["spec"]["replicas"], 1);
    assert!(rs["spec"].get("revisionHistoryLimit").is_none());
}

#[test]
fn replication_controller_takes_template_labels() {
    let rc = defaulted(
        "replicationcontrollers",
        json!({"metadata": {"name": "rc"}, "spec": {"template": {"metadata": {"labels": {"app": "a"}}, "spec": {"containers": []}}}}),
    );
    assert_eq!(rc["metadata"]["labels"], json!({"app": "a"}));
    assert_eq!(rc["spec"]["selector"], json!({"app": "a"}));
    assert_eq!(rc["spec"]["replicas"], 1);
}

#[test]
fn job_defaults() {
    let j = defaulted(
        "jobs.batch",
        json!({"metadata": {"name": "pi"}, "spec": {"template": {"spec": {"restartPolicy": "Never",
            "containers": [{"name": "pi", "image": "perl:5.34"}]}}}}),
    );
    assert_eq!(
        j["spec"],
        json!({
            "backoffLimit": 6,
            "completionMode": "NonIndexed",
            "completions": 1,
            "manualSelector": false,
            "parallelism": 1,
            "podReplacementPolicy": "TerminatingOrFailed",
            "suspend": false,
            "template": {"metadata": {"creationTimestamp": null}, "spec": {
                "containers": [{"image": "perl:5.34", "imagePullPolicy": "IfNotPresent", "name": "pi", "resources": {},
                    "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}],
                "dnsPolicy": "ClusterFirst", "restartPolicy": "Never", "schedulerName": "default-scheduler",
                "securityContext": {}, "terminationGracePeriodSeconds": 30}}
        })
    );
    assert!(j["metadata"].get("labels").is_none());
    let j = defaulted(
        "jobs.batch",
        json!({"spec": {"completions": 5, "backoffLimitPerIndex": 1,
            "podFailurePolicy": {"rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]},
            "template": {"metadata": {"labels": {"app": "x"}}}}}),
    );
    assert_eq!(j["spec"]["completions"], 5);
    assert_eq!(j["spec"]["parallelism"], 1);
    assert_eq!(j["spec"]["backoffLimit"], 2147483647);
    assert_eq!(j["spec"]["podReplacementPolicy"], "Failed");
    assert_eq!(
        j["spec"]["podFailurePolicy"]["rules"][0]["onPodConditions"][0]["status"],
        "True"
    );
    assert_eq!(j["metadata"]["labels"], json!({"app": "x"}));
}

#[test]
fn cronjob_from_kubectl_create() {
    let sent = json!({
        "apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"creationTimestamp": null, "name": "c"},
        "spec": {
            "jobTemplate": {
                "metadata": {"creationTimestamp": null, "name": "c"},
                "spec": {"template": {"metadata": {"creationTimestamp": null},
                    "spec": {"containers": [{"image": "busybox", "name": "c", "resources": {}}], "restartPolicy": "OnFailure"}}}
            },
            "schedule": "* * * * *"
        },
        "status": {}
    });
    let mut tmpl = template_spec("c", "busybox", "Always");
    tmpl["restartPolicy"] = json!("OnFailure");
    let want = json!({
        "apiVersion": "batch/v1", "kind": "CronJob",
        "metadata": {"creationTimestamp": null, "name": "c"},
        "spec": {
            "concurrencyPolicy": "Allow",
            "failedJobsHistoryLimit": 1,
            "jobTemplate": {
                "metadata": {"creationTimestamp": null, "name": "c"},
                "spec": {"template": {"metadata": {"creationTimestamp": null}, "spec": tmpl}}
            },
            "schedule": "* * * * *",
            "successfulJobsHistoryLimit": 3,
            "suspend": false
        },
        "status": {}
    });
    assert_eq!(defaulted("cronjobs.batch", sent), want);
}

#[test]
fn hpa_defaults() {
    let h = defaulted(
        "hpa",
        json!({"spec": {"maxReplicas": 5, "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}}}),
    );
    assert_eq!(h["spec"]["minReplicas"], 1);
    assert_eq!(
        h["spec"]["metrics"],
        json!([{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}])
    );
    assert!(h["spec"].get("behavior").is_none());
    let h = defaulted(
        "hpa",
        json!({"spec": {"behavior": {"scaleUp": {"stabilizationWindowSeconds": 60}},
            "metrics": [{"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "0.5Gi"}}}]}}),
    );
    assert_eq!(
        h["spec"]["behavior"],
        json!({
            "scaleDown": {"policies": [{"periodSeconds": 15, "type": "Percent", "value": 100}], "selectPolicy": "Max"},
            "scaleUp": {"policies": [{"periodSeconds": 15, "type": "Pods", "value": 4},
                                     {"periodSeconds": 15, "type": "Percent", "value": 100}],
                        "selectPolicy": "Max", "stabilizationWindowSeconds": 60}
        })
    );
    assert_eq!(
        h["spec"]["metrics"][0]["resource"]["target"]["averageValue"],
        "512Mi"
    );
}

#[test]
fn networking_rbac_scheduling_storage() {
    let np = defaulted(
        "networkpolicies",
        json!({"spec": {"egress": [{"ports": [{"port": 53}]}], "ingress": [{}]}}),
    );
    assert_eq!(
        np["spec"],
        json!({"egress": [{"ports": [{"port": 53, "protocol": "TCP"}]}], "ingress": [{}],
               "podSelector": {}, "policyTypes": ["Ingress", "Egress"]})
    );
    let rb = defaulted(
        "rolebindings",
        json!({"roleRef": {"kind": "Role", "name": "r"},
               "subjects": [{"kind": "User", "name": "jane"}, {"kind": "ServiceAccount", "name": "ci", "namespace": "dev"}]}),
    );
    assert_eq!(rb["roleRef"]["apiGroup"], "rbac.authorization.k8s.io");
    assert_eq!(rb["subjects"][0]["apiGroup"], "rbac.authorization.k8s.io");
    assert!(rb["subjects"][1].get("apiGroup").is_none());
    assert_eq!(
        defaulted("roles", json!({"metadata": {"name": "r"}}))["rules"],
        Value::Null
    );
    assert!(defaulted("roles", json!({}))
        .as_object()
        .is_some_and(|m| m.contains_key("rules")));
    let pc = defaulted("priorityclasses", json!({"metadata": {"name": "high"}}));
    assert_eq!(
        pc,
        json!({"metadata": {"name": "high"}, "preemptionPolicy": "PreemptLowerPriority", "value": 0})
    );
    let sc = defaulted(
        "storageclasses",
        json!({"provisioner": "k8s.io/minikube-hostpath"}),
    );
    assert_eq!(
        sc,
        json!({"provisioner": "k8s.io/minikube-hostpath", "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate"})
    );
    let ic = defaulted(
        "ingressclasses",
        json!({"spec": {"parameters": {"kind": "K", "name": "p"}}}),
    );
    assert_eq!(ic["spec"]["parameters"]["scope"], "Cluster");
    let es = defaulted("endpointslices", json!({"ports": [{"port": 80}]}));
    assert_eq!(
        es["ports"],
        json!([{"name": "", "port": 80, "protocol": "TCP"}])
    );
    let ep = defaulted("endpoints", json!({"subsets": [{"ports": [{"port": 80}]}]}));
    assert_eq!(ep["subsets"][0]["ports"][0]["protocol"], "TCP");
}

#[test]
fn claims_volumes_quotas_limits_secrets() {
    let pvc = defaulted(
        "pvc",
        json!({"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1000Mi"}},
            "dataSource": {"kind": "PersistentVolumeClaim", "name": "src"}}}),
    );
    assert_eq!(
        pvc,
        json!({"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1000Mi"}},
            "dataSource": {"kind": "PersistentVolumeClaim", "name": "src"},
            "dataSourceRef": {"kind": "PersistentVolumeClaim", "name": "src"},
            "volumeMode": "Filesystem"}, "status": {"phase": "Pending"}})
    );
    let pv = defaulted(
        "pv",
        json!({"spec": {"capacity": {"storage": "2Gi"}, "hostPath": {"path": "/x"}}}),
    );
    assert_eq!(
        pv,
        json!({"spec": {"capacity": {"storage": "2Gi"}, "hostPath": {"path": "/x", "type": ""},
            "persistentVolumeReclaimPolicy": "Retain", "volumeMode": "Filesystem"}, "status": {"phase": "Pending"}})
    );
    let q = defaulted(
        "quota",
        json!({"spec": {"hard": {"requests.cpu": "1000m", "pods": 10}}}),
    );
    assert_eq!(
        q["spec"]["hard"],
        json!({"requests.cpu": "1", "pods": "10"})
    );
    let lr = defaulted(
        "limitranges",
        json!({"spec": {"limits": [
            {"type": "Container", "max": {"cpu": "2"}, "min": {"memory": "0.5Gi"}},
            {"type": "Pod", "max": {"cpu": "4"}}
        ]}}),
    );
    assert_eq!(
        lr["spec"]["limits"],
        json!([
            {"type": "Container", "max": {"cpu": "2"}, "min": {"memory": "512Mi"},
             "default": {"cpu": "2"}, "defaultRequest": {"cpu": "2", "memory": "512Mi"}},
            {"type": "Pod", "max": {"cpu": "4"}}
        ])
    );
    let s = defaulted(
        "secrets",
        json!({"metadata": {"name": "s"}, "stringData": {"user": "admin", "pw": "s3cr3t!"}, "data": {"x": "eA=="}}),
    );
    assert_eq!(
        s,
        json!({"metadata": {"name": "s"}, "data": {"x": "eA==", "user": "YWRtaW4=", "pw": "czNjcjN0IQ=="}, "type": "Opaque"})
    );
    let ns = defaulted(
        "namespaces",
        json!({"metadata": {"name": "demo", "labels": {}}}),
    );
    assert_eq!(
        ns,
        json!({"metadata": {"name": "demo", "labels": {"kubernetes.io/metadata.name": "demo"}}, "status": {"phase": "Active"}})
    );
    let sa = defaulted(
        "serviceaccounts",
        json!({"secrets": [{"name": "t", "kind": "Secret"}]}),
    );
    assert_eq!(sa["secrets"], json!([{"name": "t"}]));
}
