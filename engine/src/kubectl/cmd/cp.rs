//! `kubectl cp`: files between the terminal's file system and a container.
//! kubectl streams a tar archive through `pods/exec`, so the image needs
//! `tar`: copying in packs the local files and runs `tar -xmf - -C DIR` in
//! the container; copying out reads the files there (find, cat) and keeps
//! tar's own messages.

use super::attach::{pick_container, pod_object};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};

pub const COMMAND: Command = Command {
    name: "cp",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Copy files and directories to and from containers",
    flags: &[
        Flag::new(
            "container",
            FlagKind::String,
            "",
            "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen",
        )
        .short('c'),
        Flag::new(
            "no-preserve",
            FlagKind::Bool,
            "false",
            "The copied file/directory's ownership and permissions will not be preserved in the container",
        ),
        Flag::new(
            "retries",
            FlagKind::Int,
            "0",
            "Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).",
        ),
    ],
    run,
};

const SPEC_FORMAT: &str = "filespec must match the canonical format: [[namespace/]pod:]file/path";

/// `[[namespace/]pod:]file/path`.
struct Spec {
    namespace: Option<String>,
    pod: Option<String>,
    file: String,
}

fn spec(arg: &str) -> Result<Spec, CmdError> {
    match arg.find(':') {
        Some(0) => Err(CmdError::Plain(SPEC_FORMAT.into())),
        None => Ok(Spec {
            namespace: None,
            pod: None,
            file: arg.into(),
        }),
        Some(i) => {
            let (pod, file) = (&arg[..i], &arg[i + 1..]);
            let pieces: Vec<&str> = pod.split('/').collect();
            match pieces.as_slice() {
                [p] => Ok(Spec {
                    namespace: None,
                    pod: Some(p.to_string()),
                    file: file.into(),
                }),
                [n, p] => Ok(Spec {
                    namespace: Some(n.to_string()),
                    pod: Some(p.to_string()),
                    file: file.into(),
                }),
                _ => Err(CmdError::Plain(SPEC_FORMAT.into())),
            }
        }
    }
}

/// Local paths, as the shell resolves them.
mod vfs {
    pub fn resolve(cwd: &str, path: &str) -> String {
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{cwd}/{path}")
        };
        let mut parts: Vec<&str> = vec![];
        for p in joined.split('/') {
            match p {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                p => parts.push(p),
            }
        }
        format!("/{}", parts.join("/"))
    }
    pub fn parent(path: &str) -> &str {
        match path.trim_end_matches('/').rfind('/') {
            Some(0) => "/",
            Some(i) => &path[..i],
            None => ".",
        }
    }
    pub fn base(path: &str) -> &str {
        path.trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(path)
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    if p.args.len() != 2 {
        return Err(CmdError::Plain(
            "source and destination are required".into(),
        ));
    }
    let src = spec(&p.args[0])?;
    let dest = spec(&p.args[1])?;
    if src.pod.is_some() && dest.pod.is_some() {
        return Err(CmdError::Plain(
            "one of src or dest must be a local file specification".into(),
        ));
    }
    if src.file.is_empty() || dest.file.is_empty() {
        return Err(CmdError::Plain("filepath can not be empty".into()));
    }
    let remote = match (&src.pod, &dest.pod) {
        (Some(_), _) => &src,
        (_, Some(_)) => &dest,
        _ => {
            return Err(CmdError::Plain(
                "one of src or dest must be a remote file specification".into(),
            ))
        }
    };
    let ns = remote.namespace.clone().unwrap_or_else(|| env.namespace(p));
    let pod_name = remote.pod.clone().unwrap_or_default();
    if dest.pod.is_some() {
        let local = vfs::resolve(env.cwd, &src.file);
        if !env.vfs.exists(&local) {
            return Err(CmdError::Plain(format!(
                "{} doesn't exist in local filesystem",
                src.file
            )));
        }
    }
    let Some(pod) = pod_object(env.world, &ns, &pod_name) else {
        return Err(CmdError::Raw(format!(
            "Error from server (NotFound): pods \"{pod_name}\" not found\n"
        )));
    };
    let container =
        pick_container(env, &pod, p.str("container"), false).map_err(CmdError::Plain)?;
    let target = Target {
        ns,
        pod: pod_name,
        container,
    };
    if src.pod.is_some() {
        from_pod(env, &target, &src.file, &dest.file)
    } else {
        to_pod(env, &target, &src.file, &dest.file)
    }
}

struct Target {
    ns: String,
    pod: String,
    container: String,
}

impl Target {
    /// Runs a command in the container; Err is exec's failure, printed.
    fn exec(&self, env: &mut Env, argv: &[&str]) -> Result<(String, String, i32), CmdError> {
        self.exec_with_stdin(env, argv, "")
    }

