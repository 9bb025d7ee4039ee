//! `kubectl describe` describers (kubectl v1.33 `pkg/describe/describe.go`):
//! one per kind, each reading the cluster only through the API server's verbs
//! and writing `Key:\tvalue` lines through a prefix writer into Go's
//! `text/tabwriter` (minwidth 0, tabwidth 8, padding 2, pad ' ', no flags).

mod classes;
mod configmap;
mod cronjob;
mod csinode;
mod csr;
mod daemonset;
mod deployment;
mod endpoints;
pub mod events;
mod generic;
mod hpa;
mod ingress;
mod job;
mod limitrange;
mod namespace;
mod networkpolicy;
mod node;
mod pdb;
mod persistentvolume;
mod pod;
pub use pod::pod_template;
mod rbac;
mod replicaset;
mod resourcequota;
mod secret;
mod service;
mod serviceaccount;
mod servicecidr;
mod statefulset;

use crate::api::{meta, ApiResource, Status};
use crate::apiserver::{ApiServer, ListOptions};
use crate::clock::Time;
use serde_json::Value;

/// What a describer may read, and how.
pub struct Ctx<'a> {
    pub api: &'a ApiServer,
    pub now: Time,
    /// `--show-events`.
    pub show_events: bool,
}

impl Ctx<'_> {
    /// The served resource a plural name resolves to (always served here).
    pub fn resource(&self, plural: &str) -> Option<ApiResource> {
        self.api.registry().resolve(plural).cloned()
    }

    /// Gets one object of a resource by its plural name.
    pub fn get(&self, plural: &str, namespace: &str, name: &str) -> Result<Value, Status> {
        let r = self.resource(plural).ok_or_else(|| {
            Status::bad_request(format!(
                "the server doesn't have a resource type \"{plural}\""
            ))
        })?;
        self.api.get(&r, namespace, name)
    }

    /// Lists a resource; an unserved resource or failed list is an empty list.
    pub fn list(
        &self,
        plural: &str,
        namespace: Option<&str>,
        labels: Option<String>,
        fields: Option<String>,
    ) -> Result<Vec<Value>, Status> {
        let Some(r) = self.resource(plural) else {
            return Ok(vec![]);
        };
        self.api.list(
            &r,
            namespace,
            &ListOptions {
                label_selector: labels,
                field_selector: fields,
            },
        )
    }

    /// `duration.HumanDuration(time.Since(ts))`, `<unknown>` for a zero time.
    pub fn since(&self, ts: Option<&str>) -> String {
        match ts.and_then(Time::parse_rfc3339) {
            Some(t) => crate::api::table::human_duration(self.now.0 - t.0),
            None => "<unknown>".into(),
        }
    }
}

