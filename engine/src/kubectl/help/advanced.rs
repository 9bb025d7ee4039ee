//! Help of the "Advanced Commands": diff, apply, patch, replace, wait, kustomize.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "diff",
        long: "Show how the cluster would change if a manifest were applied: the live objects against what the server would make of the manifest.

 The output is a unified diff. Set KUBECTL_EXTERNAL_DIFF to use another diff program, with its flags, for example KUBECTL_EXTERNAL_DIFF=\"colordiff -N -u\".

 By default the \"diff\" program on your PATH runs with \"-u\" (unified diff) and \"-N\" (missing files count as empty).

 Exit status: 0 when nothing differs, 1 when something does, above 1 when kubectl or diff failed.

 Note: kubectl diff needs server-side dry run, so the cluster must support it.",
        examples: "# Compare the cluster with the objects in web.yaml
kubectl diff -f web.yaml

# Compare with a manifest from standard input
cat web.yaml | kubectl diff -f -",
        usage: "diff -f FILENAME [options]",
        ..Topic::NONE
    },
    Topic {
        path: "apply",
        long: "Make the cluster match a manifest: objects that are missing are created, those that differ are updated. Give the manifest with a file, a directory or standard input, in JSON or YAML.

 Prefer apply for objects you manage from files. Client-side apply records what it applied in an annotation, so a later apply can tell which fields you removed; server-side apply (--server-side) lets the API server track which manager owns each field.",
        examples: "# Apply the objects of web.yaml
kubectl apply -f ./web.yaml

# Apply the objects a kustomization directory builds
kubectl apply -k overlays/dev/

# Apply a manifest from standard input
cat pod.json | kubectl apply -f -

# Apply every manifest of a directory, and its subdirectories
kubectl apply -f manifests/ -R

# Apply a directory and delete objects labelled app=web that its files no longer have
kubectl apply --prune -f manifests/ -l app=web

# Apply a directory and prune config maps that are gone from it
kubectl apply --prune -f manifests/ --all --prune-allowlist=core/v1/ConfigMap",
        usage: "apply (-f FILENAME | -k DIRECTORY) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "apply edit-last-applied",
        short: "Edit the last-applied-configuration annotation",
        long: "Open the last-applied-configuration annotation of an object in an editor, and save your changes back to it.

 The object itself does not change: only what the next apply compares against. The editor comes from KUBE_EDITOR or EDITOR, else vi. The annotation is shown as YAML unless you ask for JSON with -o json.",
        examples: "# Edit the last applied configuration of deployment web, as YAML
kubectl apply edit-last-applied deployment/web

# Edit the last applied configuration of the objects in web.yaml, as JSON
kubectl apply edit-last-applied -f web.yaml -o json",
        usage: "apply edit-last-applied (RESOURCE/NAME | -f FILENAME) [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FIELD_MANAGER_3, FILENAME_6, KUSTOMIZE, OUTPUT, RECURSIVE, SHOW_MANAGED_FIELDS, TEMPLATE, VALIDATE, WINDOWS_LINE_ENDINGS, RECORD],
        ..Topic::NONE
    },
    Topic {
        path: "apply set-last-applied",
        short: "Set the last-applied-configuration annotation from a file",
        long: "Set the last-applied-configuration annotation of live objects to the contents of a file, as if the file had been applied, without changing the objects.

 With --create-annotation, objects that have no such annotation yet get one.",
        examples: "# Record web.yaml as the last applied configuration of its objects
kubectl apply set-last-applied -f web.yaml

# Record every file of a directory
kubectl apply set-last-applied -f manifests/

# Record it, adding the annotation where it is missing
kubectl apply set-last-applied -f web.yaml --create-annotation=true",
        usage: "apply set-last-applied -f FILENAME [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, CREATE_ANNOTATION, DRY_RUN, FILENAME_7, OUTPUT, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "apply view-last-applied",
        short: "Print the last-applied-configuration annotation",
        long: "Print the last-applied-configuration annotation of objects, as YAML or JSON.",
        examples: "# Print the last applied configuration of deployment web as YAML
kubectl apply view-last-applied deployment/web

# Print the last applied configuration of the objects in web.yaml as JSON
kubectl apply view-last-applied -f web.yaml -o json",
        usage: "apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]",
        flags: &[ALL_3, FILENAME_7, KUSTOMIZE, OUTPUT_3, RECURSIVE, SELECTOR],
        ..Topic::NONE
    },
    Topic {
        path: "patch",
        long: "Change fields of an object with a patch: a strategic merge patch (the default), a JSON merge patch or a JSON patch, in JSON or YAML.

 \"kubectl explain\" shows the fields a kind has. A strategic merge patch knows how each list of a built-in kind merges; custom resources take merge or json patches only.",
        examples: "# Mark node worker-1 unschedulable with a strategic merge patch
kubectl patch node worker-1 -p '{\"spec\":{\"unschedulable\":true}}'

# The same in YAML
kubectl patch node worker-1 -p $'spec:\\n unschedulable: true'

# Patch the node a manifest file names
kubectl patch -f node.json -p '{\"spec\":{\"unschedulable\":true}}'

# Change a container's image (containers merge by name)
kubectl patch pod web-0 -p '{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.27\"}]}}'

# The same with a JSON patch addressing the list position
kubectl patch pod web-0 --type='json' -p='[{\"op\": \"replace\", \"path\": \"/spec/containers/0/image\", \"value\":\"nginx:1.27\"}]'

# Patch a deployment's scale subresource
kubectl patch deployment web --subresource='scale' --type='merge' -p '{\"spec\":{\"replicas\":2}}'",
        usage: "patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "replace",
        long: "Replace objects with the manifests given, in JSON or YAML, from a file or standard input.

 The manifest must describe the whole object; fields it leaves out are removed. \"kubectl get TYPE NAME -o yaml\" gives a complete one to start from.",
        examples: "# Replace a pod with the manifest in pod.json
kubectl replace -f ./pod.json

# Replace it with a manifest from standard input
cat pod.json | kubectl replace -f -

# Change a pod's image with sed, and replace the pod with the result
kubectl get pod nginx -o yaml | sed 's/\\(image: nginx\\):.*$/\\1:1.27/' | kubectl replace -f -

# Delete the objects and create them again from the manifest
kubectl replace --force -f ./pod.json",
        usage: "replace -f FILENAME [options]",
        ..Topic::NONE
    },
    Topic {
        path: "wait",
        long: "Wait until objects reach a condition: exist, are deleted, have a status condition, or a field has a value.

 Wait for several objects with a list of names, a label selector (-l) or --all. --for=delete waits until they are gone; --for=create until they exist; --for=condition=NAME[=VALUE] until a status condition holds (True when no value is given); --for=jsonpath='{PATH}'[=VALUE] until a field exists or equals the value.

 A successful wait prints a line per object. The command exits non-zero when the timeout passes first. --timeout=-1s waits up to a week.",
        examples: "# Wait for pod nginx to be Ready
kubectl wait --for=condition=Ready pod/nginx

# Wait for a condition with a value
kubectl wait --for=condition=Ready=false pod/nginx

# Wait for a pod's phase to be Running
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/nginx

# Wait for a pod to be initialized
kubectl wait --for=\"jsonpath={.status.conditions[?(@.type=='Initialized')].status}=True\" pod/nginx

# Wait for the web service to get a load balancer address
kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}' service/web

# Wait for the config map web-config to exist
kubectl wait --for=create configmap/web-config

# Delete pod nginx and wait up to 60 seconds for it to be gone
kubectl delete pod/nginx
kubectl wait --for=delete pod/nginx --timeout=60s",
        usage: "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "kustomize",
        long: "Print the objects a kustomization directory, or a repository URL, builds.

 DIR must hold a kustomization.yaml; without DIR the current directory is used. The URL form points at a git repository and a path in it.",
        examples: "# Build the kustomization in the current directory
kubectl kustomize

# Build the one in overlays/dev
kubectl kustomize overlays/dev

# Build one from a git repository
kubectl kustomize https://github.com/example/app.git/config/default?ref=v1.0.0",
        usage: "kustomize DIR [flags] [options]",
        ..Topic::NONE
    },];
