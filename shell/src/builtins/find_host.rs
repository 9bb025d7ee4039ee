//! find is a file on a real system, but its `-exec` runs commands: it runs
//! here, beside the shell that runs them.

use crate::coreutils::find::{find, FindHost};
use crate::exec::{Exec, Flow};
use crate::vfs::Vfs;

impl FindHost for Exec<'_> {
    fn vfs(&mut self) -> &mut Vfs {
        &mut self.sh.vfs
    }

    fn cwd(&self) -> String {
        self.sh.cwd.clone()
    }

    fn now(&self) -> i64 {
        self.sh.now
    }

    fn out(&mut self, s: &str) {
        Exec::out(self, s);
    }

    fn err(&mut self, s: &str) {
        Exec::err(self, s);
    }

    fn run(&mut self, argv: &[String], dir: Option<&str>) -> i32 {
        let saved = dir.map(|d| std::mem::replace(&mut self.sh.cwd, d.to_string()));
        self.dispatch(argv, &[]);
        if let Some(cwd) = saved {
            self.sh.cwd = cwd;
        }
        self.status()
    }

    fn full(&self) -> bool {
        self.dead || self.bytes_left() == 0
    }
}

pub fn run(ex: &mut Exec, argv: &[String]) -> Flow {
    let st = find(ex, argv);
    ex.set_status(st);
    Flow::Next
}