/// Describes one object of a resource, by kind as kubectl's describer map does.
pub fn describe(ctx: &Ctx, r: &ApiResource, namespace: &str, name: &str) -> Result<String, Status> {
    let ns = if r.namespaced { namespace } else { "" };
    match (r.group.as_str(), r.kind.as_str()) {
        ("", "Pod") => pod::describe(ctx, ns, name),
        ("", "Node") => node::describe(ctx, name),
        ("", "Namespace") => namespace::describe(ctx, name),
        ("", "Service") => service::describe(ctx, ns, name),
        ("", "ConfigMap") => configmap::describe(ctx, ns, name),
        ("policy", "PodDisruptionBudget") => pdb::describe(ctx, ns, name),
        ("", "Secret") => secret::describe(ctx, ns, name),
        ("", "ResourceQuota") => resourcequota::describe(ctx, ns, name),
        ("apps", "Deployment") => deployment::describe(ctx, ns, name),
        ("apps", "ReplicaSet") => replicaset::describe(ctx, ns, name),
        ("", "PersistentVolumeClaim") => persistentvolume::describe_claim(ctx, ns, name),
        ("", "PersistentVolume") => persistentvolume::describe_volume(ctx, name),
        ("apps", "StatefulSet") => statefulset::describe(ctx, ns, name),
        ("apps", "DaemonSet") => daemonset::describe(ctx, ns, name),
        ("batch", "Job") => job::describe(ctx, ns, name),
        ("batch", "CronJob") => cronjob::describe(ctx, ns, name),
        ("", "ReplicationController") => replicaset::describe_rc(ctx, ns, name),
        ("", "ServiceAccount") => serviceaccount::describe(ctx, ns, name),
        ("", "Endpoints") => endpoints::describe_endpoints(ctx, ns, name),
        ("discovery.k8s.io", "EndpointSlice") => endpoints::describe_slice(ctx, ns, name),
        ("", "LimitRange") => limitrange::describe(ctx, ns, name),
        ("autoscaling", "HorizontalPodAutoscaler") => hpa::describe(ctx, ns, name),
        ("networking.k8s.io", "Ingress") => ingress::describe(ctx, ns, name),
        ("networking.k8s.io", "IngressClass") => ingress::describe_class(ctx, name),
        ("networking.k8s.io", "NetworkPolicy") => networkpolicy::describe(ctx, ns, name),
        ("networking.k8s.io", "ServiceCIDR") => servicecidr::describe_cidr(ctx, name),
        ("networking.k8s.io", "IPAddress") => servicecidr::describe_ip(ctx, name),
        ("rbac.authorization.k8s.io", "Role") => rbac::describe_role(ctx, "roles", ns, name),
        ("rbac.authorization.k8s.io", "ClusterRole") => {
            rbac::describe_role(ctx, "clusterroles", "", name)
        }
        ("rbac.authorization.k8s.io", "RoleBinding") => {
            rbac::describe_binding(ctx, "rolebindings", ns, name)
        }
        ("rbac.authorization.k8s.io", "ClusterRoleBinding") => {
            rbac::describe_binding(ctx, "clusterrolebindings", "", name)
        }
        ("scheduling.k8s.io", "PriorityClass") => classes::describe_priority_class(ctx, name),
        ("storage.k8s.io", "StorageClass") => classes::describe_storage_class(ctx, name),
        ("storage.k8s.io", "CSINode") => csinode::describe(ctx, name),
        ("certificates.k8s.io", "CertificateSigningRequest") => csr::describe(ctx, name),
        _ => generic::describe(ctx, r, ns, name),
    }
}

// ---------------------------------------------------------------------------
// Go's text/tabwriter and describe's prefix writer.

/// Go `text/tabwriter` with describe's settings: cells end at `\t`; a column
/// is a run of adjacent lines having a cell at that index; its width is its
/// widest cell (in runes) plus 2; a line's last cell is never padded.
#[derive(Default)]
pub struct TabWriter {
    pending: String,
    out: String,
}

impl TabWriter {
    pub fn write(&mut self, s: &str) {
        self.pending.push_str(s);
    }

    /// Lays out everything written since the last flush.
    pub fn flush(&mut self) {
        let text = std::mem::take(&mut self.pending);
        let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
        let mut widths = vec![];
        format_block(&mut self.out, &lines, &mut widths, 0, lines.len());
    }

    pub fn finish(mut self) -> String {
        self.flush();
        self.out
    }
}

fn format_block(
    out: &mut String,
    lines: &[Vec<&str>],
    widths: &mut Vec<usize>,
    mut line0: usize,
    line1: usize,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        write_lines(out, lines, widths, line0, this);
        line0 = this;
        let mut width = 0;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(lines[this][column].chars().count() + 2);
            this += 1;
        }
        widths.push(width);
        format_block(out, lines, widths, line0, this);
        widths.pop();
        line0 = this;
    }
    write_lines(out, lines, widths, line0, line1);
}

fn write_lines(
    out: &mut String,
    lines: &[Vec<&str>],
    widths: &[usize],
    line0: usize,
    line1: usize,
) {
    for (i, line) in lines.iter().enumerate().take(line1).skip(line0) {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if let Some(&w) = widths.get(j) {
                let n = w.saturating_sub(cell.chars().count());
                out.extend(std::iter::repeat_n(' ', n));
            }
        }
        // The last piece (text after the final newline) gets no newline.
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
}

