//! `envsubst` (GNU gettext): `$NAME` and `${NAME}` replaced by the
//! environment's values (empty when unset); with a SHELL-FORMAT argument
//! only the variables it names; `-v` lists a format's variables.

use super::Ctx;

/// The `$NAME`/`${NAME}` references in `text`: (start, end, name).
fn references(text: &str) -> Vec<(usize, usize, &str)> {
    let b = text.as_bytes();
    let is_start = |c: u8| c.is_ascii_alphabetic() || c == b'_';
    let is_name = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'{') && b.get(i + 2).copied().is_some_and(is_start) {
            let mut j = i + 3;
            while b.get(j).copied().is_some_and(is_name) {
                j += 1;
            }
            if b.get(j) == Some(&b'}') {
                out.push((i, j + 1, &text[i + 2..j]));
                i = j + 1;
                continue;
            }
        } else if b.get(i + 1).copied().is_some_and(is_start) {
            let mut j = i + 2;
            while b.get(j).copied().is_some_and(is_name) {
                j += 1;
            }
            out.push((i, j, &text[i + 1..j]));
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

pub fn envsubst(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let mut list = false;
    let mut format: Option<&str> = None;
    for a in &argv[1..] {
        match a.as_str() {
            "-v" | "--variables" => list = true,
            s if s.starts_with('-') && s.len() > 1 => {
                let c = s.chars().nth(1).unwrap_or('-');
                ctx.err(&format!("envsubst: invalid option -- '{c}'\nTry 'envsubst --help' for more information.\n"));
                return 1;
            }
            s if format.is_none() => format = Some(s),
            _ => {
                ctx.err(
                    "envsubst: too many arguments\nTry 'envsubst --help' for more information.\n",
                );
                return 1;
            }
        }
    }
    if list {
        let Some(f) = format else {
            ctx.err("envsubst: missing arguments\nTry 'envsubst --help' for more information.\n");
            return 1;
        };
        let names: String = references(f)
            .iter()
            .map(|(_, _, n)| format!("{n}\n"))
            .collect();
        ctx.out(&names);
        return 0;
    }
    let only: Option<Vec<String>> = format.map(|f| {
        references(f)
            .iter()
            .map(|(_, _, n)| n.to_string())
            .collect()
    });
    let input = std::mem::take(&mut ctx.stdin);
    let mut out = String::with_capacity(input.len());
    let mut last = 0;
    for (a, b, name) in references(&input) {
        if only.as_ref().is_some_and(|o| !o.iter().any(|n| n == name)) {
            continue;
        }
        out.push_str(&input[last..a]);
        out.push_str(ctx.env.get(name).map(String::as_str).unwrap_or(""));
        last = b;
    }
    out.push_str(&input[last..]);
    ctx.out(&out);
    0
}

#[cfg(test)]
mod tests {
    use super::references;

    #[test]
    fn finds_plain_and_braced_names_only() {
        let names: Vec<&str> = references("a $X ${Y_1} $1 ${Z:-d} $$ ${ W}")
            .iter()
            .map(|r| r.2)
            .collect();
        assert_eq!(names, ["X", "Y_1"]);
    }
}
