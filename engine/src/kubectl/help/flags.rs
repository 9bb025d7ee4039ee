//! The flags of subcommands, as kubectl v1.33 lists them in each
//! subcommand's help (names, shorthands, defaults and texts: facts of the
//! real binary; slice or array kinds from the sources). Each subcommand
//! parses exactly its list (`command_line.rs`).

pub use crate::kubectl::flags::RECORD;
use crate::kubectl::flags::{Flag, FlagKind};

pub const ALL: Flag = Flag::new(
    "all",
    FlagKind::Bool,
    "false",
    r#"If true, select all resources in the namespace of the specified resource types"#,
);
pub const ALLOW_MISSING_TEMPLATE_KEYS: Flag = Flag::new(
    "allow-missing-template-keys",
    FlagKind::Bool,
    "true",
    r#"If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."#,
);
pub const CONTAINERS: Flag = Flag::new(
    "containers",
    FlagKind::String,
    "*",
    r#"The names of containers in the selected pod templates to change - may use wildcards"#,
)
.short('c');
pub const DRY_RUN: Flag = Flag::new(
    "dry-run",
    FlagKind::String,
    "none",
    r#"Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."#,
);
pub const ENV: Flag = Flag::new(
    "env",
    FlagKind::StringArray,
    "[]",
    r#"Specify a key-value pair for an environment variable to set into each container."#,
)
.short('e');
pub const FIELD_MANAGER: Flag = Flag::new(
    "field-manager",
    FlagKind::String,
    "kubectl-set",
    r#"Name of the manager used to track field ownership."#,
);
pub const FILENAME: Flag = Flag::new(
    "filename",
    FlagKind::StringSlice,
    "[]",
    r#"Filename, directory, or URL to files the resource to update the env"#,
)
.short('f');
pub const FROM: Flag = Flag::new(
    "from",
    FlagKind::String,
    "",
    r#"The name of a resource from which to inject environment variables"#,
);
pub const KEYS: Flag = Flag::new(
    "keys",
    FlagKind::StringSlice,
    "[]",
    r#"Comma-separated list of keys to import from specified resource"#,
);
pub const KUSTOMIZE: Flag = Flag::new(
    "kustomize",
    FlagKind::String,
    "",
    r#"Process the kustomization directory. This flag can't be used together with -f or -R."#,
)
.short('k');
pub const LIST: Flag = Flag::new(
    "list",
    FlagKind::Bool,
    "false",
    r#"If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env."#,
);
pub const LOCAL: Flag = Flag::new(
    "local",
    FlagKind::Bool,
    "false",
    r#"If true, set env will NOT contact api-server but run locally."#,
);
pub const OUTPUT: Flag = Flag::new("output", FlagKind::String, "", r#"Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."#).short('o');
pub const OVERWRITE: Flag = Flag::new(
    "overwrite",
    FlagKind::Bool,
    "true",
    r#"If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment."#,
);
pub const PREFIX: Flag = Flag::new(
    "prefix",
    FlagKind::String,
    "",
    r#"Prefix to append to variable names"#,
);
pub const RECURSIVE: Flag = Flag::new("recursive", FlagKind::Bool, "false", r#"Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."#).short('R');
pub const RESOLVE: Flag = Flag::new(
    "resolve",
    FlagKind::Bool,
    "false",
    r#"If true, show secret or configmap references when listing variables"#,
);
pub const SELECTOR: Flag = Flag::new("selector", FlagKind::String, "", r#"Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints."#).short('l');
pub const SHOW_MANAGED_FIELDS: Flag = Flag::new(
    "show-managed-fields",
    FlagKind::Bool,
    "false",
    r#"If true, keep the managedFields when printing objects in JSON or YAML format."#,
);
pub const TEMPLATE: Flag = Flag::new(
    "template",
    FlagKind::String,
    "",
    r#"Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."#,
);
pub const ALL_2: Flag = Flag::new(
    "all",
    FlagKind::Bool,
    "false",
    r#"Select all resources, in the namespace of the specified resource types"#,
);
pub const FILENAME_2: Flag = Flag::new(
    "filename",
    FlagKind::StringSlice,
    "[]",
    r#"Filename, directory, or URL to files identifying the resource to get from a server."#,
)
.short('f');
pub const LOCAL_2: Flag = Flag::new(
    "local",
    FlagKind::Bool,
    "false",
    r#"If true, set image will NOT contact api-server but run locally."#,
);
pub const CONTAINERS_2: Flag = Flag::new("containers", FlagKind::String, "*", r#"The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards"#).short('c');
pub const LIMITS: Flag = Flag::new(
    "limits",
    FlagKind::String,
    "",
    r#"The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges."#,
);
pub const LOCAL_3: Flag = Flag::new(
    "local",
    FlagKind::Bool,
    "false",
    r#"If true, set resources will NOT contact api-server but run locally."#,
);
pub const REQUESTS: Flag = Flag::new(
    "requests",
    FlagKind::String,
    "",
    r#"The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges."#,
);
pub const ALL_3: Flag = Flag::new(
    "all",
    FlagKind::Bool,
    "false",
    r#"Select all resources in the namespace of the specified resource types"#,
);
pub const FILENAME_3: Flag = Flag::new(
    "filename",
    FlagKind::StringSlice,
    "[]",
    r#"identifying the resource."#,
)
.short('f');
pub const LOCAL_4: Flag = Flag::new(
    "local",
    FlagKind::Bool,
    "false",
    r#"If true, annotation will NOT contact api-server but run locally."#,
);
pub const RECURSIVE_2: Flag = Flag::new("recursive", FlagKind::Bool, "true", r#"Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory."#).short('R');
pub const RESOURCE_VERSION: Flag = Flag::new(
    "resource-version",
    FlagKind::String,
    "",
    r#"If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource."#,
);
pub const LOCAL_5: Flag = Flag::new(
    "local",
    FlagKind::Bool,
    "false",
    r#"If true, set serviceaccount will NOT contact api-server but run locally."#,
);
pub const FILENAME_4: Flag = Flag::new(
    "filename",
    FlagKind::StringSlice,
    "[]",
    r#"Filename, directory, or URL to files the resource to update the subjects"#,
)
.short('f');
pub const GROUP: Flag = Flag::new(
    "group",
    FlagKind::StringArray,
    "[]",
    r#"Groups to bind to the role"#,
);
pub const LOCAL_6: Flag = Flag::new(
    "local",
    FlagKind::Bool,
    "false",
    r#"If true, set subject will NOT contact api-server but run locally."#,
);
pub const SERVICEACCOUNT: Flag = Flag::new(
    "serviceaccount",
    FlagKind::StringArray,
    "[]",
    r#"Service accounts to bind to the role"#,
);
pub const USER: Flag = Flag::new(
    "user",
    FlagKind::StringArray,
    "[]",
    r#"Usernames to bind to the role"#,
);
pub const REVISION: Flag = Flag::new(
    "revision",
    FlagKind::Int,
    "0",
    r#"See the details, including podTemplate of the revision specified"#,
);
pub const FIELD_MANAGER_2: Flag = Flag::new(
    "field-manager",
    FlagKind::String,
    "kubectl-rollout",
    r#"Name of the manager used to track field ownership."#,
);
pub const REVISION_2: Flag = Flag::new(
    "revision",
    FlagKind::Int,
    "0",
    r#"Pin to a specific revision for showing its status. Defaults to 0 (last revision)."#,
);
pub const TIMEOUT: Flag = Flag::new(
    "timeout",
    FlagKind::Duration,
    "0s",
    r#"The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."#,
);
pub const WATCH: Flag = Flag::new(
    "watch",
    FlagKind::Bool,
    "true",
    r#"Watch the status of the rollout until it's done."#,
)
.short('w');
pub const TO_REVISION: Flag = Flag::new(
    "to-revision",
    FlagKind::Int,
    "0",
    r#"The revision to rollback to. Default to 0 (last revision)."#,
);
pub const ALL_NAMESPACES: Flag = Flag::new(
    "all-namespaces",
    FlagKind::Bool,
    "false",
    r#"If true, dump all namespaces.  If true, --namespaces is ignored."#,
)
.short('A');
pub const NAMESPACES: Flag = Flag::new(
    "namespaces",
    FlagKind::StringSlice,
    "[]",
    r#"A comma separated list of namespaces to dump."#,
);
pub const OUTPUT_2: Flag = Flag::new("output", FlagKind::String, "json", r#"Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."#).short('o');
pub const OUTPUT_DIRECTORY: Flag = Flag::new(
    "output-directory",
    FlagKind::String,
    "",
    r#"Where to output the files.  If empty or '-' uses stdout, otherwise creates a directory hierarchy in that directory"#,
);
pub const POD_RUNNING_TIMEOUT: Flag = Flag::new(
    "pod-running-timeout",
    FlagKind::Duration,
    "20s",
    r#"The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"#,
);
pub const NO_HEADERS: Flag = Flag::new(
    "no-headers",
    FlagKind::Bool,
    "false",
    r#"If present, print output without headers"#,
);
pub const SHOW_CAPACITY: Flag = Flag::new(
    "show-capacity",
    FlagKind::Bool,
    "false",
    r#"Print node resources based on Capacity instead of Allocatable(default) of the nodes."#,
);
pub const SORT_BY: Flag = Flag::new(
    "sort-by",
    FlagKind::String,
    "",
    r#"If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'."#,
);
pub const USE_PROTOCOL_BUFFERS: Flag = Flag::new(
    "use-protocol-buffers",
    FlagKind::Bool,
    "true",
    r#"Enables using protocol-buffers to access Metrics API."#,
);
pub const ALL_NAMESPACES_2: Flag = Flag::new("all-namespaces", FlagKind::Bool, "false", r#"If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."#).short('A');
pub const CONTAINERS_3: Flag = Flag::new(
    "containers",
    FlagKind::Bool,
    "false",
    r#"If present, print usage of containers within a pod."#,
);
pub const FIELD_SELECTOR: Flag = Flag::new(
    "field-selector",
    FlagKind::String,
    "",
    r#"Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."#,
);
pub const NO_HEADERS_2: Flag = Flag::new(
    "no-headers",
    FlagKind::Bool,
    "false",
    r#"If present, print output without headers."#,
);
pub const SORT_BY_2: Flag = Flag::new(
    "sort-by",
    FlagKind::String,
    "",
    r#"If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'."#,
);
pub const SUM: Flag = Flag::new(
    "sum",
    FlagKind::Bool,
    "false",
    r#"Print the sum of the resource usage"#,
);
pub const ALL_NAMESPACES_3: Flag = Flag::new(
    "all-namespaces",
    FlagKind::Bool,
    "false",
    r#"If true, check the specified action in all namespaces."#,
)
.short('A');
pub const LIST_2: Flag = Flag::new(
    "list",
    FlagKind::Bool,
    "false",
    r#"If true, prints all allowed actions."#,
);
pub const NO_HEADERS_3: Flag = Flag::new(
    "no-headers",
    FlagKind::Bool,
    "false",
    r#"If true, prints allowed actions without headers"#,
);
pub const QUIET: Flag = Flag::new(
    "quiet",
    FlagKind::Bool,
    "false",
    r#"If true, suppress output and just return the exit code."#,
)
.short('q');
pub const SUBRESOURCE: Flag = Flag::new(
    "subresource",
    FlagKind::String,
    "",
    r#"SubResource such as pod/log or deployment/scale"#,
);
pub const FILENAME_5: Flag = Flag::new(
    "filename",
    FlagKind::StringSlice,
    "[]",
    r#"Filename, directory, or URL to files identifying the resource to reconcile."#,
)
.short('f');
pub const REMOVE_EXTRA_PERMISSIONS: Flag = Flag::new(
    "remove-extra-permissions",
    FlagKind::Bool,
    "false",
    r#"If true, removes extra permissions added to roles"#,
);
pub const REMOVE_EXTRA_SUBJECTS: Flag = Flag::new(
    "remove-extra-subjects",
    FlagKind::Bool,
    "false",
    r#"If true, removes extra subjects added to rolebindings"#,
);
pub const FIELD_MANAGER_3: Flag = Flag::new(
    "field-manager",
    FlagKind::String,
    "kubectl-client-side-apply",
    r#"Name of the manager used to track field ownership."#,
);
pub const FILENAME_6: Flag = Flag::new(
    "filename",
    FlagKind::StringSlice,
    "[]",
    r#"Filename, directory, or URL to files to use to edit the resource"#,
)
.short('f');
pub const VALIDATE: Flag = Flag::new(
    "validate",
    FlagKind::String,
    "strict",
    r#"Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields."#,
);
pub const WINDOWS_LINE_ENDINGS: Flag = Flag::new(
    "windows-line-endings",
    FlagKind::Bool,
    "false",
    r#"Defaults to the line ending native to your platform."#,
);
pub const CREATE_ANNOTATION: Flag = Flag::new(
    "create-annotation",
    FlagKind::Bool,
    "false",
    r#"Will create 'last-applied-configuration' annotations if current objects doesn't have one"#,
);
pub const FILENAME_7: Flag = Flag::new("filename", FlagKind::StringSlice, "[]", r#"Filename, directory, or URL to files that contains the last-applied-configuration annotations"#).short('f');
pub const OUTPUT_3: Flag = Flag::new(
    "output",
    FlagKind::String,
    "yaml",
    r#"Output format. Must be one of (yaml, json)"#,
)
.short('o');
pub const NO_HEADERS_4: Flag = Flag::new(
    "no-headers",
    FlagKind::Bool,
    "false",
    r#"When using the default or custom-column output format, don't print headers (default print headers)."#,
);
pub const OUTPUT_4: Flag = Flag::new(
    "output",
    FlagKind::String,
    "",
    r#"Output format. One of: (name)."#,
)
.short('o');
pub const SET_RAW_BYTES: Flag = Flag::new(
    "set-raw-bytes",
    FlagKind::Bool,
    "false",
    r#"When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding."#,
);
pub const CERTIFICATE_AUTHORITY: Flag = Flag::new(
    "certificate-authority",
    FlagKind::String,
    "",
    r#"Path to certificate-authority file for the cluster entry in kubeconfig"#,
);
pub const EMBED_CERTS: Flag = Flag::new(
    "embed-certs",
    FlagKind::Bool,
    "false",
    r#"embed-certs for the cluster entry in kubeconfig"#,
);
pub const INSECURE_SKIP_TLS_VERIFY: Flag = Flag::new(
    "insecure-skip-tls-verify",
    FlagKind::Bool,
    "false",
    r#"insecure-skip-tls-verify for the cluster entry in kubeconfig"#,
);
pub const PROXY_URL: Flag = Flag::new(
    "proxy-url",
    FlagKind::String,
    "",
    r#"proxy-url for the cluster entry in kubeconfig"#,
);
pub const SERVER: Flag = Flag::new(
    "server",
    FlagKind::String,
    "",
    r#"server for the cluster entry in kubeconfig"#,
);
pub const TLS_SERVER_NAME: Flag = Flag::new(
    "tls-server-name",
    FlagKind::String,
    "",
    r#"tls-server-name for the cluster entry in kubeconfig"#,
);
pub const CLUSTER: Flag = Flag::new(
    "cluster",
    FlagKind::String,
    "",
    r#"cluster for the context entry in kubeconfig"#,
);
pub const CURRENT: Flag = Flag::new(
    "current",
    FlagKind::Bool,
    "false",
    r#"Modify the current context"#,
);
pub const NAMESPACE: Flag = Flag::new(
    "namespace",
    FlagKind::String,
    "",
    r#"namespace for the context entry in kubeconfig"#,
);
pub const USER_2: Flag = Flag::new(
    "user",
    FlagKind::String,
    "",
    r#"user for the context entry in kubeconfig"#,
);
pub const AUTH_PROVIDER: Flag = Flag::new(
    "auth-provider",
    FlagKind::String,
    "",
    r#"Auth provider for the user entry in kubeconfig"#,
);
pub const AUTH_PROVIDER_ARG: Flag = Flag::new(
    "auth-provider-arg",
    FlagKind::StringSlice,
    "[]",
    r#"'key=value' arguments for the auth provider"#,
);
pub const CLIENT_CERTIFICATE: Flag = Flag::new(
    "client-certificate",
    FlagKind::String,
    "",
    r#"Path to client-certificate file for the user entry in kubeconfig"#,
);
pub const CLIENT_KEY: Flag = Flag::new(
    "client-key",
    FlagKind::String,
    "",
    r#"Path to client-key file for the user entry in kubeconfig"#,
);
pub const EMBED_CERTS_2: Flag = Flag::new(
    "embed-certs",
    FlagKind::Bool,
    "false",
    r#"Embed client cert/key for the user entry in kubeconfig"#,
);
pub const EXEC_API_VERSION: Flag = Flag::new(
    "exec-api-version",
    FlagKind::String,
    "",
    r#"API version of the exec credential plugin for the user entry in kubeconfig"#,
);
pub const EXEC_ARG: Flag = Flag::new(
    "exec-arg",
    FlagKind::StringSlice,
    "[]",
    r#"New arguments for the exec credential plugin command for the user entry in kubeconfig"#,
);
pub const EXEC_COMMAND: Flag = Flag::new(
    "exec-command",
    FlagKind::String,
    "",
    r#"Command for the exec credential plugin for the user entry in kubeconfig"#,
);
pub const EXEC_ENV: Flag = Flag::new(
    "exec-env",
    FlagKind::StringArray,
    "[]",
    r#"'key=value' environment values for the exec credential plugin"#,
);
pub const EXEC_INTERACTIVE_MODE: Flag = Flag::new(
    "exec-interactive-mode",
    FlagKind::String,
    "",
    r#"InteractiveMode of the exec credentials plugin for the user entry in kubeconfig"#,
);
pub const EXEC_PROVIDE_CLUSTER_INFO: Flag = Flag::new(
    "exec-provide-cluster-info",
    FlagKind::Bool,
    "false",
    r#"ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig"#,
);
pub const PASSWORD: Flag = Flag::new(
    "password",
    FlagKind::String,
    "",
    r#"password for the user entry in kubeconfig"#,
);
pub const TOKEN: Flag = Flag::new(
    "token",
    FlagKind::String,
    "",
    r#"token for the user entry in kubeconfig"#,
);
pub const USERNAME: Flag = Flag::new(
    "username",
    FlagKind::String,
    "",
    r#"username for the user entry in kubeconfig"#,
);
pub const FLATTEN: Flag = Flag::new(
    "flatten",
    FlagKind::Bool,
    "false",
    r#"Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)"#,
);
pub const MERGE: Flag = Flag::new(
    "merge",
    FlagKind::Bool,
    "true",
    r#"Merge the full hierarchy of kubeconfig files"#,
);
pub const MINIFY: Flag = Flag::new(
    "minify",
    FlagKind::Bool,
    "false",
    r#"Remove all information not used by current-context from the output"#,
);
pub const OUTPUT_5: Flag = Flag::new("output", FlagKind::String, "yaml", r#"Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."#).short('o');
pub const RAW: Flag = Flag::new(
    "raw",
    FlagKind::Bool,
    "false",
    r#"Display raw byte data and sensitive data"#,
);
pub const NAME_ONLY: Flag = Flag::new(
    "name-only",
    FlagKind::Bool,
    "false",
    r#"If true, display only the binary name of each plugin, rather than its full path"#,
);

/// Global flags kubectl v1.33 accepts that the playground does not parse
/// (`kubectl options` lists them with the rest). `--vmodule`'s empty default
/// prints unquoted (`FlagKind::Unquoted`).
pub const UNSIMULATED_GLOBALS: &[Flag] = &[
    Flag::new("certificate-authority", FlagKind::String, "", "Path to a cert file for the certificate authority"),
    Flag::new("client-certificate", FlagKind::String, "", "Path to a client certificate file for TLS"),
    Flag::new("client-key", FlagKind::String, "", "Path to a client key file for TLS"),
    Flag::new("disable-compression", FlagKind::Bool, "false", "If true, opt-out of response compression for all requests to the server"),
    Flag::new("log-flush-frequency", FlagKind::Duration, "5s", "Maximum number of seconds between log flushes"),
    Flag::new("password", FlagKind::String, "", "Password for basic authentication to the API server"),
    Flag::new("profile", FlagKind::String, "none", "Name of profile to capture. One of (none|cpu|heap|goroutine|threadcreate|block|mutex)"),
    Flag::new("profile-output", FlagKind::String, "profile.pprof", "Name of the file to write the profile to"),
    Flag::new("tls-server-name", FlagKind::String, "", "Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used"),
    Flag::new("username", FlagKind::String, "", "Username for basic authentication to the API server"),
    Flag::new("vmodule", FlagKind::Unquoted, "", "comma-separated list of pattern=N settings for file-filtered logging (only works for the default text log format)"),
];