/// describe's prefixWriter over a tabwriter: level n indents 2n spaces, and
/// terminal control characters are escaped (`\x1b` → `^[`, `\r` → `\r`).
#[derive(Default)]
pub struct Writer {
    tw: TabWriter,
}

impl Writer {
    pub fn write(&mut self, level: usize, s: &str) {
        let text = format!("{}{s}", "  ".repeat(level));
        self.tw
            .write(&text.replace('\x1b', "^[").replace('\r', "\\r"));
    }
    /// `WriteLine`: the text and a newline, unindented.
    pub fn line(&mut self, s: &str) {
        self.write(0, &format!("{s}\n"));
    }
    pub fn flush(&mut self) {
        self.tw.flush();
    }
    pub fn finish(self) -> String {
        self.tw.finish()
    }
    /// What was written, tabs left in: kubectl's PrefixWriter straight into
    /// a buffer, no tabwriter (`rollout history --revision`).
    pub fn unaligned(self) -> String {
        self.tw.out + &self.tw.pending
    }
}

// ---------------------------------------------------------------------------
// Shared field printers.

/// A string field, `""` when absent.
pub fn s<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    meta::str_at(v, path).unwrap_or("")
}

/// An integer field, 0 when absent.
pub fn int(v: &Value, path: &[&str]) -> i64 {
    meta::at(v, path).and_then(Value::as_i64).unwrap_or(0)
}

/// An array field, empty when absent.
pub fn arr<'a>(v: &'a Value, path: &[&str]) -> &'a [Value] {
    meta::at(v, path)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A string map field as pairs sorted by key.
pub fn map<'a>(v: &'a Value, path: &[&str]) -> Vec<(&'a str, &'a str)> {
    let mut pairs = meta::string_map(meta::at(v, path));
    pairs.sort();
    pairs
}

/// printLabelsMultilineWithIndent: one `key=value` per line, values aligned.
pub fn labels_multiline(w: &mut Writer, indent: &str, title: &str, labels: &[(&str, &str)]) {
    w.write(0, &format!("{indent}{title}:\t"));
    if labels.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted = labels.to_vec();
    sorted.sort();
    for (i, (k, v)) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(0, indent);
            w.write(0, "\t");
        }
        w.write(0, &format!("{k}={v}\n"));
    }
}

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
pub(crate) const MAX_ANNOTATION_LEN: usize = 140;

fn shorten(s: &str, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}...", &s[..end])
    } else {
        s.to_string()
    }
}

/// printAnnotationsMultiline: sorted, last-applied-configuration left out,
/// long or multi-line values on their own lines, cut at 138 bytes.
pub fn annotations_multiline(w: &mut Writer, title: &str, annotations: &[(&str, &str)]) {
    w.write(0, &format!("{title}:\t"));
    let mut keys: Vec<&(&str, &str)> = annotations
        .iter()
        .filter(|(k, _)| *k != LAST_APPLIED)
        .collect();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    keys.sort();
    for (i, (k, v)) in keys.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let value = v.strip_suffix('\n').unwrap_or(v);
        if value.len() + k.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{k}:\n"));
            for part in value.split('\n') {
                w.write(
                    0,
                    &format!("\t  {}\n", shorten(part, MAX_ANNOTATION_LEN - 2)),
                );
            }
        } else {
            w.write(0, &format!("{k}: {value}\n"));
        }
    }
}

fn taint_string(t: &Value) -> String {
    let (k, v, e) = (s(t, &["key"]), s(t, &["value"]), s(t, &["effect"]));
    match (v.is_empty(), e.is_empty()) {
        (true, true) => k.to_string(),
        (false, true) => format!("{k}={v}:"),
        (true, false) => format!("{k}:{e}"),
        (false, false) => format!("{k}={v}:{e}"),
    }
}

