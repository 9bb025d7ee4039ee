//! GNU Wget's numbers: the dot progress it draws when stderr is not a
//! terminal, download rates, sizes and durations (wget 1.21.4
//! `src/progress.c` dot_*, `src/retr.c` calc_rate/retr_rate,
//! `src/utils.c` human_readable/print_decimal, `src/main.c`
//! secs_to_human_time). Transfers are simulated at a fixed speed, so the
//! figures are deterministic.

/// Seconds before the first byte of a body arrives, and bytes per second
/// after it: what a loopback port-forward typically measures.
const FIRST_BYTE_S: f64 = 0.0001;
const BYTES_PER_S: f64 = 80.0 * 1024.0 * 1024.0;
/// wget reads the body in buffers of 64 KiB (`fd_read_body`).
const READ_BUF: u64 = 64 * 1024;
/// The default dot style: 1K dots, 10 to a cluster, 50 to a line.
const DOT_BYTES: u64 = 1024;
const DOT_SPACING: u64 = 10;
const DOTS_IN_LINE: u64 = 50;
const ROW_BYTES: u64 = DOT_BYTES * DOTS_IN_LINE;

/// How long reading `bytes` of a body takes, in seconds.
pub fn download_secs(bytes: u64) -> f64 {
    FIRST_BYTE_S + bytes as f64 / BYTES_PER_S
}

/// calc_rate: bytes per second scaled to B, K, M, G, T (1024 each).
fn calc_rate(bytes: u64, secs: f64) -> (f64, usize) {
    let mut rate = if secs > 0.0 { bytes as f64 / secs } else { 0.0 };
    let mut units = 0;
    while rate >= 1024.0 && units < 4 {
        rate /= 1024.0;
        units += 1;
    }
    if units == 4 && rate > 99.99 {
        rate = 99.99;
    }
    (rate, units)
}

/// More digits for smaller numbers: `1022`, `247`, `12.5`, `2.38`.
fn rate_digits(rate: f64) -> usize {
    if rate >= 99.95 {
        0
    } else if rate >= 9.995 {
        1
    } else {
        2
    }
}

/// retr_rate: `4.33 MB/s`.
pub fn retr_rate(bytes: u64, secs: f64) -> String {
    let (rate, units) = calc_rate(bytes, secs);
    let names = ["B/s", "KB/s", "MB/s", "GB/s", "TB/s"];
    format!("{:.*} {}", rate_digits(rate), rate, names[units])
}

/// print_decimal: `12`, `2.5`, `0.002`, `0`.
pub fn print_decimal(n: f64) -> String {
    let a = n.abs();
    if a >= 9.95 {
        format!("{n:.0}")
    } else if a >= 0.95 {
        format!("{n:.1}")
    } else if a >= 0.001 {
        // C's `%.1g`: one significant digit, fixed notation here.
        let sci = format!("{a:.0e}");
        let exp: i32 = sci
            .split_once('e')
            .and_then(|(_, e)| e.parse().ok())
            .unwrap_or(0);
        format!("{n:.*}", (-exp).max(0) as usize)
    } else if a >= 0.0005 {
        format!("{n:.3}")
    } else {
        "0".into()
    }
}

/// human_readable(n, 10, 1): `195K`, `1.5M`, `615`.
pub fn human_readable(n: u64) -> String {
    human_readable_acc(n, 10.0, 1)
}

/// human_readable(n, acc, decimals): values under `acc` get `decimals`.
fn human_readable_acc(n: u64, acc: f64, decimals: usize) -> String {
    if n < 1024 {
        return n.to_string();
    }
    let powers = ['K', 'M', 'G', 'T', 'P', 'E'];
    let mut n = n;
    for (i, p) in powers.iter().enumerate() {
        if n / 1024 < 1024 || i == powers.len() - 1 {
            let val = n as f64 / 1024.0;
            let d = if val < acc { decimals } else { 0 };
            return format!("{val:.d$}{p}");
        }
        n /= 1024;
    }
    unreachable!()
}

/// eta_to_human_short, condensed: `0s`, `2m5s`, `3h10m`.
fn eta_short(secs: i64) -> String {
    if secs < 100 {
        format!("{secs}s")
    } else if secs < 100 * 60 {
        format!("{}m{}s", secs / 60, secs % 60)
    } else if secs < 48 * 3600 {
        format!("{}h{}m", secs / 3600, (secs / 60) % 60)
    } else if secs < 100 * 86400 {
        format!("{}d{}h", secs / 86400, (secs / 3600) % 24)
    } else {
        format!("{}d", secs / 86400)
    }
}