    fn exec_with_stdin(
        &self,
        env: &mut Env,
        argv: &[&str],
        stdin: &str,
    ) -> Result<(String, String, i32), CmdError> {
        let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        let r = env
            .world
            .exec(&self.ns, &self.pod, &self.container, &argv, stdin)
            .map_err(CmdError::Plain)?;
        Ok((r.stdout, r.stderr, r.exit_code))
    }

    /// The image's userland (None: no shell, no tar).
    fn tools(&self, env: &Env) -> Option<crate::images::Tools> {
        let pod = pod_object(env.world, &self.ns, &self.pod)?;
        let image = super::attach::container_spec(&pod, &self.container)?["image"]
            .as_str()?
            .to_string();
        crate::kubelet::process::image_of(&image).map(|i| i.tools)
    }

    /// An image without `tar` fails the exec as the runtime does.
    fn check_tar(&self, env: &mut Env) -> Result<(), CmdError> {
        if self.tools(env) == Some(crate::images::Tools::None) {
            env.print("OCI runtime exec failed: exec failed: unable to start container process: exec: \"tar\": executable file not found in $PATH: unknown\n");
            return Err(CmdError::Exit {
                text: "command terminated with exit code 126\n".into(),
                code: 126,
            });
        }
        Ok(())
    }

    fn busybox(&self, env: &Env) -> bool {
        self.tools(env) == Some(crate::images::Tools::Busybox)
    }
}

/// `tar cf - SRC` in the container, unpacked into the local DEST.
fn from_pod(env: &mut Env, t: &Target, src: &str, dest: &str) -> Result<(), CmdError> {
    t.check_tar(env)?;
    let busybox = t.busybox(env);
    // tar's stderr reaches kubectl's stdout.
    if src.starts_with('/') {
        env.print(if busybox {
            "tar: removing leading '/' from member names\n"
        } else {
            "tar: Removing leading `/' from member names\n"
        });
    }
    let (listing, _, code) = t.exec(
        env,
        &[
            "sh",
            "-c",
            &format!("test -d {0} && find {0} -type f || test -e {0}", quote(src)),
        ],
    )?;
    if code != 0 {
        let (text, code) = if busybox {
            (format!("tar: {src}: No such file or directory\n"), 1)
        } else {
            (format!("tar: {src}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n"), 2)
        };
        env.print(text);
        return Err(CmdError::Exit {
            text: format!("command terminated with exit code {code}\n"),
            code,
        });
    }
    let files: Vec<String> = if listing.trim().is_empty() {
        vec![src.to_string()]
    } else {
        listing.lines().map(String::from).collect()
    };
    let local_root = vfs::resolve(env.cwd, dest);
    let root = src.trim_end_matches('/');
    for f in files {
        let (content, _, _) = t.exec(env, &["cat", &f])?;
        let rel = f.strip_prefix(root).unwrap_or("");
        let path = format!("{local_root}{rel}");
        if env.vfs.is_dir(&path) {
            return Err(CmdError::Plain(format!("open {dest}: is a directory")));
        }
        let _ = env.vfs.mkdir_p(vfs::parent(&path));
        env.vfs.write(&path, &content);
    }
    Ok(())
}

/// The local SRC packed (members named after the destination), then
/// `tar -xmf - -C DIR` in the container reading it, as kubectl streams it.
fn to_pod(env: &mut Env, t: &Target, src: &str, dest: &str) -> Result<(), CmdError> {
    let local = vfs::resolve(env.cwd, src);
    t.check_tar(env)?;
    let (_, _, is_dir) = t.exec(env, &["test", "-d", dest])?;
    let dest = if is_dir == 0 {
        format!("{}/{}", dest.trim_end_matches('/'), vfs::base(&local))
    } else {
        dest.to_string()
    };
    t.check_tar(env)?;
    let archive = kubeplay_shell::tar_archive(env.vfs, &local, vfs::base(&dest));
    let mut argv = vec!["tar", "-xmf", "-"];
    let dir = remote_dir(&dest);
    if !dir.is_empty() {
        argv.extend(["-C", dir]);
    }
    let (out, err, code) = t.exec_with_stdin(env, &argv, &archive)?;
    env.print(out);
    env.eprint(err);
    if code != 0 {
        return Err(CmdError::Exit {
            text: format!("command terminated with exit code {code}\n"),
            code,
        });
    }
    Ok(())
}

/// The directory part of a container path, as Go's path.Dir gives it
/// ("" for a bare name, "/" for a file at the root).
fn remote_dir(path: &str) -> &str {
    match path.trim_end_matches('/').rfind('/') {
        Some(0) => "/",
        Some(i) => &path[..i],
        None => "",
    }
}
