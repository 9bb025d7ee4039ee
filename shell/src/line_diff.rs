//! Line diffs as GNU diff prints them: unified hunks with three lines of
//! context (hunks whose context would touch are merged; `kubectl diff` and
//! `diff -u`) and the normal format's change commands (`diff`).

const CONTEXT: usize = 3;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Op {
    Same,
    Del,
    Add,
}

/// Beyond this many cells the LCS table is not built: the common head and
/// tail are kept and the middle is replaced wholesale (still a valid diff).
const MAX_TABLE: usize = 4_000_000;

/// The line-by-line edit script (longest common subsequence; the texts are
/// files of a few hundred lines, so the quadratic table is fine).
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_TABLE {
        let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let tail = a[head..]
            .iter()
            .rev()
            .zip(b[head..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let mut ops = vec![Op::Same; head];
        ops.extend(std::iter::repeat_n(Op::Del, n - head - tail));
        ops.extend(std::iter::repeat_n(Op::Add, m - head - tail));
        ops.extend(std::iter::repeat_n(Op::Same, tail));
        return ops;
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, vec![]);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(Op::Del);
            i += 1;
        } else {
            ops.push(Op::Add);
            j += 1;
        }
    }
    ops
}

/// A hunk range as unified diff writes it: `start,count`, or `start` when
/// the count is 1; an empty range names the line before it.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{},0", start),
        1 => format!("{}", start + 1),
        _ => format!("{},{}", start + 1, count),
    }
}

/// The hunks (without headers); empty when the texts are equal.
pub fn hunks(from: &str, to: &str) -> String {
    let a: Vec<&str> = from.lines().collect();
    let b: Vec<&str> = to.lines().collect();
    let ops = script(&a, &b);
    // Indices of changed ops, grouped into hunks by the context they share.
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k] != Op::Same).collect();
    let mut out = String::new();
    let mut g = 0;
    while g < changed.len() {
        let mut end = g;
        while end + 1 < changed.len() && changed[end + 1] - changed[end] <= 2 * CONTEXT + 1 {
            end += 1;
        }
        let lo = changed[g].saturating_sub(CONTEXT);
        let hi = (changed[end] + CONTEXT + 1).min(ops.len());
        // Line positions at `lo` in each text.
        let a_start = ops[..lo].iter().filter(|o| **o != Op::Add).count();
        let b_start = ops[..lo].iter().filter(|o| **o != Op::Del).count();
        let a_count = ops[lo..hi].iter().filter(|o| **o != Op::Add).count();
        let b_count = ops[lo..hi].iter().filter(|o| **o != Op::Del).count();
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(a_start, a_count),
            range(b_start, b_count)
        ));
        let (mut i, mut j) = (a_start, b_start);
        for op in &ops[lo..hi] {
            match op {
                Op::Same => {
                    out.push_str(&format!(" {}\n", a[i]));
                    i += 1;
                    j += 1;
                }
                Op::Del => {
                    out.push_str(&format!("-{}\n", a[i]));
                    i += 1;
                }
                Op::Add => {
                    out.push_str(&format!("+{}\n", b[j]));
                    j += 1;
                }
            }
        }
        g = end + 1;
    }
    out
}

/// A normal-format range: `n` or `first,last` (1-based).
fn normal_range(start: usize, count: usize) -> String {
    if count <= 1 {
        format!("{}", start + 1)
    } else {
        format!("{},{}", start + 1, start + count)
    }
}

/// The normal format: `3c3`, `5d4`, `7a8,9` with the lines they take
/// (`< `) and give (`> `); empty when the texts are equal.
pub fn normal(from: &str, to: &str) -> String {
    let a: Vec<&str> = from.lines().collect();
    let b: Vec<&str> = to.lines().collect();
    let ops = script(&a, &b);
    let mut out = String::new();
    let (mut i, mut j, mut k) = (0, 0, 0);
    while k < ops.len() {
        if ops[k] == Op::Same {
            i += 1;
            j += 1;
            k += 1;
            continue;
        }
        let (i0, j0) = (i, j);
        while k < ops.len() && ops[k] != Op::Same {
            match ops[k] {
                Op::Del => i += 1,
                _ => j += 1,
            }
            k += 1;
        }
        let (dels, adds) = (i - i0, j - j0);
        let head = match (dels, adds) {
            (_, 0) => format!("{}d{}", normal_range(i0, dels), j0),
            (0, _) => format!("{}a{}", i0, normal_range(j0, adds)),
            _ => format!("{}c{}", normal_range(i0, dels), normal_range(j0, adds)),
        };
        out.push_str(&head);
        out.push('\n');
        for line in &a[i0..i] {
            out.push_str(&format!("< {line}\n"));
        }
        if dels > 0 && adds > 0 {
            out.push_str("---\n");
        }
        for line in &b[j0..j] {
            out.push_str(&format!("> {line}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_hunks() {
        assert_eq!(hunks("a\nb\n", "a\nb\n"), "");
    }

    #[test]
    fn a_new_file_is_one_hunk_of_additions() {
        assert_eq!(hunks("", "a\nb\n"), "@@ -0,0 +1,2 @@\n+a\n+b\n");
    }

    #[test]
    fn a_change_keeps_three_lines_of_context() {
        let from = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let to = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            hunks(from, to),
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn distant_changes_make_two_hunks() {
        let from: String = (1..=20).map(|n| format!("{n}\n")).collect();
        let to = from.replace("2\n", "two\n").replace("19\n", "nineteen\n");
        let h = hunks(&from, &to);
        assert_eq!(h.matches("@@ -").count(), 2, "{h}");
        assert!(h.starts_with("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n"), "{h}");
    }
}
