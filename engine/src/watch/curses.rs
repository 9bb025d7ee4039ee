//! The bytes ncurses (6.4, `TERM=xterm-256color`, a UTF-8 locale) writes
//! for procps watch: `initscr`, each `refresh` as `doupdate` turns the
//! wanted screen into terminal output, and `endwin`. The choices follow
//! ncurses' `tty/tty_update.c` (TransformLine, PutRange, EmitRange,
//! ClrBottom) and `tty/lib_mvcur.c` (the cheapest of absolute and local
//! cursor moves, each priced by its length in characters), and lines that
//! moved up or down scrolled into place as `tty/hashmap.c` and
//! `tty/hardscroll.c` find them (`scroll.rs`).

/// One screen cell: a character and whether it is in standout (watch -d).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub ch: char,
    pub standout: bool,
}

pub const BLANK: Cell = Cell {
    ch: ' ',
    standout: false,
};

/// A screen's contents, row by row.
pub type Grid = Vec<Vec<Cell>>;

pub fn blank_grid(rows: usize, cols: usize) -> Grid {
    vec![vec![BLANK; cols]; rows]
}

// xterm-256color's capabilities (infocmp) and their static costs, which
// ncurses computes from the strings with 23 as every parameter.
const CUP_COST: i32 = 8; // \E[24;24H
const VPA_COST: i32 = 5; // \E[24d
const HPA_COST: i32 = 5; // \E[24G
const CR_COST: i32 = 1;
const HOME_COST: i32 = 3; // \E[H
const CUB1_COST: i32 = 1; // ^H
const CUF1_COST: i32 = 3; // \E[C
const CUU1_COST: i32 = 3; // \E[A
const EL_COST: i32 = 0; // bce: clr_eol is always preferred
const EL1_COST: i32 = 4; // \E[1K
const DCH_COST: i32 = 5; // \E[23P
const ICH_COST: i32 = 5; // \E[23@
const ECH_COST: i32 = 5; // \E[23X
const CUP_CH_COST: i32 = 8;
const INLINE_COST: i32 = 5; // min(cup, hpa, cuf)
const INFINITY: i32 = 1_000_000;
/// lib_mvcur.c's LONG_DIST: a move this far from both edges goes by cup.
const LONG_DIST: i32 = 7;

const SMSO: &str = "\x1b(B\x1b[0;7m"; // sgr with standout
const SGR0: &str = "\x1b(B\x1b[m";

/// The terminal as ncurses tracks it (`curscr`) and the bytes written.
#[derive(Clone, Debug)]
pub struct Term {
    pub(super) rows: usize,
    pub(super) cols: usize,
    pub(super) cur: Grid,
    /// The physical cursor; -1 when unknown (after a wrap at the margin).
    pub(super) y: i32,
    pub(super) x: i32,
    standout: bool,
    cleared: bool,
    pub(super) out: String,
}

impl Term {
    pub fn new(rows: usize, cols: usize) -> Term {
        Term {
            rows,
            cols,
            cur: blank_grid(rows, cols),
            y: -1,
            x: -1,
            standout: false,
            cleared: false,
            out: String::new(),
        }
    }

    /// resizeterm then clear(): a new size, redrawn from blank next time.
    pub fn resize(&mut self, rows: usize, cols: usize, started: bool) {
        let (y, x) = (self.y, self.x);
        let standout = self.standout;
        *self = Term::new(rows, cols);
        if started {
            self.standout = standout;
            if y < rows as i32 && x < cols as i32 {
                (self.y, self.x) = (y, x);
            }
        }
    }

    /// `initscr`: the alternate screen (smcup), the whole screen as the
    /// scroll region, attributes and insert mode off, autowrap on.
    pub fn start(&mut self) -> String {
        format!(
            "\x1b[?1049h\x1b[22;0;0t\x1b[1;{}r{SGR0}\x1b[4l\x1b[?7h",
            self.rows
        )
    }

    /// `endwin`: the cursor to the bottom line, the normal screen back
    /// (rmcup), a carriage return, keypad transmit off.
    pub fn end(&mut self) -> String {
        self.attrs(false);
        self.y = -1;
        self.x = -1;
        let want = blank_grid(self.rows, self.cols);
        self.goto(&want, self.rows as i32 - 1, 0);
        self.out.push_str("\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>");
        std::mem::take(&mut self.out)
    }

