//! The virtual file system: a flat map from absolute, normalised paths to
//! nodes. A flat map (rather than a tree of boxes) keeps serde snapshots
//! simple and makes "list the children of a directory" a cheap range scan.
//! Symbolic links are nodes holding their target; a lookup walks them as
//! the kernel does (ELOOP after 40). A file with several names (hard
//! links) keeps its node in a side table its names point at.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What a path holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Dir,
    File(String),
    /// A character device that swallows writes and reads as empty (/dev/null).
    Null,
    /// /dev/zero: reads as NUL bytes, swallows writes.
    Zero,
    /// /dev/urandom and /dev/random: reads as bytes from a fixed-seed
    /// generator (deterministic; 7-bit, as files hold text), swallows writes.
    Random,
}

/// How much a read of /dev/zero or /dev/urandom returns: enough for
/// `head -c`, `tr -dc … | head -c` and friends (a real one never ends).
const DEVICE_READ: usize = 1 << 16;

/// /dev/zero's contents.
fn zeros() -> &'static str {
    static Z: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    Z.get_or_init(|| "\0".repeat(DEVICE_READ))
}

/// /dev/urandom's stream: xorshift64* from a fixed seed, 7 bits a byte,
/// one read long plus room for the per-instant offset.
fn random_bytes() -> &'static str {
    static R: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..DEVICE_READ + 4096)
            .map(|_| {
                x ^= x >> 12;
                x ^= x << 25;
                x ^= x >> 27;
                (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 57) as u8 as char
            })
            .collect()
    })
}

/// One file, directory, device or symbolic link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub kind: Kind,
    /// Permission bits, e.g. 0o644 (0o1777 for /tmp).
    pub mode: u32,
    /// Last modification, unix milliseconds (virtual time).
    pub mtime: i64,
    /// A symbolic link's target as written (`kind` is then an empty file
    /// and means nothing). Beside `Kind` rather than in it, so code that
    /// matches on kinds, which only ever sees followed nodes, stays as is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// One name of a file with several (hard links): its node is
    /// `Vfs::shared[id]`, and this entry holds nothing else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shared: Option<u64>,
}

impl Node {
    pub fn new(kind: Kind, mode: u32, mtime: i64) -> Node {
        Node {
            kind,
            mode,
            mtime,
            link: None,
            shared: None,
        }
    }

    fn symlink(target: &str, mtime: i64) -> Node {
        Node {
            link: Some(target.to_string()),
            ..Node::new(Kind::File(String::new()), 0o777, mtime)
        }
    }

    pub fn is_dir(&self) -> bool {
        matches!(self.kind, Kind::Dir) && self.link.is_none()
    }

    pub fn is_symlink(&self) -> bool {
        self.link.is_some()
    }

    /// st_size: a link's is the length of its target.
    pub fn size(&self) -> usize {
        if let Some(t) = &self.link {
            return t.len();
        }
        match &self.kind {
            Kind::Dir => 4096,
            Kind::File(s) => s.len(),
            Kind::Null | Kind::Zero | Kind::Random => 0,
        }
    }

    /// A character device (`ls -l`'s `c`, `test -c`).
    pub fn is_char_device(&self) -> bool {
        matches!(self.kind, Kind::Null | Kind::Zero | Kind::Random)
    }
}

/// A file with more than one name, and how many it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Shared {
    node: Node,
    names: usize,
}

/// Why an operation failed, with the text the C library would give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VfsError {
    NotFound,
    Exists,
    IsDir,
    NotDir,
    NotEmpty,
    Invalid,
    /// ELOOP: more than `MAX_HOPS` links in one lookup.
    Loop,
    /// EPERM: a hard link to a directory.
    NotPermitted,
}

impl VfsError {
    pub fn msg(self) -> &'static str {
        match self {
            VfsError::NotFound => "No such file or directory",
            VfsError::Exists => "File exists",
            VfsError::IsDir => "Is a directory",
            VfsError::NotDir => "Not a directory",
            VfsError::NotEmpty => "Directory not empty",
            VfsError::Invalid => "Invalid argument",
            VfsError::Loop => "Too many levels of symbolic links",
            VfsError::NotPermitted => "Operation not permitted",
        }
    }
}

/// Linux's MAXSYMLINKS: how many links one lookup may pass through.
const MAX_HOPS: usize = 40;

