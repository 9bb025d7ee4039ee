//! What procps watch 4.0.4 (`src/watch.c`) puts on its curses screen: the
//! header line (`output_header`) and the command's output laid out cell by
//! cell (`run_command`): tabs to 8-column stops, long lines wrapped (or cut
//! with -w), control characters as curses shows them, the rest blank.

use super::curses::{Cell, Grid, BLANK};
use crate::clock::{civil_from_days, Time};

/// ctime(3) in UTC with its newline: `Sun Jun  1 09:00:00 2025\n`.
pub fn ctime(t: Time) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = t.secs();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}\n",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(m - 1) as usize],
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        y
    )
}

/// mvaddstr into the screen: characters from (row, col), wrapping at the
/// right edge; a newline clears the rest of its line and moves down.
pub fn add_str(grid: &mut Grid, row: usize, col: usize, text: &str) {
    let (rows, cols) = (grid.len(), grid.first().map_or(0, Vec::len));
    let (mut y, mut x) = (row, col);
    for c in text.chars() {
        if y >= rows || x >= cols {
            return;
        }
        if c == '\n' {
            for cell in grid[y].iter_mut().skip(x) {
                *cell = BLANK;
            }
            y += 1;
            x = 0;
            continue;
        }
        grid[y][x] = Cell {
            ch: c,
            standout: false,
        };
        x += 1;
        if x >= cols {
            if y + 1 >= rows {
                // At the bottom right the cursor stays (no scrolling).
                x = cols - 1;
            } else {
                y += 1;
                x = 0;
            }
        }
    }
}

/// output_header: `Every Ns: COMMAND` on the left, `HOST: DATE` on the
/// right, the command cut with `... ` when the line is too narrow.
pub fn header(grid: &mut Grid, interval: f64, command: &str, host: &str, now: Time) {
    let width = grid[0].len() as i64;
    let head = format!("Every {interval:.1}s: ");
    let right = format!("{host}: {}", ctime(now));
    let hlen = head.chars().count() as i64;
    let rhlen = right.chars().count() as i64;
    if width < rhlen {
        return;
    }
    if rhlen + hlen < width {
        add_str(grid, 0, 0, &head);
        if rhlen + hlen + 2 <= width {
            if width < rhlen + hlen + 4 {
                add_str(grid, 0, (width - rhlen - 4) as usize, "... ");
            } else {
                let columns = command.chars().count() as i64;
                if width < rhlen + hlen + columns {
                    let keep = (width - rhlen - hlen - 4).max(0) as usize;
                    let cut: String = command.chars().take(keep).collect();
                    add_str(grid, 0, hlen as usize, &cut);
                    add_str(grid, 0, (width - rhlen - 4) as usize, "... ");
                } else {
                    add_str(grid, 0, hlen as usize, command);
                }
            }
        }
    }
    add_str(grid, 0, (width - rhlen + 1) as usize, &right);
}

/// How the output is compared with the screen before it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fill {
    pub first_screen: bool,
    /// -d: changed cells in standout; -d=permanent: and ever after.
    pub differences: bool,
    pub cumulative: bool,
    /// -w: a long line is cut, not wrapped.
    pub no_wrap: bool,
}

/// What laying out one run found.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filled {
    /// Some cell differs from the screen before (-g).
    pub changed: bool,
    /// Cells compared, and how many were the same (-q).
    pub compared: usize,
    pub unchanged: usize,
    /// Bells in the output: each beeps (4.0.4).
    pub bells: usize,
}

/// run_command's loop: the output from row `top` down, every cell written.
pub fn fill(grid: &mut Grid, top: usize, output: &str, how: Fill) -> Filled {
    let (rows, cols) = (grid.len(), grid.first().map_or(0, Vec::len));
    let mut input = output.chars().peekable();
    let mut found = Filled::default();
    let mut old_eol_seen = true;
    let mut y = top;
    while y < rows {
        let (mut eol_seen, mut tab_pending) = (false, false);
        let mut x: i64 = 0;
        while x < cols as i64 {
            let mut c = ' ';
            if !eol_seen {
                let mut got = None;
                if !tab_pending {
                    // Only NUL is skipped (a control character has no
                    // width, not zero width); a bell beeps (4.0.4).
                    got = input.by_ref().find(|&c| c != '\0');
                    match got {
                        Some('\n') if !old_eol_seen && x == 0 => {
                            // The line before filled its row exactly (and
                            // so does a blank line after it: watch.c).
                            continue;
                        }
                        Some('\n') => eol_seen = true,
                        Some('\t') => tab_pending = true,
                        Some('\x07') => {
                            found.bells += 1;
                            x += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                c = match got {
                    Some(ch) if !matches!(ch, '\n' | '\t') => ch,
                    _ => ' ',
                };
                if tab_pending && (x + 1) % 8 == 0 {
                    tab_pending = false;
                }
            }
            let old = grid[y][x as usize];
            if !how.first_screen {
                found.changed |= c != old.ch;
                found.compared += 1;
                found.unchanged += usize::from(c == old.ch);
            }
            let standout = how.differences
                && !how.first_screen
                && (c != old.ch || (how.cumulative && old.standout));
            match c {
                // curses moves the cursor for these and writes nothing.
                '\x08' | '\r' => {}
                // Other control characters show as `^X` (the next cell
                // is written over by what follows).
                c if c.is_control() => {
                    grid[y][x as usize] = Cell { ch: '^', standout };
                    if let Some(next) = grid[y].get_mut(x as usize + 1) {
                        let shown = char::from_u32((c as u32) ^ 0x40).unwrap_or('?');
                        *next = Cell {
                            ch: shown,
                            standout,
                        };
                    }
                }
                c => grid[y][x as usize] = Cell { ch: c, standout },
            }
            x += 1;
        }
        old_eol_seen = eol_seen;
        if how.no_wrap && !eol_seen {
            for c in input.by_ref() {
                if c == '\n' {
                    break;
                }
            }
        }
        y += 1;
    }
    found
}
