//! Runs each argument as one terminal input and prints what came back:
//! a quick way to compare with real bash while developing.

use kubeplay_shell::{Invocation, Output, Programs, Shell, Stream};

struct Fake;

impl Programs for Fake {
    fn run(&mut self, inv: Invocation<'_>) -> Option<Output> {
        if inv.argv[0] != "kubectl" {
            return None;
        }
        let mut o = Output::default();
        o.out(format!(
            "kubectl {} [stdin {:?}]\n",
            inv.argv[1..].join(" "),
            inv.stdin.read()
        ));
        Some(o)
    }
    fn names(&self) -> Vec<&'static str> {
        vec!["kubectl"]
    }
}

fn main() {
    let mut sh = Shell::new("root", "minikube");
    sh.set_now(1_748_768_400_000);
    for input in std::env::args().skip(1) {
        let o = sh.run(&input, &mut Fake);
        for (s, t) in &o.chunks {
            match s {
                Stream::Stdout => print!("{}", t),
                Stream::Stderr => eprint!("{}", t),
            }
        }
        println!("[status {}]", o.status);
    }
}
