//! The simulated registry: one row per image (and per tag that behaves
//! differently). Sizes are the images' compressed sizes as the runtime
//! reports them; programs say what runs.

use super::system_logs::*;
use super::texts::*;
use super::{hello_world, Http, Image, Program, Requirement, Server, Then, Tools};

/// A program that prints `log` and keeps running, listening on `ports`.
const fn server(
    names: &'static [&'static str],
    log: &'static str,
    ports: &'static [u16],
    http: Http,
    cpu_milli: u32,
    memory_mib: u32,
) -> Program {
    Program {
        names,
        requires: None,
        log,
        ports,
        http,
        then: Then::Serve,
        cpu_milli,
        memory_mib,
    }
}

/// A program that prints `log` and exits at once with `code`.
const fn oneshot(names: &'static [&'static str], log: &'static str, code: i32) -> Program {
    Program {
        names,
        requires: None,
        log,
        ports: &[],
        http: Http::None,
        then: Then::Exit {
            after_ms: 0,
            after_env: None,
            code,
            last_words: "",
        },
        cpu_milli: 0,
        memory_mib: 0,
    }
}

const SYSTEM_PROGRAMS: &[Program] = &[component(&["*"], "")];

/// A Kubernetes component or add-on: its binary `names`; it prints its
/// start-up `log` and keeps running.
const fn component(names: &'static [&'static str], log: &'static str) -> Program {
    server(names, log, &[], Http::None, 2, 20)
}

/// A control-plane or add-on process: it starts and keeps running.
const fn system(repository: &'static str, size_bytes: u64) -> Image {
    Image {
        repository,
        tag: None,
        size_bytes,
        pull_ms: 3_000,
        entrypoint: &[],
        cmd: &[],
        env: &[],
        tools: Tools::None,
        programs: SYSTEM_PROGRAMS,
        files: &[],
    }
}

const PATH_ENV: (&str, &str) = (
    "PATH",
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
);

/// A base image: a userland and nothing running.
const fn base(
    repository: &'static str,
    size_bytes: u64,
    pull_ms: i64,
    cmd: &'static [&'static str],
    tools: Tools,
) -> Image {
    Image {
        repository,
        tag: None,
        size_bytes,
        pull_ms,
        entrypoint: &[],
        cmd,
        env: &[PATH_ENV],
        tools,
        programs: &[],
        files: &[],
    }
}

/// The docker-library entrypoint: runs its arguments.
const ENTRYPOINT: &[&str] = &["docker-entrypoint.sh"];

const POSTGRES: Program = Program {
    names: &["postgres"],
    requires: Some(Requirement {
        any_of: &["POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD"],
        stderr: POSTGRES_MISSING,
        exit_code: 1,
    }),
    log: POSTGRES_LOG,
    ports: &[5432],
    http: Http::None,
    then: Then::Serve,
    cpu_milli: 3,
    memory_mib: 38,
};

const MYSQLD: Program = Program {
    names: &["mysqld"],
    requires: Some(Requirement {
        any_of: &[
            "MYSQL_ROOT_PASSWORD",
            "MYSQL_ALLOW_EMPTY_PASSWORD",
            "MYSQL_RANDOM_ROOT_PASSWORD",
        ],
        stderr: MYSQL_MISSING,
        exit_code: 1,
    }),
    log: MYSQL_LOG,
    ports: &[3306, 33060],
    http: Http::None,
    then: Then::Serve,
    cpu_milli: 6,
    memory_mib: 380,
};

const BOOTCAMP_CMD: &[&str] = &["/bin/sh", "-c", "node server.js"];
const BOOTCAMP: &str = "gcr.io/google-samples/kubernetes-bootcamp";
const BOOTCAMP_HUB: &str = "jocatalin/kubernetes-bootcamp";

/// The Kubernetes Basics tutorial's node.js app: its body says which version.
const fn bootcamp_node(body: &'static str) -> Program {
    server(
        &["node"],
        BOOTCAMP_LOG,
        &[8080],
        Http::Any {
            body,
            server: Server::NodeChunked,
        },
        0,
        9,
    )
}
const BOOTCAMP_V1_APP: &[Program] = &[bootcamp_node(BOOTCAMP_V1)];
const BOOTCAMP_V2_APP: &[Program] = &[bootcamp_node(BOOTCAMP_V2)];

