//! Help of the "Troubleshooting and Debugging Commands": describe, logs,
//! attach, exec, port-forward, proxy, cp, auth, debug, events.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "describe",
        long: "Print a detailed, readable account of objects: their settings, their state, related objects and recent events.

 kubectl describe TYPE NAME_PREFIX shows the object named NAME_PREFIX if there is one, and otherwise every object whose name starts with it.

Use \"kubectl api-resources\" for a complete list of supported resources.",
        examples: "# Describe a node
kubectl describe nodes minikube

# Describe a pod
kubectl describe pods/nginx

# Describe the pod a manifest file names
kubectl describe -f pod.json

# Describe every pod
kubectl describe pods

# Describe the pods labelled app=web
kubectl describe pods -l app=web

# Describe the pods whose names start with web (the pods of the web deployment, say)
kubectl describe pods web",
        usage: "describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "logs",
        long: "Print what a container of a pod, or of a pod a workload or service picks, wrote to its standard output and error. A pod with a single container needs no container name.",
        examples: "# Print the logs of the nginx pod (one container)
kubectl logs nginx

# Print the logs of every container of the pod
kubectl logs nginx --all-containers=true

# Print the logs of every container of the pods labelled app=web
kubectl logs -l app=web --all-containers=true

# Print the logs of the previous, crashed instance of container app in pod web-0
kubectl logs -p -c app web-0

# Keep printing new lines from container app of pod web-0
kubectl logs -f -c app web-0

# Keep printing new lines from every container of the pods labelled app=web
kubectl logs -f -l app=web --all-containers=true

# Print only the last 20 lines
kubectl logs --tail=20 nginx

# Print the lines written in the last hour
kubectl logs --since=1h nginx

# Print the logs while ignoring the TLS check of the kubelet's certificate
kubectl logs --insecure-skip-tls-verify-backend nginx

# Print the logs of the first container of a job's pod
kubectl logs job/hello

# Print the logs of container nginx of a pod of the web deployment
kubectl logs deployment/web -c nginx",
        usage: "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "attach",
        long: "Connect to the process already running in a container, to see its output or type into it.",
        examples: "# Attach to the nginx pod's first container and print its output
kubectl attach nginx

# Attach to container app of pod web-0
kubectl attach web-0 -c app

# Type into container app of pod web-0 (its standard input must be open)
kubectl attach web-0 -c app -i -t

