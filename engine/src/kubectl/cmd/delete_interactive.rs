//! `kubectl delete --interactive`: lists what would be deleted and asks on
//! stdin first (kubectl v1.33 pkg/cmd/delete/delete.go: RunDelete's
//! preview and `confirmation`).

use super::delete::{Deletion, Target};
use crate::kubectl::Env;
use crate::world::World;
use kubeplay_shell::Output;

/// What the person answered to the question.
pub(super) enum Answer {
    Yes,
    No,
    /// Nothing was piped in and a person is at the terminal: the answer is
    /// the next line they type (`Pending`).
    Typed,
}

/// The preview, the question, and the answer read from stdin. The preview
/// does not fetch named objects (`RequireObject(false)`): a missing one is
/// listed, and its NotFound comes with the deletion.
pub(super) fn confirm(env: &mut Env, found: &[Target]) -> Answer {
    if found.is_empty() {
        env.print("No resources found\n");
        return Answer::No;
    }
    let mut text = format!(
        "You are about to delete the following {} resource(s):\n",
        found.len()
    );
    for t in found {
        text.push_str(&format!("{}/{}\n", t.resource.qualified_singular(), t.name));
    }
    if env.stdin.is_empty() && (env.interactive || env.can_stream) {
        // The question is then the prompt the answer is typed at.
        env.print(text);
        return Answer::Typed;
    }
    text.push_str(QUESTION);
    env.print(text);
    if yes(env.stdin.read_line()) {
        Answer::Yes
    } else {
        env.print(CANCELLED);
        Answer::No
    }
}

const CANCELLED: &str = "deletion is cancelled\n";
// v1.33.1 asks "(y/n)"; later releases "(y/N)".
const QUESTION: &str = "Do you want to continue? (y/n): ";

/// A deletion waiting for the line the person types at the question.
#[derive(Clone, Debug)]
pub struct Pending {
    deletion: Option<Deletion>,
}

impl Pending {
    pub(crate) fn new(deletion: Deletion) -> Pending {
        Pending {
            deletion: Some(deletion),
        }
    }

    /// The answer: deletes, or cancels; either way the command ends.
    pub fn feed(&mut self, line: &str, world: &mut World) -> Output {
        let mut out = Output::default();
        let Some(deletion) = self.deletion.take() else {
            return out;
        };
        if !yes(Some(line)) {
            out.out(CANCELLED);
            return out;
        }
        let mut errors = String::new();
        deletion.run(world, &mut out, &mut errors);
        if !errors.is_empty() {
            out.err(errors);
            out.status = 1;
        }
        out
    }

    /// The question is the prompt: the answer is typed on its line.
    pub fn prompt(&self) -> String {
        QUESTION.into()
    }

    pub fn ended(&self) -> bool {
        self.deletion.is_none()
    }
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
