//! Transcript tests: every `tests/transcripts/*.txt` is a terminal session —
//! `$ command` lines (with `> ` continuation lines for here-documents), each
//! followed by the exact output a learner sees (stdout and stderr as the
//! terminal interleaves them). Directives: `# sleep 30s` advances the clock,
//! `# status N` checks the last exit status, `# seed N` (first line) picks
//! the seed, `# preset kind` (first line) the cluster. `KUBEPLAY_UPDATE_TRANSCRIPTS=1 cargo test` rewrites the files
//! with what the engine prints now; review the diff like code.

use kubeplay_engine::{Cluster, Preset};
use std::path::{Path, PathBuf};

enum Step {
    Command { input: String, expected: String },
    Sleep(String),
    Status(i32),
}

fn is_directive(line: &str) -> bool {
    ["# sleep ", "# status ", "# seed ", "# preset "]
        .iter()
        .any(|d| line.starts_with(d))
}

fn parse(text: &str) -> (Preset, u64, Vec<Step>) {
    let mut preset = Preset::Minikube;
    let mut seed = 1;
    let mut steps = vec![];
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(p) = line.strip_prefix("# preset ") {
            preset = Preset::from_name(p.trim()).expect("a known preset");
        } else if let Some(s) = line.strip_prefix("# seed ") {
            seed = s.trim().parse().expect("seed is a number");
        } else if let Some(d) = line.strip_prefix("# sleep ") {
            steps.push(Step::Sleep(d.trim().to_string()));
        } else if let Some(n) = line.strip_prefix("# status ") {
            steps.push(Step::Status(n.trim().parse().expect("status is a number")));
        } else if let Some(cmd) = line.strip_prefix("$ ") {
            let mut input = cmd.to_string();
            while let Some(cont) = lines.peek().and_then(|l| {
                l.strip_prefix("> ")
                    .or(if *l == ">" { Some("") } else { None })
            }) {
                input.push('\n');
                input.push_str(cont);
                lines.next();
            }
            let mut expected = String::new();
            while let Some(l) = lines.peek() {
                if l.starts_with("$ ") || is_directive(l) {
                    break;
                }
                expected.push_str(l);
                expected.push('\n');
                lines.next();
            }
            steps.push(Step::Command { input, expected });
        }
    }
    (preset, seed, steps)
}

/// Runs a transcript; returns the transcript as the engine would write it.
fn replay(text: &str) -> (String, Vec<String>) {
    let (preset, seed, steps) = parse(text);
    let mut cluster = Cluster::new(preset, seed);
    let mut out = String::new();
    let mut failures = vec![];
    if let Some(line) = text.lines().find(|l| l.starts_with("# preset ")) {
        out.push_str(line);
        out.push('\n');
    }
    if seed != 1 {
        out.push_str(&format!("# seed {seed}\n"));
    }
    let mut last_status = 0;
    for step in steps {
        match step {
            Step::Sleep(d) => {
                cluster.run(&format!("sleep {d}"));
                out.push_str(&format!("# sleep {d}\n"));
            }
            Step::Status(n) => {
                if n != last_status {
                    failures.push(format!("expected status {n}, got {last_status}"));
                }
                out.push_str(&format!("# status {last_status}\n"));
            }
            Step::Command { input, expected } => {
                let o = cluster.run(&input);
                let actual: String = o.chunks.iter().map(|(_, t)| t.as_str()).collect();
                let mut lines = input.lines();
                out.push_str(&format!("$ {}\n", lines.next().unwrap_or("")));
                for l in lines {
                    out.push_str(&format!("> {l}\n"));
                }
                out.push_str(&actual);
                if !actual.is_empty() && !actual.ends_with('\n') {
                    out.push('\n');
                }
                let shown = if actual.is_empty() || actual.ends_with('\n') {
                    actual.clone()
                } else {
                    format!("{actual}\n")
                };
                if shown != expected {
                    failures.push(format!(
                        "$ {input}\n--- expected\n{expected}--- actual\n{shown}---"
                    ));
                }
                last_status = o.status;
            }
        }
    }
    (out, failures)
}

fn transcripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/transcripts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/transcripts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        // KUBEPLAY_TRANSCRIPT=NAME runs only the files whose name contains NAME.
        .filter(|p| {
            std::env::var("KUBEPLAY_TRANSCRIPT")
                .map_or(true, |f| p.to_string_lossy().contains(f.as_str()))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_transcript_matches() {
    let update = std::env::var_os("KUBEPLAY_UPDATE_TRANSCRIPTS").is_some();
    let files = transcripts();
    assert!(!files.is_empty(), "no transcripts found");
    let mut report = vec![];
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable transcript");
        let (rewritten, failures) = replay(&text);
        if update {
            std::fs::write(&f, rewritten).expect("writable transcript");
        } else if !failures.is_empty() {
            report.push(format!("{}:\n{}", f.display(), failures.join("\n")));
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n\n"));
}

#[test]
fn same_seed_same_bytes() {
    for f in transcripts() {
        let text = std::fs::read_to_string(&f).expect("readable transcript");
        assert_eq!(replay(&text).0, replay(&text).0, "{}", f.display());
    }
}
