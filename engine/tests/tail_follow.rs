//! `tail -f` in each kind of terminal: the browser holds it until Ctrl-C
//! (130), a REPL returns at once, a script waits to its `timeout` (124);
//! and `timeout` kills a shell script at its deadline on the cluster's clock.

use kubeplay_engine::{Cluster, Preset};

fn cluster() -> Cluster {
    let mut c = Cluster::new(Preset::Minikube, 1);
    c.run("printf 'one\\ntwo\\n' > app.log");
    c
}

#[test]
fn the_browser_holds_tail_f_until_ctrl_c() {
    let mut c = cluster();
    c.set_interactive(true);
    c.set_streaming(true);
    let before = c.now();
    let o = c.run("tail -f app.log");
    assert_eq!(o.stdout(), "one\ntwo\n");
    assert!(c.is_streaming(), "tail -f holds the terminal");
    c.tick(5000);
    assert_eq!(c.poll_stream(), "");
    assert!(c.is_streaming());
    c.interrupt();
    assert!(!c.is_streaming());
    assert_eq!(c.run("echo $?").stdout(), "130\n");
    assert_eq!(c.now().0 - before.0, 5000);
}

#[test]
fn a_repl_gets_the_tail_and_its_prompt_back() {
    let mut c = cluster();
    c.set_interactive(true);
    let before = c.now();
    let o = c.run("tail -n 1 -f app.log; echo $?");
    assert_eq!(o.stdout(), "two\n0\n");
    assert!(!c.is_streaming());
    assert_eq!(c.now(), before);
}

#[test]
fn a_script_waits_to_its_timeout() {
    let mut c = cluster();
    let before = c.now();
    let o = c.run("timeout 7 tail -f app.log; echo $?");
    assert_eq!(o.stdout(), "one\ntwo\n124\n");
    assert_eq!(c.now().0 - before.0, 7000);
}

#[test]
fn timeout_kills_a_shell_loop_at_its_deadline() {
    let mut c = cluster();
    let before = c.now();
    let o = c.run("timeout 5 sh -c 'while true; do date +%S; sleep 2; done'; echo $?");
    assert_eq!(o.stdout(), "00\n02\n04\n124\n");
    assert_eq!(c.now().0 - before.0, 5000);
    // The same loop in the browser's terminal: nothing holds it.
    c.set_interactive(true);
    c.set_streaming(true);
    let o = c.run("timeout 1 sh -c 'sleep 3; echo never'; echo $?");
    assert_eq!(o.stdout(), "124\n");
    assert!(!c.is_streaming());
}
