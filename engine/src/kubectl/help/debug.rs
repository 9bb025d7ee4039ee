//! Help topics: TODO.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "describe",
        long: "TODO",
        examples: "TODO",
        usage: "describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "logs",
        long: "TODO",
        examples: "TODO",
        usage: "logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "attach",
        long: "TODO",
        examples: "TODO",
        usage: "attach (POD | TYPE/NAME) -c CONTAINER [options]",
        ..Topic::NONE
    },
    Topic {
        path: "exec",
        long: "TODO",
        examples: "TODO",
        usage: "exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "port-forward",
        long: "TODO",
        examples: "TODO",
        usage: "port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
        ..Topic::NONE
    },
    Topic {
        path: "proxy",
        long: "TODO",
        examples: "TODO",
        usage: "proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "cp",
        long: "TODO",
        examples: "TODO",
        usage: "cp <file-spec-src> <file-spec-dest> [options]",
        ..Topic::NONE
    },
    Topic {
        path: "auth",
        long: "TODO",
        examples: "",
        usage: "auth [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "auth can-i",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]",
        flags: &[ALL_NAMESPACES_3, LIST_2, NO_HEADERS_3, QUIET, SUBRESOURCE],
        ..Topic::NONE
    },
    Topic {
        path: "auth reconcile",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "auth reconcile -f FILENAME [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, DRY_RUN, FILENAME_5, KUSTOMIZE, OUTPUT, RECURSIVE, REMOVE_EXTRA_PERMISSIONS, REMOVE_EXTRA_SUBJECTS, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "auth whoami",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "auth whoami [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, OUTPUT, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "debug",
        long: "TODO",
        examples: "TODO",
        usage: "debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "events",
        long: "TODO",
        examples: "TODO",
        usage: "events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]",
        ..Topic::NONE
    },];
