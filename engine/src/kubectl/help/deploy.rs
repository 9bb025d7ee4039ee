//! Help topics: TODO.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "rollout",
        long: "TODO",
        examples: "TODO",
        usage: "rollout SUBCOMMAND [options]",
        ..Topic::NONE
    },
    Topic {
        path: "rollout history",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "rollout history (TYPE NAME | TYPE/NAME) [flags] [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, REVISION, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "rollout pause",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "rollout pause RESOURCE [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FIELD_MANAGER_2, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "rollout restart",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "rollout restart RESOURCE [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FIELD_MANAGER_2, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "rollout resume",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "rollout resume RESOURCE [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FIELD_MANAGER_2, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "rollout status",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
        flags: &[FILENAME_2, KUSTOMIZE, RECURSIVE, REVISION_2, SELECTOR, TIMEOUT, WATCH],
        ..Topic::NONE
    },
    Topic {
        path: "rollout undo",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FILENAME_2, KUSTOMIZE, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE, TO_REVISION],
        ..Topic::NONE
    },
    Topic {
        path: "scale",
        long: "TODO",
        examples: "TODO",
        usage: "scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "autoscale",
        long: "TODO",
        examples: "TODO",
        usage: "autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]",
        ..Topic::NONE
    },];
