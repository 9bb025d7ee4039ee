//! GNU find over the VFS: the starting points, then an expression of
//! tests, actions and operators (`( )`, `!`, `-a`, `-o`, `,`) with GNU's
//! precedence. `-exec` runs its command through the shell that ran find,
//! so `find . -name '*.yaml' -exec kubectl apply -f {} \;` works.

use crate::vfs::{base, parent, resolve, Kind, Vfs, VfsError};
use std::collections::BTreeMap;

/// What find needs from whoever runs it.
pub trait FindHost {
    fn vfs(&mut self) -> &mut Vfs;
    fn cwd(&self) -> String;
    fn now(&self) -> i64;
    fn out(&mut self, s: &str);
    fn err(&mut self, s: &str);
    /// Runs a command line (in `dir` for `-execdir`); its exit status.
    fn run(&mut self, argv: &[String], dir: Option<&str>) -> i32;
    /// True once the output budget is spent.
    fn full(&self) -> bool;
}

enum Node {
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Comma(Box<Node>, Box<Node>),
    Not(Box<Node>),
    Test(Test),
    Act(Act),
    /// Global options (-maxdepth, -depth…) are true where they stand.
    True,
}

enum Test {
    /// `-name`/`-iname`: the base name; `-path`/`-ipath`: the path as printed.
    Name {
        pat: String,
        icase: bool,
        whole: bool,
    },
    /// `-type` (`x`: `-xtype`, which looks the other side of a link).
    Type(Vec<char>, bool),
    /// `-lname`/`-ilname`: a link's target.
    LinkName {
        pat: String,
        icase: bool,
    },
    Empty,
    False,
    /// `-size [+-]N[cwbkMG]`: compared in units, rounded up.
    Size(Cmp, u64, u64),
    /// `-mmin`/`-mtime`: age in units of this many milliseconds.
    Age(Cmp, i64, i64),
    /// Modified after this instant (`-newer FILE`).
    Newer(i64),
}

#[derive(Clone, Copy)]
enum Cmp {
    Less,
    Exactly,
    More,
}

enum Act {
    Print,
    Print0,
    Printf(String),
    Delete,
    Prune,
    Quit,
    Exec {
        argv: Vec<String>,
        /// `{} +`: the paths gather into batches, run at the end.
        batch: Option<usize>,
        in_dir: bool,
    },
}

/// One entry being looked at.
struct Entry<'a> {
    path: &'a str,
    shown: &'a str,
    depth: usize,
    root: &'a str,
    /// Whether its tests see through a link (-L, or -H for a root).
    follow: bool,
}

/// What an entry's tests look at: a link's target when following (a
/// link that leads nowhere stays a link, as in GNU find), else the link.
fn node_of<'v>(vfs: &'v Vfs, path: &str, follow: bool) -> Option<&'v crate::vfs::Node> {
    match follow {
        true => vfs.stat(path).or_else(|| vfs.lstat(path)),
        false => vfs.lstat(path),
    }
}

/// `-type`'s letter for a node.
fn type_letter(n: &crate::vfs::Node) -> char {
    match () {
        _ if n.is_symlink() => 'l',
        _ if n.is_dir() => 'd',
        _ if n.is_char_device() => 'c',
        _ => 'f',
    }
}

struct Parser<'a> {
    args: &'a [String],
    i: usize,
    depth_first: bool,
    maxdepth: usize,
    mindepth: usize,
    has_action: bool,
    batches: usize,
    /// `-follow`: as -L.
    follow: bool,
    /// For `-newer`, whose file find reads while parsing.
    vfs: &'a Vfs,
    cwd: &'a str,
}

type Parsed<T> = Result<T, String>;

impl<'a> Parser<'a> {
    /// The whole expression (none at all is `-print`'s alone).
    fn whole(&mut self) -> Parsed<Node> {
        if self.args.is_empty() {
            return Ok(Node::True);
        }
        let expr = self.list()?;
        match self.peek() {
            None => Ok(expr),
            Some(")") => Err("you have too many ')'".into()),
            Some(a) => Err(format!("paths must precede expression: `{a}'")),
        }
    }

