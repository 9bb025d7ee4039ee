//! The files of the minikube node that kubeadm, minikube and Docker wrote,
//! as `minikube start` leaves them (minikube v1.36.0, kicbase v0.0.47):
//! the static pod manifests (static_pods.rs) and kubeadm's kubeconfigs,
//! the KubeletConfiguration kubeadm writes from minikube's, the kubelet's
//! systemd unit and minikube's drop-in, the bridge CNI config, Docker's
//! /etc/hosts and /etc/resolv.conf with minikube's entries, the image's
//! /etc/passwd and /etc/group, and the host kernel's /proc files, which
//! each node program refreshes when it runs (the shell's files do not
//! change by themselves).

use super::static_pods::{self, COMPONENTS, MINIKUBE};
use super::{Node, NODE, NODE_IP};
use crate::kubectl::printers::yaml::to_yaml;
use crate::world::World;
use kubeplay_shell::Vfs;
use serde_json::json;

/// The users of kicbase's /etc/passwd (Ubuntu 22.04's, plus those its
/// packages and minikube add).
pub const PASSWD_USERS: &[(&str, u32)] = &[
    ("root", 0),
    ("daemon", 1),
    ("bin", 2),
    ("sys", 3),
    ("sync", 4),
    ("games", 5),
    ("man", 6),
    ("lp", 7),
    ("mail", 8),
    ("news", 9),
    ("uucp", 10),
    ("proxy", 13),
    ("www-data", 33),
    ("backup", 34),
    ("list", 38),
    ("irc", 39),
    ("gnats", 41),
    ("nobody", 65_534),
    ("_apt", 100),
    ("_rpc", 101),
    ("systemd-network", 102),
    ("systemd-resolve", 103),
    ("statd", 104),
    ("sshd", 105),
    ("docker", 1000),
];

const PASSWD: &str = "root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
_apt:x:100:65534::/nonexistent:/usr/sbin/nologin
_rpc:x:101:65534::/run/rpcbind:/usr/sbin/nologin
systemd-network:x:102:106:systemd Network Management,,,:/run/systemd:/usr/sbin/nologin
systemd-resolve:x:103:107:systemd Resolver,,,:/run/systemd:/usr/sbin/nologin
statd:x:104:65534::/var/lib/nfs:/usr/sbin/nologin
sshd:x:105:65534::/run/sshd:/usr/sbin/nologin
docker:x:1000:999:,,,:/home/docker:/bin/bash
";

/// The groups of kicbase's /etc/group, in the file's order, with members.
const GROUP_LINES: &[(&str, u32, &str)] = &[
    ("root", 0, ""),
    ("daemon", 1, ""),
    ("bin", 2, ""),
    ("sys", 3, ""),
    ("adm", 4, ""),
    ("tty", 5, ""),
    ("disk", 6, ""),
    ("lp", 7, ""),
    ("mail", 8, ""),
    ("news", 9, ""),
    ("uucp", 10, ""),
    ("man", 12, ""),
    ("proxy", 13, ""),
    ("kmem", 15, ""),
    ("dialout", 20, ""),
    ("fax", 21, ""),
    ("voice", 22, ""),
    ("cdrom", 24, ""),
    ("floppy", 25, ""),
    ("tape", 26, ""),
    ("sudo", 27, "docker"),
    ("audio", 29, ""),
    ("dip", 30, ""),
    ("www-data", 33, ""),
    ("backup", 34, ""),
    ("operator", 37, ""),
    ("list", 38, ""),
    ("irc", 39, ""),
    ("src", 40, ""),
    ("gnats", 41, ""),
    ("shadow", 42, ""),
    ("utmp", 43, ""),
    ("video", 44, ""),
    ("sasl", 45, ""),
    ("plugdev", 46, ""),
    ("staff", 50, ""),
    ("games", 60, ""),
    ("users", 100, ""),
    ("nogroup", 65_534, ""),
    ("systemd-journal", 101, ""),
    ("input", 102, ""),
    ("sgx", 103, ""),
    ("kvm", 104, ""),
    ("render", 105, ""),
    ("systemd-network", 106, ""),
    ("systemd-resolve", 107, ""),
    ("_ssh", 108, ""),
    ("docker", 999, ""),
    ("buildkit", 109, "docker"),
    ("podman", 110, "docker"),
];