/// How much of a path `Vfs::canonical` needs to exist: readlink's and
/// realpath's `-e`, `-f` and `-m`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Canon {
    Existing,
    AllButLast,
    Missing,
}

/// The virtual file system. Every key's ancestors are real directories
/// (never links): a lookup that finds its path as a key needs no walk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vfs {
    nodes: BTreeMap<String, Node>,
    now: i64,
    /// The nodes of files with several names, by the id their names hold.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    shared: BTreeMap<u64, Shared>,
}

impl Default for Vfs {
    fn default() -> Vfs {
        let mut nodes = BTreeMap::new();
        nodes.insert("/".to_string(), Node::new(Kind::Dir, 0o755, 0));
        Vfs {
            nodes,
            now: 0,
            shared: BTreeMap::new(),
        }
    }
}

/// Joins `path` onto `cwd` and removes `.`, `..` and repeated slashes.
/// The path that names a process's own stdin (`cat /dev/stdin`).
pub const DEV_STDIN: &str = "/dev/stdin";

pub fn resolve(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{}", cwd, path)
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The parent directory of a normalised absolute path ("/" for "/").
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// The last component of a normalised absolute path.
pub fn base(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) if path.len() > 1 => &path[i + 1..],
        _ => path,
    }
}

/// Pushes a path's components onto a walk's stack, first on top.
fn push_parts(todo: &mut Vec<String>, path: &str) {
    for p in path.split('/').rev().filter(|p| !p.is_empty() && *p != ".") {
        todo.push(p.to_string());
    }
}

