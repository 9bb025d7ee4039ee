//! Help of the "Other Commands": api-resources, api-versions, config, plugin, version.
use super::flags::*;
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "api-resources",
        long: "List the resource types the API server serves, with their short names, API group and version, whether they are namespaced, and their kind.",
        examples: "# List every resource type
kubectl api-resources

# Add the verbs and categories of each type
kubectl api-resources -o wide

# Sort the list by name
kubectl api-resources --sort-by=name

# List only namespaced types
kubectl api-resources --namespaced=true

# List only cluster-wide types
kubectl api-resources --namespaced=false

# List the types of the apps group
kubectl api-resources --api-group=apps",
        usage: "api-resources [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "api-versions",
        long: "List the API versions the server serves, as group/version.",
        examples: "# List the API versions
kubectl api-versions",
        usage: "api-versions [options]",
        ..Topic::NONE
    },
    Topic {
        path: "config",
        long: "Show or change kubeconfig files with the subcommands below, e.g. \"kubectl config use-context my-context\".

 Which file is read and written:

  1.  With --kubeconfig, that file alone, without merging.
  2.  Else, with the KUBECONFIG environment variable set, the files it lists (separated as paths are on your system), merged. A changed value is written to the file that holds it; a new value goes to the first listed file that exists, or to the last one if none exists yet.
  3.  Else ${HOME}/.kube/config, alone.",
        examples: "",
        usage: "config SUBCOMMAND [options]",
        ..Topic::NONE
    },
    Topic {
        path: "config current-context",
        short: "Print the name of the current context",
        long: "Print the name of the context kubectl uses by default.",
        examples: "# Print the current context
kubectl config current-context",
        usage: "config current-context [flags] [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config delete-cluster",
        short: "Remove a cluster from the kubeconfig",
        long: "Remove a cluster entry from the kubeconfig.",
        examples: "# Remove the cluster entry staging
kubectl config delete-cluster staging",
        usage: "config delete-cluster NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config delete-context",
        short: "Remove a context from the kubeconfig",
        long: "Remove a context entry from the kubeconfig.",
        examples: "# Remove the context staging
kubectl config delete-context staging",
        usage: "config delete-context NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config delete-user",
        short: "Remove a user from the kubeconfig",
        long: "Remove a user entry from the kubeconfig.",
        examples: "# Remove the user alice
kubectl config delete-user alice",
        usage: "config delete-user NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config get-clusters",
        short: "List the clusters in the kubeconfig",
        long: "List the names of the cluster entries in the kubeconfig.",
        examples: "# List the clusters kubectl knows
kubectl config get-clusters",
        usage: "config get-clusters [flags] [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config get-contexts",
        short: "List the contexts in the kubeconfig",
        long: "List the contexts of the kubeconfig, or the ones named, with their cluster, user and namespace; the current one is marked with a star.",
        examples: "# List every context
kubectl config get-contexts

# Show one context
kubectl config get-contexts minikube",
        usage: "config get-contexts [(-o|--output=)name)] [options]",
        flags: &[NO_HEADERS_4, OUTPUT_4],
        ..Topic::NONE
    },
    Topic {
        path: "config get-users",
        short: "List the users in the kubeconfig",
        long: "List the names of the user entries in the kubeconfig.",
        examples: "# List the users kubectl knows
kubectl config get-users",
        usage: "config get-users [flags] [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config rename-context",
        short: "Give a context a new name",
        long: "Give a context of the kubeconfig a new name.

 CONTEXT_NAME is the context's current name, NEW_NAME the name it gets. If it was the current context, the current context follows the rename.",
        examples: "# Rename the context minikube to local
kubectl config rename-context minikube local",
        usage: "config rename-context CONTEXT_NAME NEW_NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config set",
        short: "Set one value in a kubeconfig file",
        long: "Set one value of the kubeconfig.

 PROPERTY_NAME is a dot-separated path: each part is a field name or the name of an entry in a map (clusters, contexts, users). PROPERTY_VALUE is the new value. With --set-raw-bytes, values given base64-encoded are stored as they are; otherwise they are decoded first.",
        examples: "# Set the server of the minikube cluster entry
kubectl config set clusters.minikube.server https://192.168.49.2:8443

# Set the certificate authority data of the cluster entry
kubectl config set clusters.minikube.certificate-authority-data $(echo \"cert-data\" | base64 -i -)

# Set the cluster of the context dev
kubectl config set contexts.dev.cluster minikube

# Set the client key data of a user, keeping the base64 bytes as given
kubectl config set users.alice.client-key-data cert_data_here --set-raw-bytes=true",
        usage: "config set PROPERTY_NAME PROPERTY_VALUE [options]",
        flags: &[SET_RAW_BYTES],
        ..Topic::NONE
    },
    Topic {
        path: "config set-cluster",
        short: "Add or change a cluster entry",
        long: "Add a cluster entry to the kubeconfig, or change the fields given of an existing one.",
        examples: "# Set only the server of the cluster entry minikube
kubectl config set-cluster minikube --server=https://192.168.49.2:8443

# Embed the certificate authority of the cluster entry minikube
kubectl config set-cluster minikube --embed-certs --certificate-authority=/root/.minikube/ca.crt

# Turn off certificate checking for the cluster entry minikube
kubectl config set-cluster minikube --insecure-skip-tls-verify=true

# Set the server name used to check the certificate of the cluster entry minikube
kubectl config set-cluster minikube --tls-server-name=minikube.local",
        usage: "config set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com] [options]",
        flags: &[CERTIFICATE_AUTHORITY, EMBED_CERTS, INSECURE_SKIP_TLS_VERIFY, PROXY_URL, SERVER, TLS_SERVER_NAME],
        ..Topic::NONE
    },
    Topic {
        path: "config set-context",
        short: "Add or change a context entry",
        long: "Add a context entry to the kubeconfig, or change the fields given of an existing one.

 With --current, the current context is the one changed.",
        examples: "# Make the user of the dev context alice
kubectl config set-context dev --user=alice

# Make pods in the current context default to namespace shop
kubectl config set-context --current --namespace=shop",
        usage: "config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]",
        flags: &[CLUSTER, CURRENT, NAMESPACE, USER_2],
        ..Topic::NONE
    },
    Topic {
        path: "config set-credentials",
        short: "Add or change a user entry",
        long: "Add a user entry to the kubeconfig, or change the fields given of an existing one.

 Client certificate flags:
  --client-certificate=certfile --client-key=keyfile

 Bearer token flags:
  --token=bearer_token

 Basic auth flags:
  --username=basic_user --password=basic_password

 A bearer token and basic auth cannot be set on the same user.",
        examples: "# Set only the client key of user alice
kubectl config set-credentials alice --client-key=/root/alice.key

# Give user bob basic auth credentials
kubectl config set-credentials bob --username=bob --password=s3cret

# Embed the client certificate of user alice
kubectl config set-credentials alice --client-certificate=/root/alice.crt --embed-certs=true

# Use an auth provider for user carol
kubectl config set-credentials carol --auth-provider=gcp

# Use an OIDC provider, with its client id and secret
kubectl config set-credentials carol --auth-provider=oidc --auth-provider-arg=client-id=app --auth-provider-arg=client-secret=s3cret

# Remove the client-secret argument of the provider
kubectl config set-credentials carol --auth-provider=oidc --auth-provider-arg=client-secret-

# Get user dave's credentials from a program
kubectl config set-credentials dave --exec-command=/usr/local/bin/get-token

# Set the arguments of that program
kubectl config set-credentials dave --exec-arg=--region=eu --exec-arg=--profile=dev

# Set an environment variable for it
kubectl config set-credentials dave --exec-env=TOKEN_CACHE=/tmp/tokens

# Remove that environment variable
kubectl config set-credentials dave --exec-env=TOKEN_CACHE-",
        usage: "config set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value] [options]",
        flags: &[AUTH_PROVIDER, AUTH_PROVIDER_ARG, CLIENT_CERTIFICATE, CLIENT_KEY, EMBED_CERTS_2, EXEC_API_VERSION, EXEC_ARG, EXEC_COMMAND, EXEC_ENV, EXEC_INTERACTIVE_MODE, EXEC_PROVIDE_CLUSTER_INFO, PASSWORD, TOKEN, USERNAME],
        ..Topic::NONE
    },
    Topic {
        path: "config unset",
        short: "Remove one value from a kubeconfig file",
        long: "Remove one value from the kubeconfig.

 PROPERTY_NAME is a dot-separated path: each part is a field name or the name of an entry in a map (clusters, contexts, users).",
        examples: "# Unset the current context
kubectl config unset current-context

# Unset the namespace of the context dev
kubectl config unset contexts.dev.namespace",
        usage: "config unset PROPERTY_NAME [options]",
        flags: &[],
        ..Topic::NONE
    },
    Topic {
        path: "config use-context",
        short: "Make a context the current one",
        aliases: &["use"],
        long: "Make a context the current one: the one kubectl uses when no --context is given.",
        examples: "# Use the context minikube from now on
kubectl config use-context minikube",
        usage: "config use-context CONTEXT_NAME [options]",
        flags: &[],
    },
    Topic {
        path: "config view",
        short: "Print the kubeconfig",
        long: "Print the kubeconfig settings, merged from every file that is loaded, or those of the file given with --kubeconfig.

 Choose the format with --output; --template takes a Go template or JSONPath.",
        examples: "# Print the merged kubeconfig
kubectl config view

# Print only what the current context needs
kubectl config view --minify

# Print the password of the user alice
kubectl config view -o jsonpath='{.users[?(@.name == \"alice\")].user.password}'",
        usage: "config view [flags] [options]",
        flags: &[ALLOW_MISSING_TEMPLATE_KEYS, FLATTEN, MERGE, MINIFY, OUTPUT_5, RAW, SHOW_MANAGED_FIELDS, TEMPLATE],
        ..Topic::NONE
    },
    Topic {
        path: "plugin",
        long: "Tools for the plugins of kubectl.

 A plugin is a program named kubectl-NAME on your PATH; kubectl runs it when you type kubectl NAME. Plugins add commands that kubectl itself does not have. The Kubernetes project krew (krew.sigs.k8s.io) is one way to find and install them.",
        examples: "# List the plugins on your PATH
kubectl plugin list

# List only their names, without their paths
kubectl plugin list --name-only",
        usage: "plugin [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "plugin list",
        short: "List the plugins on your PATH",
        long: "List the plugin programs found on your PATH.

 A plugin is an executable file whose name starts with \"kubectl-\". kubectl also warns about plugins it cannot run, and about plugins that another one of the same name hides, or that would shadow one of kubectl's own commands.",
        examples: "# List the plugins on your PATH
kubectl plugin list

# List only their names
kubectl plugin list --name-only",
        usage: "plugin list [flags] [options]",
        flags: &[NAME_ONLY],
        ..Topic::NONE
    },
    Topic {
        path: "version",
        long: "Print the versions of this kubectl and of the API server it talks to.",
        examples: "# Print the client and server versions of the current context
kubectl version",
        usage: "version [flags] [options]",
        ..Topic::NONE
    },];
