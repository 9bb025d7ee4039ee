//! Help topics: TODO.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "diff",
        long: "TODO",
        examples: "TODO",
        usage: "diff -f FILENAME [options]",
        ..Topic::NONE
    },
    Topic {
        path: "apply",
        long: "TODO",
        examples: "TODO",
        usage: "apply (-f FILENAME | -k DIRECTORY) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "apply edit-last-applied",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "apply edit-last-applied (RESOURCE/NAME | -f FILENAME) [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FIELD_MANAGER_3, FILENAME_6, KUSTOMIZE, OUTPUT, RECURSIVE, SHOW_MANAGED_FIELDS, TEMPLATE, VALIDATE, WINDOWS_LINE_ENDINGS],
        ..Topic::NONE
    },
    Topic {
        path: "apply set-last-applied",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "apply set-last-applied -f FILENAME [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, CREATE_ANNOTATION, DRY_RUN, FILENAME_7, OUTPUT, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "apply view-last-applied",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]",
        flags: &[ALL_3, FILENAME_7, KUSTOMIZE, OUTPUT_3, RECURSIVE, SELECTOR],
        ..Topic::NONE
    },
    Topic {
        path: "patch",
        long: "TODO",
        examples: "TODO",
        usage: "patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "replace",
        long: "TODO",
        examples: "TODO",
        usage: "replace -f FILENAME [options]",
        ..Topic::NONE
    },
    Topic {
        path: "wait",
        long: "TODO",
        examples: "TODO",
        usage: "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "kustomize",
        long: "TODO",
        examples: "TODO",
        usage: "kustomize DIR [flags] [options]",
        ..Topic::NONE
    },];