# Attach to the first pod of the web replica set
kubectl attach rs/web -c nginx -i -t",
        usage: "attach (POD | TYPE/NAME) -c CONTAINER [options]",
        ..Topic::NONE
    },
    Topic {
        path: "exec",
        long: "Run a command inside a container.",
        examples: "# Print the date inside the nginx pod (its first container)
kubectl exec nginx -- date

# Run the command in container app of pod web-0
kubectl exec web-0 -c app -- date

# Pipe input to a command in the container
echo hello | kubectl exec -i nginx -- cat

# Open an interactive shell in container app of pod web-0
kubectl exec web-0 -c app -i -t -- sh

# List files in the first container of a pod of the web deployment
kubectl exec deploy/web -- ls /usr/share/nginx/html

# Run a command in a pod the web service selects
kubectl exec svc/web -- ls /",
        usage: "exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "port-forward",
        long: "Forward one or more local ports to ports of a pod.

 Name a workload or a service to forward to one of its pods; the pod is picked once and the forward ends when that pod goes away, so run the command again then.",
        examples: "# Listen on local ports 5000 and 6000 and forward them to the same ports of a pod of the web deployment
kubectl port-forward deployment/web 5000 6000

# Forward local port 8080 to the port named http of a pod of the web service
kubectl port-forward service/web 8080:http

# Listen on local port 8888 and forward to port 80 of the nginx pod
kubectl port-forward pod/nginx 8888:80

# Listen on every local address, not only localhost
kubectl port-forward --address 0.0.0.0 pod/nginx 8888:80

# Listen on a local port chosen at random, forwarding to port 80
kubectl port-forward pod/nginx :80",
        usage: "port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
        ..Topic::NONE
    },
    Topic {
        path: "proxy",
        long: "Run a local HTTP server that forwards requests to the Kubernetes API server, adding your credentials, and can also serve static files.

 Paths under --api-prefix go to the API server; other paths serve files from --www. --accept-paths and --reject-paths limit what is forwarded. Choosing port 0 picks a free port.",
        examples: "# Serve the API on port 8011 and static files from ./web under /static/
kubectl proxy --port=8011 --www=./web --www-prefix=/static/
# curl localhost:8011/api/v1/pods then lists pods
# curl localhost:8011/static/index.html serves ./web/index.html

# Serve the API under a prefix of your own
kubectl proxy --api-prefix=/k8s-api
# curl localhost:8001/k8s-api/api/v1/pods lists pods

# Serve the API under /api/ and files from ./web at the root
kubectl proxy --api-prefix=/api/ --www=./web",
        usage: "proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "cp",
        long: "Copy files and directories between containers and the local machine.",
        examples: "# The tar binary must exist in the container's image: cp runs it there.
# If it is missing, cp fails.
#
# For anything beyond copying, such as using symbolic links or wildcards,
# run tar yourself through kubectl exec:
# Copy /tmp/data from a local machine into /tmp/data of a pod in namespace shop
tar cf - /tmp/data | kubectl exec -i -n shop web-0 -- tar xf - -C /tmp/data

# Copy /tmp/data from a pod to a local directory
kubectl exec -n shop web-0 -- tar cf - /tmp/data | tar xf - -C /tmp/local

# Copy the local directory /tmp/data to /tmp/data in a pod of the default namespace
kubectl cp /tmp/data web-0:/tmp/data

# Copy it into container app of the pod
kubectl cp /tmp/data web-0:/tmp/data -c app

# Copy it into a pod of namespace shop
kubectl cp /tmp/data shop/web-0:/tmp/data

# Copy /tmp/data from a remote pod to /tmp/local on this machine
kubectl cp shop/web-0:/tmp/data /tmp/local",
        usage: "cp <file-spec-src> <file-spec-dest> [options]",
        ..Topic::NONE
    },
    Topic {
        path: "auth",
        long: "Check what users and service accounts may do, and who you are to the cluster.",
        examples: "",
        usage: "auth [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "auth can-i",
        short: "Ask whether an action is allowed",
        long: "Ask the cluster whether an action is allowed.

 VERB is a Kubernetes API verb such as get, list, watch or delete. TYPE is a resource type (api-resources lists them). NONRESOURCEURL is a path that starts with \"/\". With --list, kubectl prints everything the user may do in the namespace instead.",
        examples: "# May I create pods in any namespace?
kubectl auth can-i create pods --all-namespaces

# May I list deployments in the current namespace?
kubectl auth can-i list deployments.apps

# May the service account robot list pods in namespace shop?
kubectl auth can-i list pods --as=system:serviceaccount:shop:robot --namespace=shop

# May I do everything in the current namespace? (* means all)
kubectl auth can-i '*' '*'

# May I get the job named hello in namespace shop?
kubectl auth can-i list jobs.batch/hello -n shop

# May I read pod logs?
kubectl auth can-i get pods --subresource=log

# May I GET the path /logs/?
kubectl auth can-i get /logs/

# May I approve certificates.k8s.io?
kubectl auth can-i approve certificates.k8s.io

# List everything I may do in namespace shop
kubectl auth can-i --list --namespace=shop",
        usage: "auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]",
        flags: &[ALL_NAMESPACES_3, LIST_2, NO_HEADERS_3, QUIET, SUBRESOURCE],
        ..Topic::NONE
    },
    Topic {
        path: "auth reconcile",
        short: "Make RBAC objects match a file",
        long: "Make RBAC roles, role bindings, cluster roles and cluster role bindings in the cluster match the ones in a file.

 Missing objects are created; rules and subjects the file has are added to existing ones, and with --remove-extra-permissions or --remove-extra-subjects what it lacks is taken away. Use this instead of apply for RBAC objects: it understands how rules combine.",
        examples: "# Bring the RBAC objects of rbac.yaml into the cluster
kubectl auth reconcile -f rbac.yaml",
        usage: "auth reconcile -f FILENAME [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FILENAME_5, KUSTOMIZE, OUTPUT, RECURSIVE, REMOVE_EXTRA_PERMISSIONS, REMOVE_EXTRA_SUBJECTS, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "auth whoami",
        short: "Show who the cluster takes you for",
        long: "Show who the cluster takes you for: the user name, uid, groups and extra attributes it authenticated.

 Handy when credentials come from a token or a plugin, or when impersonating with --as. The cluster answers through the SelfSubjectReview API.",
        examples: "# Show who I am to the cluster
kubectl auth whoami

# Print the whole answer as JSON
kubectl auth whoami -o json",
        usage: "auth whoami [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, OUTPUT, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "debug",
        long: "Open debugging sessions on workloads and nodes.

 kubectl debug can:

  *  Make a copy of a pod with some settings changed, for instance a different image or an added container.
  *  Add an ephemeral container to a running pod, for instance to bring in tools the image lacks.
  *  Start a pod on a node that runs in the node's host namespaces, with its file system mounted.

 The --profile flag picks a preset of privileges for the debug container; the default is legacy.",
        examples: "# Add an ephemeral busybox container to pod nginx and attach to it
kubectl debug nginx -it --image=busybox

# Add a debug container that shares the process namespace of container nginx
kubectl debug -it nginx --image=busybox --target=nginx

# Debug a copy of the nginx pod with an extra container, keeping the original
kubectl debug nginx -it --image=busybox --copy-to=nginx-debug

# Debug a copy of the pod where container nginx runs a shell instead
kubectl debug nginx -it --copy-to=nginx-debug --container=nginx -- sh

# Debug a copy of the pod with the images of its containers changed
kubectl debug nginx --copy-to=nginx-debug --set-image=*=busybox

# Start a pod on node minikube with the host's file system at /host, and attach to it
kubectl debug node/minikube -it --image=busybox",
        usage: "debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "events",
        long: "List events, a record of what happened in the cluster, oldest first.

 Use --for to see the events of one object, --types to keep only Normal or Warning events, and --watch to keep printing new ones.",
        examples: "# List the events of the current namespace
kubectl events

# List only the warnings of every namespace
kubectl events --all-namespaces --types=Warning

# List the events of pod nginx
kubectl events --for pod/nginx

# Print the events of the web deployment as YAML
kubectl events --for deployment/web -o yaml

# Keep printing new events
kubectl events --watch",
        usage: "events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]",
        ..Topic::NONE
    },];
