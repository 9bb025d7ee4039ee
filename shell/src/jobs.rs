//! Background jobs in their smallest faithful form: `cmd &` runs the
//! command at once (everything here is simulated), but what it leaves
//! running (a `kubectl port-forward` listening) stays a job the host
//! tracks: `jobs`, `kill %1`, `wait`, `$!`, and in an interactive shell the
//! `[1] 4243` line and the `Terminated` notice.

use crate::ast::{AndOr, Cmd, List, ParamOp, Part, Pipeline, Redir, RedirOp, Word};
use crate::exec::Exec;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: u32,
    pub pid: u32,
    /// The command as `jobs` shows it.
    pub text: String,
    /// Exit status when it finished.
    pub status: i32,
    /// Ended by `kill` (shown once as `Terminated`).
    #[serde(default)]
    pub killed: bool,
    /// When (virtual ms) its `sleep`s let it end: it runs until then.
    #[serde(default)]
    pub ends_at: i64,
    /// Started by the command line now running (not yet announced done).
    #[serde(default)]
    pub fresh: bool,
}

/// The first pid a background job gets (the shell itself is 4242).
const FIRST_PID: u32 = 4243;

/// A word as bash's `jobs` prints it: the quoting as typed (single quotes
/// for a quoted run, a backslash before one escaped character), and
/// substitutions re-rendered from their parse (`$(echo   1)` → `$(echo 1)`,
/// as bash 5's `make_command_string` does).
fn word_text(w: &Word) -> String {
    parts_text(&w.0, false)
}

fn parts_text(parts: &[Part], in_dq: bool) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Lit(s) => s.clone(),
            Part::Quoted(s) if in_dq || (s.chars().count() == 1 && s != "'") => format!("\\{s}"),
            Part::Quoted(s) if s.contains('\'') => s.chars().map(|c| format!("\\{c}")).collect(),
            Part::Quoted(s) => format!("'{s}'"),
            Part::Tilde(s) => format!("~{s}"),
            Part::Dq(inner) => format!("\"{}\"", parts_text(inner, true)),
            Part::Param(p) if matches!(p.op, ParamOp::Plain) => format!("${}", p.name),
            Part::Param(p) if matches!(p.op, ParamOp::Length) => format!("${{#{}}}", p.name),
            Part::Param(p) => format!("${{{}...}}", p.name),
            Part::CmdSub(l) => format!("$({})", list_text(l)),
            Part::Backtick(s) => format!("`{s}`"),
            Part::Arith(w) => format!("$(({}))", word_text(w)),
            Part::ProcSub(l) => format!("<({})", list_text(l)),
            Part::Array(words) => format!(
                "({})",
                words.iter().map(word_text).collect::<Vec<_>>().join(" ")
            ),
        })
        .collect()
}

/// `2> /dev/null`, `> out`, `<<< text`: bash's spacing.
fn redir_text(r: &Redir) -> String {
    let op = match r.op {
        RedirOp::In => "<",
        RedirOp::Out => ">",
        RedirOp::Append => ">>",
        RedirOp::Clobber => ">|",
        RedirOp::DupOut => ">&",
        RedirOp::DupIn => "<&",
        RedirOp::OutErr => "&>",
        RedirOp::AppendOutErr => "&>>",
        RedirOp::HereDoc => "<<",
        RedirOp::HereStr => "<<<",
        RedirOp::ReadWrite => "<>",
    };
    let fd = r.fd.map(|n| n.to_string()).unwrap_or_default();
    match r.op {
        RedirOp::DupOut | RedirOp::DupIn => format!("{fd}{op}{}", word_text(&r.target)),
        _ => format!("{fd}{op} {}", word_text(&r.target)),
    }
}

fn pipeline_text(p: &Pipeline) -> String {
    let cmds: Vec<String> = p
        .cmds
        .iter()
        .map(|(c, _)| match c {
            Cmd::Simple(s) => {
                let mut parts: Vec<String> = s
                    .assigns
                    .iter()
                    .map(|a| format!("{}={}", a.name, word_text(&a.value)))
                    .collect();
                parts.extend(s.words.iter().map(word_text));
                parts.extend(s.redirs.iter().map(redir_text));
                parts.join(" ")
            }
            _ => "...".into(),
        })
        .collect();
    let text = cmds.join(" | ");
    if p.bang {
        format!("! {text}")
    } else {
        text
    }
}

