//! The create pipeline end to end: defaults, admission, allocation and
//! PrepareForCreate, checked against `kubectl get -o yaml` of a v1.33 server.

use crate::api::registry::ApiResource;
use crate::api::{meta, Status};
use crate::apiserver::{ApiServer, WriteOptions};
use crate::clock::EPOCH;
use crate::kubectl::printers::yaml::to_yaml;
use serde_json::{json, Value};

fn res(api: &ApiServer, typed: &str) -> ApiResource {
    api.registry().resolve(typed).expect(typed).clone()
}

fn create(api: &mut ApiServer, typed: &str, ns: &str, obj: Value) -> Result<Value, Status> {
    let r = res(api, typed);
    api.create(&r, ns, obj, &WriteOptions::default())
}

/// A server with namespace `default` and its `default` ServiceAccount (which the
/// service-account controller makes on a real cluster).
fn server() -> ApiServer {
    let mut api = ApiServer::new(7, EPOCH);
    create(
        &mut api,
        "namespaces",
        "",
        json!({"metadata": {"name": "default"}}),
    )
    .unwrap();
    create(
        &mut api,
        "serviceaccounts",
        "default",
        json!({"metadata": {"name": "default"}}),
    )
    .unwrap();
    api
}

/// `-o yaml` with the random parts (uid, token volume suffix) made stable.
fn yaml(obj: &Value) -> String {
    let mut out = to_yaml(obj);
    if let Some(uid) = meta::str_at(obj, &["metadata", "uid"]) {
        out = out.replace(uid, "UID");
    }
    let volume = obj["spec"]["volumes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v["name"].as_str())
        .find(|n| n.starts_with("kube-api-access-"));
    if let Some(v) = volume {
        assert_eq!(v.len(), "kube-api-access-".len() + 5);
        assert!(v["kube-api-access-".len()..]
            .bytes()
            .all(|b| crate::rng::NAME_ALPHABET.contains(&b)));
        out = out.replace(v, "kube-api-access-xxxxx");
    }
    out
}

const BARE_POD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: "2025-06-01T09:00:00Z"
  generation: 1
  labels:
    run: web
  name: web
  namespace: default
  resourceVersion: "4"
  uid: UID
spec:
  containers:
  - image: nginx
    imagePullPolicy: Always
    name: web
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-xxxxx
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-xxxxx
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
status:
  phase: Pending
  qosClass: BestEffort
"#;

/// What `kubectl run web --image=nginx` sends.
fn kubectl_run_body() -> Value {
    json!({
        "kind": "Pod", "apiVersion": "v1",
        "metadata": {"name": "web", "creationTimestamp": null, "labels": {"run": "web"}},
        "spec": {"containers": [{"name": "web", "image": "nginx", "resources": {}}],
                 "restartPolicy": "Always", "dnsPolicy": "ClusterFirst"},
        "status": {}
    })
}

#[test]
fn bare_pod_reads_back_like_a_real_server() {
    let mut api = server();
    let pod = create(&mut api, "pods", "default", kubectl_run_body()).unwrap();
    assert_eq!(yaml(&pod), BARE_POD);
    // The stored object is what a later get returns.
    let got = api.get(&res(&api, "pods"), "default", "web").unwrap();
    assert_eq!(got, pod);
}

#[test]
fn pod_without_its_service_account_is_forbidden_but_default_is_waited_for() {
    let mut api = server();
    create(
        &mut api,
        "namespaces",
        "",
        json!({"metadata": {"name": "dev"}}),
    )
    .unwrap();
    // `default` is waited for: the controller creates it meanwhile.
    let pod = create(&mut api, "pods", "dev", kubectl_run_body()).unwrap();
    assert_eq!(pod["spec"]["serviceAccountName"], "default");
    let sa = api.registry().resolve("serviceaccounts").cloned().unwrap();
    assert!(api.get(&sa, "dev", "default").is_ok());
    let mut body = kubectl_run_body();
    body["spec"]["serviceAccountName"] = json!("builder");
    let err = create(&mut api, "pods", "default", body).unwrap_err();
    assert_eq!(err.code, 403);
    assert_eq!(err.reason, "Forbidden");
    assert_eq!(
        err.message,
        "pods \"web\" is forbidden: error looking up service account default/builder: serviceaccount \"builder\" not found"
    );
    // generateName names the error when there is no name yet.
    let mut body = kubectl_run_body();
    body["metadata"] = json!({"generateName": "web-"});
    body["spec"]["serviceAccountName"] = json!("builder");
    let err = create(&mut api, "pods", "dev", body).unwrap_err();
    assert!(
        err.message.starts_with("pods \"web-\" is forbidden: "),
        "{}",
        err.message
    );
    // NamespaceLifecycle still wins for a missing namespace.
    let err = create(&mut api, "pods", "nope", kubectl_run_body()).unwrap_err();
    assert_eq!(err.message, "namespaces \"nope\" not found");
}

#[test]
fn service_account_options() {
    let mut api = server();
    create(
        &mut api,
        "serviceaccounts",
        "default",
        json!({"metadata": {"name": "robot"}, "automountServiceAccountToken": false,
               "imagePullSecrets": [{"name": "regcred"}]}),
    )
    .unwrap();
    let mut body = kubectl_run_body();
    body["spec"]["serviceAccount"] = json!("robot");
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(pod["spec"]["serviceAccountName"], "robot");
    assert_eq!(pod["spec"]["serviceAccount"], "robot");
    assert!(pod["spec"].get("volumes").is_none());
    assert!(pod["spec"]["containers"][0].get("volumeMounts").is_none());
    assert_eq!(
        pod["spec"]["imagePullSecrets"],
        json!([{"name": "regcred"}])
    );

    // A container that mounts the token path itself gets no second mount; the
    // init container does get one, and the volume is appended once.
    let body = json!({"metadata": {"name": "two"}, "spec": {
        "initContainers": [{"name": "init", "image": "busybox"}],
        "containers": [{"name": "c", "image": "nginx", "volumeMounts": [
            {"name": "own", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]}],
        "volumes": [{"name": "own", "emptyDir": {}}]}});
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(
        pod["spec"]["containers"][0]["volumeMounts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let init_mounts = &pod["spec"]["initContainers"][0]["volumeMounts"];
    let vol = init_mounts[0]["name"].as_str().unwrap();
    assert!(vol.starts_with("kube-api-access-"));
    assert_eq!(pod["spec"]["volumes"][1]["name"], vol);
    assert_eq!(pod["spec"]["volumes"].as_array().unwrap().len(), 2);
}

#[test]
fn limit_ranger_defaults_and_annotation() {
    let mut api = server();
    create(
        &mut api,
        "limitranges",
        "default",
        json!({"metadata": {"name": "limits"}, "spec": {"limits": [{"type": "Container",
            "default": {"cpu": "500m", "memory": "256Mi"}, "defaultRequest": {"cpu": "0.1"}}]}}),
    )
    .unwrap();
    let body = json!({"metadata": {"name": "p"}, "spec": {
        "initContainers": [{"name": "setup", "image": "busybox", "resources": {"limits": {"memory": "64Mi"}}}],
        "containers": [{"name": "app", "image": "nginx"}]}});
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(
        pod["metadata"]["annotations"]["kubernetes.io/limit-ranger"],
        "LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; \
         cpu request for init container setup; cpu limit for init container setup"
    );
    assert_eq!(
        pod["spec"]["containers"][0]["resources"],
        json!({"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "256Mi"}})
    );
    // The init container's memory request came from its own limit (decode default).
    assert_eq!(
        pod["spec"]["initContainers"][0]["resources"],
        json!({"limits": {"cpu": "500m", "memory": "64Mi"}, "requests": {"cpu": "100m", "memory": "64Mi"}})
    );
    assert_eq!(pod["status"]["qosClass"], "Burstable");
}

#[test]
fn qos_classes() {
    let mut api = server();
    let mut make = |name: &str, resources: Value| {
        let body = json!({"metadata": {"name": name}, "spec": {"containers": [
            {"name": "c", "image": "nginx", "resources": resources}]}});
        let pod = create(&mut api, "pods", "default", body).unwrap();
        pod["status"]["qosClass"].as_str().unwrap().to_string()
    };
    assert_eq!(make("a", json!({})), "BestEffort");
    assert_eq!(
        make("b", json!({"limits": {"cpu": "1", "memory": "1Gi"}})),
        "Guaranteed"
    );
    assert_eq!(
        make(
            "c",
            json!({"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "1000m", "memory": "1024Mi"}})
        ),
        "Guaranteed"
    );
    assert_eq!(make("d", json!({"limits": {"cpu": "1"}})), "Burstable");
    assert_eq!(
        make("e", json!({"requests": {"memory": "1Gi"}})),
        "Burstable"
    );
    assert_eq!(
        make("f", json!({"requests": {"ephemeral-storage": "1Gi"}})),
        "BestEffort"
    );
    assert_eq!(
        make(
            "g",
            json!({"limits": {"cpu": "2", "memory": "1Gi"}, "requests": {"cpu": "1"}})
        ),
        "Burstable"
    );
}

#[test]
fn priority_admission() {
    let mut api = server();
    let mut body = kubectl_run_body();
    body["spec"]["priorityClassName"] = json!("system-node-critical");
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(pod["spec"]["priority"], 2000001000);
    assert_eq!(pod["spec"]["preemptionPolicy"], "PreemptLowerPriority");

    let mut body = kubectl_run_body();
    body["metadata"]["name"] = json!("x");
    body["spec"]["priorityClassName"] = json!("gold");
    let err = create(&mut api, "pods", "default", body).unwrap_err();
    assert_eq!(
        err.message,
        "pods \"x\" is forbidden: no PriorityClass with name gold was found"
    );

    create(
        &mut api,
        "priorityclasses",
        "",
        json!({"metadata": {"name": "low"}, "value": 100, "globalDefault": true, "preemptionPolicy": "Never"}),
    )
    .unwrap();
    let err = create(
        &mut api,
        "priorityclasses",
        "",
        json!({"metadata": {"name": "other"}, "value": 5, "globalDefault": true}),
    )
    .unwrap_err();
    assert_eq!(
        err.message,
        "priorityclasses.scheduling.k8s.io \"other\" is forbidden: PriorityClass low is already marked as default. \
         Only one default can exist"
    );
    let mut body = kubectl_run_body();
    body["metadata"]["name"] = json!("y");
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(pod["spec"]["priorityClassName"], "low");
    assert_eq!(pod["spec"]["priority"], 100);
    assert_eq!(pod["spec"]["preemptionPolicy"], "Never");

    let mut body = kubectl_run_body();
    body["metadata"]["name"] = json!("z");
    body["spec"]["priority"] = json!(5);
    let err = create(&mut api, "pods", "default", body).unwrap_err();
    assert_eq!(
        err.message,
        "pods \"z\" is forbidden: the integer value of priority (5) must not be provided in pod spec; \
         priority admission controller computed 100 from the given PriorityClass name"
    );
}

#[test]
fn tolerations_are_not_duplicated() {
    let mut api = server();
    let mut body = kubectl_run_body();
    body["spec"]["tolerations"] = json!([
        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 60}]);
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(
        pod["spec"]["tolerations"],
        json!([
            {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 60},
            {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300}
        ])
    );
    let mut body = kubectl_run_body();
    body["metadata"]["name"] = json!("all");
    body["spec"]["tolerations"] = json!([{"operator": "Exists"}]);
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(pod["spec"]["tolerations"], json!([{"operator": "Exists"}]));
}

#[test]
fn scheduling_gates_add_the_gated_condition() {
    let mut api = server();
    let mut body = kubectl_run_body();
    body["spec"]["schedulingGates"] = json!([{"name": "example.com/wait"}]);
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(
        to_yaml(&pod["status"]),
        "conditions:\n- lastProbeTime: null\n  lastTransitionTime: null\n  message: Scheduling is blocked due to non-empty scheduling gates\n  reason: SchedulingGated\n  status: \"False\"\n  type: PodScheduled\nphase: Pending\nqosClass: BestEffort\n"
    );
}

const DEPLOYMENT: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: "2025-06-01T09:00:00Z"
  generation: 1
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "4"
  uid: UID
spec:
  progressDeadlineSeconds: 600
  replicas: 1
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        imagePullPolicy: Always
        name: nginx
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status: {}
"#;

#[test]
fn deployment_reads_back_like_a_real_server() {
    let mut api = server();
    let body = json!({
        "kind": "Deployment", "apiVersion": "apps/v1",
        "metadata": {"name": "web", "creationTimestamp": null, "labels": {"app": "web"}},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]}},
            "strategy": {}},
        "status": {}
    });
    let d = create(&mut api, "deployments.apps", "default", body).unwrap();
    assert_eq!(yaml(&d), DEPLOYMENT);
}

#[test]
fn job_selector_labels_and_status() {
    let mut api = server();
    let body = json!({"metadata": {"name": "pi"}, "spec": {"template": {"spec": {"restartPolicy": "Never",
        "containers": [{"name": "pi", "image": "perl:5.34"}]}}}});
    let job = create(&mut api, "jobs.batch", "default", body).unwrap();
    let uid = meta::str_at(&job, &["metadata", "uid"])
        .unwrap()
        .to_string();
    let labels = json!({
        "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "pi",
        "controller-uid": uid, "job-name": "pi"
    });
    assert_eq!(job["metadata"]["labels"], labels);
    assert_eq!(job["spec"]["template"]["metadata"]["labels"], labels);
    assert_eq!(
        job["spec"]["selector"],
        json!({"matchLabels": {"batch.kubernetes.io/controller-uid": uid}})
    );
    assert_eq!(job["status"], json!({}));
    assert_eq!(job["metadata"]["generation"], 1);
}

#[test]
fn workload_statuses_after_create() {
    let mut api = server();
    let tmpl = json!({"metadata": {"labels": {"app": "a"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
    let spec = json!({"selector": {"matchLabels": {"app": "a"}}, "template": tmpl});
    let rs = create(
        &mut api,
        "rs",
        "default",
        json!({"metadata": {"name": "a"}, "spec": spec}),
    )
    .unwrap();
    assert_eq!(rs["status"], json!({"replicas": 0}));
    let sts = create(
        &mut api,
        "sts",
        "default",
        json!({"metadata": {"name": "a"}, "spec": spec}),
    )
    .unwrap();
    assert_eq!(
        sts["status"],
        json!({"availableReplicas": 0, "replicas": 0})
    );
    let ds = create(
        &mut api,
        "ds",
        "default",
        json!({"metadata": {"name": "a"}, "spec": spec}),
    )
    .unwrap();
    assert_eq!(
        ds["status"],
        json!({"currentNumberScheduled": 0, "desiredNumberScheduled": 0, "numberMisscheduled": 0, "numberReady": 0})
    );
    assert_eq!(
        ds["metadata"]["annotations"],
        json!({"deprecated.daemonset.template.generation": "1"})
    );
    let pdb = create(
        &mut api,
        "pdb",
        "default",
        json!({"metadata": {"name": "a"}, "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "a"}}}}),
    )
    .unwrap();
    assert_eq!(
        to_yaml(&pdb["status"]),
        "currentHealthy: 0\ndesiredHealthy: 0\ndisruptionsAllowed: 0\nexpectedPods: 0\n"
    );
    let hpa = create(
        &mut api,
        "hpa",
        "default",
        json!({"metadata": {"name": "a"}, "spec": {"maxReplicas": 3,
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "a"}}}),
    )
    .unwrap();
    assert_eq!(
        to_yaml(&hpa["status"]),
        "currentMetrics: null\ndesiredReplicas: 0\n"
    );
    assert!(hpa["metadata"].get("generation").is_none());
}

// resourceVersion 5: the ipallocator writes the IPAddress (4) before the Service.
const SERVICE: &str = r#"apiVersion: v1
kind: Service
metadata:
  creationTimestamp: "2025-06-01T09:00:00Z"
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "5"
  uid: UID
spec:
  clusterIP: IP
  clusterIPs:
  - IP
  internalTrafficPolicy: Cluster
  ipFamilies:
  - IPv4
  ipFamilyPolicy: SingleStack
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  sessionAffinity: None
  type: ClusterIP
status:
  loadBalancer: {}
"#;

#[test]
fn service_reads_back_like_a_real_server() {
    let mut api = server();
    // `kubectl create service clusterip web --tcp=80:8080`
    let body = json!({"kind": "Service", "apiVersion": "v1",
        "metadata": {"name": "web", "creationTimestamp": null, "labels": {"app": "web"}},
        "spec": {"ports": [{"name": "80-8080", "protocol": "TCP", "port": 80, "targetPort": 8080}],
                 "selector": {"app": "web"}, "type": "ClusterIP"},
        "status": {"loadBalancer": {}}});
    let svc = create(&mut api, "services", "default", body).unwrap();
    let ip = svc["spec"]["clusterIP"].as_str().unwrap().to_string();
    let addr: std::net::Ipv4Addr = ip.parse().unwrap();
    assert_eq!(addr.octets()[0], 10);
    assert!(
        (96..112).contains(&addr.octets()[1]),
        "{ip} in 10.96.0.0/12"
    );
    assert_eq!(yaml(&svc).replace(&ip, "IP"), SERVICE);
}

#[test]
fn service_allocation() {
    let mut api = server();
    let np = create(
        &mut api,
        "services",
        "default",
        json!({"metadata": {"name": "dns"}, "spec": {"type": "NodePort", "ports": [
            {"name": "udp", "port": 53, "protocol": "UDP"}, {"name": "tcp", "port": 53, "protocol": "TCP"},
            {"name": "web", "port": 80, "nodePort": 30080}]}}),
    )
    .unwrap();
    let p0 = np["spec"]["ports"][0]["nodePort"].as_u64().unwrap();
    assert!((30086..=32767).contains(&p0), "{p0}");
    assert_eq!(np["spec"]["ports"][1]["nodePort"], p0);
    assert_eq!(np["spec"]["ports"][2]["nodePort"], 30080);
    assert_eq!(np["spec"]["externalTrafficPolicy"], "Cluster");

    let err = create(
        &mut api,
        "services",
        "default",
        json!({"metadata": {"name": "b"}, "spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": 30080}]}}),
    )
    .unwrap_err();
    assert_eq!(
        err.message,
        "Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated"
    );
    let err = create(
        &mut api,
        "services",
        "default",
        json!({"metadata": {"name": "b"}, "spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": 80}]}}),
    )
    .unwrap_err();
    assert_eq!(
        err.message,
        "Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. \
         The range of valid ports is 30000-32767"
    );
    let ip = np["spec"]["clusterIP"].as_str().unwrap();
    let err = create(
        &mut api,
        "services",
        "default",
        json!({"metadata": {"name": "c"}, "spec": {"clusterIP": ip, "ports": [{"port": 80}]}}),
    )
    .unwrap_err();
    assert_eq!(
        err.message,
        format!("Service \"c\" is invalid: spec.clusterIPs: Invalid value: []string{{\"{ip}\"}}: failed to allocate IP {ip}: provided IP is already allocated")
    );
    let err = create(
        &mut api,
        "services",
        "default",
        json!({"metadata": {"name": "c"}, "spec": {"clusterIP": "1.2.3.4", "ports": [{"port": 80}]}}),
    )
    .unwrap_err();
    assert!(err.message.ends_with(
        "failed to allocate IP 1.2.3.4: the provided network does not match the current range"
    ));

    let headless = create(
        &mut api,
        "services",
        "default",
        json!({"metadata": {"name": "h"}, "spec": {"clusterIP": "None", "ports": [{"port": 80}]}}),
    )
    .unwrap();
    assert_eq!(headless["spec"]["clusterIPs"], json!(["None"]));
    assert_eq!(headless["spec"]["ipFamilyPolicy"], "RequireDualStack");
    assert_eq!(headless["spec"]["ipFamilies"], json!(["IPv4", "IPv6"]));

    let ext = create(
        &mut api,
        "services",
        "default",
        json!({"metadata": {"name": "e"}, "spec": {"type": "ExternalName", "externalName": "example.com"}}),
    )
    .unwrap();
    assert_eq!(
        ext["spec"],
        json!({"externalName": "example.com", "sessionAffinity": "None", "type": "ExternalName"})
    );

    let lb = create(
        &mut api,
        "services",
        "default",
        json!({"metadata": {"name": "lb"}, "spec": {"type": "LoadBalancer", "externalTrafficPolicy": "Local",
            "ports": [{"port": 443}]}}),
    )
    .unwrap();
    assert!(lb["spec"]["ports"][0]["nodePort"].as_u64().is_some());
    assert!(lb["spec"]["healthCheckNodePort"].as_u64().is_some());
    assert_eq!(lb["spec"]["allocateLoadBalancerNodePorts"], true);
}

#[test]
fn storage_classes_and_claims() {
    let mut api = server();
    create(
        &mut api,
        "storageclasses",
        "",
        json!({"metadata": {"name": "standard", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
               "provisioner": "k8s.io/minikube-hostpath"}),
    )
    .unwrap();
    let claim = |name: &str| {
        json!({"metadata": {"name": name}, "spec": {"accessModes": ["ReadWriteOnce"],
            "resources": {"requests": {"storage": "1Gi"}}}})
    };
    let pvc = create(&mut api, "pvc", "default", claim("data")).unwrap();
    assert_eq!(pvc["spec"]["storageClassName"], "standard");
    assert_eq!(pvc["spec"]["volumeMode"], "Filesystem");
    assert_eq!(
        pvc["metadata"]["finalizers"],
        json!(["kubernetes.io/pvc-protection"])
    );
    assert_eq!(pvc["status"], json!({"phase": "Pending"}));
    assert!(pvc["metadata"].get("generation").is_none());

    let mut explicit = claim("none");
    explicit["spec"]["storageClassName"] = json!("");
    let pvc = create(&mut api, "pvc", "default", explicit).unwrap();
    assert_eq!(pvc["spec"]["storageClassName"], "");

    let pv = create(
        &mut api,
        "pv",
        "",
        json!({"metadata": {"name": "pv1"}, "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
               "hostPath": {"path": "/data"}}}),
    )
    .unwrap();
    assert_eq!(
        pv["metadata"]["finalizers"],
        json!(["kubernetes.io/pv-protection"])
    );
    assert_eq!(
        pv["status"],
        json!({"phase": "Pending", "lastPhaseTransitionTime": "2025-06-01T09:00:00Z"})
    );
    assert_eq!(pv["spec"]["persistentVolumeReclaimPolicy"], "Retain");
}

#[test]
fn default_ingress_class() {
    let mut api = server();
    let ing = json!({"metadata": {"name": "web"}, "spec": {"rules": [{"http": {"paths": [
        {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]}});
    let created = create(&mut api, "ingresses", "default", ing.clone()).unwrap();
    assert!(created["spec"].get("ingressClassName").is_none());
    assert_eq!(created["status"], json!({"loadBalancer": {}}));
    assert_eq!(created["metadata"]["generation"], 1);
    create(
        &mut api,
        "ingressclasses",
        "",
        json!({"metadata": {"name": "nginx", "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}},
               "spec": {"controller": "k8s.io/ingress-nginx"}}),
    )
    .unwrap();
    let mut second = ing.clone();
    second["metadata"]["name"] = json!("web2");
    let created = create(&mut api, "ingresses", "default", second).unwrap();
    assert_eq!(created["spec"]["ingressClassName"], "nginx");
    let mut annotated = ing;
    annotated["metadata"] =
        json!({"name": "web3", "annotations": {"kubernetes.io/ingress.class": "traefik"}});
    let created = create(&mut api, "ingresses", "default", annotated).unwrap();
    assert!(created["spec"].get("ingressClassName").is_none());
}

#[test]
fn runtime_class_admission() {
    let mut api = server();
    let mut body = kubectl_run_body();
    body["spec"]["runtimeClassName"] = json!("gvisor");
    let err = create(&mut api, "pods", "default", body.clone()).unwrap_err();
    assert_eq!(
        err.message,
        "pods \"web\" is forbidden: pod rejected: RuntimeClass \"gvisor\" not found"
    );
    create(
        &mut api,
        "runtimeclasses",
        "",
        json!({"metadata": {"name": "gvisor"}, "handler": "runsc", "overhead": {"podFixed": {"memory": "120Mi"}},
               "scheduling": {"nodeSelector": {"sandbox": "true"}}}),
    )
    .unwrap();
    let pod = create(&mut api, "pods", "default", body).unwrap();
    assert_eq!(pod["spec"]["overhead"], json!({"memory": "120Mi"}));
    assert_eq!(pod["spec"]["nodeSelector"], json!({"sandbox": "true"}));
}

#[test]
fn nameless_limit_range_gets_a_uuid_name() {
    let mut api = server();
    let lr = create(
        &mut api,
        "limitranges",
        "default",
        json!({"spec": {"limits": []}}),
    )
    .unwrap();
    assert_eq!(meta::name(&lr).len(), 36);
}

#[test]
fn update_applies_defaults() {
    let mut api = server();
    let cm = create(
        &mut api,
        "configmaps",
        "default",
        json!({"metadata": {"name": "c"}, "data": {"k": "v"}}),
    )
    .unwrap();
    assert_eq!(to_yaml(&cm).lines().count(), 10);
    let mut pod = create(&mut api, "pods", "default", kubectl_run_body()).unwrap();
    pod["spec"]["containers"][0]
        .as_object_mut()
        .unwrap()
        .remove("terminationMessagePolicy");
    let r = res(&api, "pods");
    let updated = api.update(&r, "default", pod).unwrap();
    assert_eq!(
        updated["spec"]["containers"][0]["terminationMessagePolicy"],
        "File"
    );
    assert_eq!(updated["metadata"]["generation"], 1);
}
