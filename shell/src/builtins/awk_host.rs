//! awk is a file on a real system, but `cmd | getline`, `print | cmd`
//! and system() run shell commands: it runs here, beside the executor.

use crate::coreutils::awk::{awk, AwkHost};
use crate::exec::{Exec, Flow};
use crate::vfs::Vfs;
use std::collections::BTreeMap;

impl AwkHost for Exec<'_> {
    fn vfs(&mut self) -> &mut Vfs {
        &mut self.sh.vfs
    }

    fn cwd(&self) -> String {
        self.sh.cwd.clone()
    }

    fn env(&self) -> BTreeMap<String, String> {
        self.sh.env.clone()
    }

    fn now(&self) -> i64 {
        self.sh.now
    }

    fn draw(&mut self) -> u64 {
        self.sh.next_random()
    }

    fn tty(&self) -> bool {
        self.stdout_is_tty()
    }

    fn stdin(&mut self) -> String {
        self.take_stdin()
    }

    fn out(&mut self, s: &str) {
        Exec::out(self, s);
    }

    fn err(&mut self, s: &str) {
        Exec::err(self, s);
    }

    /// `sh -c CMD` with CMD's own stdin; its stdout captured or passed
    /// on. The shell's state outside is untouched.
    fn run(&mut self, cmd: &str, stdin: &str, capture: bool) -> (String, i32) {
        let saved_fds = self.fds.clone();
        let saved_subst = self.last_subst_status;
        let input = self.push_input(stdin.to_string());
        self.fds.input = Some(input);
        let argv = ["sh".to_string(), "-c".to_string(), cmd.to_string()];
        let out = if capture {
            let quoted = argv
                .iter()
                .map(|a| crate::builtins::quote_single(a))
                .collect::<Vec<_>>()
                .join(" ");
            self.capture_text(&quoted)
        } else {
            self.subshell(|ex| ex.dispatch(&argv, &[]));
            String::new()
        };
        self.fds = saved_fds;
        self.last_subst_status = saved_subst;
        (out, self.status())
    }

    fn full(&self) -> bool {
        self.dead || self.bytes_left() == 0
    }
}

pub fn run(ex: &mut Exec, argv: &[String]) -> Flow {
    let st = awk(ex, argv);
    ex.set_status(st);
    Flow::Next
}
