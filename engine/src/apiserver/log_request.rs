//! `GET .../pods/{name}/log` as the API server answers it (it proxies the
//! kubelet's containerLogs): `container`, `previous`, `tailLines`,
//! `limitBytes`, `sinceSeconds`, `sinceTime`, `timestamps`. Shared by
//! `kubeplay serve` and `kubectl get --raw`; `kubectl logs` renders its
//! window with [`render`]. Texts: pkg/registry/core/pod (validateContainer,
//! LogLocation) and pkg/apis/core/validation (ValidatePodLogOptions).

use super::ApiServer;
use crate::api::status::{Cause, StatusDetails};
use crate::api::{meta, ApiResource, Status};
use crate::clock::{civil_from_days, Time};
use serde_json::Value;

fn bad(msg: String) -> Status {
    Status::bad_request(msg)
}

/// `validateContainer`: the one container, or the named one.
pub fn container_of(pod: &Value, name: &str, asked: Option<&str>) -> Result<String, Status> {
    let names: Vec<String> = ["initContainers", "containers", "ephemeralContainers"]
        .iter()
        .flat_map(|k| {
            meta::at(pod, &["spec", k])
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|c| c["name"].as_str().map(String::from))
        .collect();
    let regular = meta::at(pod, &["spec", "containers"])
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    match asked.filter(|c| !c.is_empty()) {
        Some(c) if names.iter().any(|n| n == c) => Ok(c.to_string()),
        Some(c) => Err(bad(format!("container {c} is not valid for pod {name}"))),
        None if regular == 1 => Ok(pod["spec"]["containers"][0]["name"]
            .as_str()
            .unwrap_or("")
            .to_string()),
        None if regular == 0 => Err(bad(format!(
            "a container name must be specified for pod {name}"
        ))),
        None => Err(bad(format!(
            "a container name must be specified for pod {name}, choose one of: [{}]",
            names.join(" ")
        ))),
    }
}

/// Go's time.RFC3339Nano: fractional seconds without trailing zeros.
pub fn rfc3339_nano(t: i64) -> String {
    let secs = t.div_euclid(1000);
    let ms = t.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let frac = if ms == 0 {
        String::new()
    } else {
        format!(".{ms:03}").trim_end_matches('0').to_string()
    };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{frac}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// What part of a log is sent, and how.
#[derive(Clone, Debug, Default)]
pub struct LogWindow {
    /// The last N lines.
    pub tail: Option<usize>,
    /// Lines written at or after this moment (ms).
    pub cutoff: Option<i64>,
    /// Each line prefixed with the runtime's RFC3339Nano time.
    pub timestamps: bool,
    pub limit_bytes: Option<usize>,
}

/// The log lines (with the moment each was written) as sent.
pub fn render(w: &LogWindow, lines: Vec<(i64, String)>) -> String {
    let start = w.tail.map_or(0, |t| lines.len().saturating_sub(t));
    let mut out: String = lines[start..]
        .iter()
        .filter(|(at, _)| w.cutoff.is_none_or(|c| *at >= c))
        .map(|(at, l)| {
            if w.timestamps {
                format!("{} {l}", rfc3339_nano(*at))
            } else {
                l.clone()
            }
        })
        .collect();
    if let Some(limit) = w.limit_bytes {
        out.truncate(floor_char_boundary(&out, limit));
    }
    out
}

pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn number(param: &dyn Fn(&str) -> Option<String>, name: &str) -> Result<Option<i64>, Status> {
    match param(name).as_deref() {
        None | Some("") => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| bad(format!("strconv.ParseInt: parsing \"{v}\": invalid syntax"))),
    }
}

/// Go's strconv.ParseBool as the query decoder reads a flag.
pub fn flag(param: &dyn Fn(&str) -> Option<String>, name: &str) -> bool {
    matches!(
        param(name).as_deref(),
        Some("1" | "t" | "T" | "true" | "TRUE" | "True")
    )
}

/// A pod's log request, checked, before it is read.
pub struct LogRequest {
    pub container: String,
    pub previous: bool,
    pub window: LogWindow,
    /// The pod is not on a node yet: upstream has no kubelet to ask and answers nothing.
    pub unscheduled: bool,
}

impl ApiServer {
    /// Checks a pods/log request's pod and parameters.
    pub fn log_request(
        &self,
        r: &ApiResource,
        ns: &str,
        name: &str,
        param: &dyn Fn(&str) -> Option<String>,
    ) -> Result<LogRequest, Status> {
        let pod = self.get(r, ns, name)?;
        let container = container_of(&pod, name, param("container").as_deref())?;
        let tail_lines = number(param, "tailLines")?;
        let limit = number(param, "limitBytes")?;
        let since = number(param, "sinceSeconds")?;
        let since_time = param("sinceTime").filter(|s| !s.is_empty());
        // The registry's NewInvalid(Kind("PodLogOptions"), name, errs).
        let invalid = |field: &str, v: i64, rule: &str| {
            let message = format!("Invalid value: {v}: {rule}");
            Status {
                code: 422,
                reason: "Invalid".into(),
                message: format!("PodLogOptions \"{name}\" is invalid: {field}: {message}"),
                details: Some(Box::new(StatusDetails {
                    name: name.into(),
                    group: String::new(),
                    kind: "PodLogOptions".into(),
                    causes: vec![Cause {
                        reason: "FieldValueInvalid".into(),
                        message,
                        field: field.into(),
                    }],
                })),
            }
        };
        if let Some(v) = tail_lines.filter(|v| *v < 0) {
            return Err(invalid(
                "tailLines",
                v,
                "must be greater than or equal to 0",
            ));
        }
        if let Some(v) = limit.filter(|v| *v < 1) {
            return Err(invalid("limitBytes", v, "must be greater than 0"));
        }
        if let Some(v) = since.filter(|v| *v < 1) {
            return Err(invalid("sinceSeconds", v, "must be greater than 0"));
        }
        let since_time = match since_time {
            None => None,
            Some(s) => Some(Time::parse_rfc3339(&s).ok_or_else(|| {
                bad(format!(
                    "parsing time \"{s}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{s}\" as \"2006\""
                ))
            })?),
        };
        let unscheduled = meta::str_at(&pod, &["spec", "nodeName"])
            .unwrap_or("")
            .is_empty();
        let previous = flag(param, "previous");
        if !previous && !unscheduled {
            if let Some(reason) = super::pod_status::waiting_reason(&pod, &container) {
                return Err(bad(format!(
                    "container \"{container}\" in pod \"{name}\" is waiting to start: {reason}"
                )));
            }
        }
        let cutoff = match (since, since_time) {
            (Some(s), _) => Some(self.now().0 - s * 1000),
            (_, Some(t)) => Some(t.0),
            _ => None,
        };
        Ok(LogRequest {
            container,
            previous,
            window: LogWindow {
                tail: tail_lines.map(|n| n as usize),
                cutoff,
                timestamps: flag(param, "timestamps"),
                limit_bytes: limit.map(|l| l as usize),
            },
            unscheduled,
        })
    }

    /// The text a checked log request answers.
    pub fn log_text(&self, ns: &str, name: &str, req: &LogRequest) -> Result<String, Status> {
        if req.unscheduled {
            return Ok(String::new());
        }
        let lines = self.pod_log_lines(ns, name, &req.container, req.previous)?;
        Ok(render(&req.window, lines))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn picks_the_container_as_upstream_does() {
        let pod = json!({"spec": {"containers": [{"name": "a"}, {"name": "b"}]}});
        assert!(container_of(&pod, "p", Some("b")).is_ok());
        let err = container_of(&pod, "p", None).unwrap_err();
        assert_eq!(
            err.message,
            "a container name must be specified for pod p, choose one of: [a b]"
        );
        let err = container_of(&pod, "p", Some("z")).unwrap_err();
        assert_eq!(err.message, "container z is not valid for pod p");
    }

    #[test]
    fn window_tail_cutoff_timestamps_and_limit() {
        let lines = vec![(1000, "a\n".to_string()), (2500, "b\n".to_string())];
        let w = LogWindow {
            tail: Some(1),
            timestamps: true,
            ..Default::default()
        };
        assert_eq!(render(&w, lines.clone()), "1970-01-01T00:00:02.5Z b\n");
        let w = LogWindow {
            cutoff: Some(2000),
            ..Default::default()
        };
        assert_eq!(render(&w, lines.clone()), "b\n");
        let w = LogWindow {
            limit_bytes: Some(3),
            ..Default::default()
        };
        assert_eq!(render(&w, lines), "a\nb");
    }
}
