//! Help of the `kubectl create` generators and groups (their short lines,
//! aliases and flags are in `cmd/create_sub.rs`).
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "create clusterrole",
        long: "Create a cluster role that grants the verbs given on the resources given, cluster-wide.",
        examples: "# Allow reading pods: get, list and watch
kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods

# Allow getting only the pods named web-0 and web-1
kubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=web-0 --resource-name=web-1

# Name the resources with their API group
kubectl create clusterrole deploy-editor --verb=get,list,watch,update --resource=deployments.apps

# Allow reading pods and their status subresource
kubectl create clusterrole pod-status-reader --verb=get,list,watch --resource=pods,pods/status

# Allow GET on non-resource URLs under /logs/
kubectl create clusterrole log-reader --verb=get --non-resource-url=/logs/*

# Build the role's rules from the cluster roles labelled rbac.example.com/aggregate-to-monitoring=true
kubectl create clusterrole monitoring --aggregation-rule=\"rbac.example.com/aggregate-to-monitoring=true\"",
        usage: "create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create clusterrolebinding",
        long: "Bind a cluster role to users, groups or service accounts across the whole cluster.",
        examples: "# Give user alice and group ops the cluster-admin cluster role
kubectl create clusterrolebinding admins --clusterrole=cluster-admin --user=alice --group=ops",
        usage: "create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create configmap",
        aliases: &["cm"],
        long: "Create a config map from files, directories, env files or literal values.

 A config map holds keys and their values. A file becomes one key, named after the file unless you give key=path; a directory gives one key per regular file in it (subdirectories, links and other special files are skipped).",
        examples: "# Make a config map with a key per file of the directory conf/
kubectl create configmap web-config --from-file=conf/

# Make one with a key per file given, under the file names or the keys given
kubectl create configmap web-config --from-file=app.properties --from-file=theme=colors.txt

# Make one from literal keys and values
kubectl create configmap web-config --from-literal=color=blue --from-literal=size=large

# Mix files and literals
kubectl create configmap web-config --from-file=app.properties --from-literal=color=blue

# Make one from the KEY=value lines of env files
kubectl create configmap web-config --from-env-file=base.env --from-env-file=dev.env",
        usage: "create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create cronjob",
        aliases: &["cj"],
        long: "Create a cron job that runs a job from the image given on a schedule.",
        examples: "# Run a job every minute
kubectl create cronjob ticker --image=busybox --schedule=\"*/1 * * * *\"

# Run a job every minute that runs the command given
kubectl create cronjob ticker --image=busybox --schedule=\"*/1 * * * *\" -- date",
        usage: "create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create deployment",
        aliases: &["deploy"],
        long: "Create a deployment with the name given.",
        examples: "# Create a deployment named web that runs nginx
kubectl create deployment web --image=nginx

# Run a command of your choosing in its container
kubectl create deployment pinger --image=busybox -- sleep 3600

# Create it with 3 replicas
kubectl create deployment web --image=nginx --replicas=3

# Declare the port its container listens on
kubectl create deployment web --image=nginx --port=80",
        usage: "create deployment NAME --image=image -- [COMMAND] [args...] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create ingress",
        aliases: &["ing"],
        long: "Create an ingress with the name given: rules that route HTTP by host and path to services.

 A rule is host/path=service:port, where the host may be left out (any host) and a path ending in * matches as a prefix (otherwise it must match exactly). Add \",tls\" to serve the host over TLS, or \",tls=secret\" to name the secret holding its certificate.",
        examples: "# Send every request for shop.example.com to port 80 of service web
kubectl create ingress shop --class=default --rule=\"shop.example.com/=web:80\"

# Send paths under /api/ to service api, with an annotation for the ingress controller
kubectl create ingress shop --rule=\"shop.example.com/api*=api:8080\" --annotation ingress.annotation1=foo --annotation ingress.annotation2=bla

# Route two hosts, each to its own service
kubectl create ingress shop --class=default --rule=\"shop.example.com/*=web:80\" --rule=\"admin.example.com/*=admin:80\"