/// secs_to_human_time: `0.007s`, `2m 5s`, `1h 2m 3s`.
pub fn secs_to_human(interval: f64) -> String {
    let mut secs = (interval + 0.5) as i64;
    let days = secs / 86400;
    secs %= 86400;
    let hours = secs / 3600;
    secs %= 3600;
    let mins = secs / 60;
    secs %= 60;
    if days > 0 {
        format!("{days}d {hours}h {mins}m {secs}s")
    } else if hours > 0 {
        format!("{hours}h {mins}m {secs}s")
    } else if mins > 0 {
        format!("{mins}m {secs}s")
    } else {
        format!("{}s", print_decimal(interval))
    }
}

/// The terminal's width: wget uses one column less.
const SCREEN_WIDTH: usize = 80;

/// The bar progress wget draws when stderr is a terminal (`bar_create`,
/// `create_image`, `bar_finish` for an 80-column screen): its first frame
/// and, after `\r`, the last one, which stays on the screen. A simulated
/// transfer ends before the speed history fills, so the rate reads
/// `--.-KB/s`.
pub fn bar(name: &str, len: u64, total: Option<u64>) -> String {
    format!(
        "\n\r{}\r{}\n\n",
        bar_image(name, 0, total, 0, None),
        bar_image(name, len, total, 1, Some(download_secs(len)))
    )
}

/// One frame; `done` carries the total download time.
fn bar_image(name: &str, size: u64, total: Option<u64>, tick: usize, done: Option<f64>) -> String {
    let width = SCREEN_WIDTH - 1;
    let max_name = width / 4;
    let progress_size = width - (max_name + 1 + 4 + 2 + 8 + 10 + 15);
    let mut p = String::new();
    let chars: Vec<char> = name.chars().collect();
    let cols = chars.len();
    if cols < max_name {
        p.push_str(name);
        p.push_str(&" ".repeat(max_name - cols + 1));
    } else {
        // A long name scrolls while downloading (5 columns more than fit).
        let (mut padding, mut offset) = (0, 0);
        if cols > max_name + 5 && done.is_none() {
            offset = (tick + cols + max_name / 2) % (cols + max_name);
            if offset > cols {
                padding = max_name - (offset - cols);
                p.push_str(&" ".repeat(padding));
                offset = 0;
            }
        }
        let shown: String = chars[offset..].iter().take(max_name - padding).collect();
        let used = shown.chars().count();
        p.push_str(&shown);
        p.push_str(&" ".repeat(max_name - (padding + used) + 1));
    }
    match total.filter(|t| *t > 0) {
        Some(t) => {
            let pct = (100.0 * size as f64 / t as f64) as i64;
            p.push_str(&format!("{pct:>3}%"));
            let dl = (size as f64 / t as f64 * progress_size as f64) as usize;
            let mut inner = String::new();
            if dl > 0 {
                inner.push_str(&"=".repeat(dl - 1));
                inner.push('>');
            }
            p.push_str(&format!("[{inner:<progress_size$}]"));
        }
        None => {
            p.push_str("    ");
            // A bouncing `<=>` when the size is unknown.
            let ind = tick % (progress_size * 2 - 6);
            let pos = if ind < progress_size - 2 {
                ind + 1
            } else {
                progress_size - (ind - progress_size + 5)
            };
            p.push('[');
            for i in 0..progress_size {
                p.push(if i + 1 == pos {
                    '<'
                } else if i == pos {
                    '='
                } else if i == pos + 1 {
                    '>'
                } else {
                    ' '
                });
            }
            p.push(']');
        }
    }
    p.push_str(&format!("{:>8}", human_readable_acc(size, 1000.0, 2)));
    p.push_str("  --.-KB/s");
    match done {
        None if total.is_some_and(|t| t > 0) => p.push_str(&" ".repeat(15)),
        None => {}
        Some(secs) => {
            let t = if secs >= 10.0 {
                eta_short((secs + 0.5) as i64)
            } else {
                format!("{}s", print_decimal(secs))
            };
            let text = format!("    in {t}");
            p.push_str(&format!("{text:<15}"));
        }
    }
    let used = p.chars().count();
    if used < width {
        p.push_str(&" ".repeat(width - used));
    }
    p
}

/// The dot progress of a `len`-byte body (`total`: its Content-Length),
/// from the line break after `Saving to:` to the blank line after it.
pub fn dots(len: u64, total: Option<u64>) -> String {
    let mut d = Dots {
        out: String::new(),
        accumulated: 0,
        dots: 0,
        rows: 0,
        last_timer: 0.0,
        total,
    };
    let mut read = 0;
    while read < len {
        let chunk = READ_BUF.min(len - read);
        read += chunk;
        d.accumulated += chunk;
        d.draw(download_secs(read));
    }
    d.finish(download_secs(len));
    d.out
}

struct Dots {
    out: String,
    accumulated: u64,
    dots: u64,
    rows: u64,
    last_timer: f64,
    total: Option<u64>,
}

impl Dots {
    fn row_start(&mut self) {
        self.out
            .push_str(&format!("\n{:>6}K", self.rows * ROW_BYTES / 1024));
    }

