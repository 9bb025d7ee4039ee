//! `kubectl completion bash|zsh|fish|powershell`: prints a completion
//! script. The playground's terminal completes kubectl by itself, so the
//! script is a short stand-in that sources cleanly (`source <(kubectl
//! completion bash)`) and registers the same function names as the real one.

use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::Parsed;
use crate::kubectl::{Command, Env};

pub const COMMAND: Command = Command {
    name: "completion",
    aliases: &[],
    group: "Settings Commands",
    short: "Output shell completion code for the specified shell (bash, zsh, fish, or powershell)",
    flags: &[],
    run,
};

const LICENSE: &str = "\n# Copyright 2016 The Kubernetes Authors.\n#\n# Licensed under the Apache License, Version 2.0 (the \"License\");\n# you may not use this file except in compliance with the License.\n# You may obtain a copy of the License at\n#\n#     http://www.apache.org/licenses/LICENSE-2.0\n#\n# Unless required by applicable law or agreed to in writing, software\n# distributed under the License is distributed on an \"AS IS\" BASIS,\n# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n# See the License for the specific language governing permissions and\n# limitations under the License.\n";

const BASH: &str = r#"# bash completion V2 for kubectl                              -*- shell-script -*-

# In this playground the terminal itself completes kubectl (Tab); this
# script only registers the function names the real one defines.
__kubectl_debug() {
    if [[ -n ${BASH_COMP_DEBUG_FILE-} ]]; then
        echo "$*" >> "${BASH_COMP_DEBUG_FILE}"
    fi
}

__start_kubectl() {
    return 0
}

if [[ $(type -t compopt) = "builtin" ]]; then
    complete -o default -F __start_kubectl kubectl
else
    complete -o default -o nospace -F __start_kubectl kubectl
fi

# ex: ts=4 sw=4 et filetype=sh
"#;

const ZSH_HEAD: &str = "#compdef kubectl\ncompdef _kubectl kubectl\n";

const ZSH: &str = r#"
# zsh completion for kubectl                              -*- shell-script -*-

# In this playground the terminal itself completes kubectl (Tab); this
# script only defines the function the real one defines.
_kubectl() {
    return 0
}

# don't run the completion function when being source-ed or eval-ed
if [ "$funcstack[1]" = "_kubectl" ]; then
    _kubectl
fi
"#;

const FISH: &str = r#"# fish completion for kubectl                              -*- shell-script -*-

# In this playground the terminal itself completes kubectl (Tab).
complete -c kubectl -e
"#;

const POWERSHELL: &str = r#"# powershell completion for kubectl                        -*- shell-script -*-

# In this playground the terminal itself completes kubectl (Tab).
Register-ArgumentCompleter -CommandName 'kubectl' -ScriptBlock { }
"#;

fn usage(msg: String) -> CmdError {
    CmdError::Usage {
        msg,
        command: "kubectl completion".into(),
    }
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let Some(shell) = p.args.first() else {
        return Err(usage("Shell not specified.".into()));
    };
    if p.args.len() > 1 {
        return Err(usage(
            "Too many arguments. Expected only the shell type.".into(),
        ));
    }
    let body = match shell.as_str() {
        "bash" => BASH,
        "zsh" => ZSH,
        "fish" => FISH,
        "powershell" => POWERSHELL,
        other => return Err(usage(format!("Unsupported shell type \"{other}\"."))),
    };
    // The real zsh script starts with its #compdef line before the license.
    if shell == "zsh" {
        env.print(format!("{ZSH_HEAD}{LICENSE}{body}"));
    } else {
        env.print(format!("{LICENSE}{body}"));
    }
    Ok(())
}
