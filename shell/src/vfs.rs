//! The virtual file system: a flat map from absolute, normalised paths to
//! nodes. A flat map (rather than a tree of boxes) keeps serde snapshots
//! simple and makes "list the children of a directory" a cheap range scan.

use serde::{Deserialize, Serialize};
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

/// One file, directory or device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub kind: Kind,
    /// Permission bits, e.g. 0o644 (0o1777 for /tmp).
    pub mode: u32,
    /// Last modification, unix milliseconds (virtual time).
    pub mtime: i64,
}

impl Node {
    pub fn is_dir(&self) -> bool {
        matches!(self.kind, Kind::Dir)
    }
    pub fn size(&self) -> usize {
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

/// Why an operation failed, with the text the C library would give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VfsError {
    NotFound,
    Exists,
    IsDir,
    NotDir,
    NotEmpty,
    Invalid,
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
        }
    }
}

/// The virtual file system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vfs {
    nodes: BTreeMap<String, Node>,
    now: i64,
}

impl Default for Vfs {
    fn default() -> Vfs {
        let mut nodes = BTreeMap::new();
        nodes.insert(
            "/".to_string(),
            Node {
                kind: Kind::Dir,
                mode: 0o755,
                mtime: 0,
            },
        );
        Vfs { nodes, now: 0 }
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
            v.nodes.insert(
                path.into(),
                Node {
                    kind,
                    mode: 0o666,
                    mtime: 0,
                },
            );
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
            for n in self.nodes.values_mut() {
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
        self.nodes == other.nodes
    }

    pub fn stat(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    pub fn exists(&self, path: &str) -> bool {
        self.nodes.contains_key(path)
    }

    pub fn is_dir(&self, path: &str) -> bool {
        self.nodes.get(path).is_some_and(Node::is_dir)
    }

    pub fn is_file(&self, path: &str) -> bool {
        matches!(
            self.nodes.get(path).map(|n| &n.kind),
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
        match self.nodes.get(path) {
            Some(n) => match &n.kind {
                Kind::File(s) => Ok(s),
                Kind::Dir => Err(VfsError::IsDir),
                k => Ok(self.device(k)),
            },
            None => Err(self.missing_reason(path)),
        }
    }

    /// Why `path` does not exist: a missing component or a file in the way.
    fn missing_reason(&self, path: &str) -> VfsError {
        let mut p = parent(path);
        loop {
            match self.nodes.get(p) {
                Some(n) if n.is_dir() => return VfsError::NotFound,
                Some(_) => return VfsError::NotDir,
                None if p == "/" => return VfsError::NotFound,
                None => p = parent(p),
            }
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

    /// Writes or appends to a file whose parent must exist.
    pub fn write_checked(&mut self, path: &str, data: &str, append: bool) -> Result<(), VfsError> {
        let now = self.now;
        match self.nodes.get_mut(path) {
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
                match self.nodes.get(parent(path)) {
                    Some(p) if p.is_dir() => {
                        self.nodes.insert(
                            path.to_string(),
                            Node {
                                kind: Kind::File(data.to_string()),
                                mode: 0o644,
                                mtime: now,
                            },
                        );
                        Ok(())
                    }
                    Some(_) => Err(VfsError::NotDir),
                    None => Err(self.missing_reason(path)),
                }
            }
        }
    }

    /// Creates one directory; its parent must exist.
    pub fn mkdir(&mut self, path: &str) -> Result<(), VfsError> {
        if self.nodes.contains_key(path) {
            return Err(VfsError::Exists);
        }
        match self.nodes.get(parent(path)) {
            Some(p) if p.is_dir() => {
                self.nodes.insert(
                    path.to_string(),
                    Node {
                        kind: Kind::Dir,
                        mode: 0o755,
                        mtime: self.now,
                    },
                );
                Ok(())
            }
            Some(_) => Err(VfsError::NotDir),
            None => Err(self.missing_reason(path)),
        }
    }

    /// Creates a directory and its missing parents.
    pub fn mkdir_p(&mut self, path: &str) -> Result<(), VfsError> {
        let mut cur = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            match self.nodes.get(&cur) {
                Some(n) if n.is_dir() => {}
                Some(_) => return Err(VfsError::NotDir),
                None => self.mkdir(&cur)?,
            }
        }
        Ok(())
    }

    /// Names of a directory's entries, sorted by byte order.
    pub fn list(&self, dir: &str) -> Option<Vec<String>> {
        if !self.is_dir(dir) {
            return None;
        }
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{}/", dir)
        };
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

    /// Removes a file or an empty directory.
    pub fn remove(&mut self, path: &str) -> Result<(), VfsError> {
        match self.nodes.get(path) {
            None => Err(self.missing_reason(path)),
            Some(n) if n.is_dir() => {
                if self.list(path).is_some_and(|l| !l.is_empty()) {
                    Err(VfsError::NotEmpty)
                } else {
                    self.nodes.remove(path);
                    Ok(())
                }
            }
            Some(_) => {
                self.nodes.remove(path);
                Ok(())
            }
        }
    }

    /// Removes a path and everything below it.
    pub fn remove_all(&mut self, path: &str) {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        let doomed: Vec<String> = self
            .nodes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, _)| k.clone())
            .collect();
        for k in doomed {
            self.nodes.remove(&k);
        }
        if path != "/" {
            self.nodes.remove(path);
        }
    }

    /// Every path at or below `path`, in sorted order.
    pub fn subtree(&self, path: &str) -> Vec<String> {
        let prefix = format!("{}/", path.trim_end_matches('/'));
        let mut out = vec![];
        if self.nodes.contains_key(path) {
            out.push(path.to_string());
        }
        out.extend(
            self.nodes
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .map(|(k, _)| k.clone()),
        );
        out
    }

    /// Moves a file or directory tree; `to` must not exist as a directory.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), VfsError> {
        if !self.nodes.contains_key(from) {
            return Err(self.missing_reason(from));
        }
        match self.nodes.get(parent(to)) {
            Some(p) if p.is_dir() => {}
            Some(_) => return Err(VfsError::NotDir),
            None => return Err(self.missing_reason(to)),
        }
        if to == from {
            return Ok(());
        }
        if to.starts_with(&format!("{}/", from)) {
            return Err(VfsError::Invalid);
        }
        if let Some(t) = self.nodes.get(to) {
            let from_dir = self.is_dir(from);
            if t.is_dir() && !from_dir {
                return Err(VfsError::IsDir);
            }
            if !t.is_dir() && from_dir {
                return Err(VfsError::NotDir);
            }
            if t.is_dir() && self.list(to).is_some_and(|l| !l.is_empty()) {
                return Err(VfsError::NotEmpty);
            }
            self.nodes.remove(to);
        }
        for old in self.subtree(from) {
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
        if let Some(n) = self.nodes.get_mut(path) {
            n.mtime = now;
            return Ok(());
        }
        self.write_checked(path, "", true)
    }

    pub fn set_mode(&mut self, path: &str, mode: u32) {
        if let Some(n) = self.nodes.get_mut(path) {
            n.mode = mode;
        }
    }

    /// Inserts a node as is (used by `cp` to keep modes).
    pub fn put(&mut self, path: &str, node: Node) {
        self.nodes.insert(path.to_string(), node);
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
}
