//! split: cuts a file into pieces by lines (`-l`), bytes (`-b`) or a
//! number of chunks (`-n N`, `-n K/N`, `-n l/N`, `-n l/K/N`), named as
//! GNU split names them (`xaa`…`xyz`, `xzaaa`…; `-d`/`-x`, `-a`,
//! `--additional-suffix`). Pieces are VFS files.

use super::num::{byte_text, xdectoumax};
use super::{getopt, q, Ctx};

/// Creating more files than this fails as a full file system would.
const MAX_FILES: usize = 4096;

/// The output files: names in GNU's order and the one being written.
struct Out {
    base: String,
    alphabet: &'static [u8],
    idx: Vec<usize>,
    auto: bool,
    extra: String,
    opened: usize,
    elide: bool,
    verbose: bool,
    current: Option<(String, Vec<u8>)>,
}

impl Out {
    fn name(&self) -> String {
        let suffix: String = self.idx.iter().map(|&i| self.alphabet[i] as char).collect();
        format!("{}{}{}", self.base, suffix, self.extra)
    }

    /// next_file_name: the following suffix, widening `zz` to `zaaa`
    /// while the length was not fixed; None when the suffixes run out.
    fn advance(&mut self) -> Option<()> {
        for i in (0..self.idx.len()).rev() {
            self.idx[i] += 1;
            if self.auto && i == 0 && self.idx[0] + 1 == self.alphabet.len() {
                self.base.push(self.alphabet[self.idx[0]] as char);
                self.idx = vec![0; self.idx.len() + 1];
                return Some(());
            }
            if self.idx[i] < self.alphabet.len() {
                return Some(());
            }
            self.idx[i] = 0;
        }
        None
    }

    fn close(&mut self, ctx: &mut Ctx) {
        if let Some((name, data)) = self.current.take() {
            let p = ctx.path(&name);
            let _ = ctx.vfs.write_checked(&p, &byte_text(&data), false);
        }
    }

    /// cwrite: appends to the current file or starts the next one.
    fn write(&mut self, ctx: &mut Ctx, new_file: bool, data: Option<&[u8]>) -> Result<(), i32> {
        if new_file {
            if data.is_none() && self.elide {
                return Ok(());
            }
            self.close(ctx);
            if self.opened > 0 && self.advance().is_none() {
                ctx.err("split: output file suffixes exhausted\n");
                return Err(1);
            }
            let name = self.name();
            let p = ctx.path(&name);
            if self.opened >= MAX_FILES {
                ctx.err(&format!("split: {}: No space left on device\n", name));
                return Err(1);
            }
            if self.verbose {
                ctx.out(&format!("creating file {}\n", q(&name)));
            }
            if let Err(e) = ctx.vfs.write_checked(&p, "", false) {
                ctx.err(&format!("split: {}: {}\n", name, e.msg()));
                return Err(1);
            }
            self.opened += 1;
            self.current = Some((name, Vec::new()));
        }
        if let (Some((_, buf)), Some(d)) = (self.current.as_mut(), data) {
            buf.extend_from_slice(d);
        }
        Ok(())
    }
}

enum How {
    Lines(u64),
    Bytes(u64),
    /// `-n [K/]N`; `lines` for `l/`.
    Chunks {
        k: u64,
        n: u64,
        lines: bool,
    },
}

fn usage(ctx: &mut Ctx, msg: &str) -> i32 {
    ctx.err(&format!(
        "split: {}\nTry 'split --help' for more information.\n",
        msg
    ));
    1
}

