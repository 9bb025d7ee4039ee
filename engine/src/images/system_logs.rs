//! Canned start-up logs of the system pods of a fresh Kubernetes v1.33.1
//! minikube or kind cluster (etcd, control plane, kube-proxy, CoreDNS, storage
//! and CNI add-ons), line for line as `kubectl logs` prints them. The renderer
//! fills `{klog}`, `{zap}`, `{rfc3339}`, `$HOSTNAME`, `$POD_IP`, `{apiport}`,
//! `{pki}`, `{etcd_data}` and `{cluster}`.

/// etcd 3.5.21 (`registry.k8s.io/etcd:3.5.21-0`, git a17edfd59, go1.23.7)
/// bootstrapping a new single-member cluster with kubeadm's flags: zap JSON
/// lines up to "serving client traffic securely". Order and fields follow
/// real 3.5.15 kubeadm/minikube logs; `caller` lines are those of the
/// v3.5.21 tag (plus a k3s 3.5.21 log for `embed/etcd.go:148/323`).
pub const ETCD_LOG: &str = r##"{"level":"warn","ts":"{zap}","caller":"embed/config.go:689","msg":"Running http and grpc server on single port. This is not recommended for production."}
{"level":"info","ts":"{zap}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd","--advertise-client-urls=https://$POD_IP:2379","--cert-file={pki}/etcd/server.crt","--client-cert-auth=true","--data-dir={etcd_data}","--experimental-initial-corrupt-check=true","--experimental-watch-progress-notify-interval=5s","--initial-advertise-peer-urls=https://$POD_IP:2380","--initial-cluster=$HOSTNAME=https://$POD_IP:2380","--key-file={pki}/etcd/server.key","--listen-client-urls=https://127.0.0.1:2379,https://$POD_IP:2379","--listen-metrics-urls=http://127.0.0.1:2381","--listen-peer-urls=https://$POD_IP:2380","--name=$HOSTNAME","--peer-cert-file={pki}/etcd/peer.crt","--peer-client-cert-auth=true","--peer-key-file={pki}/etcd/peer.key","--peer-trusted-ca-file={pki}/etcd/ca.crt","--snapshot-count=10000","--trusted-ca-file={pki}/etcd/ca.crt"]}
{"level":"warn","ts":"{zap}","caller":"embed/config.go:689","msg":"Running http and grpc server on single port. This is not recommended for production."}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:140","msg":"configuring peer listeners","listen-peer-urls":["https://$POD_IP:2380"]}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:528","msg":"starting with peer TLS","tls-info":"cert = {pki}/etcd/peer.crt, key = {pki}/etcd/peer.key, client-cert=, client-key=, trusted-ca = {pki}/etcd/ca.crt, client-cert-auth = true, crl-file = ","cipher-suites":[]}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:148","msg":"configuring client listeners","listen-client-urls":["https://127.0.0.1:2379","https://$POD_IP:2379"]}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:323","msg":"starting an etcd server","etcd-version":"3.5.21","git-sha":"a17edfd59","go-version":"go1.23.7","go-os":"linux","go-arch":"amd64","max-cpu-set":2,"max-cpu-available":2,"member-initialized":false,"name":"$HOSTNAME","data-dir":"{etcd_data}","wal-dir":"","wal-dir-dedicated":"","member-dir":"{etcd_data}/member","force-new-cluster":false,"heartbeat-interval":"100ms","election-timeout":"1s","initial-election-tick-advance":true,"snapshot-count":10000,"max-wals":5,"max-snapshots":5,"snapshot-catchup-entries":5000,"initial-advertise-peer-urls":["https://$POD_IP:2380"],"listen-peer-urls":["https://$POD_IP:2380"],"advertise-client-urls":["https://$POD_IP:2379"],"listen-client-urls":["https://127.0.0.1:2379","https://$POD_IP:2379"],"listen-metrics-urls":["http://127.0.0.1:2381"],"cors":["*"],"host-whitelist":["*"],"initial-cluster":"$HOSTNAME=https://$POD_IP:2380","initial-cluster-state":"new","initial-cluster-token":"etcd-cluster","quota-backend-bytes":2147483648,"max-request-bytes":1572864,"max-concurrent-streams":4294967295,"pre-vote":true,"initial-corrupt-check":true,"corrupt-check-time-interval":"0s","compact-check-time-enabled":false,"compact-check-time-interval":"1m0s","auto-compaction-mode":"periodic","auto-compaction-retention":"0s","auto-compaction-interval":"0s","discovery-url":"","discovery-proxy":"","downgrade-check-interval":"5s"}
{"level":"info","ts":"{zap}","caller":"etcdserver/backend.go:81","msg":"opened backend db","path":"{etcd_data}/member/snap/db","took":"4.731224ms"}
{"level":"info","ts":"{zap}","caller":"etcdserver/raft.go:506","msg":"starting local member","local-member-id":"aec36adc501070cc","cluster-id":"fa54960ea34d58be"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc switched to configuration voters=()"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc became follower at term 0"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"newRaft aec36adc501070cc [peers: [], term: 0, commit: 0, applied: 0, lastindex: 0, lastterm: 0]"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc became follower at term 1"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc switched to configuration voters=(12593026477526642892)"}
{"level":"warn","ts":"{zap}","caller":"auth/store.go:1241","msg":"simple token is not cryptographically signed"}
{"level":"info","ts":"{zap}","caller":"mvcc/kvstore.go:425","msg":"kvstore restored","current-rev":1}
{"level":"info","ts":"{zap}","caller":"etcdserver/quota.go:94","msg":"enabled backend quota with default value","quota-name":"v3-applier","quota-size-bytes":2147483648,"quota-size":"2.1 GB"}
{"level":"info","ts":"{zap}","caller":"etcdserver/server.go:875","msg":"starting etcd server","local-member-id":"aec36adc501070cc","local-server-version":"3.5.21","cluster-version":"to_be_decided"}
{"level":"info","ts":"{zap}","caller":"etcdserver/server.go:759","msg":"started as single-node; fast-forwarding election ticks","local-member-id":"aec36adc501070cc","forward-ticks":9,"forward-duration":"900ms","election-ticks":10,"election-timeout":"1s"}
{"level":"info","ts":"{zap}","caller":"fileutil/purge.go:50","msg":"started to purge file","dir":"{etcd_data}/member/snap","suffix":"snap.db","max":5,"interval":"30s"}
{"level":"info","ts":"{zap}","caller":"fileutil/purge.go:50","msg":"started to purge file","dir":"{etcd_data}/member/snap","suffix":"snap","max":5,"interval":"30s"}
{"level":"info","ts":"{zap}","caller":"fileutil/purge.go:50","msg":"started to purge file","dir":"{etcd_data}/member/wal","suffix":"wal","max":5,"interval":"30s"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc switched to configuration voters=(12593026477526642892)"}
{"level":"info","ts":"{zap}","caller":"membership/cluster.go:421","msg":"added member","cluster-id":"fa54960ea34d58be","local-member-id":"aec36adc501070cc","added-peer-id":"aec36adc501070cc","added-peer-peer-urls":["https://$POD_IP:2380"]}
{"level":"info","ts":"{zap}","caller":"v3rpc/health.go:61","msg":"grpc service status changed","service":"","status":"SERVING"}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:762","msg":"starting with client TLS","tls-info":"cert = {pki}/etcd/server.crt, key = {pki}/etcd/server.key, client-cert=, client-key=, trusted-ca = {pki}/etcd/ca.crt, client-cert-auth = true, crl-file = ","cipher-suites":[]}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:633","msg":"serving peer traffic","address":"$POD_IP:2380"}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:603","msg":"cmux::serve","address":"$POD_IP:2380"}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:292","msg":"now serving peer/client/metrics","local-member-id":"aec36adc501070cc","initial-advertise-peer-urls":["https://$POD_IP:2380"],"listen-peer-urls":["https://$POD_IP:2380"],"advertise-client-urls":["https://$POD_IP:2379"],"listen-client-urls":["https://127.0.0.1:2379","https://$POD_IP:2379"],"listen-metrics-urls":["http://127.0.0.1:2381"]}
{"level":"info","ts":"{zap}","caller":"embed/etcd.go:908","msg":"serving metrics","address":"http://127.0.0.1:2381"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc is starting a new election at term 1"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc became pre-candidate at term 1"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc received MsgPreVoteResp from aec36adc501070cc at term 1"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc became candidate at term 2"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc received MsgVoteResp from aec36adc501070cc at term 2"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"aec36adc501070cc became leader at term 2"}
{"level":"info","ts":"{zap}","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"raft.node: aec36adc501070cc elected leader aec36adc501070cc at term 2"}
{"level":"info","ts":"{zap}","caller":"etcdserver/server.go:2697","msg":"setting up initial cluster version using v2 API","cluster-version":"3.5"}
{"level":"info","ts":"{zap}","caller":"etcdserver/server.go:2144","msg":"published local member to cluster through raft","local-member-id":"aec36adc501070cc","local-member-attributes":"{Name:$HOSTNAME ClientURLs:[https://$POD_IP:2379]}","request-path":"/0/members/aec36adc501070cc/attributes","cluster-id":"fa54960ea34d58be","publish-timeout":"7s"}
{"level":"info","ts":"{zap}","caller":"embed/serve.go:124","msg":"ready to serve client requests"}
{"level":"info","ts":"{zap}","caller":"membership/cluster.go:587","msg":"set initial cluster version","cluster-id":"fa54960ea34d58be","local-member-id":"aec36adc501070cc","cluster-version":"3.5"}
{"level":"info","ts":"{zap}","caller":"api/capability.go:75","msg":"enabled capabilities for version","cluster-version":"3.5"}
{"level":"info","ts":"{zap}","caller":"etcdserver/server.go:2721","msg":"cluster version is updated","cluster-version":"3.5"}
{"level":"info","ts":"{zap}","caller":"embed/serve.go:124","msg":"ready to serve client requests"}
{"level":"info","ts":"{zap}","caller":"v3rpc/health.go:61","msg":"grpc service status changed","service":"","status":"SERVING"}
{"level":"info","ts":"{zap}","caller":"etcdmain/main.go:44","msg":"notifying init daemon"}
{"level":"info","ts":"{zap}","caller":"etcdmain/main.go:50","msg":"successfully notified init daemon"}
{"level":"info","ts":"{zap}","caller":"v3rpc/health.go:61","msg":"grpc service status changed","service":"","status":"SERVING"}
{"level":"info","ts":"{zap}","caller":"embed/serve.go:275","msg":"serving client traffic securely","traffic":"grpc+http","address":"127.0.0.1:2379"}
{"level":"info","ts":"{zap}","caller":"embed/serve.go:275","msg":"serving client traffic securely","traffic":"grpc+http","address":"$POD_IP:2379"}
"##;

/// kube-apiserver v1.33.1 (kubeadm flags) from process start to the objects
/// `kubeadm init` creates. Lines and file:line numbers from real v1.33.2
/// `kubectl logs kube-apiserver-controlplane` (killercoda), the fresh-cluster
/// tail (priority classes, quota evaluators, cluster IPs) in the order of a
/// minikube v1.31 `kubectl cluster-info dump`.
pub const KUBE_APISERVER_LOG: &str = r##"I{klog}       1 options.go:249] external host was not specified, using $POD_IP
I{klog}       1 server.go:147] Version: v1.33.1
I{klog}       1 server.go:149] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="node_authorizer"
I{klog}       1 plugins.go:157] Loaded 14 mutating admission controller(s) successfully in the following order: NamespaceLifecycle,LimitRanger,ServiceAccount,NodeRestriction,TaintNodesByCondition,Priority,DefaultTolerationSeconds,DefaultStorageClass,StorageObjectInUseProtection,RuntimeClass,DefaultIngressClass,PodTopologyLabels,MutatingAdmissionPolicy,MutatingAdmissionWebhook.
I{klog}       1 plugins.go:160] Loaded 13 validating admission controller(s) successfully in the following order: LimitRanger,ServiceAccount,PodSecurity,Priority,PersistentVolumeClaimResize,RuntimeClass,CertificateApproval,CertificateSigning,ClusterTrustBundleAttest,CertificateSubjectRestriction,ValidatingAdmissionPolicy,ValidatingAdmissionWebhook,ResourceQuota.
I{klog}       1 instance.go:233] Using reconciler: lease
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="*generic.policySource[*k8s.io/api/admissionregistration/v1.ValidatingAdmissionPolicy,*k8s.io/api/admissionregistration/v1.ValidatingAdmissionPolicyBinding,k8s.io/apiserver/pkg/admission/plugin/policy/validating.Validator]"
I{klog}       1 handler.go:288] Adding GroupVersion apiextensions.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API apiextensions.k8s.io/v1beta1 because it has no resources.
I{klog}       1 cidrallocator.go:197] starting ServiceCIDR Allocator Controller
I{klog}       1 handler.go:288] Adding GroupVersion  v1 to ResourceManager
I{klog}       1 apis.go:112] API group "internal.apiserver.k8s.io" is not enabled, skipping.
I{klog}       1 apis.go:112] API group "storagemigration.k8s.io" is not enabled, skipping.
I{klog}       1 apis.go:112] API group "resource.k8s.io" is not enabled, skipping.
I{klog}       1 handler.go:288] Adding GroupVersion authentication.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API authentication.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API authentication.k8s.io/v1alpha1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion authorization.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API authorization.k8s.io/v1beta1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion autoscaling v2 to ResourceManager
I{klog}       1 handler.go:288] Adding GroupVersion autoscaling v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API autoscaling/v2beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API autoscaling/v2beta2 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion batch v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API batch/v1beta1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion certificates.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API certificates.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API certificates.k8s.io/v1alpha1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion coordination.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API coordination.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API coordination.k8s.io/v1alpha2 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion discovery.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API discovery.k8s.io/v1beta1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion networking.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API networking.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API networking.k8s.io/v1alpha1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion node.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API node.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API node.k8s.io/v1alpha1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion policy v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API policy/v1beta1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion rbac.authorization.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API rbac.authorization.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API rbac.authorization.k8s.io/v1alpha1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion scheduling.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API scheduling.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API scheduling.k8s.io/v1alpha1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion storage.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API storage.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API storage.k8s.io/v1alpha1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion flowcontrol.apiserver.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API flowcontrol.apiserver.k8s.io/v1beta3 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API flowcontrol.apiserver.k8s.io/v1beta2 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API flowcontrol.apiserver.k8s.io/v1beta1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion apps v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API apps/v1beta2 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API apps/v1beta1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion admissionregistration.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API admissionregistration.k8s.io/v1beta1 because it has no resources.
W{klog}       1 genericapiserver.go:778] Skipping API admissionregistration.k8s.io/v1alpha1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion events.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API events.k8s.io/v1beta1 because it has no resources.
I{klog}       1 handler.go:288] Adding GroupVersion apiregistration.k8s.io v1 to ResourceManager
W{klog}       1 genericapiserver.go:778] Skipping API apiregistration.k8s.io/v1beta1 because it has no resources.
I{klog}       1 secure_serving.go:211] Serving securely on [::]:{apiport}
I{klog}       1 dynamic_cafile_content.go:161] "Starting controller" name="request-header::{pki}/front-proxy-ca.crt"
I{klog}       1 dynamic_serving_content.go:135] "Starting controller" name="serving-cert::{pki}/apiserver.crt::{pki}/apiserver.key"
I{klog}       1 tlsconfig.go:243] "Starting DynamicServingCertificateController"
I{klog}       1 gc_controller.go:78] Starting apiserver lease garbage collector
I{klog}       1 controller.go:119] Starting legacy_token_tracking_controller
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="configmaps"
I{klog}       1 controller.go:80] Starting OpenAPI V3 AggregationController
I{klog}       1 apf_controller.go:377] Starting API Priority and Fairness config controller
I{klog}       1 system_namespaces_controller.go:66] Starting system namespaces controller
I{klog}       1 cluster_authentication_trust_controller.go:459] Starting cluster_authentication_trust_controller controller
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="cluster_authentication_trust_controller"
I{klog}       1 customresource_discovery_controller.go:294] Starting DiscoveryController
I{klog}       1 dynamic_serving_content.go:135] "Starting controller" name="aggregator-proxy-cert::{pki}/front-proxy-client.crt::{pki}/front-proxy-client.key"
I{klog}       1 local_available_controller.go:156] Starting LocalAvailability controller
I{klog}       1 cache.go:32] Waiting for caches to sync for LocalAvailability controller
I{klog}       1 remote_available_controller.go:411] Starting RemoteAvailability controller
I{klog}       1 cache.go:32] Waiting for caches to sync for RemoteAvailability controller
I{klog}       1 apiservice_controller.go:100] Starting APIServiceRegistrationController
I{klog}       1 cache.go:32] Waiting for caches to sync for APIServiceRegistrationController controller
I{klog}       1 aggregator.go:169] waiting for initial CRD sync...
I{klog}       1 controller.go:78] Starting OpenAPI AggregationController
I{klog}       1 dynamic_cafile_content.go:161] "Starting controller" name="client-ca-bundle::{pki}/ca.crt"
I{klog}       1 default_servicecidr_controller.go:110] Starting kubernetes-service-cidr-controller
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="kubernetes-service-cidr-controller"
I{klog}       1 repairip.go:200] Starting ipallocator-repair-controller
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="ipallocator-repair-controller"
I{klog}       1 dynamic_cafile_content.go:161] "Starting controller" name="client-ca-bundle::{pki}/ca.crt"
I{klog}       1 dynamic_cafile_content.go:161] "Starting controller" name="request-header::{pki}/front-proxy-ca.crt"
I{klog}       1 controller.go:142] Starting OpenAPI controller
I{klog}       1 controller.go:90] Starting OpenAPI V3 controller
I{klog}       1 naming_controller.go:299] Starting NamingConditionController
I{klog}       1 establishing_controller.go:81] Starting EstablishingController
I{klog}       1 nonstructuralschema_controller.go:195] Starting NonStructuralSchemaConditionController
I{klog}       1 apiapproval_controller.go:189] Starting KubernetesAPIApprovalPolicyConformantConditionController
I{klog}       1 crd_finalizer.go:269] Starting CRDFinalizer
I{klog}       1 crdregistration_controller.go:114] Starting crd-autoregister controller
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="crd-autoregister"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="*generic.policySource[*k8s.io/api/admissionregistration/v1.ValidatingAdmissionPolicy,*k8s.io/api/admissionregistration/v1.ValidatingAdmissionPolicyBinding,k8s.io/apiserver/pkg/admission/plugin/policy/validating.Validator]"
I{klog}       1 policy_source.go:240] refreshing policies
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="node_authorizer"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="configmaps"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="cluster_authentication_trust_controller"
I{klog}       1 apf_controller.go:382] Running API Priority and Fairness config worker
I{klog}       1 apf_controller.go:385] Running API Priority and Fairness periodic rebalancing process
I{klog}       1 cache.go:39] Caches are synced for APIServiceRegistrationController controller
I{klog}       1 cache.go:39] Caches are synced for LocalAvailability controller
I{klog}       1 cache.go:39] Caches are synced for RemoteAvailability controller
I{klog}       1 handler_discovery.go:451] Starting ResourceDiscoveryManager
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="crd-autoregister"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="kubernetes-service-cidr-controller"
I{klog}       1 default_servicecidr_controller.go:136] Shutting down kubernetes-service-cidr-controller
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="ipallocator-repair-controller"
I{klog}       1 aggregator.go:171] initial CRD sync complete...
I{klog}       1 autoregister_controller.go:144] Starting autoregister controller
I{klog}       1 cache.go:32] Waiting for caches to sync for autoregister controller
I{klog}       1 cache.go:39] Caches are synced for autoregister controller
I{klog}       1 controller.go:667] quota admission added evaluator for: namespaces
I{klog}       1 cidrallocator.go:301] created ClusterIP allocator for Service CIDR 10.96.0.0/12
I{klog}       1 controller.go:667] quota admission added evaluator for: leases.coordination.k8s.io
I{klog}       1 storage_scheduling.go:95] created PriorityClass system-node-critical with value 2000001000
I{klog}       1 storage_scheduling.go:95] created PriorityClass system-cluster-critical with value 2000000000
I{klog}       1 storage_scheduling.go:111] all system priority classes are created successfully or already exist.
I{klog}       1 controller.go:667] quota admission added evaluator for: roles.rbac.authorization.k8s.io
I{klog}       1 controller.go:667] quota admission added evaluator for: rolebindings.rbac.authorization.k8s.io
I{klog}       1 alloc.go:330] "allocated clusterIPs" service="default/kubernetes" clusterIPs={"IPv4":"10.96.0.1"}
W{klog}       1 lease.go:265] Resetting endpoints for master service "kubernetes" to [$POD_IP]
I{klog}       1 controller.go:667] quota admission added evaluator for: endpoints
I{klog}       1 controller.go:667] quota admission added evaluator for: endpointslices.discovery.k8s.io
I{klog}       1 controller.go:667] quota admission added evaluator for: serviceaccounts
I{klog}       1 controller.go:667] quota admission added evaluator for: deployments.apps
I{klog}       1 alloc.go:330] "allocated clusterIPs" service="kube-system/kube-dns" clusterIPs={"IPv4":"10.96.0.10"}
I{klog}       1 controller.go:667] quota admission added evaluator for: daemonsets.apps
I{klog}       1 controller.go:667] quota admission added evaluator for: replicasets.apps
I{klog}       1 controller.go:667] quota admission added evaluator for: controllerrevisions.apps
"##;