# Serve a host over TLS with the certificate in secret shop-tls
kubectl create ingress shop --class=default --rule=\"shop.example.com/*=web:80,tls=shop-tls\"

# Serve a host over TLS with the controller's default certificate
kubectl create ingress shop --class=default --rule=\"shop.example.com/*=web:80,tls\"

# Route any host's paths to service web, and everything else to service fallback
kubectl create ingress catch-all --class=default --default-backend=fallback:80 --rule=\"/*=web:80\"",
        usage: "create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create job",
        long: "Create a job with the name given.",
        examples: "# Create a job that runs busybox
kubectl create job hello --image=busybox

# Create a job that runs a command
kubectl create job hello --image=busybox -- date

# Run the job of the cron job ticker once, now
kubectl create job ticker-now --from=cronjob/ticker",
        usage: "create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create namespace",
        aliases: &["ns"],
        long: "Create a namespace with the name given.",
        examples: "# Create the namespace shop
kubectl create namespace shop",
        usage: "create namespace NAME [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create poddisruptionbudget",
        aliases: &["pdb"],
        long: "Create a pod disruption budget with the name given, for the pods a selector picks.

 The budget limits how many of those pods voluntary disruptions, such as a node drain, may take down at once: give the least number (or percentage) that must stay available, or the most that may be unavailable.",
        examples: "# Keep at least one pod labelled app=web available
kubectl create pdb web-pdb --selector=app=web --min-available=1

# Keep at least half of the pods labelled app=db available
kubectl create pdb db-pdb --selector=app=db --min-available=50%",
        usage: "create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create priorityclass",
        aliases: &["pc"],
        long: "Create a priority class with the name and value given; pods that name it get that priority.",
        examples: "# Create the priority class high at 1000
kubectl create priorityclass high --value=1000 --description=\"for the web tier\"

# Make it the default of pods that name no class
kubectl create priorityclass normal --value=500 --global-default=true --description=\"the usual priority\"

# Create one whose pods never preempt others
kubectl create priorityclass batch --value=1000 --description=\"waits its turn\" --preemption-policy=\"Never\"",
        usage: "create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create quota",
        aliases: &["resourcequota"],
        long: "Create a resource quota with the name given: limits on what a namespace may hold and use.",
        examples: "# Allow at most 2 CPUs of requests, 4Gi of memory, 10 pods, 5 services and 2 load balancers
kubectl create quota team-quota --hard=requests.cpu=2,requests.memory=4Gi,pods=10,services=5,services.loadbalancers=2

# Allow at most 50 pods that are best effort
kubectl create quota best-effort --hard=pods=50 --scopes=BestEffort",
        usage: "create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create role",
        long: "Create a role that grants the verbs given on the resources given, in one namespace.",
        examples: "# Allow reading pods: get, list and watch
kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods

# Allow getting only the pods named web-0 and web-1
kubectl create role pod-reader --verb=get --resource=pods --resource-name=web-0 --resource-name=web-1

# Name the resources with their API group
kubectl create role deploy-editor --verb=get,list,watch,update --resource=deployments.apps

# Allow reading pods and their status subresource
kubectl create role pod-status-reader --verb=get,list,watch --resource=pods,pods/status",
        usage: "create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create rolebinding",
        long: "Bind a role or cluster role to users, groups or service accounts in one namespace.",
        examples: "# Give user alice, group ops and service account robot the view cluster role in the current namespace
kubectl create rolebinding viewers --clusterrole=view --user=alice --group=ops --serviceaccount=default:robot

