//! Help topics: TODO.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "create",
        long: "TODO",
        examples: "TODO",
        usage: "create -f FILENAME [options]",
        ..Topic::NONE
    },
    Topic {
        path: "expose",
        long: "TODO",
        examples: "TODO",
        usage: "expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "run",
        long: "TODO",
        examples: "TODO",
        usage: r#"run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]"#,
        ..Topic::NONE
    },
    Topic {
        path: "set",
        long: "TODO",
        examples: "",
        usage: "set SUBCOMMAND [options]",
        ..Topic::NONE
    },
    Topic {
        path: "set env",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]",
        flags: &[ALL, ALLOW_MISSING_TEMPLATE_KEYS, CONTAINERS, DRY_RUN, ENV, FIELD_MANAGER, FILENAME, FROM, KEYS, KUSTOMIZE, LIST, LOCAL, OUTPUT, OVERWRITE, PREFIX, RECURSIVE, RESOLVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "set image",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]",
        flags: &[ALL_2, ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FIELD_MANAGER, FILENAME_2, KUSTOMIZE, LOCAL_2, OUTPUT, RECURSIVE, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "set resources",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]",
        flags: &[ALL_2, ALLOW_MISSING_TEMPLATE_KEYS, CONTAINERS_2, DRY_RUN, FIELD_MANAGER, FILENAME_2, KUSTOMIZE, LIMITS, LOCAL_3, OUTPUT, RECURSIVE, REQUESTS, SELECTOR, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "set selector",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version] [options]",
        flags: &[ALL_3, ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FIELD_MANAGER, FILENAME_3, LOCAL_4, OUTPUT, RECURSIVE_2, RESOURCE_VERSION, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "set serviceaccount",
        short: "TODO",
        aliases: &["sa"],
        long: "TODO",
        examples: "TODO",
        usage: "set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]",
        flags: &[ALL_2, ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FIELD_MANAGER, FILENAME_2, KUSTOMIZE, LOCAL_5, OUTPUT, RECURSIVE, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "set subject",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
        flags: &[ALL_2, ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FIELD_MANAGER, FILENAME_4, GROUP, KUSTOMIZE, LOCAL_6, OUTPUT, RECURSIVE, SELECTOR, SERVICEACCOUNT, SHOW_MANAGED_FIELDS, TEMPLATE, USER],
        ..Topic::NONE
    },
    Topic {
        path: "explain",
        long: "TODO",
        examples: "TODO",
        usage: "explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "get",
        long: "TODO",
        examples: "TODO",
        usage: "get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "edit",
        long: "TODO",
        examples: "TODO",
        usage: "edit (RESOURCE/NAME | -f FILENAME) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "delete",
        long: "TODO",
        examples: "TODO",
        usage: "delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
        ..Topic::NONE
    },];
