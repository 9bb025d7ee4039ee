//! sed's text handling: backslash escapes in scripts, replacements with
//! their case conversions, and the `l` command's listing.

use super::script::{Piece, CASE_LOWER_FIRST, CASE_ONE_SHOT, CASE_UPPER, CASE_UPPER_FIRST};

#[derive(Clone, Copy, PartialEq)]
pub(super) enum TextKind {
    /// `a`/`i`/`c` text and `y` strings: unknown escapes lose the `\`.
    Buffer,
    Replacement,
    Regex,
}

/// Upper- or lowercases one character the way towupper/towlower do:
/// characters whose case mapping is not a single character stay.
fn one_case(c: char, upper: bool) -> char {
    let mut it: Vec<char> = if upper {
        c.to_uppercase().collect()
    } else {
        c.to_lowercase().collect()
    };
    match (it.len(), it.pop()) {
        (1, Some(m)) => m,
        _ => c,
    }
}

/// `\dNNN`, `\oNNN`, `\xHH`: up to as many digits as fit in a byte.
/// Returns the character and how many chars after the letter were used.
fn number(cs: &[char], base: u32) -> (Option<char>, usize) {
    let (mut n, mut max, mut used) = (0u32, 1u32, 0usize);
    while used < cs.len() && max <= 255 {
        match cs[used].to_digit(base) {
            Some(d) => n = n * base + d,
            None => break,
        }
        used += 1;
        max *= base;
    }
    if used == 0 {
        return (None, 0);
    }
    (Some(char::from((n & 0xff) as u8)), used)
}

/// GNU's normalize_text: `\n`, `\t`, `\a`, `\f`, `\v`, `\r`, `\dNNN`,
/// `\oNNN`, `\xHH`, `\cX`. Other escapes keep their backslash for the
/// next stage, except in plain text where it is dropped.
pub(super) fn normalize(s: &str, kind: TextKind) -> Result<String, &'static str> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c != '\\' || i + 1 >= cs.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let e = cs[i + 1];
        i += 2;
        let simple = match e {
            'a' => Some('\x07'),
            'f' => Some('\x0c'),
            '\n' | 'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\x0b'),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch);
            continue;
        }
        match e {
            'd' | 'o' | 'x' => {
                let base = match e {
                    'd' => 10,
                    'o' => 8,
                    _ => 16,
                };
                let (ch, used) = number(&cs[i..], base);
                i += used;
                let ch = ch.unwrap_or(e);
                // An `&` or `\` made this way stays literal in a replacement.
                if kind == TextKind::Replacement && (ch == '&' || ch == '\\') {
                    out.push('\\');
                }
                out.push(ch);
            }
            'c' => match cs.get(i) {
                Some(&x) => {
                    out.push(if x.is_ascii() {
                        char::from(x.to_ascii_uppercase() as u8 ^ 0x40)
                    } else {
                        x
                    });
                    i += 1;
                    if x == '\\' {
                        if cs.get(i) != Some(&'\\') {
                            return Err("recursive escaping after \\c not allowed");
                        }
                        i += 1;
                    }
                }
                None => {
                    if kind != TextKind::Buffer {
                        out.push('\\');
                    }
                }
            },
            _ => {
                if kind != TextKind::Buffer {
                    out.push('\\');
                }
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// Splits a (normalized) replacement into pieces; returns them and the
/// highest group referenced. `posix` keeps only `\1`..`\9` special.
pub(super) fn replacement(text: &str, posix: bool) -> (Vec<Piece>, usize) {
    let cs: Vec<char> = text.chars().collect();
    let mut pieces: Vec<Piece> = Vec::new();
    let (mut case, mut saved) = (0u8, 0u8);
    let mut max_id = 0;
    let mut lit = String::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        if c == '&' {
            pieces.push(Piece {
                prefix: std::mem::take(&mut lit),
                group: Some(0),
                case,
            });
            case = saved;
            continue;
        }
        if c != '\\' {
            lit.push(c);
            continue;
        }
        pieces.push(Piece {
            prefix: std::mem::take(&mut lit),
            group: None,
            case,
        });
        case = saved;
        let Some(&e) = cs.get(i) else {
            // A trailing backslash is literal.
            if let Some(p) = pieces.last_mut() {
                p.prefix.push('\\');
            }
            break;
        };
        i += 1;
        let last = pieces.len() - 1;
        match e {
            '0'..='9' => {
                let d = e as usize - '0' as usize;
                pieces[last].group = Some(d);
                max_id = max_id.max(d);
            }
            'L' | 'U' | 'E' if !posix => {
                case = match e {
                    'L' => super::script::CASE_LOWER,
                    'U' => CASE_UPPER,
                    _ => 0,
                };
                saved = case;
            }
            'l' | 'u' if !posix => {
                saved = case;
                case |= if e == 'l' {
                    CASE_LOWER_FIRST
                } else {
                    CASE_UPPER_FIRST
                };
            }
            _ => pieces[last].prefix.push(e),
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece {
            prefix: lit,
            group: None,
            case,
        });
    }
    (pieces, max_id)
}

/// Appends `s` under a case mode: a one-shot first-letter conversion,
/// then the ongoing upper/lower one.
pub(super) fn push_cased(out: &mut String, s: &str, mut case: u8) {
    let mut cs = s.chars();
    if case == 0 {
        out.push_str(s);
        return;
    }
    if case & CASE_ONE_SHOT != 0 {
        let Some(c) = cs.next() else { return };
        out.push(one_case(c, case & CASE_UPPER_FIRST != 0));
        case &= !CASE_ONE_SHOT;
    }
    for c in cs {
        match case {
            0 => out.push(c),
            CASE_UPPER => out.push(one_case(c, true)),
            _ => out.push(one_case(c, false)),
        }
    }
}

/// The `l` command: C escapes, octal for other bytes, `\` line breaks
/// every `width` columns (0: never), and a final `$`.
pub(super) fn list(ps: &str, width: u64, delim: char) -> String {
    let mut out = String::new();
    let mut col: u64 = 0;
    for &b in ps.as_bytes() {
        let piece = match b {
            b'\\' => "\\\\".to_string(),
            0x07 => "\\a".into(),
            0x08 => "\\b".into(),
            0x0c => "\\f".into(),
            b'\n' => "\\n".into(),
            b'\r' => "\\r".into(),
            b'\t' => "\\t".into(),
            0x0b => "\\v".into(),
            0x20..=0x7e => char::from(b).to_string(),
            _ => format!("\\{:03o}", b),
        };
        let len = piece.len() as u64;
        if width > 0 && col + len >= width {
            out.push('\\');
            out.push(delim);
            col = 0;
        }
        out.push_str(&piece);
        col += len;
    }
    out.push('$');
    out.push(delim);
    out
}
