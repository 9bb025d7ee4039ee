//! kubectl's table layout: liggitt/tabwriter with minwidth 6, padding 3; the
//! last cell of a line unpadded; widths remembered across `-w` rows.

use serde_json::Value;

/// Column widths that only ever grow (tabwriter's RememberWidths).
#[derive(Clone, Debug, Default)]
pub struct Layout {
    widths: Vec<usize>,
}

const MIN_WIDTH: usize = 6;
const PADDING: usize = 3;

impl Layout {
    /// Lays out `lines` (each a list of cells), widening the remembered widths.
    pub fn render(&mut self, lines: &[Vec<String>]) -> String {
        for line in lines {
            for (i, cell) in line.iter().enumerate() {
                if i + 1 == line.len() {
                    break;
                }
                let w = (cell.chars().count() + PADDING).max(MIN_WIDTH);
                if self.widths.len() <= i {
                    self.widths.resize(i + 1, 0);
                }
                self.widths[i] = self.widths[i].max(w);
            }
        }
        let mut out = String::new();
        for line in lines {
            for (i, cell) in line.iter().enumerate() {
                out.push_str(cell);
                if i + 1 < line.len() {
                    let pad = self.widths[i] - cell.chars().count();
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push('\n');
        }
        out
    }
}

/// A Table cell as kubectl prints it: strings cut at the first line break
/// (then `...`), other values as Go's fmt.Sprint.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => match s.find(['\n', '\r', '\x0c']) {
            Some(i) => format!("{}...", &s[..i]),
            None => s.clone(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pads_three_after_widest_with_minimum_six() {
        let out = Layout::default().render(&[
            row(&["NAME", "STATUS", "ROLES", "AGE", "VERSION"]),
            row(&["minikube", "Ready", "control-plane", "85m", "v1.33.1"]),
        ]);
        assert_eq!(
            out,
            "NAME       STATUS   ROLES           AGE   VERSION\nminikube   Ready    control-plane   85m   v1.33.1\n"
        );
        let narrow = Layout::default().render(&[row(&["A", "B"]), row(&["x", "y"])]);
        assert_eq!(narrow, "A     B\nx     y\n");
    }

    #[test]
    fn widths_only_grow() {
        let mut l = Layout::default();
        l.render(&[
            row(&["NAME", "STATUS", "AGE"]),
            row(&["web", "ContainerCreating", "1s"]),
        ]);
        let later = l.render(&[row(&["web", "Running", "5s"])]);
        assert_eq!(later, "web    Running             5s\n");
    }
}