    fn peek(&self) -> Option<&'a str> {
        self.args.get(self.i).map(String::as_str)
    }

    fn list(&mut self) -> Parsed<Node> {
        let mut left = self.or()?;
        while self.peek() == Some(",") {
            self.i += 1;
            self.operand(",")?;
            let right = self.or()?;
            left = Node::Comma(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn or(&mut self) -> Parsed<Node> {
        let mut left = self.and()?;
        while let Some(op @ ("-o" | "-or")) = self.peek() {
            self.i += 1;
            self.operand(op)?;
            let right = self.and()?;
            left = Node::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Parsed<Node> {
        let mut left = self.not()?;
        loop {
            match self.peek() {
                None | Some(")" | "-o" | "-or" | ",") => return Ok(left),
                Some(op @ ("-a" | "-and")) => {
                    self.i += 1;
                    self.operand(op)?;
                    let right = self.not()?;
                    left = Node::And(Box::new(left), Box::new(right));
                }
                Some(_) => {
                    let right = self.not()?;
                    left = Node::And(Box::new(left), Box::new(right));
                }
            }
        }
    }

    /// Checks that an operand follows a binary operator.
    fn operand(&self, op: &str) -> Parsed<()> {
        match self.peek() {
            None => Err(format!("expected an expression after '{op}'")),
            Some(")" | "-o" | "-or" | "-a" | "-and" | ",") => Err(format!(
                "invalid expression; you have used a binary operator '{op}' with nothing before it."
            )),
            _ => Ok(()),
        }
    }

    fn not(&mut self) -> Parsed<Node> {
        match self.peek() {
            Some(op @ ("!" | "-not")) => {
                self.i += 1;
                if self.peek().is_none() {
                    return Err(format!("expected an expression after '{op}'"));
                }
                Ok(Node::Not(Box::new(self.not()?)))
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Parsed<Node> {
        let Some(a) = self.peek() else {
            return Err("expected an expression".into());
        };
        self.i += 1;
        match a {
            "(" => {
                if self.peek() == Some(")") {
                    return Err("invalid expression; empty parentheses are not allowed.".into());
                }
                let inner = self.list()?;
                if self.peek() != Some(")") {
                    return Err("invalid expression; I was expecting to find a ')' somewhere but did not see one.".into());
                }
                self.i += 1;
                Ok(inner)
            }
            ")" => Err("you have too many ')'".into()),
            "-o" | "-or" | "-a" | "-and" | "," => Err(format!(
                "invalid expression; you have used a binary operator '{a}' with nothing before it."
            )),
            _ if !a.starts_with('-') || a == "-" => {
                Err(format!("paths must precede expression: `{a}'"))
            }
            _ => self.predicate(a),
        }
    }

    fn value(&mut self, pred: &str) -> Parsed<String> {
        let v = self
            .args
            .get(self.i)
            .cloned()
            .ok_or_else(|| format!("missing argument to `{pred}'"))?;
        self.i += 1;
        Ok(v)
    }

    fn predicate(&mut self, a: &str) -> Parsed<Node> {
        let node = match a {
            "-maxdepth" | "-mindepth" => {
                let v = self.value(a)?;
                let n = v.parse().map_err(|_| {
                    format!("Expected a positive decimal integer argument to {a}, but got ‘{v}’")
                })?;
                if a == "-maxdepth" {
                    self.maxdepth = n;
                } else {
                    self.mindepth = n;
                }
                Node::True
            }
            "-depth" | "-d" => {
                self.depth_first = true;
                Node::True
            }
            "-xdev" | "-mount" | "-noleaf" | "-ignore_readdir_race" => Node::True,
            "-follow" => {
                self.follow = true;
                Node::True
            }
            "-true" => Node::True,
            "-false" => Node::Test(Test::False),
            "-name" | "-iname" | "-path" | "-ipath" | "-wholename" | "-iwholename" => {
                Node::Test(Test::Name {
                    pat: self.value(a)?,
                    icase: a.starts_with("-i"),
                    whole: !a.ends_with("name") || a.ends_with("wholename"),
                })
            }
            "-type" | "-xtype" => {
                let v = self.value(a)?;
                let kinds: Vec<char> = v.split(',').filter_map(|k| k.chars().next()).collect();
                if let Some(bad) = v
                    .split(',')
                    .find(|k| k.chars().count() != 1 || !"bcdpflsD".contains(*k))
                {
                    return Err(format!("Unknown argument to {a}: {bad}"));
                }
                Node::Test(Test::Type(kinds, a == "-xtype"))
            }
            "-lname" | "-ilname" => Node::Test(Test::LinkName {
                pat: self.value(a)?,
                icase: a == "-ilname",
            }),
            "-empty" => Node::Test(Test::Empty),
            "-size" => {
                let v = self.value(a)?;
                let (cmp, rest) = comparison(&v);
                let (digits, unit) = match rest.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
                    Some((k, _)) => (&rest[..k], &rest[k..]),
                    None => (rest, "b"),
                };
                let scale = match unit {
                    "c" => 1,
                    "w" => 2,
                    "b" => 512,
                    "k" => 1024,
                    "M" => 1 << 20,
                    "G" => 1 << 30,
                    _ => return Err(format!("invalid -size type `{unit}'")),
                };
                let n = digits
                    .parse()
                    .map_err(|_| format!("invalid argument `{v}' to `-size'"))?;
                Node::Test(Test::Size(cmp, n, scale))
            }
            "-mmin" | "-mtime" | "-amin" | "-atime" | "-cmin" | "-ctime" => {
                let v = self.value(a)?;
                let (cmp, rest) = comparison(&v);
                let n = rest
                    .parse()
                    .map_err(|_| format!("invalid argument `{v}' to `{a}'"))?;
                let unit = if a.ends_with("min") {
                    60_000
                } else {
                    86_400_000
                };
                Node::Test(Test::Age(cmp, n, unit))
            }
            "-newer" => {
                let v = self.value(a)?;
                let node = self.vfs.stat(&resolve(self.cwd, &v));
                let t = node.ok_or_else(|| format!("‘{v}’: No such file or directory"))?;
                Node::Test(Test::Newer(t.mtime))
            }
            "-print" | "-print0" | "-printf" | "-delete" | "-quit" => {
                self.has_action = true;
                Node::Act(match a {
                    "-print" => Act::Print,
                    "-print0" => Act::Print0,
                    "-printf" => Act::Printf(self.value(a)?),
                    "-delete" => {
                        self.depth_first = true;
                        Act::Delete
                    }
                    _ => Act::Quit,
                })
            }
            "-prune" => Node::Act(Act::Prune),
            "-exec" | "-execdir" => {
                self.has_action = true;
                self.exec(a)?
            }
            _ => return Err(format!("unknown predicate `{a}'")),
        };
        Ok(node)
    }

    /// `-exec CMD… ;` or `-exec CMD… {} +`.
    fn exec(&mut self, pred: &str) -> Parsed<Node> {
        let start = self.i;
        let missing = || format!("missing argument to `{pred}'");
        loop {
            let Some(a) = self.args.get(self.i) else {
                return Err(missing());
            };
            self.i += 1;
            if a == ";" {
                break;
            }
            if a == "+" && self.i - 1 > start && self.args[self.i - 2] == "{}" {
                let argv = self.args[start..self.i - 2].to_vec();
                if argv.is_empty() {
                    return Err(missing());
                }
                self.batches += 1;
                return Ok(Node::Act(Act::Exec {
                    argv,
                    batch: Some(self.batches - 1),
                    in_dir: pred == "-execdir",
                }));
            }
        }
        let argv = self.args[start..self.i - 1].to_vec();
        if argv.is_empty() {
            return Err(missing());
        }
        Ok(Node::Act(Act::Exec {
            argv,
            batch: None,
            in_dir: pred == "-execdir",
        }))
    }
}

/// `+N` more than, `-N` less than, `N` exactly.
fn comparison(v: &str) -> (Cmp, &str) {
    match v.as_bytes().first() {
        Some(b'+') => (Cmp::More, &v[1..]),
        Some(b'-') => (Cmp::Less, &v[1..]),
        _ => (Cmp::Exactly, v),
    }
}

impl Cmp {
    fn holds(self, value: i64, n: i64) -> bool {
        match self {
            Cmp::Less => value < n,
            Cmp::Exactly => value == n,
            Cmp::More => value > n,
        }
    }
}

/// The walk's state beside the expression.
struct Run<'h> {
    host: &'h mut dyn FindHost,
    batches: Vec<Batch>,
    pruned: bool,
    quit: bool,
    status: i32,
}

impl Run<'_> {
    fn eval(&mut self, node: &Node, e: &Entry) -> bool {
        match node {
            Node::And(a, b) => self.eval(a, e) && self.eval(b, e),
            Node::Or(a, b) => self.eval(a, e) || self.eval(b, e),
            Node::Comma(a, b) => {
                self.eval(a, e);
                self.eval(b, e)
            }
            Node::Not(a) => !self.eval(a, e),
            Node::True => true,
            Node::Test(t) => self.test(t, e),
            Node::Act(a) => self.act(a, e),
        }
    }

    fn test(&mut self, t: &Test, e: &Entry) -> bool {
        let now = self.host.now();
        let vfs = self.host.vfs();
        match t {
            Test::Name { pat, icase, whole } => {
                let subject = if *whole {
                    e.shown
                } else if e.depth == 0 {
                    base(e.root)
                } else {
                    base(e.path)
                };
                if *icase {
                    crate::glob::matches(&pat.to_lowercase(), &subject.to_lowercase())
                } else {
                    crate::glob::matches(pat, subject)
                }
            }
            Test::Type(kinds, other_side) => node_of(vfs, e.path, e.follow != *other_side)
                .is_some_and(|n| kinds.contains(&type_letter(n))),
            Test::LinkName { pat, icase } => {
                let target = node_of(vfs, e.path, e.follow).and_then(|n| n.link.as_deref());
                target.is_some_and(|t| match icase {
                    true => crate::glob::matches(&pat.to_lowercase(), &t.to_lowercase()),
                    false => crate::glob::matches(pat, t),
                })
            }
            Test::Empty => match node_of(vfs, e.path, e.follow) {
                Some(n) if n.is_symlink() => false,
                Some(n) => match &n.kind {
                    Kind::Dir => vfs.list(e.path).is_some_and(|l| l.is_empty()),
                    Kind::File(s) => s.is_empty(),
                    _ => false,
                },
                None => false,
            },
            Test::False => false,
            Test::Size(cmp, n, scale) => node_of(vfs, e.path, e.follow).is_some_and(|node| {
                let bytes = if node.is_dir() {
                    4096
                } else {
                    node.size() as u64
                };
                let units = bytes.div_ceil(*scale);
                cmp.holds(units as i64, *n as i64)
            }),
            Test::Age(cmp, n, unit) => node_of(vfs, e.path, e.follow).is_some_and(|node| {
                // find rounds the age down to whole units before comparing.
                let age = (now - node.mtime).max(0) / unit;
                cmp.holds(age, *n)
            }),
            Test::Newer(t) => node_of(vfs, e.path, e.follow).is_some_and(|node| node.mtime > *t),
        }
    }

    fn act(&mut self, a: &Act, e: &Entry) -> bool {
        match a {
            Act::Print => self.host.out(&format!("{}\n", e.shown)),
            Act::Print0 => self.host.out(&format!("{}\0", e.shown)),
            Act::Printf(f) => {
                let s = printf(f, e, self.host.vfs());
                self.host.out(&s);
            }
            Act::Prune => self.pruned = true,
            Act::Quit => self.quit = true,
            Act::Delete => {
                if e.path == "/" || e.shown == "." {
                    return true;
                }
                if let Err(err) = self.host.vfs().remove(e.path) {
                    let msg = format!("find: cannot delete ‘{}’: {}\n", e.shown, err.msg());
                    self.host.err(&msg);
                    self.status = 1;
                    return false;
                }
            }
            Act::Exec {
                argv,
                batch,
                in_dir,
            } => {
                let (arg, dir) = exec_target(e, *in_dir);
                if let Some(b) = batch {
                    self.batches[*b].found.push((arg, dir));
                    return true;
                }
                let argv: Vec<String> = argv.iter().map(|w| w.replace("{}", &arg)).collect();
                return self.host.run(&argv, dir.as_deref()) == 0;
            }
        }
        true
    }
}

/// What `{}` stands for, and the directory `-execdir` runs in.
fn exec_target(e: &Entry, in_dir: bool) -> (String, Option<String>) {
    if !in_dir {
        return (e.shown.to_string(), None);
    }
    let name = if e.depth == 0 {
        base(e.root)
    } else {
        base(e.path)
    };
    (format!("./{name}"), Some(parent(e.path).to_string()))
}

/// `-printf`'s directives and escapes (the common ones).
fn printf(format: &str, e: &Entry, vfs: &Vfs) -> String {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some('\\') => out.push('\\'),
                Some(o) => {
                    out.push('\\');
                    out.push(o);
                }
                None => out.push('\\'),
            },
            '%' => match chars.next() {
                Some('p') => out.push_str(e.shown),
                Some('f') => out.push_str(if e.depth == 0 {
                    base(e.root)
                } else {
                    base(e.path)
                }),
                Some('h') => {
                    let h = match e.shown.rfind('/') {
                        Some(0) => "/",
                        Some(k) => &e.shown[..k],
                        None => ".",
                    };
                    out.push_str(h);
                }
                Some('P') => {
                    let rel = e.shown[e.root.len().min(e.shown.len())..].trim_start_matches('/');
                    out.push_str(rel);
                }
                Some('d') => out.push_str(&e.depth.to_string()),
                Some('s') => {
                    let size = node_of(vfs, e.path, e.follow).map_or(0, |n| {
                        if n.is_dir() {
                            4096
                        } else {
                            n.size()
                        }
                    });
                    out.push_str(&size.to_string());
                }
                Some('m') => {
                    let mode = node_of(vfs, e.path, e.follow).map_or(0, |n| n.mode);
                    out.push_str(&format!("{:o}", mode & 0o7777));
                }
                Some('y') => {
                    out.push(node_of(vfs, e.path, e.follow).map_or('U', type_letter));
                }
                // The type behind a link: N where there is none, L a loop.
                Some('Y') => out.push(match vfs.stat(e.path) {
                    Some(n) => type_letter(n),
                    None if vfs.stat_error(e.path, true) == Some(VfsError::Loop) => 'L',
                    None => 'N',
                }),
                Some('l') => {
                    let n = node_of(vfs, e.path, e.follow);
                    out.push_str(n.and_then(|n| n.link.as_deref()).unwrap_or(""));
                }
                Some('%') => out.push('%'),
                Some(o) => {
                    out.push('%');
                    out.push(o);
                }
                None => out.push('%'),
            },
            c => out.push(c),
        }
    }
    out
}

/// Post-order for `-depth`: a directory after everything below it.
fn depth_first_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.split('/'), b.split('/'));
    loop {
        match (x.next(), y.next()) {
            (Some(p), Some(q)) if p == q => continue,
            (Some(p), Some(q)) => return p.cmp(q),
            (None, None) => return std::cmp::Ordering::Equal,
            // The shorter is the ancestor: it comes last.
            (None, Some(_)) => return std::cmp::Ordering::Greater,
            (Some(_), None) => return std::cmp::Ordering::Less,
        }
    }
}