/// kube-controller-manager v1.33.1 starting its controllers on a one-node
/// cluster. The `{elect}` lines print where it elects a leader (kind;
/// minikube runs it with `--leader-elect=false`); leaderelection.go and
/// event.go line numbers from real v1.32 logs. Order from a minikube v1.31 dump; v1.33 file:line numbers from
/// real v1.33.2 logs (`controllermanager.go:778`, `shared_informer.go:350/357`,
/// node-ipam/lifecycle, PVC protection, GC), others plausible for v1.33.
pub const KUBE_CONTROLLER_MANAGER_LOG: &str = r##"I{klog}       1 serving.go:386] Generated self-signed cert in-memory
I{klog}       1 controllermanager.go:191] "Starting" version="v1.33.1"
I{klog}       1 controllermanager.go:193] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""
I{klog}       1 dynamic_cafile_content.go:161] "Starting controller" name="request-header::{pki}/front-proxy-ca.crt"
I{klog}       1 dynamic_cafile_content.go:161] "Starting controller" name="client-ca-bundle::{pki}/ca.crt"
I{klog}       1 secure_serving.go:211] Serving securely on 127.0.0.1:10257
I{klog}       1 tlsconfig.go:243] "Starting DynamicServingCertificateController"
{elect}I{klog}       1 leaderelection.go:257] attempting to acquire leader lease kube-system/kube-controller-manager...
{elect}I{klog}       1 leaderelection.go:271] successfully acquired lease kube-system/kube-controller-manager
{elect}I{klog}       1 event.go:389] "Event occurred" object="kube-system/kube-controller-manager" fieldPath="" kind="Lease" apiVersion="coordination.k8s.io/v1" type="Normal" reason="LeaderElection" message="{leader} became leader"
I{klog}       1 controllermanager.go:778] "Started controller" controller="serviceaccount-token-controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="tokens"
I{klog}       1 controllermanager.go:778] "Started controller" controller="disruption-controller"
I{klog}       1 disruption.go:452] "Sending events to api server." logger="disruption-controller"
I{klog}       1 disruption.go:463] "Starting disruption controller" logger="disruption-controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="disruption"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="tokens"
I{klog}       1 controllermanager.go:778] "Started controller" controller="certificatesigningrequest-cleaner-controller"
I{klog}       1 cleaner.go:83] "Starting CSR cleaner controller" logger="certificatesigningrequest-cleaner-controller"
E{klog}       1 core.go:105] "Failed to start service controller" err="WARNING: no cloud provider provided, services of type LoadBalancer will fail" logger="service-lb-controller"
I{klog}       1 controllermanager.go:756] "Warning: skipping controller" controller="service-lb-controller"
I{klog}       1 controllermanager.go:778] "Started controller" controller="endpointslice-controller"
I{klog}       1 endpointslice_controller.go:281] "Starting endpoint slice controller" logger="endpointslice-controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="endpoint_slice"
I{klog}       1 controllermanager.go:778] "Started controller" controller="replicaset-controller"
I{klog}       1 replica_set.go:217] "Starting controller" logger="replicaset-controller" name="replicaset"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="ReplicaSet"
I{klog}       1 controllermanager.go:778] "Started controller" controller="certificatesigningrequest-signing-controller"
I{klog}       1 certificate_controller.go:120] "Starting certificate controller" logger="certificatesigningrequest-signing-controller" name="csrsigning-kubelet-serving"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="certificate-csrsigning-kubelet-serving"
I{klog}       1 dynamic_serving_content.go:135] "Starting controller" name="csr-controller::{pki}/ca.crt::{pki}/ca.key"
I{klog}       1 controllermanager.go:730] "Controller is disabled by a feature gate" controller="storageversion-garbage-collector-controller" requiredFeatureGates=["APIServerIdentity","StorageVersionAPI"]
I{klog}       1 controllermanager.go:778] "Started controller" controller="endpoints-controller"
I{klog}       1 endpoints_controller.go:182] "Starting endpoint controller" logger="endpoints-controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="endpoint"
I{klog}       1 controllermanager.go:778] "Started controller" controller="namespace-controller"
I{klog}       1 namespace_controller.go:202] "Starting namespace controller" logger="namespace-controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="namespace"
I{klog}       1 controllermanager.go:778] "Started controller" controller="garbage-collector-controller"
I{klog}       1 controllermanager.go:730] "Controller is disabled by a feature gate" controller="resourceclaim-controller" requiredFeatureGates=["DynamicResourceAllocation"]
I{klog}       1 garbagecollector.go:146] "Starting controller" logger="garbage-collector-controller" controller="garbagecollector"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="garbage collector"
I{klog}       1 controllermanager.go:778] "Started controller" controller="taint-eviction-controller"
I{klog}       1 taint_eviction.go:281] "Starting" logger="taint-eviction-controller" controller="taint-eviction-controller"
I{klog}       1 taint_eviction.go:287] "Sending events to api server" logger="taint-eviction-controller"
I{klog}       1 controllermanager.go:778] "Started controller" controller="persistentvolume-binder-controller"
I{klog}       1 pv_controller_base.go:308] "Starting persistent volume controller" logger="persistentvolume-binder-controller"
I{klog}       1 range_allocator.go:112] "No Secondary Service CIDR provided. Skipping filtering out secondary service addresses" logger="node-ipam-controller"
I{klog}       1 controllermanager.go:778] "Started controller" controller="node-ipam-controller"
I{klog}       1 node_ipam_controller.go:141] "Starting ipam controller" logger="node-ipam-controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="node"
I{klog}       1 controllermanager.go:778] "Started controller" controller="node-lifecycle-controller"
I{klog}       1 node_lifecycle_controller.go:453] "Sending events to api server" logger="node-lifecycle-controller"
I{klog}       1 node_lifecycle_controller.go:464] "Starting node controller" logger="node-lifecycle-controller"
E{klog}       1 core.go:274] "Failed to start cloud node lifecycle controller" err="no cloud provider provided" logger="cloud-node-lifecycle-controller"
I{klog}       1 controllermanager.go:756] "Warning: skipping controller" controller="cloud-node-lifecycle-controller"
I{klog}       1 controllermanager.go:778] "Started controller" controller="persistentvolumeclaim-protection-controller"
I{klog}       1 pvc_protection_controller.go:168] "Starting PVC protection controller" logger="persistentvolumeclaim-protection-controller"
I{klog}       1 controllermanager.go:778] "Started controller" controller="serviceaccount-controller"
I{klog}       1 serviceaccounts_controller.go:114] "Starting service account controller" logger="serviceaccount-controller"
I{klog}       1 controllermanager.go:778] "Started controller" controller="deployment-controller"
I{klog}       1 deployment_controller.go:173] "Starting controller" logger="deployment-controller" controller="deployment"
I{klog}       1 controllermanager.go:778] "Started controller" controller="root-ca-certificate-publisher-controller"
I{klog}       1 publisher.go:107] "Starting root CA cert publisher controller" logger="root-ca-certificate-publisher-controller"
I{klog}       1 controllermanager.go:778] "Started controller" controller="daemonset-controller"
I{klog}       1 daemon_controller.go:294] "Starting daemon sets controller" logger="daemonset-controller"
I{klog}       1 controllermanager.go:778] "Started controller" controller="ephemeral-volume-controller"
I{klog}       1 controller.go:173] "Starting ephemeral volume controller" logger="ephemeral-volume-controller"
I{klog}       1 actual_state_of_world.go:541] "Failed to update statusUpdateNeeded field in actual state of world" logger="persistentvolume-attach-detach-controller" err="Failed to set statusUpdateNeeded to needed true, because nodeName=\"$HOSTNAME\" does not exist"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="node"
I{klog}       1 range_allocator.go:177] "Sending events to api server" logger="node-ipam-controller"
I{klog}       1 range_allocator.go:183] "Starting range CIDR allocator" logger="node-ipam-controller"
I{klog}       1 range_allocator.go:428] "Set node PodCIDR" logger="node-ipam-controller" node="$HOSTNAME" podCIDRs=["10.244.0.0/24"]
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="service-cidr-controller"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="namespace"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="endpoint"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="ReplicaSet"
I{klog}       1 node_lifecycle_controller.go:1221] "Initializing eviction metric for zone" logger="node-lifecycle-controller" zone=""
I{klog}       1 node_lifecycle_controller.go:873] "Missing timestamp for Node. Assuming now as a timestamp" logger="node-lifecycle-controller" node="$HOSTNAME"
I{klog}       1 node_lifecycle_controller.go:1067] "Controller detected that zone is now in new state" logger="node-lifecycle-controller" zone="" newState="Normal"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="taint-eviction-controller"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="endpoint_slice"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="disruption"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="garbage collector"
I{klog}       1 garbagecollector.go:154] "Garbage collector: all resource monitors have synced" logger="garbage-collector-controller"
I{klog}       1 garbagecollector.go:157] "Proceeding to collect garbage" logger="garbage-collector-controller"
"##;

