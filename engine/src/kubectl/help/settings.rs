//! Help topics: TODO.
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "label",
        long: "TODO",
        examples: "TODO",
        usage: "label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "annotate",
        long: "TODO",
        examples: "TODO",
        usage: "annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "completion",
        long: "TODO",
        examples: "TODO",
        usage: "completion SHELL [options]",
        ..Topic::NONE
    },];