    /// `refresh`: the bytes that turn the screen into `want`, leaving the
    /// cursor at `cursor`.
    pub fn refresh(&mut self, want: &Grid, cursor: (usize, usize)) -> String {
        if !self.cleared {
            self.cleared = true;
            // ClrUpdate: clear_screen, then every line from blank.
            self.attrs(false);
            self.out.push_str("\x1b[H\x1b[2J");
            self.y = 0;
            self.x = 0;
            self.cur = blank_grid(self.rows, self.cols);
        } else {
            self.scroll_optimize(want);
        }
        let nonempty = self.clr_bottom(want, self.rows);
        for row in 0..nonempty {
            self.transform_line(want, row);
        }
        self.goto(want, cursor.0 as i32, cursor.1 as i32);
        // doupdate leaves the terminal's attributes normal.
        self.attrs(false);
        std::mem::take(&mut self.out)
    }

    pub(super) fn attrs(&mut self, standout: bool) {
        if standout != self.standout {
            self.out.push_str(if standout { SMSO } else { SGR0 });
            self.standout = standout;
        }
    }

    fn can_clear_with(c: Cell) -> bool {
        c == BLANK
    }

    /// ClrBottom: blank lines at the bottom that changed go with one clr_eos.
    fn clr_bottom(&mut self, want: &Grid, total: usize) -> usize {
        let mut top = total;
        let blank = want[total - 1][self.cols - 1];
        if !Self::can_clear_with(blank) {
            return top;
        }
        for row in (0..total).rev() {
            if !want[row].iter().all(|c| *c == blank) {
                break;
            }
            if !self.cur[row].iter().all(|c| *c == blank) {
                top = row;
            }
        }
        if top < total {
            self.goto(want, top as i32, 0);
            self.attrs(false);
            self.out.push_str("\x1b[J");
            let x = self.x.max(0) as usize;
            let y = self.y.max(0) as usize;
            for c in x..self.cols {
                self.cur[y][c] = blank;
            }
            for r in y + 1..self.rows {
                self.cur[r] = vec![blank; self.cols];
            }
        }
        top
    }

    fn transform_line(&mut self, want: &Grid, row: usize) {
        let cols = self.cols;
        let new = want[row].clone();
        let mut first = 0usize;
        let blank0 = new[0];
        if Self::can_clear_with(blank0) {
            // It may be cheap to clear leading whitespace with clr_bol.
            let o_first = (0..cols)
                .find(|&i| self.cur[row][i] != blank0)
                .unwrap_or(cols);
            let n_first = (0..cols).find(|&i| new[i] != blank0).unwrap_or(cols);
            if n_first == o_first {
                first = n_first;
                while first < cols && new[first] == self.cur[row][first] {
                    first += 1;
                }
            } else if o_first > n_first {
                first = n_first;
            } else {
                first = o_first;
                if EL1_COST < (n_first - o_first) as i32 {
                    if n_first >= cols && EL_COST <= EL1_COST {
                        self.goto(want, row as i32, 0);
                        self.attrs(false);
                        self.out.push_str("\x1b[K");
                    } else {
                        self.goto(want, row as i32, n_first as i32 - 1);
                        self.attrs(false);
                        self.out.push_str("\x1b[1K");
                    }
                    while first < n_first {
                        self.cur[row][first] = blank0;
                        first += 1;
                    }
                }
            }
        } else {
            while first < cols && new[first] == self.cur[row][first] {
                first += 1;
            }
        }
        if first >= cols {
            return;
        }
        let blank = new[cols - 1];
        let r = row as i32;
        if !Self::can_clear_with(blank) {
            let mut n_last = cols - 1;
            while n_last > first && new[n_last] == self.cur[row][n_last] {
                n_last -= 1;
            }
            self.goto(want, r, first as i32);
            self.put_range(want, row, first, n_last);
            self.cur[row][first..=n_last].copy_from_slice(&new[first..=n_last]);
            return;
        }
        let mut o_last = cols - 1;
        while o_last > first && self.cur[row][o_last] == blank {
            o_last -= 1;
        }
        let mut n_last = cols - 1;
        while n_last > first && new[n_last] == blank {
            n_last -= 1;
        }
        if n_last == first && EL_COST < o_last as i32 - n_last as i32 {
            self.goto(want, r, first as i32);
            if new[first] != blank {
                self.put_char(want, new[first]);
            }
            self.clr_to_eol(blank);
        } else if n_last != o_last && new[n_last] != self.cur[row][o_last] {
            // (With ich/dch and idcok, the `has_ic` half of ncurses' test
            // is always true here.)
            self.goto(want, r, first as i32);
            if o_last as i32 - n_last as i32 > EL_COST {
                if self.put_range(want, row, first, n_last) {
                    self.goto(want, r, n_last as i32 + 1);
                }
                self.clr_to_eol(blank);
            } else {
                let n = n_last.max(o_last);
                self.put_range(want, row, first, n);
            }
        } else {
            let n_last_nonblank = n_last as i32;
            let o_last_nonblank = o_last as i32;
            let (mut nl, mut ol) = (n_last as i32, o_last as i32);
            // The last characters that really differ (-1 if none).
            while new[nl as usize] == self.cur[row][ol as usize] {
                nl -= 1;
                ol -= 1;
                if nl == -1 || ol == -1 {
                    break;
                }
            }
            let n = ol.min(nl);
            if n >= first as i32 {
                self.goto(want, r, first as i32);
                self.put_range(want, row, first, n as usize);
            }
            if ol < nl {
                let m = n_last_nonblank.max(o_last_nonblank);
                self.goto(want, r, n + 1);
                if nl < n_last_nonblank || ICH_COST > m - n {
                    self.put_range(want, row, (n + 1) as usize, m as usize);
                } else {
                    let count = (nl - ol) as usize;
                    self.out.push_str(&format!("\x1b[{count}@"));
                    for i in 0..count {
                        self.put_attr_char(new[(n + 1) as usize + i]);
                    }
                }
            } else if ol > nl {
                self.goto(want, r, n + 1);
                if DCH_COST > EL_COST + n_last_nonblank - (n + 1) {
                    if n_last_nonblank > n
                        && self.put_range(want, row, (n + 1) as usize, n_last_nonblank as usize)
                    {
                        self.goto(want, r, n_last_nonblank + 1);
                    }
                    self.clr_to_eol(blank);
                } else {
                    self.attrs(blank.standout);
                    self.out.push_str(&format!("\x1b[{}P", ol - nl));
                }
            }
        }
        self.cur[row][first..].copy_from_slice(&new[first..]);
    }

