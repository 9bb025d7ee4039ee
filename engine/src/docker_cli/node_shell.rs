//! `docker exec -it NODE bash` (or `sh`): an interactive shell inside a
//! kind node container, prompt `root@<node>:/# ` (Debian's bash PS1; the
//! image has no WORKDIR). The project's shell runs the lines, with the
//! node's tools the simulation knows: `kubectl` (a control-plane node's
//! admin.conf), `crictl images`, `curl … :6443/version`. Anything else the
//! shell does not know is bash's `command not found` — as for `ping`,
//! which kindest/node does not ship. `exit` ends it; so does the node
//! container stopping.

use super::exec::{curl, kubectl_on_plane, NO_KUBECONFIG};
use crate::clock::Time;
use crate::world::World;
use kubeplay_shell::{Invocation, Output, Programs, Shell};

#[derive(Clone, Debug)]
pub struct NodeShell {
    shell: Shell,
    node: String,
    cluster: String,
    ended: bool,
}

impl NodeShell {
    pub fn new(node: &str, cluster: &str, now: i64) -> NodeShell {
        let mut shell = Shell::new("root", node);
        shell.set_cwd("/");
        shell.set_now(now);
        NodeShell {
            shell,
            node: node.into(),
            cluster: cluster.into(),
            ended: false,
        }
    }

    pub fn prompt(&self) -> String {
        self.shell.prompt()
    }

    pub fn ended(&self) -> bool {
        self.ended
    }

    /// One line typed at the node's shell.
    pub fn feed(&mut self, line: &str, world: &mut World) -> Output {
        let mut out = Output::default();
        let Some(i) = world
            .kubelets
            .iter()
            .position(|k| k.node == self.node && !k.is_stopped())
        else {
            // The container stopped (or its cluster went): the exec is gone.
            self.ended = true;
            return out;
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() == Some(&"exit") {
            // bash says `exit` as an interactive shell leaves.
            out.out("exit\n");
            out.status = words
                .get(1)
                .and_then(|c| c.parse::<i32>().ok())
                .unwrap_or(0)
                & 255;
            self.ended = true;
            return out;
        }
        self.shell.set_now(world.now().0);
        let mut tools = NodeTools {
            world,
            node: i,
            cluster: &self.cluster,
        };
        let mut out = self.shell.run(line, &mut tools);
        // A terminal joins the shell's stderr to its stdout, in order.
        let joined: String = out.chunks.drain(..).map(|(_, t)| t).collect();
        out.out(joined);
        out
    }
}

/// The programs of a node the simulation runs.
struct NodeTools<'a> {
    world: &'a mut World,
    node: usize,
    cluster: &'a str,
}

impl Programs for NodeTools<'_> {
    fn run(&mut self, inv: Invocation<'_>) -> Option<Output> {
        let name = inv.argv.first()?.rsplit('/').next()?.to_string();
        let args: Vec<&str> = inv.argv[1..].iter().map(String::as_str).collect();
        let mut out = Output::default();
        let plane = self.world.kubelets[self.node]
            .node
            .contains("control-plane");
        match name.as_str() {
            "kubectl" if plane => {
                return Some(kubectl_on_plane(
                    self.world,
                    self.cluster,
                    &inv.argv[1..],
                    inv.stdin,
                ))
            }
            "kubectl" => {
                out.err(NO_KUBECONFIG);
                out.status = 1;
            }
            "crictl" if args.first() == Some(&"images") => {
                super::crictl::images(&self.world.kubelets[self.node], &args[1..], &mut out)
            }
            "crictl" => {
                out.err("kubeplay: only `crictl images` is simulated in a node\n");
                out.status = 1;
            }
            "curl" => {
                let clusters = vec![(self.cluster.to_string(), 0, Time(0), &mut *self.world)];
                curl(&clusters, &args, &mut out);
            }
            _ => return None,
        }
        Some(out)
    }

    fn names(&self) -> Vec<&'static str> {
        vec!["crictl", "curl", "kubectl"]
    }
}

/// `docker exec -it NODE bash|sh` on a running node: the shell to attach
/// the terminal to, and the cluster it runs in. None for any other exec.
pub fn open(
    fleet: &mut crate::clusters::Fleet,
    args: &[String],
) -> Option<(NodeShell, crate::clusters::Target)> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let ["exec", rest @ ..] = args.as_slice() else {
        return None;
    };
    let (name, cmd) = super::exec::split(rest)?;
    let flags = super::exec::flag_letters(rest);
    let shell = cmd[0].rsplit('/').next().unwrap_or("");
    if !(flags.contains('i') && flags.contains('t'))
        || cmd.len() != 1
        || !["bash", "sh"].contains(&shell)
    {
        return None;
    }
    let boot_kind = fleet.boot_kind.clone();
    let now = fleet.now().0;
    let clusters = fleet.kind_clusters_mut();
    let (c, i) = super::find(&clusters, name)?;
    let k = &clusters[c].3.kubelets[i];
    if k.is_stopped() {
        return None;
    }
    let target = if boot_kind.as_deref() == Some(clusters[c].0.as_str()) {
        crate::clusters::Target::Boot
    } else {
        crate::clusters::Target::Port(clusters[c].1)
    };
    Some((NodeShell::new(&k.node, &clusters[c].0, now), target))
}
