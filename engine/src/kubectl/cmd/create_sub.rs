//! The `kubectl create` generators as cobra lays them out: one subcommand per
//! kind (`service` and `secret` have their own subcommands), each with its
//! own flags (`command_line.rs` parses a generator's line with them).

use super::create_more as more;
use super::create_rbac as rbac;
use super::create_service as svc;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::Env;

type GenFn = fn(&mut Env, &Parsed, &Generator, &str) -> Result<(), CmdError>;

/// One `kubectl create <path>` generator.
pub struct Generator {
    /// The words after `create`: `["deployment"]`, `["service", "nodeport"]`.
    pub path: &'static [&'static str],
    pub aliases: &'static [&'static str],
    pub short: &'static str,
    /// Its own flags (the printing and dry-run ones are in `COMMON`).
    pub flags: &'static [Flag],
    pub run: GenFn,
}

impl Generator {
    pub fn command(&self) -> String {
        format!("kubectl create {}", self.path.join(" "))
    }
}

const fn f(long: &'static str, kind: FlagKind, default: &'static str, usage: &'static str) -> Flag {
    Flag::new(long, kind, default, usage)
}

/// The flags every generator has (print flags, dry run, validation, save-config).
pub const COMMON: &[Flag] = &[
    f("allow-missing-template-keys", FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    f("dry-run", FlagKind::String, "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    f("field-manager", FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    f("output", FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).").short('o'),
    f("save-config", FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    f("show-managed-fields", FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    f("template", FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
    f("validate", FlagKind::String, "strict", "Must be one of: strict (or true), warn, ignore (or false)."),
];

const APPEND_HASH: Flag = f(
    "append-hash",
    FlagKind::Bool,
    "false",
    "Append a hash of the object to its name.",
);
const FROM_FILE: Flag = f(
    "from-file",
    FlagKind::StringSlice,
    "[]",
    "Key file: a path (its base name is the key) or key=path.",
);
const FROM_LITERAL: Flag = f(
    "from-literal",
    FlagKind::StringArray,
    "[]",
    "A key and literal value to insert (i.e. mykey=somevalue).",
);
const FROM_ENV_FILE: Flag = f(
    "from-env-file",
    FlagKind::StringSlice,
    "[]",
    "A file of key=val lines.",
);
const TCP: Flag = f(
    "tcp",
    FlagKind::StringSlice,
    "[]",
    "Port pairs can be specified as '<port>:<targetPort>'.",
);
const IMAGE: Flag = f("image", FlagKind::String, "", "Image name to run.");
const VERB: Flag = f(
    "verb",
    FlagKind::StringSlice,
    "[]",
    "Verb that applies to the resources contained in the rule",
);
const RESOURCE: Flag = f(
    "resource",
    FlagKind::StringSlice,
    "[]",
    "Resource that the rule applies to",
);
const RESOURCE_NAME: Flag = f(
    "resource-name",
    FlagKind::StringArray,
    "[]",
    "Resource in the white list that the rule applies to, repeat this flag for multiple items",
);
const CLUSTERROLE: Flag = f(
    "clusterrole",
    FlagKind::String,
    "",
    "ClusterRole the binding should reference",
);
const USER: Flag = f(
    "user",
    FlagKind::StringArray,
    "[]",
    "Usernames to bind to the role. The flag can be repeated to add multiple users.",
);
const GROUP: Flag = f(
    "group",
    FlagKind::StringArray,
    "[]",
    "Groups to bind to the role. The flag can be repeated to add multiple groups.",
);
const SA: Flag = f("serviceaccount", FlagKind::StringArray, "[]", "Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.");

pub static GENERATORS: &[Generator] = &[
    Generator { path: &["clusterrole"], aliases: &[], short: "Create a cluster role",
        flags: &[f("aggregation-rule", FlagKind::Unquoted, "", "An aggregation label selector for combining ClusterRoles."), f("non-resource-url", FlagKind::StringSlice, "[]", "A partial url that user should have access to."), RESOURCE, RESOURCE_NAME, VERB], run: rbac::clusterrole },
    Generator { path: &["clusterrolebinding"], aliases: &[], short: "Create a cluster role binding for a particular cluster role",
        flags: &[CLUSTERROLE, GROUP, SA, USER], run: rbac::binding },
    Generator { path: &["configmap"], aliases: &["cm"], short: "Create a config map from a local file, directory or literal value",
        flags: &[APPEND_HASH, FROM_ENV_FILE, FROM_FILE, FROM_LITERAL], run: |e, p, _, _| super::create_config::run(e, p, "configmap") },
    Generator { path: &["cronjob"], aliases: &["cj"], short: "Create a cron job with the specified name",
        flags: &[IMAGE, f("restart", FlagKind::String, "", "job's restart policy. supported values: OnFailure, Never"), f("schedule", FlagKind::String, "", "A schedule in the Cron format the job should be run with.")], run: more::cronjob },
    Generator { path: &["deployment"], aliases: &["deploy"], short: "Create a deployment with the specified name",
        flags: &[f("image", FlagKind::StringSlice, "[]", "Image names to run. A deployment can have multiple images set for multi-container pod."), f("port", FlagKind::Int, "-1", "The containerPort that this deployment exposes."), f("replicas", FlagKind::Int, "1", "Number of replicas to create. Default is 1.").short('r')],
        run: |e, p, _, _| super::create_deployment::run(e, p) },
    Generator { path: &["ingress"], aliases: &["ing"], short: "Create an ingress with the specified name",
        flags: &[f("annotation", FlagKind::StringArray, "[]", "Annotation to insert in the ingress object, in the format annotation=value"), f("class", FlagKind::String, "", "Ingress Class to be used"), f("default-backend", FlagKind::String, "", "Default service for backend, in format of svcname:port"), f("rule", FlagKind::StringArray, "[]", "Rule in format host/path=service:port[,tls=secretname].")],
        run: more::ingress },
    Generator { path: &["job"], aliases: &[], short: "Create a job with the specified name",
        flags: &[f("from", FlagKind::String, "", "The name of the resource to create a Job from (only CronJob is supported)."), IMAGE], run: more::job },
    Generator { path: &["namespace"], aliases: &["ns"], short: "Create a namespace with the specified name",
        flags: &[], run: |e, p, _, name| super::create::create_namespace(e, p, name) },
    Generator { path: &["poddisruptionbudget"], aliases: &["pdb"], short: "Create a pod disruption budget with the specified name",
        flags: &[f("max-unavailable", FlagKind::String, "", "The maximum number or percentage of unavailable pods this budget requires."), f("min-available", FlagKind::String, "", "The minimum number or percentage of available pods this budget requires."), f("selector", FlagKind::String, "", "A label selector to use for this budget. Only equality-based selector requirements are supported.")],
        run: more::pdb },
    Generator { path: &["priorityclass"], aliases: &["pc"], short: "Create a priority class with the specified name",
        flags: &[f("description", FlagKind::String, "", "description is an arbitrary string that usually provides guidelines on when this priority class should be used."), f("global-default", FlagKind::Bool, "false", "global-default specifies whether this PriorityClass should be considered as the default priority."), f("preemption-policy", FlagKind::String, "PreemptLowerPriority", "preemption-policy is the policy for preempting pods with lower priority."), f("value", FlagKind::Int, "0", "the value of this priority class.")],
        run: more::priorityclass },
    Generator { path: &["quota"], aliases: &["resourcequota"], short: "Create a quota with the specified name",
        flags: &[f("hard", FlagKind::String, "", "A comma-delimited set of resource=quantity pairs that define a hard limit."), f("scopes", FlagKind::String, "", "A comma-delimited set of quota scopes that must all match each object tracked by the quota.")],
        run: more::quota },
    Generator { path: &["role"], aliases: &[], short: "Create a role with single rule",
        flags: &[RESOURCE, RESOURCE_NAME, VERB], run: rbac::role },
    Generator { path: &["rolebinding"], aliases: &[], short: "Create a role binding for a particular role or cluster role",
        flags: &[CLUSTERROLE, GROUP, f("role", FlagKind::String, "", "Role this RoleBinding should reference"), SA, USER], run: rbac::binding },
    Generator { path: &["secret", "docker-registry"], aliases: &[], short: "Create a secret for use with a Docker registry",
        flags: &[APPEND_HASH, f("docker-email", FlagKind::String, "", "Email for Docker registry"), f("docker-password", FlagKind::String, "", "Password for Docker registry authentication"), f("docker-server", FlagKind::String, "https://index.docker.io/v1/", "Server location for Docker registry"), f("docker-username", FlagKind::String, "", "Username for Docker registry authentication"), FROM_FILE],
        run: more::docker_registry },
    Generator { path: &["secret", "generic"], aliases: &[], short: "Create a secret from a local file, directory, or literal value",
        flags: &[APPEND_HASH, FROM_ENV_FILE, FROM_FILE, FROM_LITERAL, f("type", FlagKind::String, "", "The type of secret to create")],
        run: |e, p, _, _| super::create_config::run(e, p, "secret") },
    Generator { path: &["secret", "tls"], aliases: &[], short: "Create a TLS secret",
        flags: &[APPEND_HASH, f("cert", FlagKind::String, "", "Path to PEM encoded public key certificate."), f("key", FlagKind::String, "", "Path to private key associated with given certificate.")],
        run: more::tls },
    Generator { path: &["service", "clusterip"], aliases: &[], short: "Create a ClusterIP service",
        flags: &[f("clusterip", FlagKind::String, "", "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)."), TCP], run: svc::run },
    Generator { path: &["service", "externalname"], aliases: &[], short: "Create an ExternalName service",
        flags: &[f("external-name", FlagKind::String, "", "External name of service"), TCP], run: svc::run },
    Generator { path: &["service", "loadbalancer"], aliases: &[], short: "Create a LoadBalancer service",
        flags: &[TCP], run: svc::run },
    Generator { path: &["service", "nodeport"], aliases: &[], short: "Create a NodePort service",
        flags: &[f("node-port", FlagKind::Int, "0", "Port used to expose the service on each node in a cluster."), TCP], run: svc::run },
    Generator { path: &["token"], aliases: &[], short: "Request a service account token",
        flags: &[f("audience", FlagKind::StringArray, "[]", "Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences."),
                 f("bound-object-kind", FlagKind::String, "", "Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided."),
                 f("bound-object-name", FlagKind::String, "", "Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind."),
                 f("bound-object-uid", FlagKind::String, "", "UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used."),
                 f("duration", FlagKind::Duration, "0s", "Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.")],
        run: |e, p, _, _| super::create_token::run(e, p) },
    Generator { path: &["serviceaccount"], aliases: &["sa"], short: "Create a service account with the specified name",
        flags: &[], run: more::serviceaccount },
];

/// Groups with subcommands of their own: (name, aliases, short).
const GROUPS: &[(&str, &[&str], &str)] = &[
    (
        "secret",
        &[],
        "Create a secret using a specified subcommand",
    ),
    (
        "service",
        &["svc"],
        "Create a service using a specified subcommand",
    ),
];

/// The `create` subcommands in `kubectl create --help` order (names, shorts).
pub fn subcommands() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = GENERATORS
        .iter()
        .filter(|g| g.path.len() == 1)
        .map(|g| (g.path[0], g.short))
        .chain(GROUPS.iter().map(|(n, _, s)| (*n, *s)))
        .collect();
    out.sort();
    out
}

/// Names of a group's subcommands (`service` → clusterip, externalname, ...).
pub fn group_members(group: &str) -> Vec<&'static str> {
    GENERATORS
        .iter()
        .filter(|g| g.path.len() == 2 && g.path[0] == group)
        .map(|g| g.path[1])
        .collect()
}

fn canonical(word: &str) -> Option<&'static str> {
    GENERATORS
        .iter()
        .filter(|g| g.path.len() == 1)
        .find(|g| g.path[0] == word || g.aliases.contains(&word))
        .map(|g| g.path[0])
        .or_else(|| {
            GROUPS
                .iter()
                .find(|(n, a, _)| *n == word || a.contains(&word))
                .map(|(n, _, _)| *n)
        })
}

enum Found {
    Gen(&'static Generator),
    /// A group named without (or with an unknown) subcommand.
    Group(&'static str, Option<String>),
}

fn find(args: &[String]) -> Option<Found> {
    let first = canonical(args.first()?)?;
    if let Some(g) = GENERATORS.iter().find(|g| g.path == [first]) {
        return Some(Found::Gen(g));
    }
    match args.get(1) {
        Some(sub) => Some(
            GENERATORS
                .iter()
                .find(|g| g.path == [first, sub.as_str()])
                .map_or(Found::Group(first, Some(sub.clone())), Found::Gen),
        ),
        None => Some(Found::Group(first, None)),
    }
}

/// Runs `kubectl create WORD...` when WORD names a generator; None if it does not.
pub fn run(env: &mut Env, p: &Parsed) -> Option<Result<(), CmdError>> {
    let found = find(&p.args)?;
    Some(match found {
        Found::Gen(g) => run_generator(env, p, g),
        Found::Group(group, None) => Err(CmdError::Raw(group_help(group))),
        // DefaultSubCommandRun names every argument left.
        Found::Group(group, Some(_)) => Err(CmdError::Usage {
            msg: format!("unknown command \"{}\"", p.args[1..].join(" ")),
            command: format!("kubectl create {group}"),
        }),
    })
}

fn run_generator(env: &mut Env, p: &Parsed, g: &'static Generator) -> Result<(), CmdError> {
    // Cobra checks flags marked required before the command runs.
    let required: &[&str] = match g.path {
        ["deployment"] => &["image"],
        ["cronjob"] => &["image", "schedule"],
        ["clusterrolebinding"] => &["clusterrole"],
        ["service", "externalname"] => &["external-name"],
        _ => &[],
    };
    let missing: Vec<String> = required
        .iter()
        .filter(|f| !p.has(f))
        .map(|f| format!("\"{f}\""))
        .collect();
    if !missing.is_empty() {
        return Err(CmdError::Plain(format!(
            "required flag(s) {} not set",
            missing.join(", ")
        )));
    }
    // NAME is the one argument before `--` (cobra's NameFromCommandArgs).
    let depth = g.path.len();
    let end = p.dash_index.unwrap_or(p.args.len()).max(depth);
    let names = &p.args[depth.min(p.args.len())..end];
    if names.len() != 1 {
        return Err(CmdError::Usage {
            msg: format!("exactly one NAME is required, got {}", names.len()),
            command: g.command(),
        });
    }
    let name = names[0].clone();
    (g.run)(env, p, g, &name)
}

/// The arguments after `--` (a job's or deployment's command).
pub fn command_args(p: &Parsed) -> Vec<String> {
    p.dash_index
        .map(|i| p.args[i..].to_vec())
        .unwrap_or_default()
}

/// `kubectl create service|secret` without a subcommand: cobra prints the
/// group's help to stderr and exits 1.
fn group_help(group: &str) -> String {
    super::help::command_help("create", &[group.to_string()])
}

/// The line `kubectl create --help` lists for a generator or group (`path`
/// starts with `create`).
pub fn short(path: &str) -> Option<&'static str> {
    let words: Vec<&str> = path.split(' ').collect();
    match words.as_slice() {
        ["create", rest @ ..] => GENERATORS
            .iter()
            .find(|g| g.path == rest)
            .map(|g| g.short)
            .or_else(|| {
                GROUPS
                    .iter()
                    .find(|(n, _, _)| [*n] == rest)
                    .map(|(_, _, s)| *s)
            }),
        _ => None,
    }
}

/// The flags a generator's help lists: its own and the common ones.
pub fn flags(path: &str) -> Option<Vec<&'static Flag>> {
    let words: Vec<&str> = path.split(' ').collect();
    let g = GENERATORS
        .iter()
        .find(|g| words[..] == [&["create"], g.path].concat()[..])?;
    // `create token` prints a token, not an object: no dry run or saving.
    let common = COMMON.iter().filter(move |f| {
        g.path != ["token"]
            || !matches!(
                f.long,
                "dry-run" | "field-manager" | "save-config" | "validate"
            )
    });
    Some(g.flags.iter().chain(common).collect())
}
