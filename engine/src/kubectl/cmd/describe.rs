//! `kubectl describe`: finds the objects as the resource builder does
//! (`TYPE [NAME...]`, `TYPE/NAME`, `-l`, `-A`), falls back to name-prefix
//! matching when `TYPE NAME` names nothing, and prints each object's
//! description (kubectl `pkg/cmd/describe`).

use crate::api::{meta, ApiResource, Status};
use crate::apiserver::ListOptions;
use crate::kubectl::describe::{self, Ctx};
use crate::kubectl::errors::{status_text, CmdError};
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::resources;
use crate::kubectl::{Command, Env};

pub const COMMAND: Command = Command {
    name: "describe",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Show details of a specific resource or group of resources",
    flags: &[
        Flag::new(
            "selector",
            FlagKind::String,
            "",
            "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
        )
        .short('l'),
        Flag::new(
            "all-namespaces",
            FlagKind::Bool,
            "false",
            "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.",
        )
        .short('A'),
        Flag::new(
            "show-events",
            FlagKind::Bool,
            "true",
            "If true, display events related to the described object.",
        ),
        Flag::new(
            "chunk-size",
            FlagKind::Int,
            "500",
            "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.",
        ),
        Flag::new(
            "filename",
            FlagKind::StringSlice,
            "[]",
            "Filename, directory, or URL to files containing the resource to describe",
        )
        .short('f'),
        Flag::new(
            "recursive",
            FlagKind::Bool,
            "false",
            "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.",
        )
        .short('R'),
        Flag::new(
            "kustomize",
            FlagKind::String,
            "",
            "Process the kustomization directory. This flag can't be used together with -f or -R.",
        )
        .short('k'),
    ],
    run,
};

const NO_TYPE: &str = "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n";

/// One object to describe.
struct Info {
    resource: ApiResource,
    namespace: String,
    name: String,
}

