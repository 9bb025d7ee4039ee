//! `kubectl create token SA [--duration D]`: a TokenRequest for a
//! ServiceAccount; prints the token.

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::{duration_ms, Env};

pub fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let Some(name) = p.args.get(1) else {
        return Err(CmdError::Usage {
            msg: "NAME is required".into(),
            command: "kubectl create token".into(),
        });
    };
    if p.args.len() > 2 {
        return Err(CmdError::Usage {
            msg: format!("exactly one NAME is required, got {}", p.args.len() - 1),
            command: "kubectl create token".into(),
        });
    }
    let duration = match p.str("duration").filter(|d| !d.is_empty()) {
        None => 0,
        Some(d) => duration_ms(d).ok_or_else(|| CmdError::Flag {
            msg: format!(
                "invalid argument \"{d}\" for \"--duration\" flag: time: invalid duration \"{d}\""
            ),
            command: "kubectl create token".into(),
        })?,
    };
    if duration < 0 {
        return Err(CmdError::Plain(
            "--duration must be greater than or equal to 0".into(),
        ));
    }
    if duration % 1000 != 0 {
        return Err(CmdError::Plain(
            "--duration cannot be expressed in units less than seconds".into(),
        ));
    }
    let ns = env.namespace(p);
    let seconds = (duration > 0).then_some(duration / 1000);
    let response = env
        .world
        .api
        .create_token(&ns, name, seconds)
        .map_err(|s| CmdError::Plain(format!("failed to create token: {}", s.message)))?;
    let token = response["status"]["token"]
        .as_str()
        .unwrap_or("")
        .to_string();
    // kubectl ends the line only on a terminal (`$(…)` and pipes get the bare token).
    let end = if env.stdout_tty { "\n" } else { "" };
    env.print(format!("{token}{end}"));
    Ok(())
}
