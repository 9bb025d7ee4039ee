//! kubectl reads YAML with go-yaml v2 (sigs.k8s.io/yaml), which resolves
//! plain scalars by YAML 1.1: `y`, `yes`, `on` are true and `n`, `no`,
//! `off` false, in any of their spellings. serde_yaml follows YAML 1.2,
//! where they are strings. So `value: yes` in an env var, or `b: y` in a
//! ConfigMap, reaches the real API server as a bool (and is refused there:
//! `cannot unmarshal bool into Go struct field ... of type string`). This
//! pass rewrites those plain scalars to `true`/`false` before parsing, in
//! the places a manifest has them: a block mapping's value and a block
//! sequence's item, outside block scalars (`|`, `>`), and the values of a
//! flow collection written on one line (`args: [on, off]`, `{a: yes}`).

const TRUE: [&str; 8] = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"];
const FALSE: [&str; 8] = ["n", "N", "no", "No", "NO", "off", "Off", "OFF"];

fn as_bool(word: &str) -> Option<&'static str> {
    if TRUE.contains(&word) {
        Some("true")
    } else if FALSE.contains(&word) {
        Some("false")
    } else {
        None
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Where a line's value starts: after the `- ` markers and a plain or
/// quoted `key: `. None when the line has no value there.
fn value_start(line: &str) -> Option<usize> {
    let mut at = indent(line);
    while line[at..].starts_with("- ") {
        at += 2;
        at += indent(&line[at..]);
    }
    let rest = &line[at..];
    if rest.starts_with('#') || rest.is_empty() {
        return None;
    }
    // A key ends at the first `: ` outside quotes.
    let bytes = rest.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b':') if bytes.get(i + 1).is_none_or(|n| *n == b' ') => {
                let after = at + i + 1;
                return Some(after + indent(&line[after..]));
            }
            // A flow collection: the whole rest is the value.
            (None, b'{' | b'[') if i == 0 => return (at > indent(line)).then_some(at),
            _ => {}
        }
    }
    // No key: a sequence item's value, when there was a `- `.
    (at > indent(line)).then_some(at)
}

/// The value's word without a trailing comment.
fn word(value: &str) -> &str {
    let v = match value.find(" #") {
        Some(i) => &value[..i],
        None => value,
    };
    v.trim_end()
}

/// A one-line flow collection with its boolean values rewritten, if it
/// has any (None too when it is not one complete flow collection).
fn flow(value: &str) -> Option<String> {
    let mut f = Flow {
        text: value.as_bytes(),
        at: 0,
        found: vec![],
    };
    f.node(false)?;
    f.spaces();
    if f.at != value.len() || f.found.is_empty() {
        return None;
    }
    let mut out = value.to_string();
    for (start, end, b) in f.found.into_iter().rev() {
        out.replace_range(start..end, b);
    }
    Some(out)
}

/// A recursive reader of one flow node that notes where boolean values are.
struct Flow<'t> {
    text: &'t [u8],
    at: usize,
    found: Vec<(usize, usize, &'static str)>,
}

impl Flow<'_> {
    fn spaces(&mut self) {
        while self.text.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
    }

    /// A node: a sequence, a mapping, a quoted or a plain scalar (a key's
    /// ends at `:`, a value's at `,`, `]` or `}`).
    fn node(&mut self, key: bool) -> Option<()> {
        self.spaces();
        match *self.text.get(self.at)? {
            b'[' => self.collection(b']', false),
            b'{' => self.collection(b'}', true),
            q @ (b'"' | b'\'') => {
                let close = self.text[self.at + 1..].iter().position(|&c| c == q)?;
                self.at += close + 2;
                Some(())
            }
            _ => {
                let start = self.at;
                while let Some(&c) = self.text.get(self.at) {
                    let key_end = key && c == b':';
                    if key_end || matches!(c, b',' | b']' | b'}') {
                        break;
                    }
                    self.at += 1;
                }
                let word = std::str::from_utf8(&self.text[start..self.at]).ok()?;
                let trimmed = word.trim_end();
                if let (false, Some(b)) = (key, as_bool(trimmed)) {
                    self.found.push((start, start + trimmed.len(), b));
                }
                Some(())
            }
        }
    }

    /// `[a, b]` or `{k: v, ...}` from its opening bracket.
    fn collection(&mut self, close: u8, map: bool) -> Option<()> {
        self.at += 1;
        loop {
            self.spaces();
            if *self.text.get(self.at)? == close {
                self.at += 1;
                return Some(());
            }
            if map {
                self.node(true)?;
                self.spaces();
                if *self.text.get(self.at)? != b':' {
                    return None;
                }
                self.at += 1;
            }
            self.node(false)?;
            self.spaces();
            match *self.text.get(self.at)? {
                b',' => self.at += 1,
                c if c == close => {}
                _ => return None,
            }
        }
    }
}

/// The line's value with its YAML 1.1 booleans rewritten, if it has any.
fn rewritten(value: &str) -> Option<String> {
    match as_bool(value) {
        Some(b) => Some(b.to_string()),
        None if value.starts_with(['[', '{']) => flow(value),
        None => None,
    }
}

/// The text with YAML 1.1 booleans spelt as YAML 1.2 ones.
pub fn resolve_booleans(text: &str) -> String {
    // Not YAML with such words at all: nothing to do (JSON, most manifests).
    if !text
        .lines()
        .any(|l| value_start(l).is_some_and(|at| rewritten(word(&l[at..])).is_some()))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    // Inside a block scalar: the indentation its lines must exceed.
    let mut block: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(parent) = block {
            if body.trim().is_empty() || indent(body) > parent {
                out.push_str(line);
                continue;
            }
            block = None;
        }
        let Some(at) = value_start(body) else {
            out.push_str(line);
            continue;
        };
        let value = word(&body[at..]);
        if value.starts_with('|') || value.starts_with('>') {
            block = Some(indent(body));
        }
        match rewritten(value) {
            Some(b) => {
                out.push_str(&body[..at]);
                out.push_str(&b);
                out.push_str(&line[at + value.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::resolve_booleans;

    #[test]
    fn yaml_1_1_booleans_become_true_and_false_where_go_yaml_reads_them() {
        let text = "data:\n  a: x\n  b: y\n  c: \"yes\"\n  d: No  # comment\nlist:\n- on\n- 'off'\n- name: n\n  value: Yes\n";
        assert_eq!(
            resolve_booleans(text),
            "data:\n  a: x\n  b: true\n  c: \"yes\"\n  d: false  # comment\nlist:\n- true\n- 'off'\n- name: false\n  value: true\n"
        );
    }

    #[test]
    fn block_scalars_keys_and_plain_text_stay() {
        let text = "data:\n  script: |\n    yes\n    on: no\n  y: z\n  url: http://x:80\n  list: [a, 'on', \"no\", {n: x}]\n";
        assert_eq!(resolve_booleans(text), text);
    }

    #[test]
    fn one_line_flow_collections_have_their_values_read_by_yaml_1_1() {
        let text = "args: [on, x, off]\nlabels: {a: yes, b: \"no\", c: [n, {d: Y}]}  # c\n- [y]\nbad: [on\n";
        assert_eq!(
            resolve_booleans(text),
            "args: [true, x, false]\nlabels: {a: true, b: \"no\", c: [false, {d: true}]}  # c\n- [true]\nbad: [on\n"
        );
    }
}
