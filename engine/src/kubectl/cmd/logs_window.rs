//! Which part of a container log `kubectl logs` shows (`--tail`, `--since`,
//! `--since-time`, `--limit-bytes`), in what form (`--timestamps`: the
//! runtime's RFC3339Nano time of each line), and `-f`: the lines written
//! after, until the container ends (a script runs it in virtual time; the
//! browser keeps it running between ticks until Ctrl-C).

use super::attach::{is_running, pod_object};
use crate::apiserver::log_request::{render, LogWindow};
use crate::clock::Time;
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::{Env, Stream};
use crate::world::World;

/// How long a followed log runs in a script when nothing bounds it.
const FOLLOW_LIMIT_MS: i64 = 600_000;

#[derive(Clone, Debug)]
pub struct Window {
    tail: i64,
    /// `--since`, in whole seconds as kubectl sends it.
    since_secs: Option<i64>,
    since_time: Option<Time>,
    timestamps: bool,
    limit_bytes: Option<usize>,
}

fn flag_error(msg: String) -> CmdError {
    CmdError::Flag {
        msg,
        command: "kubectl logs".into(),
    }
}

pub use crate::apiserver::log_request::rfc3339_nano;

impl Window {
    pub fn from_flags(p: &Parsed) -> Result<Window, CmdError> {
        let since = p.str("since").unwrap_or("0s");
        let since_ms = crate::go_duration::parse_ms(since).map_err(|e| {
            flag_error(format!(
                "invalid argument \"{since}\" for \"--since\" flag: {e}"
            ))
        })?;
        let since_time = match p.str("since-time").filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(Time::parse_rfc3339(s).ok_or_else(|| {
                CmdError::Plain(format!(
                    "parsing time \"{s}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{s}\" as \"2006\""
                ))
            })?),
        };
        if since_time.is_some() && since_ms != 0 {
            return Err(CmdError::Plain(
                "at most one of `sinceTime` or `sinceSeconds` may be specified".into(),
            ));
        }
        let limit = p.int("limit-bytes").unwrap_or(0);
        if limit < 0 {
            return Err(CmdError::Plain(
                "--limit-bytes must be greater than 0".into(),
            ));
        }
        // Go's Duration.Round(time.Second).
        let since_secs = (since_ms != 0).then(|| (since_ms + 500 * since_ms.signum()) / 1000);
        if since_secs.is_some_and(|s| s < 0) {
            return Err(CmdError::Plain("--since must be greater than 0".into()));
        }
        let tail = p.int("tail").unwrap_or(-1);
        if tail < -1 {
            return Err(CmdError::Plain(
                "--tail must be greater than or equal to -1".into(),
            ));
        }
        Ok(Window {
            tail,
            since_secs,
            since_time,
            timestamps: p.bool("timestamps"),
            limit_bytes: (limit > 0).then_some(limit as usize),
        })
    }

    /// A selector's default: the last lines of each log only.
    pub fn set_tail(&mut self, lines: i64) {
        self.tail = lines;
    }

    fn line(&self, at: i64, text: &str) -> String {
        if self.timestamps {
            format!("{} {text}", rfc3339_nano(at))
        } else {
            text.to_string()
        }
    }

    /// The log as shown: the last `tail` lines written since the cutoff.
    pub fn render(&self, lines: Vec<(i64, String)>, now: i64) -> String {
        let cutoff = match (self.since_secs, self.since_time) {
            (Some(s), _) => Some(now - s * 1000),
            (_, Some(t)) => Some(t.0),
            _ => None,
        };
        let w = LogWindow {
            tail: (self.tail >= 0).then_some(self.tail as usize),
            cutoff,
            timestamps: self.timestamps,
            limit_bytes: self.limit_bytes,
        };
        render(&w, lines)
    }
}

/// Each line of `text` after `prefix` (`--prefix`: `[pod/NAME/CONTAINER] `).
pub fn prefixed(text: &str, prefix: Option<&str>) -> String {
    match prefix {
        None => text.to_string(),
        Some(pre) => text
            .split_inclusive('\n')
            .map(|l| format!("{pre}{l}"))
            .collect(),
    }
}

/// One followed container log: how much of it was read.
#[derive(Clone, Debug)]
pub struct Source {
    namespace: String,
    pod: String,
    container: String,
    prefix: Option<String>,
    /// Bytes of the log already read.
    read: usize,
    done: bool,
}