/// `dir/name` for an absolute directory.
fn join(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

impl Vfs {
    /// The initial layout of the playground's node.
    pub fn with_layout(host: &str) -> Vfs {
        let mut v = Vfs::default();
        for d in [
            "/root",
            "/root/.kube",
            "/tmp",
            "/etc",
            "/usr",
            "/usr/bin",
            "/usr/local",
            "/usr/local/bin",
            "/var",
            "/var/log",
            "/home",
            "/dev",
        ] {
            let _ = v.mkdir(d);
        }
        v.set_mode("/root", 0o700);
        v.set_mode("/tmp", 0o1777);
        for (path, kind) in [
            ("/dev/null", Kind::Null),
            ("/dev/zero", Kind::Zero),
            ("/dev/random", Kind::Random),
            ("/dev/urandom", Kind::Random),
        ] {
            v.nodes.insert(path.into(), Node::new(kind, 0o666, 0));
        }
        v.write("/etc/hostname", &format!("{}\n", host));
        v.write("/etc/os-release", OS_RELEASE);
        v.write(
            "/root/.bashrc",
            "# ~/.bashrc: executed by bash(1) for non-login shells.\n",
        );
        v.write(
            "/root/.profile",
            "# ~/.profile: executed by Bourne-compatible login shells.\n",
        );
        v
    }

    pub fn set_now(&mut self, millis: i64) {
        if self.now == 0 {
            // The initial layout was made before the host said what time
            // it is: date it now rather than 1970.
            let shared = self.shared.values_mut().map(|s| &mut s.node);
            for n in self.nodes.values_mut().chain(shared) {
                if n.mtime == 0 {
                    n.mtime = millis;
                }
            }
        }
        self.now = millis;
    }

    pub fn now(&self) -> i64 {
        self.now
    }

    /// Whether two file systems hold the same files (times included).
    pub fn same_files(&self, other: &Vfs) -> bool {
        self.nodes == other.nodes && self.shared == other.shared
    }

    /// The node a key names, through a hard link's indirection.
    fn entry(&self, key: &str) -> Option<&Node> {
        let n = self.nodes.get(key)?;
        match n.shared {
            Some(id) => self.shared.get(&id).map(|s| &s.node),
            None => Some(n),
        }
    }

    fn entry_mut(&mut self, key: &str) -> Option<&mut Node> {
        match self.nodes.get(key)?.shared {
            Some(id) => self.shared.get_mut(&id).map(|s| &mut s.node),
            None => self.nodes.get_mut(key),
        }
    }

    /// Takes a name away; its file goes with its last name.
    fn remove_key(&mut self, key: &str) {
        let Some(id) = self.nodes.remove(key).and_then(|n| n.shared) else {
            return;
        };
        if let Some(s) = self.shared.get_mut(&id) {
            s.names -= 1;
            if s.names == 0 {
                self.shared.remove(&id);
            }
        }
    }

    /// Resolves the links in an absolute path, reading `.` and `..` as
    /// the kernel does (after the link, not before): every component but
    /// the last, and the last too when `follow`. The result is a key, or
    /// where one would go when only the last component is missing.
    /// `lenient` lets missing components and files in the way pass as
    /// plain names (`realpath -m`).
    fn walk(&self, path: &str, follow: bool, lenient: bool) -> Result<String, VfsError> {
        let mut todo = vec![];
        push_parts(&mut todo, path);
        let mut cur = String::new();
        let mut hops = 0;
        // Below a missing component or a file (lenient only).
        let mut gone = false;
        while let Some(part) = todo.pop() {
            if part == ".." {
                if let Some(i) = cur.rfind('/') {
                    cur.truncate(i);
                }
                gone = gone && !(cur.is_empty() || self.entry(&cur).is_some_and(Node::is_dir));
                continue;
            }
            let next = format!("{cur}/{part}");
            let last = todo.is_empty();
            match if gone { None } else { self.entry(&next) } {
                Some(n) if n.is_symlink() && (follow || !last) => {
                    hops += 1;
                    if hops > MAX_HOPS {
                        return Err(VfsError::Loop);
                    }
                    let target = n.link.as_deref().unwrap_or_default();
                    if target.starts_with('/') {
                        cur.clear();
                    }
                    push_parts(&mut todo, target);
                }
                Some(n) if !last && !n.is_dir() => {
                    if !lenient {
                        return Err(VfsError::NotDir);
                    }
                    gone = true;
                    cur = next;
                }
                None if !last && !lenient => return Err(VfsError::NotFound),
                None => {
                    gone = true;
                    cur = next;
                }
                Some(_) => cur = next,
            }
        }
        Ok(if cur.is_empty() { "/".into() } else { cur })
    }

    /// The key for a path: itself when it is one (see `Vfs`), else walked.
    fn key<'p>(&self, path: &'p str, follow: bool) -> Result<Cow<'p, str>, VfsError> {
        match self.entry(path) {
            Some(n) if !follow || !n.is_symlink() => Ok(Cow::Borrowed(path)),
            _ => self.walk(path, follow, false).map(Cow::Owned),
        }
    }

    /// What a path holds, following links (stat(2)).
    pub fn stat(&self, path: &str) -> Option<&Node> {
        self.entry(&self.key(path, true).ok()?)
    }

    /// What a path holds, a link itself rather than its target (lstat(2)).
    pub fn lstat(&self, path: &str) -> Option<&Node> {
        self.entry(&self.key(path, false).ok()?)
    }

    /// Why stat(2) of a path fails (`None`: it does not).
    pub fn stat_error(&self, path: &str, follow: bool) -> Option<VfsError> {
        match self.key(path, follow) {
            Err(e) => Some(e),
            Ok(k) if self.entry(&k).is_none() => Some(VfsError::NotFound),
            Ok(_) => None,
        }
    }

    /// A link's target as written (readlink(2)).
    pub fn readlink(&self, path: &str) -> Result<&str, VfsError> {
        let key = self.key(path, false)?;
        match self.entry(&key) {
            None => Err(VfsError::NotFound),
            Some(n) => n.link.as_deref().ok_or(VfsError::Invalid),
        }
    }

    /// The absolute path with no links, `.` or `..` left, for a path that
    /// may still hold `..` (realpath(3), readlink -f).
    pub fn canonical(&self, path: &str, need: Canon) -> Result<String, VfsError> {
        let p = self.walk(path, true, need == Canon::Missing)?;
        if need == Canon::Existing && self.entry(&p).is_none() {
            return Err(VfsError::NotFound);
        }
        Ok(p)
    }

    /// st_nlink: a directory's is 2 and one per subdirectory.
    pub fn links(&self, path: &str) -> usize {
        let Ok(key) = self.key(path, false) else {
            return 0;
        };
        match self.nodes.get(key.as_ref()) {
            Some(Node {
                shared: Some(id), ..
            }) => self.shared.get(id).map_or(1, |s| s.names),
            Some(n) if n.is_dir() => {
                let subdirs = self.list(&key).unwrap_or_default();
                let subdirs = subdirs.iter().filter(|c| {
                    self.nodes
                        .get(&join(&key, c))
                        .is_some_and(|n| n.is_dir() && n.shared.is_none())
                });
                2 + subdirs.count()
            }
            Some(_) => 1,
            None => 0,
        }
    }

    /// What identifies a file whatever it is called (its "inode"): the
    /// same for two names of one file. `follow`: of a link's target.
    pub fn file_id(&self, path: &str, follow: bool) -> Option<String> {
        let key = self.key(path, follow).ok()?;
        match self.nodes.get(key.as_ref())? {
            Node {
                shared: Some(id), ..
            } => Some(format!("#{id}")),
            _ => Some(key.into_owned()),
        }
    }

    /// The link the PATH finds for a command name, if what it finds first
    /// is one. The host's programs are no files, so the shell runs `k`
    /// after `ln -s /usr/local/bin/kubectl /usr/local/bin/k` by this path,
    /// whose target names the program.
    pub fn link_on_path(&self, path_var: &str, name: &str) -> Option<String> {
        for dir in path_var.split(':').filter(|d| d.starts_with('/')) {
            let p = join(&resolve("/", dir), name);
            match self.lstat(&p) {
                Some(n) if n.is_symlink() => return Some(p),
                Some(_) => return None,
                None => {}
            }
        }
        None
    }

    pub fn exists(&self, path: &str) -> bool {
        self.stat(path).is_some()
    }

    pub fn is_dir(&self, path: &str) -> bool {
        self.stat(path).is_some_and(Node::is_dir)
    }

    pub fn is_file(&self, path: &str) -> bool {
        matches!(
            self.stat(path).map(|n| &n.kind),
            Some(Kind::File(_) | Kind::Null | Kind::Zero | Kind::Random)
        )
    }

    /// Contents of a regular file (empty for /dev/null).
    pub fn read(&self, path: &str) -> Option<&str> {
        self.read_checked(path).ok()
    }

    /// What a device reads as: each instant of the clock starts the
    /// random stream somewhere else.
    fn device(&self, kind: &Kind) -> &'static str {
        match kind {
            Kind::Zero => zeros(),
            Kind::Random => {
                let at = (self.now / 1000).unsigned_abs() as usize % 4096;
                &random_bytes()[at..at + DEVICE_READ]
            }
            _ => "",
        }
    }

    /// Reads a file the way `open(2)` + `read(2)` would fail.
    pub fn read_checked(&self, path: &str) -> Result<&str, VfsError> {
        let key = self.key(path, true)?;
        match self.entry(&key) {
            Some(n) => match &n.kind {
                Kind::File(s) => Ok(s),
                Kind::Dir => Err(VfsError::IsDir),
                k => Ok(self.device(k)),
            },
            None => Err(VfsError::NotFound),
        }
    }

    /// Writes a whole file, creating missing parent directories: the host's
    /// convenience entry point (the shell itself uses `write_checked`).
    pub fn write(&mut self, path: &str, contents: &str) {
        let path = resolve("/", path);
        let _ = self.mkdir_p(parent(&path));
        if self.write_checked(&path, contents, false).is_err() {
            // A directory is in the way: the host asked for it, so replace it.
            self.remove_all(&path);
            let _ = self.write_checked(&path, contents, false);
        }
    }

    /// Writes or appends to a file whose parent must exist; through a
    /// link, to its target (made if missing, as open(O_CREAT) does).
    pub fn write_checked(&mut self, path: &str, data: &str, append: bool) -> Result<(), VfsError> {
        let now = self.now;
        let key = self.key(path, true)?.into_owned();
        match self.entry_mut(&key) {
            Some(n) => match &mut n.kind {
                Kind::Dir => Err(VfsError::IsDir),
                Kind::Null | Kind::Zero | Kind::Random => Ok(()),
                Kind::File(s) => {
                    if append {
                        s.push_str(data);
                    } else {
                        *s = data.to_string();
                    }
                    n.mtime = now;
                    Ok(())
                }
            },
            None => {
                if path.ends_with('/') && path != "/" {
                    return Err(VfsError::IsDir);
                }
                self.create(&key, Node::new(Kind::File(data.to_string()), 0o644, now))
            }
        }
    }

    /// Adds a node at a key that does not exist yet; its parent must be a
    /// directory.
    fn create(&mut self, key: &str, node: Node) -> Result<(), VfsError> {
        match self.entry(parent(key)) {
            Some(p) if p.is_dir() => {
                self.nodes.insert(key.to_string(), node);
                Ok(())
            }
            Some(_) => Err(VfsError::NotDir),
            None => Err(VfsError::NotFound),
        }
    }

    /// Creates one directory; its parent must exist.
    pub fn mkdir(&mut self, path: &str) -> Result<(), VfsError> {
        let key = self.key(path, false)?.into_owned();
        if self.nodes.contains_key(&key) {
            return Err(VfsError::Exists);
        }
        self.create(&key, Node::new(Kind::Dir, 0o755, self.now))
    }

    /// Creates a directory and its missing parents.
    pub fn mkdir_p(&mut self, path: &str) -> Result<(), VfsError> {
        let mut cur = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            match self.stat(&cur) {
                Some(n) if n.is_dir() => {}
                Some(_) => return Err(VfsError::NotDir),
                None => self.mkdir(&cur)?,
            }
        }
        Ok(())
    }

    /// Makes a symbolic link at `path` holding `target` (symlink(2)).
    pub fn symlink(&mut self, target: &str, path: &str) -> Result<(), VfsError> {
        if target.is_empty() {
            return Err(VfsError::NotFound);
        }
        let key = self.key(path, false)?.into_owned();
        if self.nodes.contains_key(&key) {
            return Err(VfsError::Exists);
        }
        self.create(&key, Node::symlink(target, self.now))
    }

    /// Gives the file at `from` (a link itself, not followed) a second
    /// name `to` (link(2)).
    pub fn hard_link(&mut self, from: &str, to: &str) -> Result<(), VfsError> {
        let src = self.key(from, false)?.into_owned();
        match self.entry(&src) {
            None => return Err(VfsError::NotFound),
            Some(n) if n.is_dir() => return Err(VfsError::NotPermitted),
            Some(_) => {}
        }
        let dst = self.key(to, false)?.into_owned();
        if self.nodes.contains_key(&dst) {
            return Err(VfsError::Exists);
        }
        let id = match self.nodes.get(&src).and_then(|n| n.shared) {
            Some(id) => id,
            None => {
                let id = self.shared.keys().next_back().map_or(1, |k| k + 1);
                let Some(node) = self.nodes.remove(&src) else {
                    return Err(VfsError::NotFound);
                };
                self.shared.insert(id, Shared { node, names: 1 });
                self.nodes.insert(src, Vfs::name_of(id));
                id
            }
        };
        self.create(&dst, Vfs::name_of(id))?;
        if let Some(s) = self.shared.get_mut(&id) {
            s.names += 1;
        }
        Ok(())
    }

    /// The entry one name of a shared file holds.
    fn name_of(id: u64) -> Node {
        Node {
            shared: Some(id),
            ..Node::new(Kind::File(String::new()), 0, 0)
        }
    }

    /// Names of a directory's entries, sorted by byte order.
    pub fn list(&self, dir: &str) -> Option<Vec<String>> {
        let key = self.key(dir, true).ok()?;
        if !self.entry(&key).is_some_and(Node::is_dir) {
            return None;
        }
        let prefix = join(&key, "");
        let mut out = Vec::new();
        for (k, _) in self.nodes.range(prefix.clone()..) {
            if !k.starts_with(&prefix) {
                break;
            }
            let rest = &k[prefix.len()..];
            if !rest.is_empty() && !rest.contains('/') {
                out.push(rest.to_string());
            }
        }
        Some(out)
    }

    /// Removes a file, a link (not its target) or an empty directory.
    pub fn remove(&mut self, path: &str) -> Result<(), VfsError> {
        let key = self.key(path, false)?.into_owned();
        match self.entry(&key) {
            None => Err(VfsError::NotFound),
            Some(n) if n.is_dir() && self.list(&key).is_some_and(|l| !l.is_empty()) => {
                Err(VfsError::NotEmpty)
            }
            Some(_) => {
                self.remove_key(&key);
                Ok(())
            }
        }
    }

    /// Removes a path and everything below it (a link: only the link).
    pub fn remove_all(&mut self, path: &str) {
        let Ok(key) = self.key(path, false) else {
            return;
        };
        let key = key.into_owned();
        let prefix = format!("{}/", key.trim_end_matches('/'));
        let doomed: Vec<String> = self
            .nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, _)| k.clone())
            .collect();
        for k in doomed {
            self.remove_key(&k);
        }
        if key != "/" {
            self.remove_key(&key);
        }
    }

    /// Every path at or below `path`, in sorted order, named from `path`:
    /// a link there is followed, links below it are listed, not entered
    /// (what `grep -r` and `tar` walk).
    pub fn subtree(&self, path: &str) -> Vec<String> {
        let Ok(key) = self.key(path, true) else {
            return vec![];
        };
        let prefix = format!("{}/", key.trim_end_matches('/'));
        let mut out = vec![];
        if self.nodes.contains_key(key.as_ref()) {
            out.push(path.to_string());
        }
        let shown = path.trim_end_matches('/');
        out.extend(
            self.nodes
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .map(|(k, _)| format!("{shown}/{}", &k[prefix.len()..])),
        );
        out
    }

    /// Moves a file, link or directory tree (rename(2): links are moved,
    /// not followed); `to` must not exist as a directory.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), VfsError> {
        let from = self.key(from, false)?.into_owned();
        let Some(moving) = self.entry(&from) else {
            return Err(VfsError::NotFound);
        };
        let from_dir = moving.is_dir();
        let to = self.key(to, false)?.into_owned();
        match self.entry(parent(&to)) {
            Some(p) if p.is_dir() => {}
            Some(_) => return Err(VfsError::NotDir),
            None => return Err(VfsError::NotFound),
        }
        if to == from {
            return Ok(());
        }
        if to.starts_with(&format!("{}/", from)) {
            return Err(VfsError::Invalid);
        }
        if let Some(t) = self.entry(&to) {
            if t.is_dir() && !from_dir {
                return Err(VfsError::IsDir);
            }
            if !t.is_dir() && from_dir {
                return Err(VfsError::NotDir);
            }
            if t.is_dir() && self.list(&to).is_some_and(|l| !l.is_empty()) {
                return Err(VfsError::NotEmpty);
            }
            self.remove_key(&to);
        }
        let moved: Vec<String> = self
            .nodes
            .range(format!("{from}/")..)
            .take_while(|(k, _)| k.starts_with(&format!("{from}/")))
            .map(|(k, _)| k.clone())
            .collect();
        for old in std::iter::once(from.clone()).chain(moved) {
            if let Some(n) = self.nodes.remove(&old) {
                let new = format!("{}{}", to, &old[from.len()..]);
                self.nodes.insert(new, n);
            }
        }
        Ok(())
    }

    /// Sets the mtime to now, creating an empty file if needed.
    pub fn touch(&mut self, path: &str) -> Result<(), VfsError> {
        let now = self.now;
        let key = self.key(path, true)?.into_owned();
        if let Some(n) = self.entry_mut(&key) {
            n.mtime = now;
            return Ok(());
        }
        self.write_checked(&key, "", true)
    }

    /// Sets a link's own mtime (`touch -h`); the name must exist.
    pub fn touch_link(&mut self, path: &str) -> Result<(), VfsError> {
        let now = self.now;
        let key = self.key(path, false)?.into_owned();
        let n = self.entry_mut(&key).ok_or(VfsError::NotFound)?;
        n.mtime = now;
        Ok(())
    }

    /// chmod(2): a link's target's mode.
    pub fn set_mode(&mut self, path: &str, mode: u32) {
        let Ok(key) = self.key(path, true) else {
            return;
        };
        let key = key.into_owned();
        if let Some(n) = self.entry_mut(&key) {
            n.mode = mode;
        }
    }

    /// Inserts a node as is, in place of whatever the name held (used by
    /// `cp` to keep modes); links on the way are followed, one at the
    /// name replaced.
    pub fn put(&mut self, path: &str, node: Node) {
        let key = match self.walk(parent(path), true, false) {
            Ok(dir) if path != "/" => join(&dir, base(path)),
            _ => path.to_string(),
        };
        self.remove_key(&key);
        self.nodes.insert(key, node);
    }
}

