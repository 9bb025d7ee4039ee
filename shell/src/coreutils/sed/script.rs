//! The compiled form of a sed script, shaped like GNU sed's own so that
//! its quirks (range states, jump targets, text buffers) carry over.

use crate::regex::Regex;

#[derive(Clone, Copy)]
pub(super) enum Addr {
    Num(u64),
    /// `first~step`.
    NumMod(u64, u64),
    /// `addr1,+N`: the range ends N lines after the one that opened it.
    Plus(u64),
    /// `addr1,~N`: the range ends at the next multiple of N.
    Tilde(u64),
    Last,
    /// An index into `Program::regexes`; `None` is the last regex used.
    Re(Option<usize>),
    /// `+0` / `~0`: always true, so a range closes on its first line.
    Null,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Range {
    Inactive,
    Active,
    Closed,
}

pub(super) struct Subst {
    pub re: Option<usize>,
    pub rep: Vec<Piece>,
    pub global: bool,
    /// Bit 1: `p` before `e`; bit 2: `p` after it.
    pub print: u8,
    pub nth: u64,
    pub eval: bool,
    pub out: Option<usize>,
}

/// One part of a replacement: literal text, then a group (`&` is 0),
/// under GNU's case-conversion state (`CASE_*` bits).
pub(super) struct Piece {
    pub prefix: String,
    pub group: Option<usize>,
    pub case: u8,
}

pub(super) const CASE_UPPER: u8 = 1;
pub(super) const CASE_LOWER: u8 = 2;
pub(super) const CASE_UPPER_FIRST: u8 = 4;
pub(super) const CASE_LOWER_FIRST: u8 = 8;
pub(super) const CASE_ONE_SHOT: u8 = CASE_UPPER_FIRST | CASE_LOWER_FIRST;

pub(super) enum Op {
    /// `{`: the index of its `}`, jumped to when the address fails.
    Block(usize),
    /// `}`, `:label`: nothing to do.
    Nop,
    /// `b`, `t`, `T` and the command index to go on at.
    Branch(char, usize),
    /// `a`, `i`, `c`; `None` is GNU's empty text buffer (`a\` at the end).
    Text(char, Option<String>),
    /// `r FILE`; `first` is `0r`, which prints before the first line.
    Read {
        file: String,
        first: bool,
    },
    /// `R FILE`: an index into `Program::rfiles`.
    ReadLine(usize),
    /// `w FILE` / `W FILE`: an index into `Program::outputs`.
    Write {
        out: usize,
        first_line: bool,
    },
    Subst(Box<Subst>),
    Translit(Vec<(char, char)>),
    /// `q` (prints first) and `Q` with their exit code.
    Quit {
        print: bool,
        code: i32,
    },
    /// `l` with its optional line length.
    List(Option<u64>),
    /// `e`: runs commands, which the playground cannot.
    Exec,
    /// `= d D F g G h H n N p P x z` (and `L`, which GNU 4.9 parses but
    /// cannot run).
    Simple(char),
}

pub(super) struct Cmd {
    pub a1: Option<Addr>,
    pub a2: Option<Addr>,
    pub bang: bool,
    pub op: Op,
    pub range: Range,
    /// Where a running `addr,+N` / `addr,~N` range ends.
    pub end_line: u64,
}

/// Where `w` output goes; `/dev/stdout` and `/dev/stderr` are the
/// process's own streams.
pub(super) enum Sink {
    Stdout,
    Stderr,
    File(String),
}

pub(super) struct OutFile {
    pub name: String,
    pub sink: Sink,
    pub text: String,
    pub missing_newline: bool,
}

/// An `R` file, read when compiled, and how far `R` has got in it.
pub(super) struct RFile {
    pub name: String,
    pub text: String,
    pub pos: usize,
}

#[derive(Default)]
pub(super) struct Program {
    pub cmds: Vec<Cmd>,
    pub regexes: Vec<Regex>,
    pub outputs: Vec<OutFile>,
    pub rfiles: Vec<RFile>,
}
