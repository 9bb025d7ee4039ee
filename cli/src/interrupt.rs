//! What the REPL needs of its real terminal while a command streams
//! (`kubectl get -w`, `watch`, `logs -f`): Ctrl-C, and the screen size.
//! rustyline reads keys raw at the prompt, so SIGINT arrives only while a
//! command runs; the handler just notes it for the streaming loop.

use std::sync::atomic::{AtomicBool, Ordering};

static HIT: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_: libc::c_int) {
    HIT.store(true, Ordering::SeqCst);
}

/// Ctrl-C no longer ends the REPL: it is noted for `take`.
pub fn install() {
    let handler: extern "C" fn(libc::c_int) = on_sigint;
    // SAFETY: the handler only stores to an atomic, which is signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
    }
}

/// Whether Ctrl-C was pressed since the last call.
pub fn take() -> bool {
    HIT.swap(false, Ordering::SeqCst)
}

/// The terminal's rows and columns, if stdout is one.
pub fn terminal_size() -> Option<(usize, usize)> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ fills the winsize it is given.
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_row > 0 && size.ws_col > 0)
        .then_some((size.ws_row as usize, size.ws_col as usize))
}