impl Source {
    pub fn new(ns: &str, pod: &str, container: &str, prefix: Option<String>) -> Source {
        Source {
            namespace: ns.into(),
            pod: pod.into(),
            container: container.into(),
            prefix,
            read: usize::MAX,
            done: false,
        }
    }

    /// Starts after what the log holds now.
    fn start(&mut self, world: &World) {
        if self.read == usize::MAX {
            self.read = world
                .api
                .pod_log(&self.namespace, &self.pod, &self.container, false)
                .map_or(0, |l| l.len());
        }
    }

    fn running(&self, world: &World) -> bool {
        pod_object(world, &self.namespace, &self.pod)
            .is_some_and(|p| is_running(&p, &self.container))
    }

    /// The lines written since the last poll; the stream ends with the
    /// container (or the pod).
    fn poll(&mut self, world: &World, window: &Window) -> String {
        self.start(world);
        let lines = world
            .api
            .pod_log_lines(&self.namespace, &self.pod, &self.container, false)
            .unwrap_or_default();
        let mut offset = 0;
        let mut out = String::new();
        for (at, l) in lines {
            if offset >= self.read {
                out.push_str(&window.line(at, &l));
            }
            offset += l.len();
        }
        self.read = offset.max(self.read);
        self.done |= !self.running(world);
        prefixed(&out, self.prefix.as_deref())
    }
}

/// Followed logs (one per container with `-l` or `--all-containers`):
/// what was printed so far.
#[derive(Clone, Debug)]
pub struct Follow {
    sources: Vec<Source>,
    window: Window,
    /// Bytes printed (for --limit-bytes).
    printed: usize,
    done: bool,
}

impl Follow {
    pub fn new(sources: Vec<Source>, window: Window, printed: usize) -> Follow {
        Follow {
            sources,
            window,
            printed,
            done: false,
        }
    }

    fn start(&mut self, world: &World) {
        for s in &mut self.sources {
            s.start(world);
        }
    }

    /// The lines every stream wrote since the last poll; the whole ends
    /// when every stream has.
    pub fn poll(&mut self, world: &World) -> String {
        let mut out = String::new();
        for s in self.sources.iter_mut().filter(|s| !s.done) {
            out.push_str(&s.poll(world, &self.window));
        }
        if let Some(limit) = self.window.limit_bytes {
            let left = limit.saturating_sub(self.printed);
            let mut cut = left.min(out.len());
            while !out.is_char_boundary(cut) {
                cut -= 1;
            }
            out.truncate(cut);
            if self.printed + out.len() >= limit {
                self.done = true;
            }
        }
        self.printed += out.len();
        if self.sources.iter().all(|s| s.done) {
            self.done = true;
        }
        out
    }

    pub fn finished(&self) -> bool {
        self.done
    }
}

/// `logs -f` after the first output: stream in the browser, else run on in
/// virtual time until the container ends or the command's bound: a
/// surrounding `timeout`, or `--request-timeout`, which cuts the stream
/// with the client's error.
pub fn follow(env: &mut Env, mut f: Follow, request_timeout: Option<i64>) -> Result<(), CmdError> {
    f.start(env.world);
    if !f.sources.iter().any(|s| s.running(env.world)) {
        return Ok(());
    }
    let now = env.world.now().0;
    let cut = request_timeout.map(|t| now + t);
    let bound = [cut, env.deadline.map(|d| d.0)].into_iter().flatten().min();
    if bound.is_none() && env.interactive && env.can_stream {
        env.stream = Some(Stream::Logs(Box::new(f)));
        return Ok(());
    }
    let end = bound.unwrap_or(if env.interactive {
        now
    } else {
        now + FOLLOW_LIMIT_MS
    });
    while env.world.now().0 < end && !f.finished() {
        let step = (end - env.world.now().0).min(1000);
        env.world.advance(step);
        let text = f.poll(env.world);
        env.print(text);
    }
    if f.finished() || env.world.now().0 < end {
        return Ok(());
    }
    if env.deadline.is_some_and(|d| d.0 <= end) {
        env.timed_out = true;
        return Ok(());
    }
    match cut {
        Some(c) if c <= end => Err(CmdError::Plain("context deadline exceeded".into())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_nano_trims_zeros() {
        assert_eq!(rfc3339_nano(1_748_768_400_000), "2025-06-01T09:00:00Z");
        assert_eq!(rfc3339_nano(1_748_768_400_120), "2025-06-01T09:00:00.12Z");
        assert_eq!(rfc3339_nano(1_748_768_400_007), "2025-06-01T09:00:00.007Z");
    }
}