/// How the walk treats links: -P never follows, -H follows the starting
/// points only, -L (or `-follow`) follows every one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Links {
    Never,
    Roots,
    Always,
}

/// Every path at and below `path`, named from it, directories first; a
/// link is entered when `follow`, but never into a directory already on
/// the way down: those go into `loops` with that ancestor.
fn collect(
    vfs: &Vfs,
    path: &str,
    follow: (bool, bool),
    on_the_way: &mut Vec<(String, String)>,
    out: &mut Vec<String>,
    loops: &mut BTreeMap<String, String>,
) {
    out.push(path.to_string());
    if !node_of(vfs, path, follow.0).is_some_and(|n| n.is_dir()) {
        return;
    }
    let id = vfs.file_id(path, follow.0).unwrap_or_default();
    if let Some((_, first)) = on_the_way.iter().find(|(i, _)| *i == id) {
        loops.insert(path.to_string(), first.clone());
        return;
    }
    on_the_way.push((id, path.to_string()));
    for name in vfs.list(path).unwrap_or_default() {
        let child = format!("{}/{name}", path.trim_end_matches('/'));
        collect(vfs, &child, (follow.1, follow.1), on_the_way, out, loops);
    }
    on_the_way.pop();
}

pub fn find(host: &mut dyn FindHost, argv: &[String]) -> i32 {
    let mut links = Links::Never;
    let mut i = 1;
    while let Some(opt @ ("-H" | "-L" | "-P")) = argv.get(i).map(String::as_str) {
        links = match opt {
            "-H" => Links::Roots,
            "-L" => Links::Always,
            _ => Links::Never,
        };
        i += 1;
    }
    let first_root = i;
    while i < argv.len() {
        let a = argv[i].as_str();
        if (a.starts_with('-') && a.len() > 1) || a == "!" || a == "(" || a == ")" || a == "," {
            break;
        }
        i += 1;
    }
    let mut roots: Vec<String> = argv[first_root..i].to_vec();
    if roots.is_empty() {
        roots.push(".".into());
    }
    let cwd = host.cwd();
    let mut p = Parser {
        args: &argv[i..],
        i: 0,
        depth_first: false,
        maxdepth: usize::MAX,
        mindepth: 0,
        has_action: false,
        batches: 0,
        follow: false,
        vfs: host.vfs(),
        cwd: &cwd,
    };
    let parsed = p.whole();
    let (depth_first, maxdepth, mindepth, has_action) =
        (p.depth_first, p.maxdepth, p.mindepth, p.has_action);
    if p.follow {
        links = Links::Always;
    }
    let expr = match parsed {
        Ok(e) => e,
        Err(msg) => {
            host.err(&format!("find: {msg}\n"));
            return 1;
        }
    };
    // With no action but -prune, find prints what the expression accepts.
    let expr = if has_action {
        expr
    } else {
        Node::And(Box::new(expr), Box::new(Node::Act(Act::Print)))
    };
    let batches = exec_batches(&expr);
    let mut run = Run {
        host,
        batches,
        pruned: false,
        quit: false,
        status: 0,
    };
    for r in &roots {
        let top = resolve(&cwd, r);
        // A starting point named with a trailing slash is its target.
        let follow_top = links != Links::Never || (r.ends_with('/') && top != "/");
        let follow_below = links == Links::Always;
        if node_of(run.host.vfs(), &top, follow_top).is_none() {
            let why = run.host.vfs().stat_error(&top, follow_top);
            let why = why.unwrap_or(VfsError::NotFound).msg();
            run.host.err(&format!("find: ‘{r}’: {why}\n"));
            run.status = 1;
            continue;
        }
        let mut all = vec![];
        let mut loops = BTreeMap::new();
        let vfs = run.host.vfs();
        let follow = (follow_top, follow_below);
        collect(vfs, &top, follow, &mut vec![], &mut all, &mut loops);
        if depth_first {
            all.sort_by(|a, b| depth_first_order(a, b));
        } else {
            // A directory before its contents.
            all.sort_by(|a, b| a.split('/').cmp(b.split('/')));
        }
        let root_depth = if top == "/" {
            0
        } else {
            top.matches('/').count()
        };
        let mut pruned: Vec<String> = vec![];
        for path in &all {
            if run.quit || run.host.full() {
                break;
            }
            if pruned
                .iter()
                .any(|d| path.starts_with(d.as_str()) && path[d.len()..].starts_with('/'))
            {
                continue;
            }
            if run.host.vfs().lstat(path).is_none() {
                continue;
            }
            let depth = if *path == top {
                0
            } else {
                path.matches('/').count() - root_depth + usize::from(top == "/")
            };
            if depth > maxdepth {
                continue;
            }
            let shown = if *path == top {
                r.clone()
            } else {
                let rel = path[top.len()..].trim_start_matches('/');
                if r.ends_with('/') {
                    format!("{r}{rel}")
                } else {
                    format!("{r}/{rel}")
                }
            };
            if let Some(first) = loops.get(path) {
                let first = match first == &top {
                    true => r.clone(),
                    false => format!(
                        "{}/{}",
                        r.trim_end_matches('/'),
                        &first[top.len()..].trim_start_matches('/')
                    ),
                };
                run.host.err(&format!(
                    "find: File system loop detected; ‘{shown}’ is part of the same file system loop as ‘{first}’.\n"
                ));
                run.status = 1;
                continue;
            }
            let entry = Entry {
                path,
                shown: &shown,
                depth,
                root: r,
                follow: if depth == 0 { follow_top } else { follow_below },
            };
            run.pruned = false;
            if depth >= mindepth {
                run.eval(&expr, &entry);
            }
            if (run.pruned && !depth_first) || depth == maxdepth {
                pruned.push(path.clone());
            }
        }
    }
    let mut status = run.status;
    for batch in std::mem::take(&mut run.batches) {
        // One command per directory for -execdir, else one for all.
        for group in batch.found.chunk_by(|a, b| a.1 == b.1) {
            let mut line = batch.argv.clone();
            line.extend(group.iter().map(|(arg, _)| arg.clone()));
            if run.host.run(&line, group[0].1.as_deref()) != 0 {
                status = 1;
            }
        }
    }
    status
}

/// A `{} +` command and what it gathered (each `{}` with its directory).
struct Batch {
    argv: Vec<String>,
    found: Vec<(String, Option<String>)>,
}

/// The `{} +` commands in the order their batches were numbered.
fn exec_batches(node: &Node) -> Vec<Batch> {
    fn walk(n: &Node, out: &mut Vec<Batch>) {
        match n {
            Node::And(a, b) | Node::Or(a, b) | Node::Comma(a, b) => {
                walk(a, out);
                walk(b, out);
            }
            Node::Not(a) => walk(a, out),
            Node::Act(Act::Exec {
                argv,
                batch: Some(_),
                ..
            }) => out.push(Batch {
                argv: argv.clone(),
                found: vec![],
            }),
            _ => {}
        }
    }
    let mut out = vec![];
    walk(node, &mut out);
    out
}
