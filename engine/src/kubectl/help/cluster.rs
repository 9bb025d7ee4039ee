//! Help topics: TODO.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "cluster-info",
        long: "TODO",
        examples: "TODO",
        usage: "cluster-info [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "cluster-info dump",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
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
        long: "TODO",
        examples: "",
        usage: "top [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "top node",
        short: "TODO",
        aliases: &["nodes", "no"],
        long: "TODO",
        examples: "TODO",
        usage: "top node [NAME | -l label] [options]",
        flags: &[
            NO_HEADERS,
            SELECTOR,
            SHOW_CAPACITY,
            SORT_BY,
            USE_PROTOCOL_BUFFERS,
        ],
        ..Topic::NONE
    },
    Topic {
        path: "top pod",
        short: "TODO",
        aliases: &["pods", "po"],
        long: "TODO",
        examples: "TODO",
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
        ..Topic::NONE
    },
    Topic {
        path: "cordon",
        long: "TODO",
        examples: "TODO",
        usage: "cordon NODE [options]",
        ..Topic::NONE
    },
    Topic {
        path: "uncordon",
        long: "TODO",
        examples: "TODO",
        usage: "uncordon NODE [options]",
        ..Topic::NONE
    },
    Topic {
        path: "drain",
        long: "TODO",
        examples: "TODO",
        usage: "drain NODE [options]",
        ..Topic::NONE
    },
    Topic {
        path: "taint",
        long: "TODO",
        examples: "TODO",
        usage:
            "taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
        ..Topic::NONE
    },
];