/// kube-scheduler v1.33.1 on a fresh cluster: the usual RBAC-not-yet-ready
/// warnings and "Failed to watch ... forbidden" errors, then the cache sync
/// (`{elect}` lines: its leader election, which minikube turns off with
/// `--leader-elect=false`). file:line numbers from real v1.33.1 (`server.go:171`, `reflector.go:200`) and v1.32/v1.34 logs.
pub const KUBE_SCHEDULER_LOG: &str = r##"I{klog}       1 serving.go:386] Generated self-signed cert in-memory
W{klog}       1 requestheader_controller.go:204] Unable to get configmap/extension-apiserver-authentication in kube-system.  Usually fixed by 'kubectl create rolebinding -n kube-system ROLEBINDING_NAME --role=extension-apiserver-authentication-reader --serviceaccount=YOUR_NS:YOUR_SA'
W{klog}       1 authentication.go:397] Error looking up in-cluster authentication configuration: configmaps "extension-apiserver-authentication" is forbidden: User "system:kube-scheduler" cannot get resource "configmaps" in API group "" in the namespace "kube-system"
W{klog}       1 authentication.go:398] Continuing without authentication configuration. This may treat all requests as anonymous.
W{klog}       1 authentication.go:399] To require authentication configuration lookup to succeed, set --authentication-tolerate-lookup-failure=false
I{klog}       1 server.go:171] "Starting Kubernetes Scheduler" version="v1.33.1"
I{klog}       1 server.go:173] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""
I{klog}       1 configmap_cafile_content.go:205] "Starting controller" name="client-ca::kube-system::extension-apiserver-authentication::client-ca-file"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="client-ca::kube-system::extension-apiserver-authentication::client-ca-file"
I{klog}       1 secure_serving.go:211] Serving securely on 127.0.0.1:10259
I{klog}       1 tlsconfig.go:243] "Starting DynamicServingCertificateController"
{elect}I{klog}       1 leaderelection.go:257] attempting to acquire leader lease kube-system/kube-scheduler...
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.ConfigMap: configmaps \"extension-apiserver-authentication\" is forbidden: User \"system:kube-scheduler\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"kube-system\"" logger="UnhandledError" reflector="runtime/asm_amd64.s:1700" type="*v1.ConfigMap"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.Node: nodes is forbidden: User \"system:kube-scheduler\" cannot list resource \"nodes\" in API group \"\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.Node"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.Pod: pods is forbidden: User \"system:kube-scheduler\" cannot list resource \"pods\" in API group \"\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.Pod"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.Service: services is forbidden: User \"system:kube-scheduler\" cannot list resource \"services\" in API group \"\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.Service"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.ReplicaSet: replicasets.apps is forbidden: User \"system:kube-scheduler\" cannot list resource \"replicasets\" in API group \"apps\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.ReplicaSet"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.StatefulSet: statefulsets.apps is forbidden: User \"system:kube-scheduler\" cannot list resource \"statefulsets\" in API group \"apps\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.StatefulSet"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.Namespace: namespaces is forbidden: User \"system:kube-scheduler\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.Namespace"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.PersistentVolume: persistentvolumes is forbidden: User \"system:kube-scheduler\" cannot list resource \"persistentvolumes\" in API group \"\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.PersistentVolume"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.PersistentVolumeClaim: persistentvolumeclaims is forbidden: User \"system:kube-scheduler\" cannot list resource \"persistentvolumeclaims\" in API group \"\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.PersistentVolumeClaim"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.StorageClass: storageclasses.storage.k8s.io is forbidden: User \"system:kube-scheduler\" cannot list resource \"storageclasses\" in API group \"storage.k8s.io\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.StorageClass"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.CSINode: csinodes.storage.k8s.io is forbidden: User \"system:kube-scheduler\" cannot list resource \"csinodes\" in API group \"storage.k8s.io\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.CSINode"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.CSIDriver: csidrivers.storage.k8s.io is forbidden: User \"system:kube-scheduler\" cannot list resource \"csidrivers\" in API group \"storage.k8s.io\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.CSIDriver"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.CSIStorageCapacity: csistoragecapacities.storage.k8s.io is forbidden: User \"system:kube-scheduler\" cannot list resource \"csistoragecapacities\" in API group \"storage.k8s.io\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.CSIStorageCapacity"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.VolumeAttachment: volumeattachments.storage.k8s.io is forbidden: User \"system:kube-scheduler\" cannot list resource \"volumeattachments\" in API group \"storage.k8s.io\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.VolumeAttachment"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.ReplicationController: replicationcontrollers is forbidden: User \"system:kube-scheduler\" cannot list resource \"replicationcontrollers\" in API group \"\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.ReplicationController"
E{klog}       1 reflector.go:200] "Failed to watch" err="failed to list *v1.PodDisruptionBudget: poddisruptionbudgets.policy is forbidden: User \"system:kube-scheduler\" cannot list resource \"poddisruptionbudgets\" in API group \"policy\" at the cluster scope" logger="UnhandledError" reflector="k8s.io/client-go/informers/factory.go:160" type="*v1.PodDisruptionBudget"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="client-ca::kube-system::extension-apiserver-authentication::client-ca-file"
{elect}I{klog}       1 leaderelection.go:271] successfully acquired lease kube-system/kube-scheduler
"##;

