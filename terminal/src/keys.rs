//! Decodes what xterm.js reports through `onData` (text, control bytes and
//! escape sequences) into keys.

/// One key press, or one pasted character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Delete,
    Tab,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    WordLeft,
    WordRight,
    /// Alt-d: delete the word after the cursor.
    DeleteWordRight,
    /// Ctrl plus a lowercase letter that has no key of its own (`'c'`, `'l'`, ...).
    Ctrl(char),
    /// Bracketed paste start / end (`ESC [200~` / `ESC [201~`).
    PasteStart,
    PasteEnd,
    /// Anything else (a lone Escape, function keys): ignored.
    Ignored,
}

/// Splits one `onData` chunk into keys. xterm.js always reports an escape
/// sequence whole in one chunk, so no state is kept between chunks.
pub fn decode(data: &str) -> Vec<Key> {
    let chars: Vec<char> = data.chars().collect();
    let mut keys = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        let key = match c {
            '\x1b' => {
                let (key, used) = escape(&chars[i..]);
                i += used;
                key
            }
            '\r' => {
                if chars.get(i) == Some(&'\n') {
                    i += 1;
                }
                Key::Enter
            }
            '\n' => Key::Enter,
            '\x7f' | '\x08' => Key::Backspace,
            '\t' => Key::Tab,
            '\x01' => Key::Home,
            '\x05' => Key::End,
            '\x02' => Key::Left,
            '\x06' => Key::Right,
            '\x10' => Key::Up,
            '\x0e' => Key::Down,
            c if (c as u32) < 0x20 => Key::Ctrl((b'a' + c as u8 - 1) as char),
            c => Key::Char(c),
        };
        keys.push(key);
    }
    keys
}

/// Decodes the sequence after an ESC; returns the key and the chars used.
fn escape(rest: &[char]) -> (Key, usize) {
    match rest.first() {
        Some('[') => {
            let params_len = rest[1..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == ';')
                .count();
            let Some(&fin) = rest.get(1 + params_len) else {
                return (Key::Ignored, rest.len());
            };
            let params: String = rest[1..1 + params_len].iter().collect();
            let ctrl_or_alt = params.ends_with(";5") || params.ends_with(";3");
            let key = match (fin, params.as_str()) {
                ('A', _) => Key::Up,
                ('B', _) => Key::Down,
                ('C', _) if ctrl_or_alt => Key::WordRight,
                ('D', _) if ctrl_or_alt => Key::WordLeft,
                ('C', _) => Key::Right,
                ('D', _) => Key::Left,
                ('H', _) => Key::Home,
                ('F', _) => Key::End,
                ('~', "1" | "7") => Key::Home,
                ('~', "4" | "8") => Key::End,
                ('~', "3") => Key::Delete,
                ('~', "200") => Key::PasteStart,
                ('~', "201") => Key::PasteEnd,
                _ => Key::Ignored,
            };
            (key, params_len + 2)
        }
        Some('O') => {
            let key = match rest.get(1) {
                Some('A') => Key::Up,
                Some('B') => Key::Down,
                Some('C') => Key::Right,
                Some('D') => Key::Left,
                Some('H') => Key::Home,
                Some('F') => Key::End,
                _ => Key::Ignored,
            };
            (key, rest.len().min(2))
        }
        Some('b') => (Key::WordLeft, 1),
        Some('f') => (Key::WordRight, 1),
        Some('d') => (Key::DeleteWordRight, 1),
        Some('\x7f') => (Key::Ctrl('w'), 1),
        _ => (Key::Ignored, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_text_controls_and_sequences() {
        assert_eq!(
            decode("a\x1b[A\x1bOB\x1b[3~\x7f\r\n\t\x03\x0c"),
            vec![
                Key::Char('a'),
                Key::Up,
                Key::Down,
                Key::Delete,
                Key::Backspace,
                Key::Enter,
                Key::Tab,
                Key::Ctrl('c'),
                Key::Ctrl('l'),
            ]
        );
        assert_eq!(
            decode("\x1b[1;5D\x1bf"),
            vec![Key::WordLeft, Key::WordRight]
        );
        assert_eq!(decode("\x1b"), vec![Key::Ignored]);
        assert_eq!(decode("\x1b[200~x\x1b[201~").len(), 3);
    }
}