fn info(r: &ApiResource, obj: &serde_json::Value) -> Info {
    Info {
        resource: r.clone(),
        namespace: meta::namespace(obj).to_string(),
        name: meta::name(obj).to_string(),
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if p.args.is_empty() {
        if !p.all("filename").is_empty() || p.str("kustomize").is_some_and(|k| !k.is_empty()) {
            return Err(CmdError::Plain(
                "describing objects named in files is not simulated yet".into(),
            ));
        }
        return Err(CmdError::Raw(NO_TYPE.into()));
    }
    let requests = resources::parse(env.world.api.registry(), &p.args)?;
    let all_ns = p.bool("all-namespaces");
    let ns = env.namespace(p);
    let selector = p
        .str("selector")
        .filter(|s| !s.is_empty())
        .map(String::from);
    if selector.is_some() && requests.iter().any(|r| !r.names.is_empty()) {
        return Err(CmdError::Plain(
            "name cannot be provided when a selector is specified".into(),
        ));
    }
    let api = &env.world.api;
    let mut infos: Vec<Info> = vec![];
    let mut errors: Vec<Status> = vec![];
    for req in &requests {
        let r = &req.resource;
        if req.names.is_empty() {
            let scope = if all_ns { None } else { Some(ns.as_str()) };
            let opts = ListOptions {
                label_selector: selector.clone(),
                field_selector: None,
            };
            match api.list(r, scope, &opts) {
                Ok(objs) => infos.extend(objs.iter().map(|o| info(r, o))),
                Err(e) => errors.push(e),
            }
        } else {
            for name in &req.names {
                match api.get(r, &ns, name) {
                    Ok(o) => infos.push(info(r, &o)),
                    Err(e) => errors.push(e),
                }
            }
        }
    }
    let ctx = Ctx {
        api,
        now: api.now(),
        show_events: p.bool("show-events"),
    };
    // `TYPE NAME` that names nothing: describe every object whose name starts with NAME.
    if errors.len() == 1 && errors[0].code == 404 && p.args.len() == 2 {
        let out = describe_matching(&ctx, env.world.api.registry(), &p.args, &ns, &errors[0])?;
        env.print(out);
        return Ok(());
    }
    let mut out = String::new();
    let mut seen: Vec<String> = vec![];
    let mut failures: Vec<String> = errors.iter().map(status_text).collect();
    let mut first = true;
    for inf in &infos {
        match describe::describe(&ctx, &inf.resource, &inf.namespace, &inf.name) {
            Ok(s) => {
                if !first {
                    out.push_str("\n\n");
                }
                first = false;
                out.push_str(&s);
            }
            Err(e) => {
                let text = status_text(&e);
                if !seen.contains(&text) {
                    seen.push(text.clone());
                    failures.push(text);
                }
            }
        }
    }
    env.print(out);
    if infos.is_empty() && errors.is_empty() {
        if all_ns {
            env.eprint("No resources found\n");
        } else {
            env.eprint(format!("No resources found in {ns} namespace.\n"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CmdError::Raw(failures.concat()))
    }
}

/// `DescribeMatchingResources`: the objects of the first argument's type in
/// the namespace whose names start with the second; else the original error.
fn describe_matching(
    ctx: &Ctx,
    reg: &crate::api::Registry,
    args: &[String],
    ns: &str,
    original: &Status,
) -> Result<String, CmdError> {
    let requests = resources::parse(reg, &args[..1])?;
    if requests.len() != 1 {
        return Err(CmdError::Api(original.clone()));
    }
    let req = &requests[0];
    let r = &req.resource;
    let objects = match req.names.first() {
        Some(name) => vec![ctx.api.get(r, ns, name)?],
        None => ctx.api.list(r, Some(ns), &ListOptions::default())?,
    };
    let prefix = &args[1];
    let mut out = String::new();
    let mut found = false;
    for o in &objects {
        let inf = info(r, o);
        if inf.name.starts_with(prefix.as_str()) {
            found = true;
            let s = describe::describe(ctx, r, &inf.namespace, &inf.name)?;
            out.push_str(&s);
            out.push('\n');
        }
    }
    if !found {
        return Err(CmdError::Api(original.clone()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::{Cluster, Preset};

    const DEPLOYMENT: &str = "kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
          limits:
            memory: 128Mi
        env:
        - name: MODE
          value: demo
EOF";

    const STUCK: &str = "kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: stuck
spec:
  nodeSelector:
    disk: ssd
  containers:
  - name: app
    image: nginx
EOF";

    fn cluster() -> Cluster {
        Cluster::new(Preset::Minikube, 1)
    }

    /// A running pod, a two-replica deployment and a pod no node can take, 20s on.
    fn scenario() -> Cluster {
        let mut c = cluster();
        c.run("kubectl run web --image=nginx");
        c.run(DEPLOYMENT);
        c.run(STUCK);
        c.run("sleep 20");
        c
    }

    #[test]
    fn describes_running_pod() {
        let mut c = scenario();
        let o = c.run("kubectl describe pod web");
        assert_eq!(o.stderr(), "");
        assert_eq!(
            o.stdout(),
            r#"Name:         web
Namespace:    default
Node:         minikube/192.168.49.2
Start Time:   Sun, 01 Jun 2025 09:01:01 +0000
Labels:       run=web
Annotations:  <none>
Status:       Running
IP:           10.244.0.5
IPs:
  IP:  10.244.0.5
Containers:
  web:
    Container ID:   docker://ba9fca9b787724da6886f5e400b3742c74fc9c3d3810b3c14ec588654c803485
    Image:          nginx
    Image ID:       docker-pullable://nginx@sha256:dd8806e9b11a780f735b334afaefd710f93d9bb3dfd163fe3c0ef8e2c62f61c1
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Sun, 01 Jun 2025 09:01:08 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    BestEffort
Node-Selectors:               <none>
Tolerations:                  <none>
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  19s   default-scheduler  Successfully assigned default/web to minikube
  Normal  Pulling    18s   kubelet            Pulling image "nginx"
  Normal  Pulled     12s   kubelet            Successfully pulled image "nginx" in 5.237s (5.237s including waiting). Image size: 192004242 bytes.
  Normal  Created    12s   kubelet            Created container: web
  Normal  Started    12s   kubelet            Started container web
"#
        );
    }

    #[test]
    fn describes_pending_pod() {
        let mut c = scenario();
        let o = c.run("kubectl describe pod stuck");
        assert_eq!(o.stderr(), "");
        assert_eq!(
            o.stdout(),
            r#"Name:         stuck
Namespace:    default
Node:         <none>
Labels:       <none>
Annotations:  <none>
Status:       Pending
IP:           
IPs:          <none>
Containers:
  app:
    Image:        nginx
    Port:         <none>
    Host Port:    <none>
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type           Status
  PodScheduled   False 
Volumes:         <none>
QoS Class:       BestEffort
Node-Selectors:  disk=ssd
Tolerations:     <none>
Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  19s   default-scheduler  0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.
  Warning  FailedScheduling  9s    default-scheduler  0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.
"#
        );
    }

    #[test]
    fn describes_node() {
        let mut c = scenario();
        let o = c.run("kubectl describe node");
        assert_eq!(o.stderr(), "");
        assert_eq!(
            o.stdout(),
            r#"Name:               minikube
Roles:              control-plane
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=minikube
                    kubernetes.io/os=linux
                    minikube.k8s.io/commit=f8f52f5de11fc6ad8244afac475e1d0f96841df1-dirty
                    minikube.k8s.io/name=minikube
                    minikube.k8s.io/primary=true
                    minikube.k8s.io/updated_at=2025_06_01T09_00_00_0000
                    minikube.k8s.io/version=v1.36.0
                    node-role.kubernetes.io/control-plane=
                    node.kubernetes.io/exclude-from-external-load-balancers=
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/cri-dockerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Sun, 01 Jun 2025 09:00:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:              Failed to get lease: leases.coordination.k8s.io "minikube" not found
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Sun, 01 Jun 2025 09:00:00 +0000   Sun, 01 Jun 2025 09:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Sun, 01 Jun 2025 09:00:00 +0000   Sun, 01 Jun 2025 09:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Sun, 01 Jun 2025 09:00:00 +0000   Sun, 01 Jun 2025 09:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Sun, 01 Jun 2025 09:00:00 +0000   Sun, 01 Jun 2025 09:00:00 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  192.168.49.2
  Hostname:    minikube
Capacity:
  cpu:                2
  ephemeral-storage:  61202244Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             8025424Ki
  pods:               110
Allocatable:
  cpu:                2
  ephemeral-storage:  61202244Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             8025424Ki
  pods:               110
System Info:
  Machine ID:                 f7e02c91bb5b86241b65db8806f7f9e2
  System UUID:                47844cea-a992-459d-9137-9a6d8dfadf53
  Boot ID:                    2e58db1e-5c0f-43b6-a3f1-2df172a62c57
  Kernel Version:             5.15.0-139-generic
  OS Image:                   Ubuntu 22.04.5 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  docker://28.1.1
  Kubelet Version:            v1.33.1
  Kube-Proxy Version:         
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
Non-terminated Pods:          (3 in total)
  Namespace                   Name                      CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                      ------------  ----------  ---------------  -------------  ---
  default                     hello-7d744fcc4d-7drsd    100m (5%)     0 (0%)      64Mi (0%)        128Mi (1%)     19s
  default                     hello-7d744fcc4d-qndx9    100m (5%)     0 (0%)      64Mi (0%)        128Mi (1%)     19s
  default                     web                       0 (0%)        0 (0%)      0 (0%)           0 (0%)         20s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                200m (10%)  0 (0%)
  memory             128Mi (1%)  256Mi (3%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-1Gi      0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:              <none>
"#
        );
    }

    #[test]
    fn describes_namespace() {
        let mut c = scenario();
        let o = c.run("kubectl describe ns default");
        assert_eq!(o.stderr(), "");
        assert_eq!(
            o.stdout(),
            r#"Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
"#
        );
    }

    #[test]
    fn describes_deployment() {
        let mut c = scenario();
        let o = c.run("kubectl describe deploy hello");
        assert_eq!(o.stderr(), "");
        assert_eq!(
            o.stdout(),
            r#"Name:               hello
Namespace:          default
CreationTimestamp:  Sun, 01 Jun 2025 09:01:00 +0000
Labels:             <none>
Annotations:        deployment.kubernetes.io/revision: 1
Selector:           app=hello
Replicas:           2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:       
MinReadySeconds:    0
Pod Template:
  Labels:  app=hello
  Containers:
   nginx:
    Image:      nginx:1.27
    Port:       <none>
    Host Port:  <none>
    Limits:
      memory:  128Mi
    Requests:
      cpu:     100m
      memory:  64Mi
    Environment:
      MODE:        demo
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   hello-7d744fcc4d (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  19s   deployment-controller  Scaled up replica set hello-7d744fcc4d from 0 to 2
"#
        );
    }

    #[test]
    fn errors_and_selection_as_kubectl_prints_them() {
        let mut c = scenario();
        let o = c.run("kubectl describe pod nope");
        assert_eq!(o.stdout(), "");
        assert_eq!(
            o.stderr(),
            "Error from server (NotFound): pods \"nope\" not found\n"
        );
        let o = c.run("kubectl describe pods -n kube-system");
        assert_eq!(o.stderr(), "No resources found in kube-system namespace.\n");
        let o = c.run("kubectl describe");
        assert_eq!(
            o.stderr(),
            "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n"
        );
        let o = c.run("kubectl describe flurbs x");
        assert_eq!(
            o.stderr(),
            "error: the server doesn't have a resource type \"flurbs\"\n"
        );
        // A name prefix describes every match, each followed by a newline.
        let o = c.run("kubectl describe pod hello");
        let names = o
            .stdout()
            .lines()
            .filter(|l| l.starts_with("Name:"))
            .count();
        assert_eq!(names, 2);
        assert!(o.stdout().ends_with("\n\n"));
        // TYPE/NAME never falls back to prefixes.
        let o = c.run("kubectl describe pod/hello");
        assert_eq!(
            o.stderr(),
            "Error from server (NotFound): pods \"hello\" not found\n"
        );
        // Several objects are separated by two blank lines; -l filters.
        let o = c.run("kubectl describe pods -l app=hello --show-events=false");
        assert_eq!(o.stdout().matches("\n\n\nName:").count(), 1);
        assert!(!o.stdout().contains("Events:"));
        let o = c.run("kubectl describe pod web -l run=web");
        assert_eq!(
            o.stderr(),
            "error: name cannot be provided when a selector is specified\n"
        );
    }

    #[test]
    fn describes_a_replicaset_and_a_configmap() {
        let mut c = scenario();
        let o = c.run("kubectl describe rs");
        let out = o.stdout();
        assert!(out.contains("Controlled By:  Deployment/hello\n"), "{out}");
        assert!(out.contains("Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"));
        c.run("kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: one\nEOF");
        let o = c.run("kubectl describe cm cfg");
        assert_eq!(
            o.stdout(),
            "Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\none\n\n\nBinaryData\n====\n\nEvents:  <none>\n"
        );
    }

    /// A pod carrying what admission adds on a real cluster (service account,
    /// the kube-api-access volume, default tolerations), to check their layout.
    const DEFAULTED: &str = "kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: full
spec:
  serviceAccountName: default
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 80
      protocol: TCP
    readinessProbe:
      httpGet:
        path: /
        port: 80
        scheme: HTTP
      timeoutSeconds: 1
      periodSeconds: 10
      successThreshold: 1
      failureThreshold: 3
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-x7k2p
      readOnly: true
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
  - name: kube-api-access-x7k2p
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
EOF";

    #[test]
    fn describes_admission_defaults_as_upstream_lays_them_out() {
        let mut c = cluster();
        c.run(DEFAULTED);
        let o = c.run("kubectl describe pod full --show-events=false");
        let out = o.stdout();
        for want in [
            "Service Account:  default\n",
            "    Port:         80/TCP\n    Host Port:    0/TCP\n",
            "    Readiness:    http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3\n",
            "    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x7k2p (ro)\n",
            "Volumes:\n  kube-api-access-x7k2p:\n    Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  3607\n    ConfigMapName:           kube-root-ca.crt\n    Optional:                false\n    DownwardAPI:             true\n",
            "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
    }
}