/// A list inside `$(...)`: `a; b &`, as bash prints it.
fn list_text(l: &List) -> String {
    let n = l.0.len();
    l.0.iter()
        .enumerate()
        .map(|(i, (ao, bg))| {
            let sep = match (bg, i + 1 == n) {
                (true, _) => " &",
                (false, true) => "",
                (false, false) => ";",
            };
            format!("{}{sep}", and_or_text(ao))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn and_or_text(ao: &AndOr) -> String {
    let mut s = pipeline_text(&ao.first);
    for (and, p) in &ao.rest {
        s.push_str(if *and { " && " } else { " || " });
        s.push_str(&pipeline_text(p));
    }
    s
}

impl Exec<'_> {
    /// `cmd &`.
    pub fn run_background(&mut self, ao: &AndOr) {
        let pid = self.sh.next_pid.max(FIRST_PID);
        self.sh.next_pid = pid + 1;
        let id = self.sh.jobs.iter().map(|j| j.id).max().unwrap_or(0) + 1;
        let start = self.sh.now;
        self.progs.background(Some(pid));
        let _ = self.run_and_or(ao);
        let ends_at = start.saturating_add(self.progs.job_duration());
        self.progs.background(None);
        self.sh.jobs.push(Job {
            id,
            pid,
            text: and_or_text(ao),
            status: self.sh.status,
            killed: false,
            ends_at,
            fresh: true,
        });
        if self.sh.job_notices {
            self.err(&format!("[{id}] {pid}\n"));
        }
        self.sh.last_bg = Some(pid);
        self.set_status(0);
    }

    /// Whether job `j` still runs: a program it started (a port-forward)
    /// or its own sleeps.
    fn running(&self, j: &Job) -> bool {
        !j.killed && (self.progs.job_running(j.pid) || self.sh.now < j.ends_at)
    }

    /// Before the next prompt an interactive bash announces the jobs that
    /// ended (`[1]+  Done                    sleep 5`) and forgets them.
    pub fn announce_done(&mut self) {
        let mut text = String::new();
        let mut gone = vec![];
        for (i, j) in self.sh.jobs.iter().enumerate() {
            // One that ended the moment it started is seen at the next prompt.
            let seen = !j.fresh || j.ends_at < self.sh.now;
            if j.killed || self.running(j) || !seen {
                continue;
            }
            let status = self.progs.job_exit(j.pid).unwrap_or(j.status);
            let state = match status {
                0 => "Done".to_string(),
                s => format!("Exit {s}"),
            };
            text.push_str(&format!(
                "[{}]{}  {state:<24}{}\n",
                j.id,
                self.marker(i),
                j.text
            ));
            gone.push(j.pid);
        }
        self.sh.jobs.retain(|j| !gone.contains(&j.pid));
        for j in self.sh.jobs.iter_mut() {
            j.fresh = false;
        }
        self.err(&text);
    }

    /// Which job `spec` (`%1`, `%%`, `%+`, `%-`, a pid) names.
    fn find_job(&self, spec: &str) -> Option<usize> {
        let jobs = &self.sh.jobs;
        match spec {
            "%%" | "%+" | "%" => jobs.len().checked_sub(1),
            "%-" => jobs.len().checked_sub(2),
            _ => match spec.strip_prefix('%') {
                Some(n) => jobs.iter().position(|j| n.parse() == Ok(j.id)),
                None => jobs.iter().position(|j| spec.parse() == Ok(j.pid)),
            },
        }
    }

    fn marker(&self, i: usize) -> char {
        let n = self.sh.jobs.len();
        if i + 1 == n {
            '+'
        } else if i + 2 == n {
            '-'
        } else {
            ' '
        }
    }

    /// `jobs [-l] [-p]`: running jobs, then finished ones once (they are forgotten).
    pub fn jobs_builtin(&mut self, argv: &[String]) -> i32 {
        let long = argv.iter().any(|a| a == "-l");
        let pids = argv.iter().any(|a| a == "-p");
        let mut text = String::new();
        let mut done = vec![];
        for (i, j) in self.sh.jobs.iter().enumerate() {
            let running = self.running(j);
            let status = self.progs.job_exit(j.pid).unwrap_or(j.status);
            if pids {
                text.push_str(&format!("{}\n", j.pid));
                continue;
            }
            let state = if j.killed {
                "Terminated".to_string()
            } else if running {
                "Running".to_string()
            } else if status == 0 {
                "Done".to_string()
            } else {
                format!("Exit {status}")
            };
            let pid = if long {
                format!("{} ", j.pid)
            } else {
                String::new()
            };
            let amp = if running { " &" } else { "" };
            text.push_str(&format!(
                "[{}]{}  {pid}{state:<24}{}{amp}\n",
                j.id,
                self.marker(i),
                j.text
            ));
            if !running {
                done.push(j.pid);
            }
        }
        self.sh.jobs.retain(|j| !done.contains(&j.pid));
        self.out(&text);
        0
    }

    /// `kill` of `%N` or a job's pid with `signal`; other pids do not
    /// exist (the shell's own, 4242, is the caller's to answer). Signal 0
    /// only asks whether the job is there; signals a process ignores or
    /// that stop it leave it running.
    pub fn kill_job_spec(&mut self, spec: &str, signal: i32) -> Result<(), String> {
        let Some(i) = self.find_job(spec) else {
            return Err(if spec.starts_with('%') {
                format!("bash: kill: {spec}: no such job\n")
            } else {
                format!("bash: kill: ({spec}) - No such process\n")
            });
        };
        let job = self.sh.jobs[i].clone();
        let sleeping = !job.killed && self.sh.now < job.ends_at;
        if job.killed || !(self.progs.kill_job(job.pid) || sleeping) {
            return Err(format!("bash: kill: ({}) - No such process\n", job.pid));
        }
        // 0 tests; CHLD, CONT, URG and WINCH are ignored; STOP, TSTP,
        // TTIN and TTOU would stop it (not modelled: it runs on).
        if matches!(signal, 0 | 17..=23 | 28) {
            return Ok(());
        }
        let marker = self.marker(i);
        self.sh.jobs[i].killed = true;
        self.sh.jobs[i].status = 128 + signal;
        if self.sh.job_notices {
            self.sh.jobs.remove(i);
            self.err(&format!(
                "[{}]{marker}  {:<24}{}\n",
                job.id,
                death_text(signal),
                job.text
            ));
        }
        Ok(())
    }

    /// `wait [%N|pid]`: time passes until the job (or every job) has
    /// slept its sleeps; finished ones are collected. (A program that runs
    /// on, a port-forward, is not waited for.)
    pub fn wait_builtin(&mut self, argv: &[String]) -> i32 {
        let mut status = 0;
        let until = match argv.get(1) {
            Some(spec) => match self.find_job(spec) {
                Some(i) => {
                    let j = &self.sh.jobs[i];
                    status = j.status;
                    if j.killed {
                        self.sh.now
                    } else {
                        j.ends_at
                    }
                }
                None => {
                    self.err(&format!("bash: wait: {spec}: no such job\n"));
                    return 127;
                }
            },
            None => self
                .sh
                .jobs
                .iter()
                .filter(|j| !j.killed)
                .map(|j| j.ends_at)
                .max()
                .unwrap_or(0),
        };
        self.pass_time(until);
        let now = self.sh.now;
        let progs = &*self.progs;
        self.sh
            .jobs
            .retain(|j| !j.killed && (progs.job_running(j.pid) || now < j.ends_at));
        status
    }

    /// Lets the host's clock run on to `until` (as a foreground `sleep`).
    fn pass_time(&mut self, until: i64) {
        let ms = until.saturating_sub(self.sh.now);
        if ms <= 0 {
            return;
        }
        let argv = vec![
            "sleep".to_string(),
            format!("{}.{:03}", ms / 1000, ms % 1000),
        ];
        let stdin = crate::Stdin::new(String::new());
        let inv = crate::Invocation {
            argv,
            stdin: &stdin,
            cwd: &self.sh.cwd,
            env: &self.sh.env,
            vfs: &mut self.sh.vfs,
            stdout_tty: false,
            stdin_tty: false,
        };
        if self.progs.run(inv).is_some() {
            self.after_host();
        }
    }
}

/// How bash reports a job a signal ended (glibc's strsignal).
fn death_text(signal: i32) -> &'static str {
    match signal {
        1 => "Hangup",
        2 => "Interrupt",
        3 => "Quit",
        6 => "Aborted",
        9 => "Killed",
        10 => "User defined signal 1",
        12 => "User defined signal 2",
        13 => "Broken pipe",
        14 => "Alarm clock",
        _ => "Terminated",
    }
}
