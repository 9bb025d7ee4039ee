//! Help topics: TODO.
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "create clusterrole",
        long: "TODO",
        examples: "TODO",
        usage: "create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create clusterrolebinding",
        long: "TODO",
        examples: "TODO",
        usage: "create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create configmap",
        aliases: &["cm"],
        long: "TODO",
        examples: "TODO",
        usage: "create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create cronjob",
        aliases: &["cj"],
        long: "TODO",
        examples: "TODO",
        usage: "create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create deployment",
        aliases: &["deploy"],
        long: "TODO",
        examples: "TODO",
        usage: "create deployment NAME --image=image -- [COMMAND] [args...] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create ingress",
        aliases: &["ing"],
        long: "TODO",
        examples: "TODO",
        usage: "create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create job",
        long: "TODO",
        examples: "TODO",
        usage: "create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create namespace",
        aliases: &["ns"],
        long: "TODO",
        examples: "TODO",
        usage: "create namespace NAME [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create poddisruptionbudget",
        aliases: &["pdb"],
        long: "TODO",
        examples: "TODO",
        usage: "create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create priorityclass",
        aliases: &["pc"],
        long: "TODO",
        examples: "TODO",
        usage: "create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create quota",
        aliases: &["resourcequota"],
        long: "TODO",
        examples: "TODO",
        usage: "create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create role",
        long: "TODO",
        examples: "TODO",
        usage: "create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create rolebinding",
        long: "TODO",
        examples: "TODO",
        usage: "create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create secret",
        long: "TODO",
        examples: "",
        usage: "create secret (docker-registry | generic | tls) [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create secret docker-registry",
        long: "TODO",
        examples: "TODO",
        usage: "create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create secret generic",
        long: "TODO",
        examples: "TODO",
        usage: "create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create secret tls",
        long: "TODO",
        examples: "TODO",
        usage: "create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service",
        aliases: &["svc"],
        long: "TODO",
        examples: "",
        usage: "create service [flags] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service clusterip",
        long: "TODO",
        examples: "TODO",
        usage: "create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service externalname",
        long: "TODO",
        examples: "TODO",
        usage: "create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service loadbalancer",
        long: "TODO",
        examples: "TODO",
        usage: "create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create service nodeport",
        long: "TODO",
        examples: "TODO",
        usage: "create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create serviceaccount",
        aliases: &["sa"],
        long: "TODO",
        examples: "TODO",
        usage: "create serviceaccount NAME [--dry-run=server|client|none] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "create token",
        long: "TODO",
        examples: "TODO",
        usage: "create token SERVICE_ACCOUNT_NAME [options]",
        ..Topic::NONE
    },];
