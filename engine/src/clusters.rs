//! Several clusters in one playground: the one the playground booted and the
//! kind clusters `kind create cluster` made since, each its own `World`, all
//! on one clock. kubectl reaches one through the server URL of the context
//! in effect (see `kubectl::route`).

use crate::clock::Time;
use crate::rng::Rng;
use crate::world::World;
use serde::{Deserialize, Serialize};

/// A kind cluster created from the terminal.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KindCluster {
    pub name: String,
    /// The port docker publishes its API server on, on 127.0.0.1.
    pub port: u16,
    /// When its node containers were created (`docker ps`'s CREATED).
    pub created: Time,
    pub world: World,
}

/// The clusters besides the boot one, and what the boot one has become.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Clusters {
    /// In creation order.
    pub created: Vec<KindCluster>,
    /// `kind delete cluster` removed the boot cluster (a kind preset): no
    /// server answers at its address any more.
    pub boot_deleted: bool,
    /// The playground's seed, and how many clusters were made from the
    /// terminal: a new cluster's seed and port follow from both.
    pub seed: u64,
    pub made: u64,
    /// The playground's clock when no world is left to keep it.
    pub clock: Option<Time>,
}

/// Which world a command reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Boot,
    /// A created kind cluster, by its port (stable while others go).
    Port(u16),
}

/// The boot world and the created ones together, borrowed for one command.
pub struct Fleet<'a> {
    pub boot: &'a mut World,
    /// The boot cluster's API server URL (as its kubeconfig names it).
    pub boot_server: String,
    /// The boot cluster's kind name, if it is a kind cluster.
    pub boot_kind: Option<String>,
    pub more: &'a mut Clusters,
}

impl Clusters {
    /// The seed and the API server port of the next created cluster: kind
    /// asks the kernel for a free port, which Linux hands out from its
    /// ephemeral range (32768-60999).
    pub fn next_identity(&mut self, taken: &[u16]) -> (u64, u16) {
        self.made += 1;
        let seed = self.seed ^ self.made.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut rng = Rng::seeded(seed ^ 0x706f_7274);
        loop {
            let port = 32_768 + rng.below(60_999 - 32_768 + 1) as u16;
            if !taken.contains(&port) {
                return (seed, port);
            }
        }
    }
}

impl Clusters {
    /// The playground's time: the furthest any world got (a command that
    /// waits moves only the world it waits on; `Fleet::sync` brings the rest).
    pub fn now(&self, boot: &World) -> Time {
        let live_boot = (!self.boot_deleted).then(|| boot.now());
        let worlds = live_boot
            .into_iter()
            .chain(self.created.iter().map(|c| c.world.now()))
            .max();
        match (worlds, self.clock) {
            (Some(w), Some(c)) => w.max(c),
            (Some(w), None) => w,
            (None, Some(c)) => c,
            (None, None) => boot.now(),
        }
    }
}