/// kube-proxy v1.33.1 in iptables mode with kubeadm's KubeProxyConfiguration
/// (conntrack maxPerCore 0, so no nf_conntrack line). Lines and
/// file:line numbers from a real v1.33.1 `crictl logs` of kube-proxy.
pub const KUBE_PROXY_LOG: &str = r##"I{klog}       1 server_linux.go:63] "Using iptables proxy"
I{klog}       1 server.go:715] "Successfully retrieved node IP(s)" IPs=["$POD_IP"]
E{klog}       1 server.go:245] "Kube-proxy configuration may be incomplete or incorrect" err="nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`"
I{klog}       1 server.go:254] "kube-proxy running in dual-stack mode" primary ipFamily="IPv4"
I{klog}       1 server_linux.go:145] "Using iptables Proxier"
I{klog}       1 proxier.go:243] "Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses" ipFamily="IPv4"
I{klog}       1 server.go:516] "Version info" version="v1.33.1"
I{klog}       1 server.go:518] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""
I{klog}       1 config.go:199] "Starting service config controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="service config"
I{klog}       1 config.go:105] "Starting endpoint slice config controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="endpoint slice config"
I{klog}       1 config.go:440] "Starting serviceCIDR config controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="serviceCIDR config"
I{klog}       1 config.go:329] "Starting node config controller"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="node config"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="service config"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="endpoint slice config"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="serviceCIDR config"
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="node config"
"##;

