//! Help topics: TODO.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "api-resources",
        long: "TODO",
        examples: "TODO",
        usage: "api-resources [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "api-versions",
        long: "TODO",
        examples: "TODO",
        usage: "api-versions [options]",
        ..Topic::NONE
    },
    Topic {
        path: "config",
        long: "TODO",
        examples: "",
        usage: "config SUBCOMMAND [options]",
        ..Topic::NONE
    },
    Topic {
        path: "config current-context",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config current-context [flags] [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config delete-cluster",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config delete-cluster NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config delete-context",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config delete-context NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config delete-user",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config delete-user NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config get-clusters",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config get-clusters [flags] [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config get-contexts",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config get-contexts [(-o|--output=)name)] [options]",
        flags: &[NO_HEADERS_4, OUTPUT_4],
        ..Topic::NONE
    },
    Topic {
        path: "config get-users",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config get-users [flags] [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config rename-context",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config rename-context CONTEXT_NAME NEW_NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config set",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config set PROPERTY_NAME PROPERTY_VALUE [options]",
        flags: &[SET_RAW_BYTES],
        ..Topic::NONE
    },
    Topic {
        path: "config set-cluster",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com] [options]",
        flags: &[CERTIFICATE_AUTHORITY, EMBED_CERTS, INSECURE_SKIP_TLS_VERIFY, PROXY_URL, SERVER, TLS_SERVER_NAME],
        ..Topic::NONE
    },
    Topic {
        path: "config set-context",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]",
        flags: &[CLUSTER, CURRENT, NAMESPACE, USER_2],
        ..Topic::NONE
    },
    Topic {
        path: "config set-credentials",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value] [options]",
        flags: &[AUTH_PROVIDER, AUTH_PROVIDER_ARG, CLIENT_CERTIFICATE, CLIENT_KEY, EMBED_CERTS_2, EXEC_API_VERSION, EXEC_ARG, EXEC_COMMAND, EXEC_ENV, EXEC_INTERACTIVE_MODE, EXEC_PROVIDE_CLUSTER_INFO, PASSWORD, TOKEN, USERNAME],
        ..Topic::NONE
    },
    Topic {
        path: "config unset",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config unset PROPERTY_NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config use-context",
        short: "TODO",
        aliases: &["use"],
        long: "TODO",
        examples: "TODO",
        usage: "config use-context CONTEXT_NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config view",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "config view [flags] [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FLATTEN, MERGE, MINIFY, OUTPUT_5, RAW, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "plugin",
        long: "TODO",
        examples: "TODO",
        usage: "plugin [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "plugin list",
        short: "TODO",
        long: "TODO",
        examples: "TODO",
        usage: "plugin list [flags] [options]",
        flags: &[NAME_ONLY],
        ..Topic::NONE
    },
    Topic {
        path: "version",
        long: "TODO",
        examples: "TODO",
        usage: "version [flags] [options]",
        ..Topic::NONE
    },];