/// Parses `-n`: `N`, `K/N`, `l/N`, `l/K/N` (`r/` is not supported).
fn parse_chunks(arg: &str) -> Result<How, String> {
    let s = arg.trim_start();
    let (lines, s) = match s.strip_prefix("l/") {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if s.starts_with("r/") {
        return Err(format!("invalid number of chunks: ‘{}’", arg));
    }
    let (k, n) = match s.split_once('/') {
        Some((k, n)) => {
            let n = xdectoumax(n, 1, u64::MAX, "", "invalid number of chunks")?;
            let k = if k.is_empty() {
                0
            } else {
                xdectoumax(k, 1, n, "", "invalid chunk number")?
            };
            (k, n)
        }
        None => (
            0,
            xdectoumax(s, 1, u64::MAX, "", "invalid number of chunks")?,
        ),
    };
    Ok(How::Chunks { k, n, lines })
}

pub fn split(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let argv = super::fold::obsolete_digits(argv, "-l", "ablnt");
    let o = match getopt(
        ctx,
        "split",
        &argv,
        "dxe",
        "ablnt",
        &[
            "suffix-length=",
            "additional-suffix=",
            "bytes=",
            "lines=",
            "number=",
            "numeric-suffixes",
            "hex-suffixes",
            "elide-empty-files",
            "separator=",
            "verbose",
        ],
        1,
    ) {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut how: Option<How> = None;
    let mut suffix_len = 0usize;
    let mut alphabet: &'static [u8] = b"abcdefghijklmnopqrstuvwxyz";
    let mut start: Option<String> = None;
    let mut eol = b'\n';
    // Options in command-line order: shorts and longs are kept apart by
    // getopt, so walk the vals and then the longs.
    let longs = o.longs.iter().map(|(n, v)| {
        let c = match n.as_str() {
            "suffix-length" => 'a',
            "bytes" => 'b',
            "lines" => 'l',
            "number" => 'n',
            "separator" => 't',
            "numeric-suffixes" => 'd',
            "hex-suffixes" => 'x',
            _ => ' ',
        };
        (c, v.clone())
    });
    let shorts = o.vals.iter().map(|(c, v)| (*c, Some(v.clone())));
    let flags = o.flags.iter().filter(|c| **c != 'e').map(|c| (*c, None));
    for (c, v) in shorts.chain(flags).chain(longs) {
        let v = v.unwrap_or_default();
        let parsed = match c {
            'a' => xdectoumax(&v, 0, u64::MAX / 8, "", "invalid suffix length").map(|n| {
                suffix_len = usize::try_from(n).unwrap_or(usize::MAX);
                None
            }),
            'b' => xdectoumax(
                &v,
                1,
                i64::MAX as u64,
                "bEGKkMmPTYZ0",
                "invalid number of bytes",
            )
            .map(|n| Some(How::Bytes(n))),
            'l' => xdectoumax(&v, 1, u64::MAX, "", "invalid number of lines")
                .map(|n| Some(How::Lines(n))),
            'n' => parse_chunks(&v).map(Some),
            't' => {
                eol = match v.as_bytes() {
                    [] => {
                        ctx.err("split: empty record separator\n");
                        return 1;
                    }
                    [c] => *c,
                    _ if v == "\\0" => 0,
                    _ => {
                        ctx.err(&format!("split: multi-character separator ‘{}’\n", v));
                        return 1;
                    }
                };
                Ok(None)
            }
            'd' | 'x' => {
                alphabet = if c == 'd' {
                    b"0123456789"
                } else {
                    b"0123456789abcdef"
                };
                if !v.is_empty() {
                    if !v.bytes().all(|b| alphabet.contains(&b)) {
                        let kind = if c == 'd' { "numerical" } else { "hexadecimal" };
                        return usage(
                            ctx,
                            &format!("‘{}’: invalid start value for {} suffix", v, kind),
                        );
                    }
                    let trimmed = v.trim_start_matches('0');
                    start = Some(if trimmed.is_empty() {
                        "0".into()
                    } else {
                        trimmed.into()
                    });
                }
                Ok(None)
            }
            _ => Ok(None),
        };
        match parsed {
            Ok(Some(h)) => {
                if how.is_some() {
                    return usage(ctx, "cannot split in more than one way");
                }
                how = Some(h);
            }
            Ok(None) => {}
            Err(e) => {
                ctx.err(&format!("split: {}\n", e));
                return 1;
            }
        }
    }
    let extra = o.long_val("additional-suffix").unwrap_or("").to_string();
    if extra.contains('/') {
        return usage(
            ctx,
            &format!("invalid suffix ‘{}’, contains directory separator", extra),
        );
    }
    let how = how.unwrap_or(How::Lines(1000));
    // set_suffix_length: chunk counts fix the length; others may widen.
    let mut auto = start.is_none() && suffix_len == 0;
    if let How::Chunks { n, .. } = how {
        let mut end = n - 1;
        if let Some(s) = start.as_deref().and_then(|s| s.parse::<u64>().ok()) {
            if s < n {
                end += s;
            }
        }
        let mut needed = 0;
        loop {
            needed += 1;
            end /= alphabet.len() as u64;
            if end == 0 {
                break;
            }
        }
        auto = false;
        if suffix_len != 0 && suffix_len < needed {
            ctx.err(&format!(
                "split: the suffix length needs to be at least {}\n",
                needed
            ));
            return 1;
        }
        if suffix_len == 0 {
            suffix_len = needed.max(2);
        }
    }
    if suffix_len == 0 {
        suffix_len = 2;
    }
    if o.args.len() > 2 {
        return usage(ctx, &format!("extra operand ‘{}’", o.args[2]));
    }
    if start.as_ref().is_some_and(|s| s.len() > suffix_len) {
        return usage(
            ctx,
            "numerical suffix start value is too large for the suffix length",
        );
    }
    if let How::Chunks { n, .. } = how {
        if n > i64::MAX as u64 {
            let msg = format!("invalid number of chunks: ‘{}’", n);
            ctx.err(&format!(
                "split: {}: Value too large for defined data type\n",
                msg
            ));
            return 1;
        }
    }
    let base = o.args.get(1).cloned().unwrap_or_else(|| "x".into());
    if crate::vfs::base(&base).len() + suffix_len + extra.len() > 255 {
        let name = if suffix_len > 4096 {
            String::new()
        } else {
            format!(
                "{}{}{}: ",
                base,
                (alphabet[0] as char).to_string().repeat(suffix_len),
                extra
            )
        };
        ctx.err(&format!("split: {}File name too long\n", name));
        return 1;
    }
    let infile = o.args.first().cloned().unwrap_or_else(|| "-".into());
    let data = match ctx.read(&infile) {
        Ok(d) => d.into_bytes(),
        Err(e) => {
            ctx.err(&format!(
                "split: cannot open {} for reading: {}\n",
                q(&infile),
                e.msg()
            ));
            return 1;
        }
    };
    let mut idx = vec![0; suffix_len];
    if let Some(s) = &start {
        let off = suffix_len - s.len();
        for (k, b) in s.bytes().enumerate() {
            idx[off + k] = alphabet.iter().position(|&a| a == b).unwrap_or(0);
        }
    }
    let mut out = Out {
        base,
        alphabet,
        idx,
        auto,
        extra,
        opened: 0,
        elide: o.has('e') || o.long("elide-empty-files"),
        verbose: o.long("verbose"),
        current: None,
    };
    let r = match how {
        How::Lines(n) => by_lines(ctx, &mut out, &data, n, eol),
        How::Bytes(n) => by_bytes(ctx, &mut out, &data, n, 0),
        How::Chunks { k, n, lines } => {
            let size = (data.len() as u64).max(n);
            if lines {
                by_line_chunks(ctx, &mut out, &data, k, n, size, eol)
            } else if k == 0 {
                by_bytes(ctx, &mut out, &data, size / n, n)
            } else {
                let from = (k - 1) * (size / n);
                let to = if k == n { size } else { k * (size / n) };
                let len = data.len() as u64;
                let part = &data[from.min(len) as usize..to.min(len) as usize];
                ctx.out(&byte_text(part));
                Ok(())
            }
        }
    };
    out.close(ctx);
    match r {
        Ok(()) => 0,
        Err(s) => s,
    }
}

fn by_lines(ctx: &mut Ctx, out: &mut Out, data: &[u8], n: u64, eol: u8) -> Result<(), i32> {
    let (mut new_file, mut count) = (true, 0u64);
    for line in data.split_inclusive(|&b| b == eol) {
        out.write(ctx, new_file, Some(line))?;
        new_file = false;
        if line.last() == Some(&eol) {
            count += 1;
            if count >= n {
                (new_file, count) = (true, 0);
            }
        }
    }
    Ok(())
}

/// bytes_split: pieces of `n` bytes; with `max_files` (`-n N`) the last
/// file takes the rest and empty files make up the count.
fn by_bytes(ctx: &mut Ctx, out: &mut Out, data: &[u8], n: u64, max_files: u64) -> Result<(), i32> {
    let (mut new_file, mut opened, mut to_write) = (true, 0u64, n.max(1));
    let mut pos = 0usize;
    while pos < data.len() {
        let take = usize::try_from(to_write)
            .unwrap_or(usize::MAX)
            .min(data.len() - pos);
        out.write(ctx, new_file, Some(&data[pos..pos + take]))?;
        opened += u64::from(new_file);
        pos += take;
        if take as u64 == to_write {
            new_file = max_files == 0 || opened < max_files;
            to_write = n.max(1);
        } else {
            new_file = false;
            to_write -= take as u64;
        }
    }
    // Elided empty files need no loop (the count may be huge).
    while opened < max_files && !out.elide {
        out.write(ctx, true, None)?;
        opened += 1;
    }
    Ok(())
}

/// lines_chunk_split: N chunks of about size/N bytes, lines kept whole;
/// with K only chunk K, to stdout.
fn by_line_chunks(
    ctx: &mut Ctx,
    out: &mut Out,
    data: &[u8],
    k: u64,
    n: u64,
    size: u64,
    eol: u8,
) -> Result<(), i32> {
    let chunk = (size / n) as i64;
    let (mut chunk_no, mut chunk_end, mut written) = (1u64, chunk - 1, 0i64);
    let (mut new_file, mut truncated) = (true, false);
    let mut pos = 0usize;
    while pos < data.len() {
        let skip = (chunk_end - written).max(0).min((data.len() - pos) as i64) as usize;
        let (to, mut next) = match data[pos + skip..].iter().position(|&b| b == eol) {
            Some(j) => (pos + skip + j + 1, true),
            None => (data.len(), false),
        };
        if k == chunk_no {
            ctx.out(&byte_text(&data[pos..to]));
        } else if k == 0 {
            out.write(ctx, new_file, Some(&data[pos..to]))?;
        }
        written += (to - pos) as i64;
        pos = to;
        new_file = next;
        while next || chunk_end < written {
            if !next && pos == data.len() {
                truncated = true;
                break;
            }
            chunk_no += 1;
            if k != 0 && chunk_no > k {
                return Ok(());
            }
            chunk_end = if chunk_no == n {
                size as i64 - 1
            } else {
                chunk_end + chunk
            };
            if chunk_end < written {
                if k == 0 {
                    out.write(ctx, true, None)?;
                }
            } else {
                next = false;
            }
        }
    }
    if truncated {
        chunk_no += 1;
    }
    while k == 0 && chunk_no <= n && !out.elide {
        out.write(ctx, true, None)?;
        chunk_no += 1;
    }
    Ok(())
}
