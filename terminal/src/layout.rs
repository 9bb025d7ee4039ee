//! Where each character of the edited line lands on the screen, given the
//! prompt width and the terminal width (wrapping, wide characters, and
//! embedded newlines shown after a `> ` continuation prompt).

use unicode_width::UnicodeWidthChar;

/// A screen position relative to the prompt's first row: (row, column).
pub type Pos = (usize, usize);

/// The width of the continuation prompt `> `.
pub const CONTINUATION_WIDTH: usize = 2;

/// Display width of a prompt, skipping ANSI escape sequences.
pub fn visible_width(text: &str) -> usize {
    let mut width = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            continue;
        }
        width += c.width().unwrap_or(0);
    }
    width
}

/// How an edited line lies on the screen.
pub struct Layout {
    /// The cursor position before each character, and after the last one
    /// (`len + 1` positions). A position never has column `cols`: a full
    /// row moves on to the next one.
    pub pos: Vec<Pos>,
    /// Drawing the line leaves the terminal in its "pending wrap" state (the
    /// last row exactly full): a `\r\n` puts the real cursor at the end.
    pub pending_wrap: bool,
}

/// Lays out `line` drawn from column `start` of the prompt's row.
pub fn layout(start: usize, line: &[char], cols: usize) -> Layout {
    let cols = cols.max(1);
    let (mut row, mut col) = (start / cols, start % cols);
    let mut pos = Vec::with_capacity(line.len() + 1);
    for &c in line {
        if c == '\n' {
            pos.push((row, col.min(cols - 1)));
            row += 1;
            col = CONTINUATION_WIDTH;
            continue;
        }
        let w = c.width().unwrap_or(0);
        if col + w > cols {
            row += 1;
            col = 0;
        }
        pos.push((row, col));
        col += w;
    }
    let pending_wrap = col >= cols;
    if pending_wrap {
        row += 1;
        col = 0;
    }
    pos.push((row, col));
    Layout { pos, pending_wrap }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_the_terminal_width() {
        let line: Vec<char> = "abcdef".chars().collect();
        let l = layout(2, &line, 4);
        assert_eq!(
            l.pos,
            vec![(0, 2), (0, 3), (1, 0), (1, 1), (1, 2), (1, 3), (2, 0)]
        );
        assert!(l.pending_wrap);
        assert!(!layout(2, &line[..5], 4).pending_wrap);
    }

    #[test]
    fn newlines_continue_after_the_continuation_prompt() {
        let line: Vec<char> = "a\nb".chars().collect();
        assert_eq!(
            layout(2, &line, 80).pos,
            vec![(0, 2), (0, 3), (1, 2), (1, 3)]
        );
    }

    #[test]
    fn prompt_width_skips_colours() {
        assert_eq!(visible_width("\x1b[1;32mroot\x1b[0m# "), 6);
    }
}