const fn bootcamp(
    repository: &'static str,
    tag: Option<&'static str>,
    size_bytes: u64,
    pull_ms: i64,
    programs: &'static [Program],
) -> Image {
    Image {
        repository,
        tag,
        size_bytes,
        pull_ms,
        entrypoint: &[],
        cmd: BOOTCAMP_CMD,
        env: &[PATH_ENV, ("NODE_VERSION", "6.3.1")],
        tools: Tools::Gnu,
        programs,
        files: &[],
    }
}

pub const CATALOGUE: &[Image] = &[
    Image {
        programs: &[component(&["kube-apiserver"], KUBE_APISERVER_LOG)],
        ..system("registry.k8s.io/kube-apiserver", 101_855_698)
    },
    Image {
        programs: &[component(&["kube-controller-manager"], KUBE_CONTROLLER_MANAGER_LOG)],
        ..system("registry.k8s.io/kube-controller-manager", 94_558_394)
    },
    Image {
        programs: &[component(&["kube-scheduler"], KUBE_SCHEDULER_LOG)],
        ..system("registry.k8s.io/kube-scheduler", 73_211_416)
    },
    Image {
        programs: &[component(&["kube-proxy"], KUBE_PROXY_LOG)],
        ..system("registry.k8s.io/kube-proxy", 97_861_504)
    },
    Image {
        programs: &[component(&["etcd"], ETCD_LOG)],
        ..system("registry.k8s.io/etcd", 152_542_904)
    },
    Image {
        entrypoint: &["/coredns"],
        programs: &[component(&["coredns"], COREDNS_LOG)],
        ..system("registry.k8s.io/coredns/coredns", 70_096_832)
    },
    Image {
        programs: &[component(&["storage-provisioner"], STORAGE_PROVISIONER_LOG)],
        ..system("gcr.io/k8s-minikube/storage-provisioner", 31_465_472)
    },
    Image {
        programs: &[component(&["kindnetd"], KINDNETD_LOG)],
        ..system("kindest/kindnetd", 44_381_440)
    },
    Image {
        programs: &[component(&["local-path-provisioner"], LOCAL_PATH_PROVISIONER_LOG)],
        ..system("kindest/local-path-provisioner", 22_541_312)
    },
    system("kindest/local-path-helper", 3_084_288),
    Image {
        // minikube's metrics-server addon (v0.7.2); the size is the one
        // nodes report for v0.7.0. Its `/readyz` waits for two scrapes at
        // minikube's `--metric-resolution=60s`.
        repository: "registry.k8s.io/metrics-server/metrics-server",
        tag: None,
        size_bytes: 19_434_712,
        pull_ms: 3_000,
        entrypoint: &["/metrics-server"],
        cmd: &[],
        env: &[],
        tools: Tools::None,
        programs: &[server(
            &["metrics-server"],
            "",
            &[4443, 10250],
            Http::ReadyzAfter { ready_ms: 60_000 },
            3,
            18,
        )],
        files: &[],
    },
    Image {
        repository: "registry.k8s.io/pause",
        pull_ms: 812,
        ..system("registry.k8s.io/pause", 736_000)
    },
    Image {
        repository: "hello-world",
        tag: None,
        size_bytes: 10_072,
        pull_ms: 2_140,
        entrypoint: &[],
        cmd: &["/hello"],
        env: &[PATH_ENV],
        tools: Tools::None,
        programs: &[oneshot(&["hello"], hello_world::LOG, 0)],
        files: &[],
    },
    Image {
        repository: "nginx",
        tag: None,
        size_bytes: 192_004_242,
        pull_ms: 5_237,
        entrypoint: &["/docker-entrypoint.sh"],
        cmd: &["nginx", "-g", "daemon off;"],
        env: &[
            PATH_ENV,
            ("NGINX_VERSION", "1.27.5"),
            ("NJS_VERSION", "0.8.10"),
            ("NJS_RELEASE", "1~bookworm"),
            ("PKG_RELEASE", "1~bookworm"),
            ("DYNPKG_RELEASE", "1~bookworm"),
        ],
        tools: Tools::Gnu,
        programs: &[server(
            &["nginx"],
            NGINX_LOG,
            &[80],
            Http::Root {
                body: NGINX_INDEX,
                server: Server::Nginx,
            },
            1,
            3,
        )],
        files: &[
            ("/usr/share/nginx/html/index.html", NGINX_INDEX),
            ("/usr/share/nginx/html/50x.html", "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n"),
        ],
    },
    Image {
        repository: "httpd",
        tag: None,
        size_bytes: 148_107_286,
        pull_ms: 4_412,
        entrypoint: &[],
        cmd: &["httpd-foreground"],
        env: &[
            (
                "PATH",
                "/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ),
            ("HTTPD_PREFIX", "/usr/local/apache2"),
            ("HTTPD_VERSION", "2.4.63"),
        ],
        tools: Tools::Gnu,
        programs: &[server(
            &["httpd-foreground", "httpd"],
            HTTPD_LOG,
            &[80],
            Http::Root {
                body: HTTPD_INDEX,
                server: Server::Httpd,
            },
            1,
            6,
        )],
        files: &[("/usr/local/apache2/htdocs/index.html", HTTPD_INDEX)],
    },
    Image {
        repository: "registry.k8s.io/hpa-example",
        tag: None,
        size_bytes: 481_203_044,
        pull_ms: 11_730,
        entrypoint: &[],
        cmd: &["apache2-foreground"],
        env: &[PATH_ENV],
        tools: Tools::Gnu,
        // Each request runs a million square roots: about 50ms of CPU (a
        // model, not a measurement).
        programs: &[Program {
            then: Then::Busy { milli_per_rps: 50 },
            ..server(
                &["apache2-foreground"],
                HPA_EXAMPLE_LOG,
                &[80],
                Http::Any {
                    body: "OK!",
                    server: Server::ApachePhp,
                },
                1,
                10,
            )
        }],
        files: &[],
    },
    bootcamp(BOOTCAMP, None, 211_336_459, 7_822, BOOTCAMP_V1_APP),
    bootcamp(BOOTCAMP, Some("v2"), 211_336_512, 7_901, BOOTCAMP_V2_APP),
    // The docs' rolling-update tutorial takes v2 from Docker Hub.
    bootcamp(BOOTCAMP_HUB, None, 211_336_459, 7_784, BOOTCAMP_V1_APP),
    bootcamp(BOOTCAMP_HUB, Some("v2"), 211_336_512, 7_866, BOOTCAMP_V2_APP),
    Image {
        repository: "gcr.io/google-samples/node-hello",
        tag: None,
        size_bytes: 243_574_464,
        pull_ms: 8_421,
        entrypoint: &[],
        cmd: &["/bin/sh", "-c", "node server.js"],
        env: &[PATH_ENV],
        tools: Tools::Gnu,
        programs: &[server(
            &["node"],
            "",
            &[8080],
            Http::Any {
                body: "Hello Kubernetes!",
                server: Server::Node,
            },
            0,
            8,
        )],
        files: &[],
    },
    base("busybox", 4_277_910, 1_813, &["sh"], Tools::Busybox),
    // The tags the docs pin for the older nslookup (busybox 1.28.4, 1.27.2).
    Image {
        tag: Some("1.28"),
        ..base("busybox", 1_146_369, 1_132, &["sh"], Tools::Busybox)
    },
    Image {
        tag: Some("1.27"),
        ..base("busybox", 1_129_289, 1_118, &["sh"], Tools::Busybox)
    },
    // The image the Kubernetes docs' probe examples use (busybox 1.27).
    base("registry.k8s.io/busybox", 1_144_547, 1_204, &["sh"], Tools::Busybox),
    Image {
        repository: "registry.k8s.io/liveness",
        tag: None,
        size_bytes: 4_945_271,
        pull_ms: 1_520,
        entrypoint: &[],
        cmd: &["/server"],
        env: &[PATH_ENV],
        tools: Tools::None,
        programs: &[server(
            &["server"],
            "",
            &[8080],
            Http::HealthyFor {
                ok_ms: 10_000,
                then_status: 500,
            },
            0,
            2,
        )],
        files: &[],
    },
    base("alpine", 8_309_111, 1_942, &["/bin/sh"], Tools::Busybox),
    base("ubuntu", 78_116_928, 3_404, &["/bin/bash"], Tools::Gnu),
    base("debian", 116_514_210, 4_018, &["bash"], Tools::Gnu),
    Image {
        repository: "curlimages/curl",
        tag: None,
        size_bytes: 24_172_548,
        pull_ms: 2_310,
        entrypoint: &["/entrypoint.sh"],
        cmd: &["curl"],
        env: &[PATH_ENV],
        tools: Tools::Busybox,
        programs: &[Program {
                names: &["curl"],
                requires: None,
                log: "",
                ports: &[],
                http: Http::None,
                then: Then::Exit {
                    after_ms: 0,
                    after_env: None,
                    code: 2,
                    last_words: CURL_USAGE,
                },
            cpu_milli: 0,
            memory_mib: 1,
        }],
        files: &[],
    },
    Image {
        repository: "redis",
        tag: None,
        size_bytes: 117_437_210,
        pull_ms: 4_121,
        entrypoint: ENTRYPOINT,
        cmd: &["redis-server"],
        env: &[PATH_ENV, ("REDIS_VERSION", "8.0.2")],
        tools: Tools::Gnu,
        programs: &[server(
            &["redis-server"],
            REDIS_LOG,
            &[6379],
            Http::None,
            2,
            4,
        )],
        files: &[],
    },
    Image {
        repository: "postgres",
        tag: None,
        size_bytes: 438_316_722,
        pull_ms: 12_207,
        entrypoint: ENTRYPOINT,
        cmd: &["postgres"],
        env: &[
            (
                "PATH",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin",
            ),
            ("PG_MAJOR", "17"),
            ("PG_VERSION", "17.5-1.pgdg120+1"),
            ("PGDATA", "/var/lib/postgresql/data"),
        ],
        tools: Tools::Gnu,
        programs: &[POSTGRES],
        files: &[],
    },
    Image {
        repository: "mysql",
        tag: None,
        size_bytes: 602_514_308,
        pull_ms: 15_603,
        entrypoint: ENTRYPOINT,
        cmd: &["mysqld"],
        env: &[PATH_ENV, ("MYSQL_MAJOR", "innovation"), ("MYSQL_VERSION", "9.3.0-1.el9")],
        tools: Tools::Gnu,
        programs: &[MYSQLD],
        files: &[],
    },
    Image {
        repository: "mongo",
        tag: None,
        size_bytes: 855_226_011,
        pull_ms: 19_842,
        entrypoint: ENTRYPOINT,
        cmd: &["mongod"],
        env: &[PATH_ENV, ("MONGO_MAJOR", "8.0"), ("MONGO_VERSION", "8.0.10")],
        tools: Tools::Gnu,
        programs: &[server(&["mongod"], MONGO_LOG, &[27017], Http::None, 8, 140)],
        files: &[],
    },
    // Images made for lessons (not on a public registry).
    Image {
        repository: "kubeplay/crash-after",
        tag: None,
        size_bytes: 4_280_112,
        pull_ms: 1_820,
        entrypoint: &[],
        cmd: &["crash-after"],
        env: &[PATH_ENV, ("CRASH_AFTER_SECONDS", "10")],
        tools: Tools::Busybox,
        programs: &[Program {
            names: &["crash-after"],
            requires: None,
            log: "starting up; will crash in $CRASH_AFTER_SECONDS seconds\n",
            ports: &[8080],
            http: Http::Any {
                body: "ok\n",
                server: Server::Go,
            },
            then: Then::Exit {
                after_ms: 10_000,
                after_env: Some("CRASH_AFTER_SECONDS"),
                code: 1,
                last_words: "panic: simulated crash\n",
            },
            cpu_milli: 1,
            memory_mib: 2,
        }],
        files: &[],
    },
    Image {
        repository: "kubeplay/memory-leak",
        tag: None,
        size_bytes: 4_280_640,
        pull_ms: 1_830,
        entrypoint: &[],
        cmd: &["memory-leak"],
        env: &[PATH_ENV],
        tools: Tools::Busybox,
        programs: &[Program {
            names: &["memory-leak"],
            requires: None,
            log: "allocating 10 MiB every second and never freeing it\n",
            ports: &[],
            http: Http::None,
            then: Then::Leak { mib_per_sec: 10 },
            cpu_milli: 5,
            memory_mib: 1,
        }],
        files: &[],
    },
    Image {
        repository: "kubeplay/cpu-burn",
        tag: None,
        size_bytes: 4_280_320,
        pull_ms: 1_825,
        entrypoint: &[],
        cmd: &["cpu-burn"],
        env: &[PATH_ENV, ("CPU_MILLICORES", "1000")],
        tools: Tools::Busybox,
        programs: &[Program {
            names: &["cpu-burn"],
            requires: None,
            log: "burning $CPU_MILLICORES millicores of CPU\n",
            ports: &[8080],
            http: Http::Any {
                body: "ok\n",
                server: Server::Go,
            },
            then: Then::Burn {
                env: "CPU_MILLICORES",
            },
            cpu_milli: 1000,
            memory_mib: 2,
        }],
        files: &[],
    },
];