/// printTaintsMultilineWithIndent: sorted by `effect,key`.
pub fn taints_multiline(w: &mut Writer, title: &str, taints: &[Value]) {
    w.write(0, &format!("{title}:\t"));
    if taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Value> = taints.iter().collect();
    sorted.sort_by_key(|t| format!("{},{}", s(t, &["effect"]), s(t, &["key"])));
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{}\n", taint_string(t)));
    }
}

/// printTolerationsMultilineWithIndent: sorted by key.
pub fn tolerations_multiline(w: &mut Writer, indent: &str, title: &str, tolerations: &[Value]) {
    w.write(0, &format!("{indent}{title}:\t"));
    if tolerations.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Value> = tolerations.iter().collect();
    sorted.sort_by_key(|t| s(t, &["key"]).to_string());
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, indent);
            w.write(0, "\t");
        }
        let (key, value, effect) = (s(t, &["key"]), s(t, &["value"]), s(t, &["effect"]));
        let mut line = key.to_string();
        if !value.is_empty() {
            line.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            line.push_str(&format!(":{effect}"));
        }
        if s(t, &["operator"]) == "Exists" && value.is_empty() {
            if !key.is_empty() || !effect.is_empty() {
                line.push_str(" op=Exists");
            } else {
                line.push_str("op=Exists");
            }
        }
        if let Some(secs) = t.get("tolerationSeconds").and_then(Value::as_i64) {
            line.push_str(&format!(" for {secs}s"));
        }
        w.write(0, &format!("{line}\n"));
    }
}

/// `Kind/name` of the object's controller, if it has one.
pub fn controlled_by(obj: &Value) -> Option<String> {
    arr(obj, &["metadata", "ownerReferences"])
        .iter()
        .find(|o| o.get("controller").and_then(Value::as_bool) == Some(true))
        .map(|o| format!("{}/{}", s(o, &["kind"]), s(o, &["name"])))
}

/// `metav1.FormatLabelSelector`: the selector's string, `<none>` when empty or nil.
pub fn format_label_selector(sel: Option<&Value>) -> String {
    match selector_string(sel) {
        s if s.is_empty() => "<none>".into(),
        s => s,
    }
}

/// A label selector as the string `labels.Selector.String()` gives (sorted by key).
pub fn selector_string(sel: Option<&Value>) -> String {
    let Some(sel) = sel.filter(|v| !v.is_null()) else {
        return String::new();
    };
    let mut parts: Vec<(String, String)> = map(sel, &["matchLabels"])
        .into_iter()
        .map(|(k, v)| (k.to_string(), format!("{k}={v}")))
        .collect();
    for e in arr(sel, &["matchExpressions"]) {
        let key = s(e, &["key"]);
        let mut values: Vec<&str> = arr(e, &["values"])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        values.sort();
        let part = match s(e, &["operator"]) {
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            _ => continue,
        };
        parts.push((key.to_string(), part));
    }
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    parts
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join(",")
}

/// `labels.FormatLabels`: `k=v,k2=v2` sorted by key, `<none>` when empty.
pub fn format_labels(pairs: &[(&str, &str)]) -> String {
    if pairs.is_empty() {
        return "<none>".into();
    }
    let mut sorted = pairs.to_vec();
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Go's `%v` of a string slice: `[a b]`.
pub fn go_list(v: &[Value]) -> String {
    let items: Vec<&str> = v.iter().filter_map(Value::as_str).collect();
    format!("[{}]", items.join(" "))
}

/// The common head: `Name:`, labels and annotations (kinds without a namespace line).
pub fn name_labels_annotations(w: &mut Writer, obj: &Value) {
    w.write(0, &format!("Name:\t{}\n", s(obj, &["metadata", "name"])));
    labels_multiline(w, "", "Labels", &map(obj, &["metadata", "labels"]));
    annotations_multiline(w, "Annotations", &map(obj, &["metadata", "annotations"]));
}

/// The common head with a namespace: `Name:`, `Namespace:`, labels, annotations.
pub fn namespaced_head(w: &mut Writer, obj: &Value) {
    w.write(0, &format!("Name:\t{}\n", s(obj, &["metadata", "name"])));
    w.write(
        0,
        &format!("Namespace:\t{}\n", s(obj, &["metadata", "namespace"])),
    );
    labels_multiline(w, "", "Labels", &map(obj, &["metadata", "labels"]));
    annotations_multiline(w, "Annotations", &map(obj, &["metadata", "annotations"]));
}

/// `intstr.IntOrString.String()`.
pub fn int_or_string(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => "0".into(),
    }
}

