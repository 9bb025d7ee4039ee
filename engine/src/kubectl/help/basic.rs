//! Help of the "Basic Commands": create, expose, run, set, explain, get, edit, delete.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "create",
        long: "Create objects in the cluster from a manifest file, a directory of manifests or standard input, in JSON or YAML.

 Each subcommand below builds one kind of object from flags alone, without a manifest.",
        examples: "# Create the objects described in web.yaml
kubectl create -f web.yaml

# Create an object from a manifest piped in on standard input
cat pod.json | kubectl create -f -

# Open the manifest in an editor first, then create what was saved
kubectl create -f web.yaml --edit -o json",
        usage: "create -f FILENAME [options]",
        ..Topic::NONE
    },
    Topic {
        path: "expose",
        long: "Make a deployment, replica set, replication controller, service or pod reachable through a new Service.

 The new Service selects the same pods as the object it exposes: a workload's selector, or a pod's labels. Ports come from --port, or from the object's own container ports when it declares them.

 Types that can be exposed: pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)",
        examples: "# Give the web deployment a ClusterIP Service on port 80 that forwards to container port 8080
kubectl expose deployment web --port=80 --target-port=8080

# Reach the nginx deployment from outside the cluster through a port on every node
kubectl expose deployment nginx --port=80 --type=NodePort

# Expose one pod under a service name of your choosing
kubectl expose pod nginx --port=80 --name=nginx-direct

# Offer an existing service again on another port, under a new name
kubectl expose service nginx --port=8443 --target-port=80 --name=nginx-alt

# Expose a UDP port
kubectl expose deployment dns-cache --port=53 --protocol=UDP",
        usage: "expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "run",
        long: "Start a single pod that runs the given image.",
        examples: "# Start one nginx pod
kubectl run nginx --image=nginx

# Start a pod and declare the port its container listens on
kubectl run web --image=nginx --port=80

# Set environment variables and labels on the new pod
kubectl run web --image=nginx --env=\"MODE=demo\" --labels=\"app=web,tier=front\"

# Print the pod manifest kubectl would send, without creating anything
kubectl run nginx --image=nginx --dry-run=client -o yaml

# Open an interactive shell in a throwaway busybox pod, removed on exit
kubectl run -it --rm toolbox --image=busybox --restart=Never -- sh

