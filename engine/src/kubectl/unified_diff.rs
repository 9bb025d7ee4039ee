//! `diff -u -N` between two texts, as GNU diff prints one file pair of a
//! directory comparison: the `diff -u -N A B` line, the `---`/`+++` headers
//! with the files' times, and hunks with three lines of context (hunks whose
//! context would touch are merged).

const CONTEXT: usize = 3;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Op {
    Same,
    Del,
    Add,
}

/// The line-by-line edit script (longest common subsequence; the texts are
/// objects of a few hundred lines, so the quadratic table is fine).
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
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
