//! `kubectl delete --interactive`: lists what would be deleted and asks on
//! stdin first (kubectl v1.33 pkg/cmd/delete/delete.go: RunDelete's
//! preview and `confirmation`).

use super::delete::Target;
use crate::kubectl::Env;

/// The preview, the question, and the answer read from stdin; whether to
/// go on. The preview does not fetch named objects (`RequireObject(false)`):
/// a missing one is listed, and its NotFound comes with the deletion.
pub fn confirm(env: &mut Env, found: &[Target]) -> bool {
    if found.is_empty() {
        env.print("No resources found\n");
        return false;
    }
    let mut text = format!(
        "You are about to delete the following {} resource(s):\n",
        found.len()
    );
    for t in found {
        text.push_str(&format!("{}/{}\n", t.resource.qualified_singular(), t.name));
    }
    // v1.33.1 asks "(y/n)"; later releases "(y/N)".
    text.push_str("Do you want to continue? (y/n): ");
    env.print(text);
    let go = yes(env.stdin.read_line());
    if !go {
        env.print("deletion is cancelled\n");
    }
    go
}

/// Go's `fmt.Fscanln(in, &input)` then `strings.EqualFold(input, "y")`:
/// exactly one word on the line; no line (end of input) is a no.
fn yes(line: Option<&str>) -> bool {
    let mut words = line.unwrap_or("").split_whitespace();
    matches!((words.next(), words.next()), (Some(w), None) if w.eq_ignore_ascii_case("y"))
}

#[cfg(test)]
mod tests {
    use super::yes;

    #[test]
    fn only_a_lone_y_confirms() {
        assert!(yes(Some("y")));
        assert!(yes(Some(" Y ")));
        assert!(!yes(Some("yes")));
        assert!(!yes(Some("y y")));
        assert!(!yes(Some("")));
        assert!(!yes(None));
    }
}