# Run a command instead of the image's default entrypoint
kubectl run sleeper --image=busybox --command -- sleep 3600",
        usage: r#"run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]"#,
        ..Topic::NONE
    },
    Topic {
        path: "set",
        long: "Change common settings of objects that already exist in the cluster.

 Each subcommand edits one thing, such as a container image, environment variables or resource requests, without opening the whole manifest.",
        examples: "",
        usage: "set SUBCOMMAND [options]",
        ..Topic::NONE
    },
    Topic {
        path: "set env",
        short: "Change the environment variables of a pod template",
        long: "Add, change, remove or list environment variables in the containers of a pod template.

 Resources this works on (case insensitive): pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
        examples: "# Set one variable on every container of the web deployment
kubectl set env deployment/web MODE=production

# Show the variables of the web deployment without changing them
kubectl set env deployment/web --list

# Copy every key of the app-config config map into the containers as variables
kubectl set env deployment/web --from=configmap/app-config

# Import only some keys of a config map
kubectl set env deployment/web --keys=color,size --from=configmap/app-config

# Import a secret's keys with a prefix added to each name
kubectl set env deployment/web --from=secret/db-creds --prefix=DB_

# Remove the MODE variable (the trailing dash removes it)
kubectl set env deployment/web MODE-

# Change the variable in only the sidecar container
kubectl set env deployment/web -c sidecar LOG_LEVEL=debug",
        usage: "set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]",
        flags: &[ALL, ALLOW_MISSING_TEMPLATE_KEYS, CONTAINERS, DRY_RUN, ENV, FIELD_MANAGER, FILENAME, FROM, KEYS, KUSTOMIZE, LIST, LOCAL, OUTPUT, OVERWRITE, PREFIX, RECURSIVE, RESOLVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "set image",
        short: "Change the container images of a pod template",
        long: "Change the image of one or more containers in a pod template.

 Resources this works on (case insensitive): pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
        examples: "# Move the nginx container of the web deployment to nginx:1.27
kubectl set image deployment/web nginx=nginx:1.27

# Change two containers at once
kubectl set image deployment/web nginx=nginx:1.27 sidecar=busybox:1.36

# Point every container of every deployment at the same image
kubectl set image deployments --all '*=nginx:1.27'

# Print the changed manifest of a local file without contacting the cluster
kubectl set image -f web.yaml nginx=nginx:1.27 --local -o yaml",
        usage: "set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]",
        flags: &[ALL_2, ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FIELD_MANAGER, FILENAME_2, KUSTOMIZE, LOCAL_2, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE, RECORD],
        ..Topic::NONE
    },
    Topic {
        path: "set resources",
        short: "Change the resource requests and limits of a pod template",
        long: "Set the CPU and memory requests and limits of the containers in a pod template.

 Give limits with --limits and requests with --requests, as comma-separated name=quantity pairs. A value of 0 removes that entry.

 Resources this works on (case insensitive): replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
        examples: "# Give the nginx container of the web deployment a CPU limit and a memory request
kubectl set resources deployment web -c=nginx --limits=cpu=200m --requests=memory=256Mi

# Set requests and limits on every container of the deployment
kubectl set resources deployment web --limits=cpu=500m,memory=512Mi --requests=cpu=100m,memory=128Mi

# Drop the requests of the deployment's containers
kubectl set resources deployment web --requests=cpu=0,memory=0

# Show the change applied to a local file, without sending it
kubectl set resources -f web.yaml --limits=cpu=200m --local -o yaml",
        usage: "set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]",
        flags: &[ALL_2, ALLOW_MISSING_TEMPLATE_KEYS, CONTAINERS_2, DRY_RUN, FIELD_MANAGER, FILENAME_2, KUSTOMIZE, LIMITS, LOCAL_3, OUTPUT, RECURSIVE, REQUESTS, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE, RECORD],
        ..Topic::NONE
    },
    Topic {
        path: "set selector",
        short: "Replace the label selector of a resource",
        long: "Replace the label selector of an object with the one given.

 The new selector replaces the old one entirely; it must be a set of key=value pairs, and a key may hold no value. Only services can have their selector changed this way.",
        examples: "# Make the web service select pods labelled app=web-v2
kubectl set selector service web app=web-v2

# Create a service from a file with a different selector than the file has
kubectl create service clusterip web --tcp=80 --dry-run=client -o yaml | kubectl set selector --local -f - app=web -o yaml | kubectl create -f -",
        usage: "set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]",
        flags: &[ALL_3, ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FIELD_MANAGER, FILENAME_3, LOCAL_4, OUTPUT, RECURSIVE_2, RESOURCE_VERSION, SHOW_MANAGED_FIELDS, TEMPLATE, RECORD],
        ..Topic::NONE
    },
    Topic {
        path: "set serviceaccount",
        short: "Change the service account of a pod template",
        aliases: &["sa"],
        long: "Change the service account the pods of a pod template run as.

 Resources this works on (case insensitive): replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset",
        examples: "# Run the web deployment's pods as the robot service account
kubectl set serviceaccount deployment web robot

# Show the change on a local manifest, without contacting the cluster
kubectl set sa -f web.yaml robot --local --dry-run=client -o yaml",
        usage: "set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]",
        flags: &[ALL_2, ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FIELD_MANAGER, FILENAME_2, KUSTOMIZE, LOCAL_5, OUTPUT, RECURSIVE, SHOW_MANAGED_FIELDS, TEMPLATE, RECORD],
    },
    Topic {
        path: "set subject",
        short: "Change the subjects of a role binding or cluster role binding",
        long: "Add users, groups or service accounts to the subjects of a role binding or cluster role binding.",
        examples: "# Add the user alice to the readers cluster role binding
kubectl set subject clusterrolebinding readers --user=alice

# Add a service account to the deployers role binding
kubectl set subject rolebinding deployers --serviceaccount=default:robot

# Add a user and a group to the editors role binding
kubectl set subject rolebinding editors --user=bob --group=ops

# Build a role binding from a local file with an extra subject and create it
kubectl create rolebinding viewers --role=viewer --user=alice --dry-run=client -o yaml | kubectl set subject --local -f - --user=bob -o yaml | kubectl create -f -",
        usage: "set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
        flags: &[ALL_2, ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FIELD_MANAGER, FILENAME_4, GROUP, KUSTOMIZE, LOCAL_6, OUTPUT, RECURSIVE, SELECTOR, SERVICEACCOUNT, SHOW_MANAGED_FIELDS, TEMPLATE, USER],
        ..Topic::NONE
    },
    Topic {
        path: "explain",
        long: "Show what the fields of a resource mean, from the schema the API server publishes.

 Name a resource, or a field inside it with a dotted path: <type>.<fieldName>[.<fieldName>]. With --recursive, every field below the one named is listed.

Use \"kubectl api-resources\" for a complete list of supported resources.",
        examples: "# Describe the Pod resource and its top-level fields
kubectl explain pods

# Describe the fields of a pod's containers
kubectl explain pods.spec.containers

# List every field of a Deployment, nested ones included
kubectl explain deployments --recursive

# Use a specific group and version of the resource
kubectl explain deployments --api-version=apps/v1

# Print the explanation from the older OpenAPI v2 schema
kubectl explain deployments --output=plaintext-openapiv2",
        usage: "explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "get",
        long: "List resources of a type as a table, or show one object.

 The table holds the columns the server picks for the type. Narrow the list with a label selector (-l) or a field selector, and choose another format with -o: wide for extra columns, yaml or json for whole objects, name for just names, or a template.

Use \"kubectl api-resources\" for a complete list of supported resources.",
        examples: "# List the pods of the current namespace
kubectl get pods

# List pods with their node and IP
kubectl get pods -o wide

# Show one deployment
kubectl get deployment web

# Print a deployment as JSON, naming its API group and version
kubectl get deployments.v1.apps web -o json

# Print one pod as YAML
kubectl get pod nginx -o yaml

# Get the objects a manifest file describes
kubectl get -f web.yaml

# Get the objects a kustomization directory builds
kubectl get -k overlays/dev/

# Print only a pod's phase
kubectl get pod nginx -o jsonpath='{.status.phase}'

# Choose your own columns
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image

# List services and deployments together
kubectl get services,deployments

# Name objects of several types in one go
kubectl get deployment/web service/web pod/nginx

# Get a pod's status subresource
kubectl get pod nginx --subresource status

# List deployments in the kube-system namespace
kubectl get deployments --namespace kube-system

# List pods in every namespace
kubectl get pods --all-namespaces",
        usage: "get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "edit",
        long: "Open an object in a text editor and save your changes back to the cluster.

 The editor comes from the KUBE_EDITOR or EDITOR environment variable, else vi. You can edit several objects at once; they are saved together. The object is shown in YAML unless you ask for JSON with -o json.

 If saving fails (an invalid field, or someone changed the object meanwhile), kubectl keeps your edited copy in a temporary file so you can apply it later.",
        examples: "# Edit the web service
kubectl edit svc/web

# Edit a deployment in JSON
kubectl edit deployment/web -o json

# Edit with a different editor
KUBE_EDITOR=\"nano\" kubectl edit deployment/web

# Edit a deployment's status subresource
kubectl edit deployment web --subresource='status'",
        usage: "edit (RESOURCE/NAME | -f FILENAME) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "delete",
        long: "Delete objects named by files, by type and name, by type and label selector, or every object of a type (--all).

 Pods stop gracefully: their containers get time to shut down (the pod's grace period, or --grace-period) before they are removed. --force with --grace-period=0 removes a pod from the API at once, even if its containers may still run on the node.

 Deleting a namespace deletes everything in it. Objects with finalizers stay until their finalizers are done, and kubectl waits for that unless --wait=false.",
        examples: "# Delete the objects described in web.yaml
kubectl delete -f ./web.yaml

# Delete the objects a kustomization directory builds
kubectl delete -k overlays/dev

# Delete a pod whose manifest comes from standard input
cat pod.json | kubectl delete -f -

# Delete the pods and services named web
kubectl delete pod,service web

# Delete pods and services labelled app=web
kubectl delete pods,services -l app=web

# Delete a pod without waiting for it to shut down
kubectl delete pod nginx --now

# Remove a pod from the API at once (it may keep running on its node for a while)
kubectl delete pod nginx --force --grace-period=0

# Delete every pod of the current namespace
kubectl delete pods --all",
        usage: "delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
        ..Topic::NONE
    },];
