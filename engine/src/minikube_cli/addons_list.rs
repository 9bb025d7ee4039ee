//! `minikube addons list`: every addon minikube v1.36.0 ships
//! (`pkg/minikube/assets/addons.go`, sorted by name) in the table
//! olekukonko/tablewriter v0.0.5 draws: `|`-bordered, headers upper-cased
//! and centred, cells left-aligned and wrapped at 30 columns with the
//! minimum-raggedness rule, emoji two columns wide.

/// (name, maintainer, enabled by default).
pub const ADDONS: &[(&str, &str, bool)] = &[
    ("ambassador", "3rd party (Ambassador)", false),
    ("amd-gpu-device-plugin", "3rd party (AMD)", false),
    ("auto-pause", "minikube", false),
    ("cloud-spanner", "Google", false),
    ("csi-hostpath-driver", "Kubernetes", false),
    ("dashboard", "Kubernetes", false),
    ("default-storageclass", "Kubernetes", true),
    ("efk", "3rd party (Elastic)", false),
    ("freshpod", "Google", false),
    ("gcp-auth", "Google", false),
    ("gvisor", "minikube", false),
    ("headlamp", "3rd party (kinvolk.io)", false),
    ("inaccel", "3rd party (InAccel [info@inaccel.com])", false),
    ("ingress", "Kubernetes", false),
    ("ingress-dns", "minikube", false),
    ("inspektor-gadget", "3rd party (inspektor-gadget.io)", false),
    ("istio", "3rd party (Istio)", false),
    ("istio-provisioner", "3rd party (Istio)", false),
    ("kong", "3rd party (Kong HQ)", false),
    ("kubeflow", "3rd party", false),
    ("kubevirt", "3rd party (KubeVirt)", false),
    ("logviewer", "3rd party (unknown)", false),
    ("metallb", "3rd party (MetalLB)", false),
    ("metrics-server", "Kubernetes", false),
    ("nvidia-device-plugin", "3rd party (NVIDIA)", false),
    ("nvidia-driver-installer", "3rd party (NVIDIA)", false),
    ("nvidia-gpu-device-plugin", "3rd party (NVIDIA)", false),
    ("olm", "3rd party (Operator Framework)", false),
    ("pod-security-policy", "3rd party (unknown)", false),
    ("portainer", "3rd party (Portainer.io)", false),
    ("registry", "minikube", false),
    ("registry-aliases", "3rd party (unknown)", false),
    ("registry-creds", "3rd party (UPMC Enterprises)", false),
    ("storage-provisioner", "minikube", true),
    ("storage-provisioner-gluster", "3rd party (Gluster)", false),
    ("storage-provisioner-rancher", "3rd party (Rancher)", false),
    ("volcano", "third-party (volcano)", false),
    ("volumesnapshots", "Kubernetes", false),
    ("yakd", "3rd party (marcnuri.com)", false),
];

/// tablewriter's `MAX_ROW_WIDTH`.
const MAX_WIDTH: usize = 30;

/// go-runewidth: the check mark is a wide character.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c == '✅' { 2 } else { 1 }).sum()
}

/// `WrapString`: words on spaces, lines of at most `lim` columns chosen to
/// minimise the squared slack of every line but the last.
fn wrap(s: &str, lim: usize) -> Vec<String> {
    let words: Vec<&str> = s.split(' ').collect();
    let lim = words.iter().map(|w| width(w)).max().unwrap_or(0).max(lim);
    let n = words.len();
    let len = |i: usize, j: usize| -> usize {
        words[i..=j].iter().map(|w| width(w)).sum::<usize>() + (j - i)
    };
    let mut cost = vec![i64::MAX; n];
    let mut brk = vec![n; n];
    for i in (0..n).rev() {
        if len(i, n - 1) <= lim {
            cost[i] = 0;
            brk[i] = n;
            continue;
        }
        for j in i + 1..n {
            let d = lim as i64 - len(i, j - 1) as i64;
            let c = d * d + cost[j];
            if c < cost[i] {
                cost[i] = c;
                brk[i] = j;
            }
        }
    }
    let mut lines = vec![];
    let mut i = 0;
    while i < n {
        lines.push(words[i..brk[i]].join(" "));
        i = brk[i];
    }
    lines
}

/// The table for a profile whose addons `enabled` says are on.
pub fn render(profile: &str, enabled: impl Fn(&str, bool) -> bool) -> String {
    let header = ["Addon Name", "Profile", "Status", "Maintainer"];
    let rows: Vec<[String; 4]> = ADDONS
        .iter()
        .map(|(name, maintainer, default)| {
            let status = if enabled(name, *default) {
                "enabled ✅"
            } else {
                "disabled    "
            };
            [
                name.to_string(),
                profile.to_string(),
                status.to_string(),
                maintainer.to_string(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    let cells: Vec<Vec<Vec<String>>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| {
                    let w = width(cell).min(MAX_WIDTH);
                    let lines = wrap(cell, w);
                    let w = lines.iter().map(|l| width(l)).max().unwrap_or(0).max(w);
                    widths[i] = widths[i].max(w);
                    lines
                })
                .collect()
        })
        .collect();
    let rule: String = widths
        .iter()
        .map(|w| "-".repeat(w + 2))
        .fold("|".to_string(), |acc, d| acc + &d + "|");
    let mut out = format!("{rule}\n|");
    for (h, w) in header.iter().zip(&widths) {
        let h = h.to_uppercase();
        let gap = w - width(&h);
        let left = gap / 2;
        out += &format!(" {}{}{} |", " ".repeat(left), h, " ".repeat(gap - left));
    }
    out += &format!("\n{rule}\n");
    for row in &cells {
        let height = row.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            out.push('|');
            for (cell, w) in row.iter().zip(&widths) {
                let text = cell.get(line).map_or("", String::as_str);
                out += &format!(" {}{} |", text, " ".repeat(w - width(text)));
            }
            out.push('\n');
        }
    }
    out + &rule + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_maintainers_wrap_with_least_raggedness() {
        assert_eq!(
            wrap("3rd party (InAccel [info@inaccel.com])", 30),
            ["3rd party (InAccel", "[info@inaccel.com])"]
        );
        assert_eq!(
            wrap("3rd party (inspektor-gadget.io)", 30),
            ["3rd party", "(inspektor-gadget.io)"]
        );
        assert_eq!(wrap("minikube", 8), ["minikube"]);
    }

    #[test]
    fn enabled_rows_and_widths() {
        let t = render("minikube", |_, d| d);
        assert!(t.starts_with("|-----------------------------|----------|--------------|--------------------------------|\n|         ADDON NAME          | PROFILE  |    STATUS    |           MAINTAINER           |\n"));
        assert!(t.contains("| default-storageclass        | minikube | enabled ✅   | Kubernetes                     |\n"));
        assert!(t.contains("| metrics-server              | minikube | disabled     | Kubernetes                     |\n"));
        assert!(t.contains("| inaccel                     | minikube | disabled     | 3rd party (InAccel             |\n|                             |          |              | [info@inaccel.com])            |\n"));
    }
}