/// Group names by GID, for `ps -o group`.
pub const GROUPS: &[(&str, u32)] = &[
    ("root", 0),
    ("daemon", 1),
    ("bin", 2),
    ("sys", 3),
    ("adm", 4),
    ("tty", 5),
    ("disk", 6),
    ("lp", 7),
    ("mail", 8),
    ("news", 9),
    ("uucp", 10),
    ("man", 12),
    ("proxy", 13),
    ("kmem", 15),
    ("dialout", 20),
    ("fax", 21),
    ("voice", 22),
    ("cdrom", 24),
    ("floppy", 25),
    ("tape", 26),
    ("sudo", 27),
    ("audio", 29),
    ("dip", 30),
    ("www-data", 33),
    ("backup", 34),
    ("operator", 37),
    ("list", 38),
    ("irc", 39),
    ("src", 40),
    ("gnats", 41),
    ("shadow", 42),
    ("utmp", 43),
    ("video", 44),
    ("sasl", 45),
    ("plugdev", 46),
    ("staff", 50),
    ("games", 60),
    ("users", 100),
    ("nogroup", 65_534),
    ("systemd-journal", 101),
    ("input", 102),
    ("sgx", 103),
    ("kvm", 104),
    ("render", 105),
    ("systemd-network", 106),
    ("systemd-resolve", 107),
    ("_ssh", 108),
    ("docker", 999),
    ("buildkit", 109),
    ("podman", 110),
];

/// Docker's /etc/hosts for the node container (libnetwork's defaults and
/// the container's own name), then the two names minikube adds.
pub const HOSTS: &str = "127.0.0.1\tlocalhost
::1\tlocalhost ip6-localhost ip6-loopback
fe00::0\tip6-localnet
ff00::0\tip6-mcastprefix
ff02::1\tip6-allnodes
ff02::2\tip6-allrouters
192.168.49.2\tminikube
192.168.49.1\thost.minikube.internal
192.168.49.2\tcontrol-plane.minikube.internal
";

/// Docker's resolv.conf for a user-defined network, with kicbase's
/// entrypoint pointing the embedded DNS (127.0.0.11) at the gateway.
const RESOLV_CONF: &str = "# Generated by Docker Engine.
# This file can be edited; Docker Engine will not make further changes once it
# has been modified.

nameserver 192.168.49.1
search .
options edns0 trust-ad ndots:0

# Based on host file: '/etc/resolv.conf' (internal resolver)
# ExtServers: [host(127.0.0.53)]
# Overrides: []
# Option ndots from: internal
";

/// minikube's bridge CNI (pkg/minikube/cni/bridge.go) for 10.244.0.0/16.
const BRIDGE_CONFLIST: &str = "
{
  \"cniVersion\": \"0.4.0\",
  \"name\": \"bridge\",
  \"plugins\": [
    {
      \"type\": \"bridge\",
      \"bridge\": \"bridge\",
      \"addIf\": \"true\",
      \"isDefaultGateway\": true,
      \"forceAddress\": false,
      \"ipMasq\": true,
      \"hairpinMode\": true,
      \"ipam\": {
          \"type\": \"host-local\",
          \"subnet\": \"10.244.0.0/16\"
      }
    },
    {
      \"type\": \"portmap\",
      \"capabilities\": {
          \"portMappings\": true
      }
    },
    {
       \"type\": \"firewall\"
    }
  ]
}
";

/// minikube's kubelet units (bsutil/ktmpl/kubelet.go).
pub const KUBELET_SERVICE: &str = "[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=http://kubernetes.io/docs/
StartLimitIntervalSec=0

[Service]
ExecStart=/var/lib/minikube/binaries/v1.33.1/kubelet
Restart=always
# Tuned for local dev: faster than upstream default (10s), but slower than systemd default (100ms)
RestartSec=600ms

[Install]
WantedBy=multi-user.target
";
pub const KUBELET_SERVICE_PATH: &str = "/lib/systemd/system/kubelet.service";
pub const KUBEADM_DROPIN_PATH: &str = "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf";

fn kubeadm_dropin() -> String {
    format!(
        "[Unit]\nWants=docker.socket\n\n[Service]\nExecStart=\nExecStart={}\n\n[Install]\n",
        super::procs::KUBELET
    )
}