    /// ClrToEOL: clear_eol from the cursor, when something there is not
    /// blank already.
    fn clr_to_eol(&mut self, blank: Cell) {
        if self.y < 0 {
            return;
        }
        let (y, x) = (self.y as usize, self.x.max(0) as usize);
        let mut needclear = false;
        for c in x..self.cols {
            if self.cur[y][c] != blank {
                self.cur[y][c] = blank;
                needclear = true;
            }
        }
        if needclear {
            self.attrs(blank.standout);
            self.out.push_str("\x1b[K");
        }
    }

    /// PutRange: columns first..=last of `row`, skipping runs already on
    /// the screen when moving over them is cheaper. True when the cursor
    /// may be left inside the range.
    fn put_range(&mut self, want: &Grid, row: usize, first: usize, last: usize) -> bool {
        let new = &want[row];
        if (last - first + 1) as i32 > INLINE_COST {
            let mut first = first;
            let mut same = 0usize;
            let mut j = first;
            while j <= last {
                if self.cur[row][j] == new[j] {
                    same += 1;
                } else {
                    if same as i32 > INLINE_COST {
                        let range: Vec<Cell> = new[first..j - same].to_vec();
                        self.emit_range(want, &range);
                        first = j;
                        self.goto(want, row as i32, first as i32);
                    }
                    same = 0;
                }
                j += 1;
            }
            let range: Vec<Cell> = new[first..j - same].to_vec();
            let i = self.emit_range(want, &range);
            if same == 0 {
                i
            } else {
                true
            }
        } else {
            let range: Vec<Cell> = new[first..=last].to_vec();
            self.emit_range(want, &range)
        }
    }

    /// EmitRange: the characters, with erase_chars for long blank runs
    /// (repeat_char is not used on a UTF-8 screen).
    fn emit_range(&mut self, want: &Grid, text: &[Cell]) -> bool {
        let mut i = 0;
        let mut num = text.len();
        while num > 0 {
            while num > 1 && text[i] != text[i + 1] {
                self.put_char(want, text[i]);
                i += 1;
                num -= 1;
            }
            let c0 = text[i];
            if num == 1 {
                self.put_char(want, c0);
                return false;
            }
            let mut run = 2;
            while run < num && text[i + run] == c0 {
                run += 1;
            }
            if run as i32 > ECH_COST + CUP_CH_COST && Self::can_clear_with(c0) {
                self.attrs(c0.standout);
                self.out.push_str(&format!("\x1b[{run}X"));
                if run < num {
                    let (y, x) = (self.y, self.x + run as i32);
                    self.goto(want, y, x);
                } else {
                    return true;
                }
            } else {
                for k in 0..run {
                    self.put_char(want, text[i + k]);
                }
            }
            i += run;
            num -= run;
        }
        false
    }