# Give user bob the pod-reader role
kubectl create rolebinding readers --role=pod-reader --user=bob",
        usage: "create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create secret",
        long: "Create a secret of a kind the subcommand names.

 docker-registry: credentials for pulling images from a registry.

 generic: arbitrary keys and values (type Opaque unless --type says otherwise).

 tls: a certificate and its private key.",
        examples: "",
        usage: "create secret (docker-registry | generic | tls) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create secret docker-registry",
        long: "Create a secret that holds credentials for a container registry.

 Pods name such secrets in imagePullSecrets; the kubelet then pulls their images with those credentials. The secret holds a .dockerconfigjson key, the format docker login writes to ~/.docker/config.json. If you already have that file, --from-file can take it instead of the flags.",
        examples: "# Create a registry secret for registry.example.com
kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=alice --docker-password=s3cret --docker-email=alice@example.com

# Create one from an existing docker config file
kubectl create secret docker-registry regcred --from-file=.dockerconfigjson=/root/.docker/config.json",
        usage: "create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create secret generic",
        long: "Create a secret from files, directories, env files or literal values.

 A file becomes one key, named after the file unless you give key=path; a directory gives one key per regular file in it (subdirectories, links and other special files are skipped).",
        examples: "# Make a secret with a key per file of the directory creds/
kubectl create secret generic db-creds --from-file=creds/

# Make one with the keys and files given
kubectl create secret generic db-creds --from-file=user=./username.txt --from-file=password=./password.txt

# Make one from literal keys and values
kubectl create secret generic db-creds --from-literal=user=admin --from-literal=password=s3cret

# Mix files and literals
kubectl create secret generic db-creds --from-file=user=./username.txt --from-literal=password=s3cret

# Make one from the KEY=value lines of env files
kubectl create secret generic db-creds --from-env-file=base.env --from-env-file=dev.env",
        usage: "create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create secret tls",
        long: "Create a TLS secret from a certificate and its private key.

 Both must be PEM files, and the key must belong to the certificate.",
        examples: "# Create a TLS secret from a certificate and key
kubectl create secret tls shop-tls --cert=certs/shop.crt --key=certs/shop.key",
        usage: "create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service",
        aliases: &["svc"],
        long: "Create a service of the type the subcommand names.",
        examples: "",
        usage: "create service [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service clusterip",
        long: "Create a ClusterIP service with the name given: a virtual IP inside the cluster for the pods it selects.",
        examples: "# Create a service web on port 80, forwarding to port 8080
kubectl create service clusterip web --tcp=80:8080

# Create a headless service, without a cluster IP
kubectl create service clusterip db --clusterip=\"None\"",
        usage: "create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service externalname",
        long: "Create an ExternalName service with the name given.

 It has no selector and no cluster IP: cluster DNS answers its name with a CNAME to the external name, so pods reach an outside host through a service name.",
        examples: "# Make the name payments resolve to api.payments.example.com
kubectl create service externalname payments --external-name api.payments.example.com",
        usage: "create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service loadbalancer",
        long: "Create a LoadBalancer service with the name given: reachable from outside through a load balancer the cluster provides.",
        examples: "# Create a service web on port 80, forwarding to port 8080
kubectl create service loadbalancer web --tcp=80:8080",
        usage: "create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service nodeport",
        long: "Create a NodePort service with the name given: reachable on a port of every node.",
        examples: "# Create a service web on port 80, forwarding to port 8080, on a node port the cluster picks
kubectl create service nodeport web --tcp=80:8080",
        usage: "create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create serviceaccount",
        aliases: &["sa"],
        long: "Create a service account with the name given.",
        examples: "# Create the service account robot
kubectl create serviceaccount robot",
        usage: "create serviceaccount NAME [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create token",
        long: "Ask the API server for a token that authenticates as a service account.",
        examples: "# Get a token for service account robot
kubectl create token robot

# Get a token for a service account of another namespace
kubectl create token robot --namespace shop

# Ask for a token that lasts 10 minutes
kubectl create token robot --duration=10m

# Get a token meant for another audience than the API server
kubectl create token robot --audience=https://vault.example.com

# Get a token that expires when secret robot-secret is deleted
kubectl create token robot --bound-object-kind Secret --bound-object-name robot-secret",
        usage: "create token SERVICE_ACCOUNT_NAME [options]",
        ..Topic::NONE
    },];
