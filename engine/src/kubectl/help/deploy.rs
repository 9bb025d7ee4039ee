//! Help of the "Deploy Commands": rollout, scale, autoscale.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "rollout",
        long: "Follow, inspect and steer the rollouts of workloads.

 Resource types these commands work on:

  *  deployments
  *  daemonsets
  *  statefulsets",
        examples: "# Go back to the web deployment's previous revision
kubectl rollout undo deployment/web

# Wait for a daemonset's rollout to finish
kubectl rollout status daemonset/fluentd

# Replace every pod of a deployment
kubectl rollout restart deployment/web

# Restart every deployment labelled app=web
kubectl rollout restart deployment --selector=app=web",
        usage: "rollout SUBCOMMAND [options]",
        ..Topic::NONE
    },
    Topic {
        path: "rollout history",
        short: "List the revisions of a rollout",
        long: "List the recorded revisions of a rollout, or show one revision's pod template.",
        examples: "# List the revisions of the web deployment
kubectl rollout history deployment/web

# Show the pod template of revision 2
kubectl rollout history daemonset/fluentd --revision=2",
        usage: "rollout history (TYPE NAME | TYPE/NAME) [flags] [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, REVISION, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "rollout pause",
        short: "Stop a rollout from progressing",
        long: "Pause a rollout: changes to the pod template stop producing new rollouts until it is resumed.

 While paused, the controller keeps the current pods and ignores template edits, so you can make several changes and roll them out together. Only deployments can be paused.",
        examples: "# Pause the web deployment, change its image, and nothing rolls out yet
kubectl rollout pause deployment/web
kubectl set image deployment/web nginx=nginx:1.27",
        usage: "rollout pause RESOURCE [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FIELD_MANAGER_2, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "rollout restart",
        short: "Replace the pods of a workload",
        long: "Restart a workload: its pods are replaced through a new rollout.

 kubectl records the restart time in an annotation of the pod template, which is a template change the controller rolls out like any other.",
        examples: "# Replace the pods of the web deployment
kubectl rollout restart deployment/web

# Restart a daemonset
kubectl rollout restart daemonset/fluentd

# Restart the deployments labelled app=web
kubectl rollout restart deployment --selector=app=web",
        usage: "rollout restart RESOURCE [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FIELD_MANAGER_2, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "rollout resume",
        short: "Let a paused rollout continue",
        long: "Resume a paused rollout, so template changes made meanwhile roll out.

 Only deployments can be paused and resumed.",
        examples: "# Let the web deployment roll out again
kubectl rollout resume deployment/web",
        usage: "rollout resume RESOURCE [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FIELD_MANAGER_2, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "rollout status",
        short: "Watch a rollout until it finishes",
        long: "Report a rollout's progress and wait until it finishes.

 kubectl watches the object and prints each step. Use --watch=false to print the current state once. Pass --revision to wait for a specific revision: the command fails if the rollout moves to another one.",
        examples: "# Wait for the web deployment's rollout to finish
kubectl rollout status deployment/web",
        usage: "rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
        flags: &[FILENAME_2, KUSTOMIZE, RECURSIVE, REVISION_2, SELECTOR, TIMEOUT, WATCH],
        ..Topic::NONE
    },
    Topic {
        path: "rollout undo",
        short: "Go back to an earlier revision",
        long: "Go back to an earlier revision of a rollout.",
        examples: "# Go back to the previous revision of the web deployment
kubectl rollout undo deployment/web

# Go back to revision 3 of a daemonset
kubectl rollout undo daemonset/fluentd --to-revision=3

# Check that the undo would be accepted, without changing anything
kubectl rollout undo --dry-run=server deployment/web",
        usage: "rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE, TO_REVISION],
        ..Topic::NONE
    },
    Topic {
        path: "scale",
        long: "Change the number of replicas of a deployment, replica set, replication controller or stateful set.

 With --current-replicas or --resource-version, the change is made only if the object still has that replica count or version.",
        examples: "# Run 3 replicas of the web replica set
kubectl scale --replicas=3 rs/web

# Scale the object described in web.yaml
kubectl scale --replicas=3 -f web.yaml

# Scale the web deployment to 3 only if it runs 2 now
kubectl scale --current-replicas=2 --replicas=3 deployment/web

# Scale several objects at once
kubectl scale --replicas=5 rc/web rc/api rc/worker

# Scale a stateful set down to one replica
kubectl scale --replicas=1 statefulset/db",
        usage: "scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "autoscale",
        long: "Create a HorizontalPodAutoscaler that scales a deployment, replica set, stateful set or replication controller between a minimum and a maximum number of replicas.

 The autoscaler adds or removes replicas to keep the pods' average CPU use near a target. Without --cpu-percent, the cluster's default target applies.",
        examples: "# Scale the web deployment between 2 and 10 replicas with the default CPU target
kubectl autoscale deployment web --min=2 --max=10

# Keep the web replication controller between 1 and 5 replicas at 80% CPU
kubectl autoscale rc web --max=5 --cpu-percent=80",
        usage: "autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]",
        ..Topic::NONE
    },];
