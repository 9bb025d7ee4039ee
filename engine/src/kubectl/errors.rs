//! How kubectl reports failures (`cmd/util/helpers.go` checkErr), and exit codes.

use crate::api::Status;

/// A failed kubectl command.
#[derive(Clone, Debug, PartialEq)]
pub enum CmdError {
    /// A flag or argument problem: `error: <msg>` + `See 'kubectl <cmd> --help' for usage.`
    Flag { msg: String, command: String },
    /// An argument problem reported with `-h`: `error: <msg>` + `See 'kubectl <cmd> -h' for help and examples`.
    Usage { msg: String, command: String },
    /// A failed API request.
    Api(Status),
    /// `error: <msg>`.
    Plain(String),
    /// Printed as is (already formatted, ends with a newline).
    Raw(String),
    /// Printed as is, and kubectl exits with `code` (exec's remote status).
    Exit { text: String, code: i32 },
}

impl From<Status> for CmdError {
    fn from(s: Status) -> Self {
        CmdError::Api(s)
    }
}

/// The text kubectl prints for an API status (rules 1-2 of VALIDATION.md §3).
pub fn status_text(s: &Status) -> String {
    if s.reason == "Invalid" {
        if let Some(d) = &s.details {
            if !d.causes.is_empty() {
                let mut causes: Vec<String> = vec![];
                for c in &d.causes {
                    let line = format!("{}: {}", c.field, c.message);
                    if !causes.contains(&line) {
                        causes.push(line);
                    }
                }
                let head = if d.kind.is_empty() && d.name.is_empty() {
                    "The request is invalid: ".to_string()
                } else {
                    format!("The {} \"{}\" is invalid: ", d.kind, d.name)
                };
                return if causes.len() == 1 {
                    format!("{head}{}\n", causes[0])
                } else {
                    let list: Vec<String> = causes.iter().map(|c| format!("* {c}")).collect();
                    format!("{head}\n{}\n", list.join("\n"))
                };
            }
        }
    }
    if s.code == 0 {
        return format!("error: {}\n", s.message);
    }
    if s.reason == "Unauthorized" {
        return format!(
            "error: You must be logged in to the server ({})\n",
            s.message
        );
    }
    if s.reason.is_empty() {
        format!("Error from server: {}\n", s.message)
    } else {
        format!("Error from server ({}): {}\n", s.reason, s.message)
    }
}

/// The errors one command gathered (each printed as for a lone error, ending
/// in a newline), as checkErr prints them: one alone as is; several, as an
/// aggregate, each without the `error: ` prefix (MultipleErrors in helpers.go).
pub fn aggregate(errors: Vec<String>) -> Result<(), CmdError> {
    match errors.len() {
        0 => Ok(()),
        1 => Err(CmdError::Raw(errors.concat())),
        _ => Err(CmdError::Raw(
            errors
                .iter()
                .map(|e| e.strip_prefix("error: ").unwrap_or(e))
                .collect(),
        )),
    }
}

impl CmdError {
    pub fn text(&self) -> String {
        match self {
            CmdError::Flag { msg, command } => {
                format!("error: {msg}\nSee '{command} --help' for usage.\n")
            }
            CmdError::Usage { msg, command } => {
                format!("error: {msg}\nSee '{command} -h' for help and examples\n")
            }
            CmdError::Api(s) => status_text(s),
            CmdError::Plain(m) => format!("error: {m}\n"),
            CmdError::Raw(t) => t.clone(),
            CmdError::Exit { text, .. } => text.clone(),
        }
    }
}