    /// PutChar: one character, with the automargin rules: the lower right
    /// corner is written with autowrap off; after the last column xterm's
    /// pending wrap leaves the cursor unknown.
    fn put_char(&mut self, _want: &Grid, c: Cell) {
        let last_row = self.rows as i32 - 1;
        let last_col = self.cols as i32 - 1;
        if self.y == last_row && self.x == last_col {
            self.out.push_str("\x1b[?7l");
            let x = self.x;
            self.put_attr_char(c);
            self.x = x;
            self.out.push_str("\x1b[?7h");
        } else {
            self.put_attr_char(c);
        }
        if self.x >= self.cols as i32 {
            self.y = -1;
            self.x = -1;
        }
    }

    fn put_attr_char(&mut self, c: Cell) {
        self.attrs(c.standout);
        self.out.push(c.ch);
        if self.x >= 0 {
            self.x += 1;
        }
    }

    /// mvcur: the cheapest way to move the cursor.
    pub(super) fn goto(&mut self, want: &Grid, y: i32, x: i32) {
        if (self.y, self.x) == (y, x) {
            return;
        }
        // A column past the edge is the start of a later line (mvcur).
        let cols = self.cols as i32;
        let (y, x) = if x >= cols {
            ((y + x / cols).min(self.rows as i32 - 1), x % cols)
        } else {
            (y, x)
        };
        let (yold, xold) = (self.y, self.x);
        let mut best = (CUP_COST, format!("\x1b[{};{}H", y + 1, x + 1));
        let not_local = x > LONG_DIST
            && x < self.cols as i32 - 1 - LONG_DIST
            && (y - yold).abs() + (x - xold).abs() > LONG_DIST;
        if yold != -1 && xold != -1 && !not_local {
            if let Some((cost, s)) = self.relative(want, yold, xold, y, x) {
                if cost < best.0 {
                    best = (cost, s);
                }
            }
            if let Some((cost, s)) = self.relative(want, yold, 0, y, x) {
                if CR_COST + cost < best.0 {
                    best = (CR_COST + cost, format!("\r{s}"));
                }
            }
            if let Some((cost, s)) = self.relative(want, 0, 0, y, x) {
                if HOME_COST + cost < best.0 {
                    best = (HOME_COST + cost, format!("\x1b[H{s}"));
                }
            }
        }
        self.out.push_str(&best.1);
        self.y = y;
        self.x = x;
    }

    /// relative_move: local motions (vpa/cuu1, hpa/overwrite/cuf1/cub1).
    fn relative(&self, want: &Grid, fy: i32, fx: i32, ty: i32, tx: i32) -> Option<(i32, String)> {
        let mut s = String::new();
        let mut vcost = 0;
        if ty != fy {
            vcost = VPA_COST;
            let mut v = format!("\x1b[{}d", ty + 1);
            if ty < fy {
                let n = fy - ty;
                // cuu costs as much as vpa, so only cuu1 can be cheaper.
                if n * CUU1_COST < vcost {
                    vcost = n * CUU1_COST;
                    v = "\x1b[A".repeat(n as usize);
                }
            }
            s.push_str(&v);
        }
        let mut hcost = 0;
        if tx != fx {
            hcost = HPA_COST;
            let mut h = format!("\x1b[{}G", tx + 1);
            if tx > fx {
                let n = tx - fx;
                let row = &want[ty as usize];
                let cells = &row[fx as usize..tx as usize];
                let ovw = cells.iter().all(|c| c.standout == self.standout);
                let (lh, text) = if ovw {
                    (n, cells.iter().map(|c| c.ch).collect::<String>())
                } else {
                    (n * CUF1_COST, "\x1b[C".repeat(n as usize))
                };
                if lh < hcost {
                    hcost = lh;
                    h = text;
                }
            } else {
                let n = fx - tx;
                if n * CUB1_COST < hcost {
                    hcost = n * CUB1_COST;
                    h = "\x08".repeat(n as usize);
                }
            }
            s.push_str(&h);
        }
        let total = vcost + hcost;
        (total < INFINITY).then_some((total, s))
    }
}