/// CoreDNS 1.12.0 (`registry.k8s.io/coredns/coredns:v1.12.0`, built with
/// go1.23.3 from commit 51e11f1) serving kubeadm's default Corefile; the
/// SHA512 is the one real kubeadm v1.33 clusters print. (The real first line
/// `maxprocs: Leaving GOMAXPROCS=<ncpu>: CPU quota undefined` is left out
/// because it depends on the host's CPU count.)
pub const COREDNS_LOG: &str = r##".:53
[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b
CoreDNS-1.12.0
linux/amd64, go1.23.3, 51e11f1
"##;

/// minikube's `gcr.io/k8s-minikube/storage-provisioner:v5` (hostNetwork, so
/// its hostname is the node name): init, leader election on the
/// kube-system/k8s.io-minikube-hostpath Endpoints lock, controller start.
/// Lines from a real minikube `kubectl cluster-info dump` (v5 is unchanged).
pub const STORAGE_PROVISIONER_LOG: &str = r##"I{klog}       1 storage_provisioner.go:116] Initializing the minikube storage provisioner...
I{klog}       1 storage_provisioner.go:141] Storage provisioner initialized, now starting service!
I{klog}       1 leaderelection.go:243] attempting to acquire leader lease kube-system/k8s.io-minikube-hostpath...
I{klog}       1 leaderelection.go:253] successfully acquired lease kube-system/k8s.io-minikube-hostpath
I{klog}       1 controller.go:835] Starting provisioner controller k8s.io/minikube-hostpath_$HOSTNAME_c5d2a3f5-0d3f-4e0c-9a51-6f1f6b7d8a21!
I{klog}       1 event.go:282] Event(v1.ObjectReference{Kind:"Endpoints", Namespace:"kube-system", Name:"k8s.io-minikube-hostpath", UID:"0c5f2d7e-4b3a-4e19-8d6c-a2f1e97b3c40", APIVersion:"v1", ResourceVersion:"421", FieldPath:""}): type: 'Normal' reason: 'LeaderElection' $HOSTNAME_c5d2a3f5-0d3f-4e0c-9a51-6f1f6b7d8a21 became leader
I{klog}       1 controller.go:884] Started provisioner controller k8s.io/minikube-hostpath_$HOSTNAME_c5d2a3f5-0d3f-4e0c-9a51-6f1f6b7d8a21!
"##;