/// cri-dockerd's drop-in (cruntime/docker.go generateCRIDockerdConfig).
fn cri_docker_dropin() -> String {
    format!(
        "[Service]\nExecStart=\nExecStart={}",
        super::procs::CRI_DOCKERD
    )
}

/// What kubeadm's kubelet-start phase writes from minikube's
/// KubeletConfiguration (ktmpl/v1beta4.go): kubeadm's defaults, then
/// minikube's cgroup driver, runtime endpoint, hairpin mode, timeout,
/// image GC and eviction thresholds.
pub fn kubelet_config() -> String {
    "apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /var/lib/minikube/certs/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: unix:///var/run/cri-dockerd.sock
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionHard:
  imagefs.available: 0%
  nodefs.available: 0%
  nodefs.inodesFree: 0%
evictionPressureTransitionPeriod: 0s
failSwapOn: false
fileCheckFrequency: 0s
hairpinMode: hairpin-veth
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageGCHighThresholdPercent: 100
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: \"0\"
    text:
      infoBufferSize: \"0\"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 15m0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
"
    .to_string()
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(T[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The playground's stand-in PEM blocks (as admin.conf carries them).
fn stand_in(kind: &str, what: &str) -> String {
    base64(format!("-----BEGIN {kind}-----\n{what}\n-----END {kind}-----\n").as_bytes())
}

/// A kubeconfig kubeadm writes for `user` of cluster `mk` at `server`.
fn kubeconfig(user: &str, server: &str, files: bool) -> String {
    let credentials = if files {
        json!({"client-certificate": "/var/lib/kubelet/pki/kubelet-client-current.pem",
               "client-key": "/var/lib/kubelet/pki/kubelet-client-current.pem"})
    } else {
        json!({"client-certificate-data": stand_in("CERTIFICATE", user),
               "client-key-data": stand_in("RSA PRIVATE KEY", user)})
    };
    to_yaml(&json!({
        "apiVersion": "v1",
        "clusters": [{"cluster": {"certificate-authority-data": stand_in("CERTIFICATE", "minikubeCA"),
                                  "server": server}, "name": "mk"}],
        "contexts": [{"context": {"cluster": "mk", "user": user}, "name": format!("{user}@mk")}],
        "current-context": format!("{user}@mk"),
        "kind": "Config",
        "preferences": {},
        "users": [{"name": user, "user": credentials}],
    }))
}

/// kicbase v0.0.47's build (its image files' times).
const IMAGE_BUILT: i64 = 1_747_430_679_000; // 2025-05-16T21:24:39Z

/// Writes the node's files into the terminal's file system (the minikube
/// preset, once the cluster is up).
pub fn write_node_files(vfs: &mut Vfs, world: &World) {
    let node = Node::observe(world);
    let registered = node.kubelet_since + super::KUBELET_BEFORE_REGISTRATION_MS;
    let now = vfs.now();
    let at = |vfs: &mut Vfs, t: i64, path: &str, text: &str, mode: u32| {
        vfs.set_now(t);
        vfs.write(path, text);
        vfs.set_mode(path, mode);
    };
    at(vfs, IMAGE_BUILT, "/etc/passwd", PASSWD, 0o644);
    let group: String = GROUP_LINES
        .iter()
        .map(|(n, g, m)| format!("{n}:x:{g}:{m}\n"))
        .collect();
    at(vfs, IMAGE_BUILT, "/etc/group", &group, 0o644);
    at(vfs, node.boot + 120, "/etc/resolv.conf", RESOLV_CONF, 0o644);
    at(
        vfs,
        node.boot + 8_000,
        "/etc/crictl.yaml",
        "runtime-endpoint: unix:///var/run/cri-dockerd.sock\n",
        0o644,
    );
    at(
        vfs,
        node.boot + 12_000,
        "/etc/systemd/system/cri-docker.service.d/10-cni.conf",
        &cri_docker_dropin(),
        0o644,
    );
    at(
        vfs,
        registered - 17_000,
        KUBELET_SERVICE_PATH,
        KUBELET_SERVICE,
        0o644,
    );
    at(
        vfs,
        registered - 17_000,
        KUBEADM_DROPIN_PATH,
        &kubeadm_dropin(),
        0o644,
    );
    at(vfs, registered - 12_000, "/etc/hosts", HOSTS, 0o644);
    let cp = crate::kubectl::kubeconfig::MINIKUBE_ADMIN_SERVER;
    let local = format!("https://{NODE_IP}:8443");
    // kubeadm init wrote admin.conf with the others (the cluster wrote it
    // into the file system first).
    let admin = crate::kubectl::kubeconfig::MINIKUBE_ADMIN_PATH;
    if let Some(text) = vfs.read(admin).map(str::to_string) {
        at(vfs, registered - 12_000, admin, &text, 0o600);
    }
    for (file, user, server) in [
        ("super-admin.conf", "kubernetes-super-admin", cp.to_string()),
        ("kubelet.conf", "system:node:minikube", cp.to_string()),
        (
            "controller-manager.conf",
            "system:kube-controller-manager",
            local.clone(),
        ),
        ("scheduler.conf", "system:kube-scheduler", local.clone()),
    ] {
        let text = kubeconfig(user, &server, file == "kubelet.conf");
        at(
            vfs,
            registered - 12_000,
            &format!("/etc/kubernetes/{file}"),
            &text,
            0o600,
        );
    }
    at(
        vfs,
        registered - 11_000,
        "/var/lib/kubelet/config.yaml",
        &kubelet_config(),
        0o644,
    );
    for c in COMPONENTS {
        let mirror = super::get(world, "pods", "kube-system", &format!("{c}-{NODE}"));
        let text = to_yaml(&static_pods::manifest(c, &MINIKUBE, mirror.as_ref()));
        at(
            vfs,
            registered - 11_000,
            &format!("/etc/kubernetes/manifests/{c}.yaml"),
            &text,
            0o600,
        );
    }
    at(
        vfs,
        registered + 3_000,
        "/etc/cni/net.d/1-k8s.conflist",
        BRIDGE_CONFLIST,
        0o644,
    );
    at(vfs, node.boot, "/proc/version", &proc_version(), 0o444);
    at(vfs, node.boot, "/proc/cpuinfo", &cpuinfo(node.cpus), 0o444);
    at(
        vfs,
        node.boot,
        "/proc/sys/kernel/pid_max",
        &format!("{}\n", super::PID_MAX),
        0o644,
    );
    vfs.set_now(now);
    refresh_proc(vfs, &node);
}

/// The /proc files that change: what the kernel would say now.
pub fn refresh_proc(vfs: &mut Vfs, node: &Node) {
    let now = vfs.now();
    let write = |vfs: &mut Vfs, path: &str, text: &str| {
        if vfs.read(path) != Some(text) {
            vfs.write(path, text);
            vfs.set_mode(path, 0o444);
        }
    };
    let up = node.uptime_secs();
    let idle = up * f64::from(node.cpus) * 0.93;
    write(vfs, "/proc/uptime", &format!("{up:.2} {idle:.2}\n"));
    let last = vfs
        .read(super::ps::LAST_PID)
        .and_then(|t| t.trim().parse::<u32>().ok())
        .unwrap_or(super::BASH_PID);
    let threads: u32 = super::procs::table(node, None)
        .iter()
        .map(|p| p.threads)
        .sum();
    let [a, b, c] = node.load_average();
    write(
        vfs,
        "/proc/loadavg",
        &format!("{a:.2} {b:.2} {c:.2} 1/{} {last}\n", threads + 312),
    );
    write(vfs, "/proc/meminfo", &meminfo(node));
    vfs.set_now(now);
}

fn proc_version() -> String {
    format!(
        "Linux version {} (buildd@lcy02-amd64-067) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #149-Ubuntu SMP Fri Apr 11 22:06:13 UTC 2025\n",
        crate::images::NODE_KERNEL
    )
}

fn cpuinfo(cpus: u32) -> String {
    let flags = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc arch_perfmon rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch cpuid_fault invpcid_single ssbd ibrs ibpb stibp ibrs_enhanced fsgsbase tsc_adjust bmi1 hle avx2 smep bmi2 erms invpcid rtm mpx avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves arat pku ospke avx512_vnni md_clear arch_capabilities";
    (0..cpus)
        .map(|n| {
            format!(
                "processor\t: {n}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nmodel name\t: Intel Xeon Processor (Cascadelake)\nstepping\t: 6\nmicrocode\t: 0x1\ncpu MHz\t\t: 2992.968\ncache size\t: 16384 KB\nphysical id\t: 0\nsiblings\t: {cpus}\ncore id\t\t: {n}\ncpu cores\t: {cpus}\napicid\t\t: {n}\ninitial apicid\t: {n}\nfpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: 13\nwp\t\t: yes\nflags\t\t: {flags}\nvmx flags\t: vnmi preemption_timer posted_intr invvpid ept_x_only ept_ad ept_1gb flexpriority apicv tsc_offset vtpr mtf vapic ept vpid unrestricted_guest vapic_reg vid shadow_vmcs pml tsc_scaling\nbugs\t\t: spectre_v1 spectre_v2 spec_store_bypass swapgs taa mmio_stale_data retbleed gds bhi\nbogomips\t: 5985.93\nclflush size\t: 64\ncache_alignment\t: 64\naddress sizes\t: 46 bits physical, 48 bits virtual\npower management:\n\n"
            )
        })
        .collect()
}

/// /proc/meminfo (Linux 5.15's fields; `free` reads the same figures).
pub fn meminfo(node: &Node) -> String {
    let m = super::free::mem(node);
    let inactive_file = m.cached * 3 / 5;
    let active_file = m.cached - inactive_file + m.buffers;
    let rows: [(&str, u64); 46] = [
        ("MemTotal", m.total),
        ("MemFree", m.free),
        ("MemAvailable", m.available),
        ("Buffers", m.buffers),
        ("Cached", m.cached),
        ("SwapCached", 0),
        ("Active", active_file + m.shmem + 3_412),
        ("Inactive", inactive_file + m.anon),
        ("Active(anon)", m.shmem + 3_412),
        ("Inactive(anon)", m.anon),
        ("Active(file)", active_file),
        ("Inactive(file)", inactive_file),
        ("Unevictable", 28_632),
        ("Mlocked", 27_096),
        ("SwapTotal", 0),
        ("SwapFree", 0),
        ("Dirty", 148),
        ("Writeback", 0),
        ("AnonPages", m.anon),
        ("Mapped", m.mapped),
        ("Shmem", m.shmem),
        ("KReclaimable", m.sreclaimable),
        ("Slab", m.sreclaimable + m.sunreclaim),
        ("SReclaimable", m.sreclaimable),
        ("SUnreclaim", m.sunreclaim),
        ("KernelStack", m.kernel_stack),
        ("PageTables", m.page_tables),
        ("NFS_Unstable", 0),
        ("Bounce", 0),
        ("WritebackTmp", 0),
        ("CommitLimit", m.total / 2),
        ("Committed_AS", m.anon * 5 / 2),
        ("VmallocTotal", 34_359_738_367),
        ("VmallocUsed", 35_608),
        ("VmallocChunk", 0),
        ("Percpu", 1_216 * u64::from(node.cpus)),
        ("HardwareCorrupted", 0),
        ("AnonHugePages", 0),
        ("ShmemHugePages", 0),
        ("ShmemPmdMapped", 0),
        ("FileHugePages", 0),
        ("FilePmdMapped", 0),
        ("Hugetlb", 0),
        ("DirectMap4k", 276_332),
        ("DirectMap2M", 7_063_552),
        ("DirectMap1G", 2_097_152),
    ];
    let mut out = String::new();
    for (name, v) in rows {
        if name == "Hugetlb" {
            for h in [
                "HugePages_Total",
                "HugePages_Free",
                "HugePages_Rsvd",
                "HugePages_Surp",
            ] {
                out.push_str(&format!("{:<19}{:>5}\n", format!("{h}:"), 0));
            }
            out.push_str(&format!("{:<16}{:>8} kB\n", "Hugepagesize:", 2048));
        }
        out.push_str(&format!("{:<16}{:>8} kB\n", format!("{name}:"), v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_match_admin_conf() {
        assert_eq!(
            stand_in("CERTIFICATE", "minikubeCA"),
            "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCm1pbmlrdWJlQ0EKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo="
        );
    }

    #[test]
    fn passwd_names_match_the_table() {
        for line in PASSWD.lines() {
            let f: Vec<&str> = line.split(':').collect();
            let uid: u32 = f[2].parse().unwrap();
            assert!(PASSWD_USERS.contains(&(f[0], uid)), "{line}");
        }
        assert_eq!(PASSWD.lines().count(), PASSWD_USERS.len());
        assert_eq!(GROUP_LINES.len(), GROUPS.len());
    }
}
