//! The syntax tree the parser builds and the executor walks. Serde-able
//! because shell functions live in the snapshot.

use serde::{Deserialize, Serialize};

/// A word before expansion: a sequence of differently-quoted pieces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word(pub Vec<Part>);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// Unquoted text: subject to brace expansion and globbing.
    Lit(String),
    /// Single-quoted or backslash-escaped text: taken literally.
    Quoted(String),
    /// A double-quoted section: expansions inside are not split or globbed.
    Dq(Vec<Part>),
    Param(Box<Param>),
    CmdSub(Box<List>),
    /// Backquoted command substitution, parsed when run (as bash does).
    Backtick(String),
    Arith(Box<Word>),
    /// `~` or `~user` at the start of a word.
    Tilde(String),
    /// `<(list)`: replaced by a path holding the list's output.
    ProcSub(Box<List>),
    /// The words of an array assignment, `name=(a b c)`.
    Array(Vec<Word>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub op: ParamOp,
    /// Written `${name}` rather than `$name` (what `declare -f` prints).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub braced: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamOp {
    Plain,
    Length,
    /// `-` `=` `+` `?`, with or without the colon.
    Test {
        colon: bool,
        kind: char,
        word: Word,
    },
    /// `#`/`##` (prefix) and `%`/`%%` (suffix).
    Trim {
        suffix: bool,
        longest: bool,
        pat: Word,
    },
    Replace {
        all: bool,
        anchor: Option<char>,
        pat: Word,
        rep: Word,
    },
    Substr {
        off: Word,
        len: Option<Word>,
    },
    /// `^`/`^^` (upper) and `,`/`,,` (lower).
    Case {
        upper: bool,
        all: bool,
    },
    /// `${!name}`: the variable named by `name`'s value.
    Indirect,
    /// A syntax bash rejects at expansion time: "bad substitution".
    Bad(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RedirOp {
    In,
    Out,
    Append,
    Clobber,
    /// `n>&m` / `n>&-`
    DupOut,
    /// `n<&m`
    DupIn,
    /// `&>file`
    OutErr,
    /// `&>>file`
    AppendOutErr,
    HereDoc,
    HereStr,
    ReadWrite,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redir {
    pub fd: Option<u32>,
    pub op: RedirOp,
    /// The file name, the fd to dup, the here-string, or the here-doc body.
    pub target: Word,
    /// A here-document's end word, for printing it back (`declare -f`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub here_end: Option<HereEnd>,
}

/// How a here-document was opened: bash prints `<<-EOF` or `<<'EOF'` back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HereEnd {
    /// The delimiter with its quotes removed.
    pub delim: String,
    /// `<<-`: leading tabs were stripped from the body.
    pub strip_tabs: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assign {
    pub name: String,
    pub append: bool,
    pub value: Word,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Simple {
    pub assigns: Vec<Assign>,
    pub words: Vec<Word>,
    pub redirs: Vec<Redir>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cmd {
    Simple(Simple),
    Compound(Box<Compound>, Vec<Redir>),
    /// Name, body and the source text as typed (`type f` and `declare -f`
    /// print the body through `deparse`, laid out as bash does).
    FuncDef(String, Box<Cmd>, String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CondTok {
    Word(Word),
    /// `&&` `||` `!` `(` `)` `<` `>`
    Op(String),
    /// The right side of `=~`, a regex taken mostly literally.
    Regex(Word),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseArm {
    pub pats: Vec<Word>,
    pub body: List,
    /// `;;` (false) or `;&` / `;;&` (true: run or test the next arm too).
    pub fallthrough: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compound {
    Group(List),
    Subshell(List),
    If {
        branches: Vec<(List, List)>,
        else_: Option<List>,
    },
    For {
        var: String,
        words: Option<Vec<Word>>,
        body: List,
    },
    ArithFor {
        init: Word,
        cond: Word,
        step: Word,
        body: List,
    },
    While {
        until: bool,
        cond: List,
        body: List,
    },
    Case {
        word: Word,
        arms: Vec<CaseArm>,
    },
    Arith(Word),
    Cond(Vec<CondTok>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub bang: bool,
    /// `time` before the pipeline (`Some(true)` for `time -p`): its
    /// report goes to the shell's stderr, whatever the commands redirect.
    #[serde(default)]
    pub timed: Option<bool>,
    /// Each command, and whether its stderr also goes down the pipe (`|&`).
    pub cmds: Vec<(Cmd, bool)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AndOr {
    pub first: Pipeline,
    /// `true` for `&&`, `false` for `||`.
    pub rest: Vec<(bool, Pipeline)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct List(pub Vec<(AndOr, bool)>);

impl Word {
    #[cfg(test)]
    pub fn lit(s: &str) -> Word {
        Word(vec![Part::Lit(s.to_string())])
    }
    /// The text if the word is one unquoted literal (keywords, aliases).
    pub fn as_plain(&self) -> Option<&str> {
        match self.0.as_slice() {
            [Part::Lit(s)] => Some(s),
            _ => None,
        }
    }
}