/// kind v0.29.0's CNI, `docker.io/kindest/kindnetd:v20250512-df8de77b`
/// (kind commit df8de77b, kube-network-policies v0.8.0, client-go v0.33):
/// API probe via CONTROL_PLANE_ENDPOINT, masquerade setup, network-policy
/// controller start, first node reconcile. Message texts and main.go /
/// controller.go line numbers from that commit's source; format from real
/// older kindnetd logs.
pub const KINDNETD_LOG: &str = r##"I{klog}       1 main.go:390] probe TCP address {cluster}-control-plane:{apiport}
I{klog}       1 main.go:109] connected to apiserver: https://{cluster}-control-plane:{apiport}
I{klog}       1 main.go:139] hostIP = $POD_IP
podIP = $POD_IP
I{klog}       1 main.go:148] setting mtu 1500 for CNI 
I{klog}       1 main.go:178] kindnetd IP family: "ipv4"
I{klog}       1 main.go:182] noMask IPv4 subnets: [10.244.0.0/16]
I{klog}       1 controller.go:377] "Starting controller" name="kube-network-policies"
I{klog}       1 controller.go:381] "Waiting for informer caches to sync"
I{klog}       1 shared_informer.go:350] "Waiting for caches to sync" controller="kube-network-policies"
I{klog}       1 main.go:297] Handling node with IPs: map[$POD_IP:{}]
I{klog}       1 main.go:301] handling current node
I{klog}       1 shared_informer.go:357] "Caches are synced" controller="kube-network-policies"
I{klog}       1 controller.go:711] "Syncing nftables rules"
"##;

/// kind's `docker.io/kindest/local-path-provisioner:v20250214-acbabc1a`
/// (rancher/local-path-provisioner v0.0.30 run with `--debug`, logrus text
/// lines, then sig-storage-lib-external-provisioner v10 klog lines, leader
/// election off). Texts from the v0.0.30 / v10.0.1 sources and kind's
/// `local-path-config` ConfigMap; the component id embeds the pod name.
pub const LOCAL_PATH_PROVISIONER_LOG: &str = r##"time="{rfc3339}" level=debug msg="Applied config: {\"nodePathMap\":[{\"node\":\"DEFAULT_PATH_FOR_NON_LISTED_NODES\",\"paths\":[\"/var/local-path-provisioner\"]}],\"storageClassConfigs\":null}" 
time="{rfc3339}" level=debug msg="Provisioner started" 
I{klog}       1 controller.go:824] "Starting provisioner controller" component="rancher.io/local-path_$HOSTNAME_9e3b71c2-5a48-4f0d-b6e3-1d72c8a05f94"
I{klog}       1 controller.go:873] "Started provisioner controller" component="rancher.io/local-path_$HOSTNAME_9e3b71c2-5a48-4f0d-b6e3-1d72c8a05f94"
"##;
