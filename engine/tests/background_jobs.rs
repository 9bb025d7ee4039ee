//! Background jobs at an interactive terminal: a job runs on for as long
//! as its sleeps take, `jobs` says so, `wait` lets the time pass, and bash's
//! `Done` notice comes before the prompt after it ended.

use kubeplay_engine::{Cluster, Preset};

fn terminal() -> Cluster {
    let mut c = Cluster::new(Preset::Minikube, 1);
    c.set_interactive(true);
    c
}

fn line(c: &mut Cluster, text: &str) -> (String, String) {
    let o = c.run(text);
    (o.stdout(), o.stderr())
}

#[test]
fn a_sleeping_job_runs_until_its_time_comes() {
    let mut c = terminal();
    assert_eq!(line(&mut c, "sleep 5 &"), ("".into(), "[1] 4243\n".into()));
    assert_eq!(
        line(&mut c, "jobs"),
        (
            "[1]+  Running                 sleep 5 &\n".into(),
            "".into()
        )
    );
    c.tick(6_000);
    assert_eq!(
        line(&mut c, "echo hi"),
        (
            "hi\n".into(),
            "[1]+  Done                    sleep 5\n".into()
        )
    );
    assert_eq!(line(&mut c, "jobs"), ("".into(), "".into()));
}

#[test]
fn wait_lets_the_time_pass_and_kill_ends_a_sleeper() {
    let mut c = terminal();
    line(&mut c, "(sleep 3; exit 4) &");
    let before = c.now().0;
    assert_eq!(line(&mut c, "wait %1; echo $?"), ("4\n".into(), "".into()));
    assert_eq!(c.now().0 - before, 3_000);
    line(&mut c, "sleep 100 &");
    assert_eq!(
        line(&mut c, "kill %1"),
        (
            "".into(),
            "[1]+  Terminated              sleep 100\n".into()
        )
    );
}

#[test]
fn a_job_that_ends_at_once_is_announced_at_the_next_prompt() {
    let mut c = terminal();
    assert_eq!(line(&mut c, "true &"), ("".into(), "[1] 4243\n".into()));
    assert_eq!(
        line(&mut c, "echo x"),
        ("x\n".into(), "[1]+  Done                    true\n".into())
    );
    line(&mut c, "false &");
    assert_eq!(
        line(&mut c, ""),
        ("".into(), "[1]+  Exit 1                  false\n".into())
    );
}

#[test]
fn kill_names_the_signal_that_ended_a_job() {
    let mut c = terminal();
    line(&mut c, "sleep 100 &");
    assert_eq!(
        line(&mut c, "kill -0 %1; echo $?"),
        ("0\n".into(), "".into())
    );
    assert_eq!(
        line(&mut c, "kill -9 %1"),
        (
            "".into(),
            "[1]+  Killed                  sleep 100\n".into()
        )
    );
    line(&mut c, "sleep 100 &");
    assert_eq!(
        line(&mut c, "kill -s INT %1"),
        (
            "".into(),
            "[1]+  Interrupt               sleep 100\n".into()
        )
    );
    assert_eq!(
        line(&mut c, "kill -0 %1"),
        ("".into(), "bash: kill: %1: no such job\n".into())
    );
}