// ---------------------------------------------------------------------------
// Time and quantities.

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Go's `time.RFC1123Z` (`Mon, 02 Jan 2006 15:04:05 -0700`) in UTC; the zero
/// time for an absent timestamp, as formatting a zero metav1.Time gives.
pub fn rfc1123z(ts: Option<&str>) -> String {
    let Some(t) = ts.and_then(Time::parse_rfc3339) else {
        return "Mon, 01 Jan 0001 00:00:00 +0000".into();
    };
    let secs = t.secs();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil(days);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        WEEKDAYS[days.rem_euclid(7) as usize],
        d,
        MONTHS[(m - 1) as usize],
        y,
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Go's `time.Time.String()` of a metav1 time in UTC
/// (`2006-01-02 15:04:05 +0000 UTC`); the zero time for an absent timestamp.
pub fn go_time(ts: Option<&str>) -> String {
    let Some(t) = ts.and_then(Time::parse_rfc3339) else {
        return "0001-01-01 00:00:00 +0000 UTC".into();
    };
    let secs = t.secs();
    let (y, m, d) = civil(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} +0000 UTC",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

pub use crate::api::quantity::Quantity;

/// A quantity string as `Quantity.String()` prints it (as is if unparseable).
pub fn quantity(q: &str) -> String {
    crate::api::quantity::canonical(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab(s: &str) -> String {
        let mut t = TabWriter::default();
        t.write(s);
        t.finish()
    }

    #[test]
    fn tabwriter_matches_go() {
        assert_eq!(tab("a:\tb\nlong key:\tc\n"), "a:         b\nlong key:  c\n");
        // A line without cells breaks the column.
        assert_eq!(tab("a:\tb\nX\nlong:\tc\n"), "a:  b\nX\nlong:  c\n");
        // Nested columns only align where the outer column is shared.
        assert_eq!(
            tab("  T\tS\n  ----\t--\n  Ready \tTrue \n"),
            "  T       S\n  ----    --\n  Ready   True \n"
        );
        assert_eq!(tab("IP:\t\nIPs:\t<none>\n"), "IP:   \nIPs:  <none>\n");
    }

    #[test]
    fn quantities_print_canonically() {
        assert_eq!(quantity("100m"), "100m");
        assert_eq!(quantity("0.5"), "500m");
        assert_eq!(quantity("1000m"), "1");
        assert_eq!(quantity("2"), "2");
        assert_eq!(quantity("1500"), "1500");
        assert_eq!(quantity("2000"), "2k");
        assert_eq!(quantity("1024Mi"), "1Gi");
        assert_eq!(quantity("8025424Ki"), "8025424Ki");
        assert_eq!(quantity("512"), "512");
        assert_eq!(quantity("0"), "0");
        assert_eq!(quantity("128Mi"), "128Mi");
    }

    #[test]
    fn go_time_like_go() {
        assert_eq!(
            go_time(Some("2025-06-01T09:01:00Z")),
            "2025-06-01 09:01:00 +0000 UTC"
        );
        assert_eq!(go_time(None), "0001-01-01 00:00:00 +0000 UTC");
    }

    #[test]
    fn rfc1123z_like_go() {
        assert_eq!(
            rfc1123z(Some("2025-06-01T09:01:00Z")),
            "Sun, 01 Jun 2025 09:01:00 +0000"
        );
    }
}