    fn draw(&mut self, dltime: f64) {
        while self.accumulated >= DOT_BYTES {
            self.accumulated -= DOT_BYTES;
            if self.dots == 0 {
                self.row_start();
            }
            if self.dots.is_multiple_of(DOT_SPACING) {
                self.out.push(' ');
            }
            self.out.push('.');
            self.dots += 1;
            if self.dots >= DOTS_IN_LINE {
                self.dots = 0;
                // Reads are smaller than ROW_BYTES << 2: one row at a time.
                self.rows += 1;
                self.stats(dltime, false);
            }
        }
    }

    fn finish(&mut self, dltime: f64) {
        if self.dots == 0 {
            self.row_start();
        }
        for i in self.dots..DOTS_IN_LINE {
            if i.is_multiple_of(DOT_SPACING) {
                self.out.push(' ');
            }
            self.out.push(' ');
        }
        self.stats(dltime, true);
        self.out.push_str("\n\n");
    }

    /// print_row_stats: percentage, this row's rate, ETA or total time.
    fn stats(&mut self, dltime: f64, last: bool) {
        let mut shown = self.rows * ROW_BYTES + self.dots * DOT_BYTES;
        if last {
            shown += self.accumulated;
        }
        if let Some(total) = self.total.filter(|t| *t > 0) {
            let pct = (100.0 * shown as f64 / total as f64) as i64;
            self.out.push_str(&format!("{pct:>3}%"));
        }
        let this_row = if last {
            self.dots * DOT_BYTES + self.accumulated
        } else {
            ROW_BYTES
        };
        let (rate, units) = calc_rate(this_row, dltime - self.last_timer);
        let names = [' ', 'K', 'M', 'G', 'T'];
        self.out
            .push_str(&format!(" {:4.*}{}", rate_digits(rate), rate, names[units]));
        self.last_timer = dltime;
        if !last {
            if let Some(total) = self.total.filter(|t| *t > 0) {
                let remaining = total.saturating_sub(shown);
                let sofar = shown.max(1);
                let eta = dltime * remaining as f64 / sofar as f64;
                self.out
                    .push_str(&format!(" {}", eta_short((eta + 0.5) as i64)));
            }
        } else if dltime >= 10.0 {
            self.out
                .push_str(&format!("={}", eta_short((dltime + 0.5) as i64)));
        } else {
            self.out.push_str(&format!("={}s", print_decimal(dltime)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_wget_prints_them() {
        assert_eq!(print_decimal(0.0021), "0.002");
        assert_eq!(print_decimal(0.0096), "0.01");
        assert_eq!(print_decimal(0.0001), "0");
        assert_eq!(print_decimal(2.54), "2.5");
        assert_eq!(print_decimal(12.4), "12");
        assert_eq!(human_readable(615), "615");
        assert_eq!(human_readable(200_000), "195K");
        assert_eq!(human_readable(3000), "2.9K");
        assert_eq!(retr_rate(12, 12.0 / (4.33 * 1048576.0)), "4.33 MB/s");
        assert_eq!(retr_rate(5, 5.0 / (188.0 * 1024.0)), "188 KB/s");
        assert_eq!(secs_to_human(0.007), "0.007s");
        assert_eq!(secs_to_human(125.0), "2m 5s");
    }

    #[test]
    fn a_small_body_is_one_short_row() {
        // Layout as wget 1.21 prints it (`     0K   ...   100% 4.33M=0s`).
        let line = dots(615, Some(615));
        assert!(line.starts_with("\n     0K "), "{line:?}");
        assert_eq!(
            line.len(),
            "\n     0K".len() + 55 + "100% 5.46M=0s\n\n".len()
        );
        assert!(line.ends_with("100% 5.46M=0s\n\n"), "{line:?}");
    }

    #[test]
    fn the_bar_on_an_80_column_terminal() {
        // As wget 1.21 draws it under `script` (a terminal, 80 columns).
        assert_eq!(
            bar("index.html", 12, Some(12)),
            "\n\rindex.html            0%[                    ]       0  --.-KB/s               \rindex.html          100%[===================>]      12  --.-KB/s    in 0s      \n\n"
        );
        let big = bar("big.bin", 200_000, Some(200_000));
        assert!(big.contains("\rbig.bin             100%[===================>] 195.31K  --.-KB/s    in 0.002s  \n"), "{big:?}");
    }

    #[test]
    fn rows_of_fifty_k() {
        let text = dots(200_000, Some(200_000));
        let rows: Vec<&str> = text.trim_matches('\n').lines().collect();
        assert_eq!(rows.len(), 4);
        assert!(rows[0]
            .starts_with("     0K .......... .......... .......... .......... .......... 25% "));
        assert!(rows[3]
            .starts_with("   150K .......... .......... .......... .......... .....     100% "));
        let unknown = dots(12, None);
        assert!(
            !unknown.contains('%') && unknown.ends_with("=0s\n\n"),
            "{unknown:?}"
        );
    }
}