impl Fleet<'_> {
    /// The cluster commands that need none in particular use: the boot
    /// one, else the oldest created one still there.
    pub fn any(&self) -> Target {
        match self.more.created.first() {
            Some(c) if self.more.boot_deleted => Target::Port(c.port),
            _ => Target::Boot,
        }
    }

    /// The URL kubectl is given for a created cluster.
    pub fn server_of(port: u16) -> String {
        format!("https://127.0.0.1:{port}")
    }

    /// The world answering at `server`, if any.
    pub fn target_of(&self, server: &str) -> Option<Target> {
        let server = server.trim_end_matches('/');
        // The minikube node's admin.conf names the same API server by its alias.
        let alias = server == crate::kubectl::kubeconfig::MINIKUBE_ADMIN_SERVER
            && self.boot_server == crate::kubectl::kubeconfig::MINIKUBE_SERVER;
        if !self.more.boot_deleted && (server == self.boot_server || alias) {
            return Some(Target::Boot);
        }
        self.more
            .created
            .iter()
            .find(|c| Self::server_of(c.port) == server)
            .map(|c| Target::Port(c.port))
    }

    pub fn world(&mut self, target: &Target) -> Option<&mut World> {
        match target {
            Target::Boot if !self.more.boot_deleted => Some(self.boot),
            Target::Boot => None,
            Target::Port(p) => self
                .more
                .created
                .iter_mut()
                .find(|c| c.port == *p)
                .map(|c| &mut c.world),
        }
    }

    /// Every world that still runs.
    pub fn live(&mut self) -> Vec<&mut World> {
        let mut out: Vec<&mut World> = vec![];
        if !self.more.boot_deleted {
            out.push(self.boot);
        }
        out.extend(self.more.created.iter_mut().map(|c| &mut c.world));
        out
    }

    pub fn live_ref(&self) -> Vec<&World> {
        let mut out: Vec<&World> = vec![];
        if !self.more.boot_deleted {
            out.push(self.boot);
        }
        out.extend(self.more.created.iter().map(|c| &c.world));
        out
    }

    pub fn now(&self) -> Time {
        self.more.now(self.boot)
    }

    /// Brings every world to the playground's time (one clock for all).
    pub fn sync(&mut self) {
        let now = self.now();
        self.more.clock = Some(now);
        for w in self.live() {
            if w.now() < now {
                w.advance(now.0 - w.now().0);
            }
        }
    }

    /// Time passes for every cluster.
    pub fn advance(&mut self, ms: i64) {
        self.sync();
        for w in self.live() {
            w.advance(ms);
        }
        let clock = self.more.clock.unwrap_or(Time(0)).plus_millis(ms.max(0));
        self.more.clock = Some(self.now().max(clock));
    }

    /// (address, port) of every API server that answers, as the learner's
    /// machine reaches it: the boot cluster's kubeconfig address, and
    /// 127.0.0.1 with each kind cluster's published port.
    pub fn api_addresses(&self) -> Vec<(String, u16)> {
        let mut out = vec![];
        let boot = self.boot_server.trim_start_matches("https://");
        if let Some((host, port)) = boot.rsplit_once(':') {
            if !self.more.boot_deleted && self.boot.control_plane_running() {
                out.extend(port.parse().ok().map(|p| (host.to_string(), p)));
            }
        }
        for c in &self.more.created {
            if c.world.control_plane_running() {
                out.push(("127.0.0.1".to_string(), c.port));
            }
        }
        out
    }

    /// The kind clusters that exist, oldest first: (name, port, created, world).
    pub fn kind_clusters(&self) -> Vec<(String, u16, Time, &World)> {
        let mut out = vec![];
        if let (Some(name), false) = (&self.boot_kind, self.more.boot_deleted) {
            let port = crate::presets::KIND_HOST_PORT;
            out.push((name.clone(), port, crate::clock::EPOCH, &*self.boot));
        }
        for c in &self.more.created {
            out.push((c.name.clone(), c.port, c.created, &c.world));
        }
        out
    }

    /// The same, to change (docker stop/start, kind load).
    pub fn kind_clusters_mut(&mut self) -> Vec<(String, u16, Time, &mut World)> {
        let mut out = vec![];
        if let (Some(name), false) = (&self.boot_kind, self.more.boot_deleted) {
            let port = crate::presets::KIND_HOST_PORT;
            out.push((name.clone(), port, crate::clock::EPOCH, &mut *self.boot));
        }
        for c in &mut self.more.created {
            out.push((c.name.clone(), c.port, c.created, &mut c.world));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::EPOCH;

    fn kind(name: &str, port: u16, at: Time) -> KindCluster {
        KindCluster {
            name: name.into(),
            port,
            created: at,
            world: World::new(1, at),
        }
    }

    #[test]
    fn servers_route_to_their_worlds_and_a_deleted_boot_answers_nowhere() {
        let mut boot = World::new(1, EPOCH);
        let mut more = Clusters::default();
        more.created.push(kind("a", 40_000, EPOCH));
        let mut fleet = Fleet {
            boot: &mut boot,
            boot_server: "https://192.168.49.2:8443".into(),
            boot_kind: None,
            more: &mut more,
        };
        assert_eq!(
            fleet.target_of("https://192.168.49.2:8443"),
            Some(Target::Boot)
        );
        assert_eq!(
            fleet.target_of("https://127.0.0.1:40000"),
            Some(Target::Port(40_000))
        );
        assert_eq!(fleet.target_of("https://127.0.0.1:40001"), None);
        fleet.more.boot_deleted = true;
        assert_eq!(fleet.target_of("https://192.168.49.2:8443"), None);
        assert!(fleet.world(&Target::Boot).is_none());
    }

    #[test]
    fn every_world_keeps_the_one_clock() {
        let mut boot = World::new(1, EPOCH);
        let mut more = Clusters::default();
        more.created.push(kind("a", 40_000, EPOCH));
        let mut fleet = Fleet {
            boot: &mut boot,
            boot_server: "x".into(),
            boot_kind: None,
            more: &mut more,
        };
        fleet.world(&Target::Port(40_000)).unwrap().advance(5_000);
        fleet.sync();
        assert_eq!(fleet.boot.now(), EPOCH.plus_millis(5_000));
        fleet.advance(1_000);
        assert!(fleet
            .live()
            .iter()
            .all(|w| w.now() == EPOCH.plus_millis(6_000)));
        // With no world left, the playground's clock still runs.
        fleet.more.boot_deleted = true;
        fleet.more.created.clear();
        fleet.advance(1_000);
        assert_eq!(fleet.now(), EPOCH.plus_millis(7_000));
    }

    #[test]
    fn ports_are_ephemeral_deterministic_and_free() {
        let mut a = Clusters {
            seed: 7,
            ..Default::default()
        };
        let mut b = a.clone();
        let (_, p) = a.next_identity(&[]);
        assert_eq!(b.next_identity(&[]).1, p);
        assert!((32_768..=60_999).contains(&p));
        let (_, q) = b.next_identity(&[p]);
        assert_ne!(q, p);
    }
}
