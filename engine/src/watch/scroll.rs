//! ncurses' vertical-motion optimization, before lines are updated one by
//! one: `tty/hashmap.c` pairs new lines with the old lines they equal (by a
//! hash of their characters, unique pairs first, then hunks grown where
//! moving is cheaper than rewriting), and `tty/hardscroll.c` scrolls each
//! moved hunk into place with xterm's index/insert/delete-line sequences
//! (`_nc_scrolln` in `tty/tty_update.c`).

use super::curses::{Cell, Grid, Term, BLANK};

/// No old line goes to this new line.
const NEW_INDEX: i32 = -1;

/// hashmap.c's hash: the characters only (not their attributes).
fn hash(line: &[Cell]) -> u64 {
    line.iter().fold(0u64, |r, c| {
        r.wrapping_add(r << 5).wrapping_add(c.ch as u64)
    })
}

fn update_cost(from: &[Cell], to: &[Cell]) -> i32 {
    from.iter().zip(to).filter(|(a, b)| a != b).count() as i32
}

fn update_cost_from_blank(to: &[Cell]) -> i32 {
    to.iter().filter(|c| **c != BLANK).count() as i32
}

struct Map<'a> {
    old: &'a Grid,
    new: &'a Grid,
    oldnum: Vec<i32>,
    oldhash: Vec<u64>,
    newhash: Vec<u64>,
}

impl Map<'_> {
    fn lines(&self) -> i32 {
        self.new.len() as i32
    }

    /// Whether moving line `from` to line `to` seems to pay; `blank`: line
    /// `to` would be left blank.
    fn cost_effective(&self, from: i32, to: i32, blank: bool) -> bool {
        if from == to {
            return false;
        }
        let mut new_from = self.oldnum[from as usize];
        if new_from == NEW_INDEX {
            new_from = from;
        }
        let (f, t, nf) = (from as usize, to as usize, new_from as usize);
        let before = if blank {
            update_cost_from_blank(&self.new[t])
        } else {
            update_cost(&self.old[t], &self.new[t])
        } + update_cost(&self.old[nf], &self.new[f]);
        let after = if new_from == from {
            update_cost_from_blank(&self.new[f])
        } else {
            update_cost(&self.old[nf], &self.new[f])
        } + update_cost(&self.old[f], &self.new[t]);
        before >= after
    }

    fn grow_hunks(&mut self) {
        let n = self.lines();
        let (mut back_limit, mut back_ref_limit) = (0, 0);
        let mut i = 0;
        while i < n && self.oldnum[i as usize] == NEW_INDEX {
            i += 1;
        }
        while i < n {
            let start = i;
            let shift = self.oldnum[i as usize] - i;
            i = start + 1;
            while i < n
                && self.oldnum[i as usize] != NEW_INDEX
                && self.oldnum[i as usize] - i == shift
            {
                i += 1;
            }
            let end = i;
            while i < n && self.oldnum[i as usize] == NEW_INDEX {
                i += 1;
            }
            let next_hunk = i;
            let mut forward_limit = i;
            let forward_ref_limit = if i >= n || self.oldnum[i as usize] >= i {
                i
            } else {
                self.oldnum[i as usize]
            };
            i = start - 1;
            if shift < 0 {
                back_limit = back_ref_limit + (-shift);
            }
            while i >= back_limit {
                if self.newhash[i as usize] == self.oldhash[(i + shift) as usize]
                    || self.cost_effective(i + shift, i, shift < 0)
                {
                    self.oldnum[i as usize] = i + shift;
                } else {
                    break;
                }
                i -= 1;
            }
            i = end;
            if shift > 0 {
                forward_limit = forward_ref_limit - shift;
            }
            while i < forward_limit {
                if self.newhash[i as usize] == self.oldhash[(i + shift) as usize]
                    || self.cost_effective(i + shift, i, shift > 0)
                {
                    self.oldnum[i as usize] = i + shift;
                } else {
                    break;
                }
                i += 1;
            }
            back_limit = i;
            back_ref_limit = i;
            if shift > 0 {
                back_ref_limit += shift;
            }
            i = next_hunk;
        }
    }

    /// _nc_hash_map: which old line each new line is (NEW_INDEX: none).
    fn hash_map(&mut self) {
        let n = self.lines() as usize;
        // (hash, old count, old index, new count, new index), first seen first.
        let mut table: Vec<(u64, u32, usize, u32, usize)> = vec![];
        for i in 0..n {
            let h = self.oldhash[i];
            match table.iter_mut().find(|e| e.0 == h) {
                Some(e) => {
                    e.1 += 1;
                    e.2 = i;
                }
                None => table.push((h, 1, i, 0, 0)),
            }
        }
        for i in 0..n {
            let h = self.newhash[i];
            match table.iter_mut().find(|e| e.0 == h) {
                Some(e) => {
                    e.3 += 1;
                    e.4 = i;
                }
                None => table.push((h, 0, 0, 1, i)),
            }
        }
        // Unique pairs that moved anchor the hunks.
        for &(_, oc, oi, nc, ni) in &table {
            if oc == 1 && nc == 1 && oi != ni {
                self.oldnum[ni] = oi as i32;
            }
        }
        self.grow_hunks();
        // Drop hunks too small, or moved too far for their size.
        let lines = n as i32;
        let mut i = 0;
        while i < lines {
            while i < lines && self.oldnum[i as usize] == NEW_INDEX {
                i += 1;
            }
            if i >= lines {
                break;
            }
            let start = i;
            let shift = self.oldnum[i as usize] - i;
            i += 1;
            while i < lines
                && self.oldnum[i as usize] != NEW_INDEX
                && self.oldnum[i as usize] - i == shift
            {
                i += 1;
            }
            let size = i - start;
            if size < 3 || size + (size / 8).min(2) < shift.abs() {
                for k in start..i {
                    self.oldnum[k as usize] = NEW_INDEX;
                }
            }
        }
        self.grow_hunks();
    }
}

