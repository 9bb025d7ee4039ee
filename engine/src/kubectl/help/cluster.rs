//! Help of the "Cluster Management Commands": certificate, cluster-info, top, cordon, uncordon, drain, taint.
use super::flags::*;
use super::Topic;

/// `certificate approve|deny --force`, worded per subcommand.
const FORCE_APPROVE: crate::kubectl::flags::Flag = crate::kubectl::flags::Flag::new(
    "force",
    crate::kubectl::flags::FlagKind::Bool,
    "false",
    "Update the CSR even if it is already approved.",
);
const FORCE_DENY: crate::kubectl::flags::Flag = crate::kubectl::flags::Flag::new(
    "force",
    crate::kubectl::flags::FlagKind::Bool,
    "false",
    "Update the CSR even if it is already denied.",
);
const CSR_FILENAME: crate::kubectl::flags::Flag = crate::kubectl::flags::Flag::new(
    "filename",
    crate::kubectl::flags::FlagKind::StringSlice,
    "[]",
    "Filename, directory, or URL to files identifying the resource to update",
)
.short('f');

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "certificate",
        long: "Approve or deny the certificate signing requests that users and components submit to the cluster.",
        examples: "",
        usage: "certificate SUBCOMMAND [options]",
        ..Topic::NONE
    },
    Topic {
        path: "certificate approve",
        short: "Approve a certificate signing request",
        long: "Approve a certificate signing request (CSR).

 Approving tells the signer named in the request to issue a certificate with the attributes the request asks for. Depending on them, the certificate may let its holder act as the requested identity in the cluster: read the request before approving it.",
        examples: "# Approve the certificate signing request named jane
kubectl certificate approve jane",
        usage: "certificate approve (-f FILENAME | NAME) [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, CSR_FILENAME, FORCE_APPROVE, KUSTOMIZE, OUTPUT, RECURSIVE, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "certificate deny",
        short: "Deny a certificate signing request",
        long: "Deny a certificate signing request (CSR).

 Denying tells the signer not to issue a certificate for the request.",
        examples: "# Deny the certificate signing request named jane
kubectl certificate deny jane",
        usage: "certificate deny (-f FILENAME | NAME) [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, CSR_FILENAME, FORCE_DENY, KUSTOMIZE, OUTPUT, RECURSIVE, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "cluster-info",
        long: "Print where the control plane answers, and the addresses of the cluster services labelled kubernetes.io/cluster-service=true. For a full state dump to debug with, run 'kubectl cluster-info dump'.",
        examples: "# Show where the control plane and the cluster services answer
kubectl cluster-info",
        usage: "cluster-info [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "cluster-info dump",
        short: "Write cluster state for debugging",
        long: "Write a large amount of cluster state to standard output, or to files under a directory, for debugging.

 The dump holds the nodes and, for the chosen namespaces, the pods, services, workloads, events and the containers' logs. By default it covers kube-system and the current namespace; --all-namespaces takes every namespace and --namespaces a list. With --output-directory, each part goes to its own file.",
        examples: "# Print a dump of the cluster state
kubectl cluster-info dump

# Write the dump into files under /tmp/state
kubectl cluster-info dump --output-directory=/tmp/state

# Dump every namespace
kubectl cluster-info dump --all-namespaces

# Dump two namespaces into a directory
kubectl cluster-info dump --namespaces default,kube-system --output-directory=/tmp/state",
        usage: "cluster-info dump [flags] [options]",
        flags: &[
            ALL_NAMESPACES,
            ALLOW_MISSING_TEMPLATE_KEYS,
            NAMESPACES,
            OUTPUT_2,
            OUTPUT_DIRECTORY,
            POD_RUNNING_TIMEOUT,
            SHOW_MANAGED_FIELDS,
            TEMPLATE,
        ],
        ..Topic::NONE
    },
    Topic {
        path: "top",
        long: "Show how much CPU and memory nodes or pods use now.

 The numbers come from the Metrics API, which the cluster serves only when Metrics Server runs there and works.",
        examples: "",
        usage: "top [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "top node",
        short: "Show the CPU and memory use of nodes",
        aliases: &["nodes", "no"],
        long: "Show the CPU and memory use of nodes, with the share of what each node can allocate.

 The numbers come from the Metrics API (Metrics Server).",
        examples: "# Show the usage of every node
kubectl top node

# Show the usage of one node
kubectl top node minikube",
        usage: "top node [NAME | -l label] [options]",
        flags: &[
            NO_HEADERS,
            SELECTOR,
            SHOW_CAPACITY,
            SORT_BY,
            USE_PROTOCOL_BUFFERS,
        ],
    },
    Topic {
        path: "top pod",
        short: "Show the CPU and memory use of pods",
        aliases: &["pods", "po"],
        long: "Show the CPU and memory use of pods.

 The numbers come from the Metrics API (Metrics Server). A new pod may have no numbers for a minute or so, until its first samples are collected.",
        examples: "# Show the usage of the pods in the current namespace
kubectl top pod

# Show the usage of the pods in kube-system
kubectl top pod --namespace=kube-system

# Show one pod and each of its containers
kubectl top pod nginx --containers

# Show the pods labelled app=web
kubectl top pod -l app=web",
        usage: "top pod [NAME | -l label] [options]",
        flags: &[
            ALL_NAMESPACES_2,
            CONTAINERS_3,
            FIELD_SELECTOR,
            NO_HEADERS_2,
            SELECTOR,
            SORT_BY_2,
            SUM,
            USE_PROTOCOL_BUFFERS,
        ],
    },
    Topic {
        path: "cordon",
        long: "Mark a node unschedulable: the scheduler places no new pods on it. Pods already there keep running.",
        examples: "# Keep new pods off node minikube
kubectl cordon minikube",
        usage: "cordon NODE [options]",
        ..Topic::NONE
    },
    Topic {
        path: "uncordon",
        long: "Mark a node schedulable again, so the scheduler may place new pods on it.",
        examples: "# Let node minikube take new pods again
kubectl uncordon minikube",
        usage: "uncordon NODE [options]",
        ..Topic::NONE
    },
    Topic {
        path: "drain",
        long: "Prepare a node for maintenance: cordon it, then evict or delete its pods.

 Eviction goes through the eviction API, so PodDisruptionBudgets are respected and a budget that allows no disruption makes kubectl retry until it does, or until --timeout. Pods of a DaemonSet are left in place when --ignore-daemonsets is given (their controller would recreate them at once); without it, drain refuses to run. Pods that no controller owns are only deleted with --force, as nothing recreates them. Pods with emptyDir volumes lose that data, so they need --delete-emptydir-data.

 drain leaves the node cordoned. When the maintenance is done, run \"kubectl uncordon\" to let pods back on it.",
        examples: "# Drain node worker-1, deleting pods no controller owns too
kubectl drain worker-1 --force

# Drain it, waiting at most 5 minutes, and leave DaemonSet pods alone
kubectl drain worker-1 --ignore-daemonsets --grace-period=900 --timeout=5m",
        usage: "drain NODE [options]",
        ..Topic::NONE
    },
    Topic {
        path: "taint",
        long: "Add, change or remove taints on nodes.

 A taint is key=value:effect. The key may have a DNS subdomain prefix and then a name of at most 63 characters (letters, digits, '-', '.', '_', starting and ending with a letter or digit); the value is optional, at most 63 characters of the same sort. The effect is NoSchedule, PreferNoSchedule or NoExecute. Only nodes can carry taints.",
        examples: "# Keep pods without a matching toleration off node worker-1
kubectl taint nodes worker-1 dedicated=gpu:NoSchedule

# Remove that taint (its key and effect, with a trailing dash)
kubectl taint nodes worker-1 dedicated:NoSchedule-

# Remove every taint with the key dedicated
kubectl taint nodes worker-1 dedicated-

# Taint every node labelled pool=batch
kubectl taint node -l pool=batch dedicated=batch:PreferNoSchedule

# Add a taint that has a key and an effect but no value
kubectl taint nodes worker-1 maintenance:NoSchedule",
        usage:
            "taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
        ..Topic::NONE
    },
];