const OS_RELEASE: &str = r#"PRETTY_NAME="Ubuntu 22.04.5 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.5 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_dots() {
        assert_eq!(resolve("/root", "../tmp/./x"), "/tmp/x");
        assert_eq!(resolve("/", ".."), "/");
        assert_eq!(resolve("/a", "/b//c/"), "/b/c");
    }

    #[test]
    fn mkdir_list_remove() {
        let mut v = Vfs::default();
        v.mkdir("/a").unwrap();
        assert_eq!(v.mkdir("/a"), Err(VfsError::Exists));
        assert_eq!(v.mkdir("/x/y"), Err(VfsError::NotFound));
        v.write("/a/f", "hi");
        v.write("/ab", "x");
        assert_eq!(v.list("/a").unwrap(), vec!["f"]);
        assert_eq!(v.list("/").unwrap(), vec!["a", "ab"]);
        assert_eq!(v.remove("/a"), Err(VfsError::NotEmpty));
        assert_eq!(v.read_checked("/ab/c"), Err(VfsError::NotDir));
        v.rename("/a", "/b").unwrap();
        assert_eq!(v.read("/b/f"), Some("hi"));
        v.remove_all("/b");
        assert!(!v.exists("/b/f"));
    }

    #[test]
    fn symlinks_are_followed_but_not_by_lstat() {
        let mut v = Vfs::default();
        v.mkdir("/d").unwrap();
        v.write("/d/f", "hi");
        v.symlink("d", "/ld").unwrap();
        v.symlink("/ld/f", "/lf").unwrap();
        assert_eq!(v.read("/ld/f"), Some("hi"));
        assert_eq!(v.read("/lf"), Some("hi"));
        assert!(v.lstat("/ld").is_some_and(Node::is_symlink));
        assert!(v.is_dir("/ld"));
        assert_eq!(v.list("/ld").unwrap(), vec!["f"]);
        assert_eq!(v.readlink("/lf"), Ok("/ld/f"));
        assert_eq!(v.readlink("/d/f"), Err(VfsError::Invalid));
        assert_eq!(v.canonical("/lf", Canon::Existing).as_deref(), Ok("/d/f"));
        // Writing through a dangling link makes its target.
        v.symlink("new", "/dangling").unwrap();
        assert!(!v.exists("/dangling"));
        v.write_checked("/dangling", "x", false).unwrap();
        assert_eq!(v.read("/new"), Some("x"));
        v.remove("/ld").unwrap();
        assert_eq!(v.read("/d/f"), Some("hi"));
    }

    #[test]
    fn loops_stop_after_forty_links() {
        let mut v = Vfs::default();
        v.write("/f", "x");
        v.symlink("/f", "/l0").unwrap();
        for i in 1..=40 {
            v.symlink(&format!("l{}", i - 1), &format!("/l{i}"))
                .unwrap();
        }
        assert_eq!(v.read("/l39"), Some("x"));
        assert_eq!(v.read_checked("/l40"), Err(VfsError::Loop));
        v.symlink("b", "/a").unwrap();
        v.symlink("a", "/b").unwrap();
        assert_eq!(v.stat_error("/a", true), Some(VfsError::Loop));
        assert!(v.lstat("/a").is_some());
    }

    #[test]
    fn hard_links_share_one_file() {
        let mut v = Vfs::default();
        v.write("/a", "one");
        v.hard_link("/a", "/b").unwrap();
        v.write_checked("/b", "two", true).unwrap();
        assert_eq!(v.read("/a"), Some("onetwo"));
        assert_eq!(
            (v.links("/a"), v.file_id("/a", true)),
            (2, v.file_id("/b", true))
        );
        v.rename("/b", "/c").unwrap();
        v.remove("/a").unwrap();
        assert_eq!((v.read("/c"), v.links("/c")), (Some("onetwo"), 1));
        v.remove("/c").unwrap();
        assert!(v.shared.is_empty());
        v.mkdir("/d").unwrap();
        assert_eq!(v.hard_link("/d", "/e"), Err(VfsError::NotPermitted));
    }

    #[test]
    fn old_snapshots_load_and_new_ones_look_the_same() {
        let old = r#"{"nodes":{"/":{"kind":"Dir","mode":493,"mtime":0},"/f":{"kind":{"File":"hi"},"mode":420,"mtime":5}},"now":5}"#;
        let v: Vfs = serde_json::from_str(old).unwrap();
        assert_eq!(v.read("/f"), Some("hi"));
        assert_eq!(serde_json::to_string(&v).unwrap(), old);
    }
}