impl Term {
    /// _nc_scroll_optimize: scroll the hunks that moved up (top down), then
    /// those that moved down (bottom up).
    pub(super) fn scroll_optimize(&mut self, want: &Grid) {
        let old = self.cur.clone();
        let mut map = Map {
            old: &old,
            new: want,
            oldnum: vec![NEW_INDEX; want.len()],
            oldhash: old.iter().map(|l| hash(l)).collect(),
            newhash: want.iter().map(|l| hash(l)).collect(),
        };
        map.hash_map();
        let oldnum = map.oldnum;
        let lines = self.rows as i32;
        let maxy = lines - 1;
        let mut i = 0;
        while i < lines {
            while i < lines && (oldnum[i as usize] == NEW_INDEX || oldnum[i as usize] <= i) {
                i += 1;
            }
            if i >= lines {
                break;
            }
            let shift = oldnum[i as usize] - i;
            let start = i;
            i += 1;
            while i < lines && oldnum[i as usize] != NEW_INDEX && oldnum[i as usize] - i == shift {
                i += 1;
            }
            self.scrolln(want, shift, start, i - 1 + shift, maxy);
        }
        let mut i = lines - 1;
        while i >= 0 {
            while i >= 0 && (oldnum[i as usize] == NEW_INDEX || oldnum[i as usize] >= i) {
                i -= 1;
            }
            if i < 0 {
                break;
            }
            let shift = oldnum[i as usize] - i;
            let end = i;
            i -= 1;
            while i >= 0 && oldnum[i as usize] != NEW_INDEX && oldnum[i as usize] - i == shift {
                i -= 1;
            }
            self.scrolln(want, shift, i + 1 + shift, end, maxy);
        }
    }

    /// _nc_scrolln: lines top..=bot scrolled by n (up when positive).
    fn scrolln(&mut self, want: &Grid, n: i32, top: i32, bot: i32, maxy: i32) {
        if top < 0 || bot > maxy || top > bot {
            return;
        }
        if n > 0 {
            if !self.scroll_forward(want, n, top, bot, 0, maxy) {
                // Within a scroll region (saving the cursor when it sits
                // where the region's setting would lose it).
                let saved = self.y == bot || self.y == bot - 1;
                self.region(saved, top, bot);
                self.scroll_forward(want, n, top, bot, top, bot);
                self.out.push_str(&format!("\x1b[1;{}r", maxy + 1));
                self.y = -1;
                self.x = -1;
            }
        } else if !self.scroll_backward(want, -n, top, bot, 0, maxy) {
            let saved = top != 0 && (self.y == top || self.y == top - 1);
            self.region(saved, top, bot);
            self.scroll_backward(want, -n, top, bot, top, bot);
            self.out.push_str(&format!("\x1b[1;{}r", maxy + 1));
            self.y = -1;
            self.x = -1;
        }
        // _nc_scroll_window: the lines move in curscr too.
        let (top, bot) = (top as usize, bot as usize);
        let region: Vec<Vec<Cell>> = self.cur[top..=bot].to_vec();
        let len = region.len() as i32;
        for (k, line) in self.cur[top..=bot].iter_mut().enumerate() {
            let from = k as i32 + n;
            *line = if (0..len).contains(&from) {
                region[from as usize].clone()
            } else {
                vec![BLANK; line.len()]
            };
        }
    }

    /// change_scroll_region to top..=bot, with sc/rc around it when asked.
    fn region(&mut self, save: bool, top: i32, bot: i32) {
        if save {
            self.out.push_str("\x1b7");
        }
        self.out.push_str(&format!("\x1b[{};{}r", top + 1, bot + 1));
        if !save {
            self.y = -1;
            self.x = -1;
        }
        if save {
            self.out.push_str("\x1b8");
        }
    }

    /// scroll_csr_forward: ind, dl1, indn or dl; false if none applies.
    fn scroll_forward(
        &mut self,
        want: &Grid,
        n: i32,
        top: i32,
        bot: i32,
        miny: i32,
        maxy: i32,
    ) -> bool {
        let whole = top == miny && bot == maxy;
        let (row, seq) = if n == 1 && whole {
            (bot, "\n".to_string())
        } else if n == 1 && bot == maxy {
            (top, "\x1b[M".to_string())
        } else if whole {
            (bot, format!("\x1b[{n}S"))
        } else if bot == maxy {
            (top, format!("\x1b[{n}M"))
        } else {
            return false;
        };
        self.goto(want, row, 0);
        self.attrs(false);
        self.out.push_str(&seq);
        true
    }

    /// scroll_csr_backward: ri, il1, rin or il; false if none applies.
    fn scroll_backward(
        &mut self,
        want: &Grid,
        n: i32,
        top: i32,
        bot: i32,
        miny: i32,
        maxy: i32,
    ) -> bool {
        let whole = top == miny && bot == maxy;
        let seq = if n == 1 && whole {
            "\x1bM".to_string()
        } else if n == 1 && bot == maxy {
            "\x1b[L".to_string()
        } else if whole {
            format!("\x1b[{n}T")
        } else if bot == maxy {
            format!("\x1b[{n}L")
        } else {
            return false;
        };
        self.goto(want, top, 0);
        self.attrs(false);
        self.out.push_str(&seq);
        true
    }
}
