//! Saving a playground for a host to keep (the browser's storage) and
//! bringing it back. A saved cluster is the snapshot without the replay
//! buffers (the store's watch history, the event log's past events): no
//! watch or subscriber survives a reload, and they are most of its size.

use crate::cluster::Cluster;
use std::io::{Read, Write};

impl Cluster {
    /// Writes the cluster as JSON to `out`, without the replay buffers.
    pub fn save_to(&mut self, out: impl Write) -> serde_json::Result<()> {
        let replay = self.world.api.take_replay();
        let more: Vec<_> = self
            .more
            .created
            .iter_mut()
            .map(|c| c.world.api.take_replay())
            .collect();
        let written = serde_json::to_writer(out, &*self);
        self.world.api.put_replay(replay);
        for (c, r) in self.more.created.iter_mut().zip(more) {
            c.world.api.put_replay(r);
        }
        written
    }

    /// A cluster `save_to` wrote; `None` when the bytes are not one (cut
    /// short, or written by a build whose cluster has another shape).
    pub fn load_from(input: impl Read) -> Option<Cluster> {
        serde_json::from_reader(input).ok()
    }

    /// The commands the shell ran, oldest first (a restored terminal's
    /// up-arrow history).
    pub fn history(&self) -> &[String] {
        self.shell.history()
    }

    /// The sequence number of the next engine event: where a subscriber
    /// that rebuilt from `objects()` (after a load) continues.
    pub fn next_event_seq(&self) -> u64 {
        self.world.api.events().next_seq()
    }
}

#[cfg(test)]
mod tests {
    use crate::events::Poll;
    use crate::{Cluster, Preset};

    fn saved(c: &mut Cluster) -> Vec<u8> {
        let mut bytes = vec![];
        c.save_to(&mut bytes).expect("a cluster serializes");
        bytes
    }

    #[test]
    fn a_saved_cluster_comes_back_with_its_objects_files_and_clock() {
        let mut c = Cluster::new(Preset::Minikube, 3);
        c.run("kubectl create deployment web --image=nginx --replicas=2");
        c.run("kubectl create job once --image=busybox -- echo hi");
        c.run("kubectl expose deployment web --port=80");
        c.run("echo remember > /root/notes.txt; export GREETING=hi");
        c.tick(30_000);
        let before = c.run("kubectl get pods,svc,jobs").chunks;
        let bytes = saved(&mut c);
        // Saving lends the buffers out and gives them back.
        assert!(matches!(c.events_since(1), Poll::Events(e) if !e.is_empty()));

        let mut back = Cluster::load_from(&bytes[..]).expect("loads");
        assert_eq!(back.now(), c.now());
        assert_eq!(back.run("kubectl get pods,svc,jobs").chunks, before);
        assert_eq!(
            back.run("cat notes.txt; echo $GREETING").stdout(),
            "remember\nhi\n"
        );
        assert!(back.run("history").stdout().contains("echo remember"));
        // The event log starts empty where the old one stopped.
        let next = back.next_event_seq();
        assert_eq!(next, c.next_event_seq());
        assert!(matches!(back.events_since(next), Poll::Events(e) if e.is_empty()));
    }

    #[test]
    fn leaving_out_the_replay_buffers_makes_it_smaller() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        c.run("kubectl create deployment web --image=nginx --replicas=20");
        c.tick(60_000);
        let whole = serde_json::to_vec(&c.snapshot()).unwrap().len();
        assert!(saved(&mut c).len() * 2 < whole);
    }

    #[test]
    fn created_clusters_and_their_contexts_come_back() {
        let mut c = Cluster::new(Preset::Minikube, 2);
        c.run("kind create cluster --name extra");
        c.run("kubectl create deployment web --image=nginx");
        let before = c.run("kubectl get deploy --context kind-extra").stdout();
        let bytes = saved(&mut c);
        let mut back = Cluster::load_from(&bytes[..]).expect("loads");
        assert_eq!(back.run("kind get clusters").stdout(), "extra\n");
        assert_eq!(
            back.run("kubectl get deploy --context kind-extra").stdout(),
            before
        );
        assert_eq!(
            back.run("kubectl get deploy --context minikube").stderr(),
            "No resources found in default namespace.\n"
        );
    }

    #[test]
    fn a_snapshot_without_created_clusters_still_loads() {
        let mut c = Cluster::new(Preset::Minikube, 1);
        let mut v: serde_json::Value = serde_json::from_slice(&saved(&mut c)).unwrap();
        v.as_object_mut().unwrap().remove("more");
        let bytes = serde_json::to_vec(&v).unwrap();
        assert!(Cluster::load_from(&bytes[..]).is_some());
    }

    #[test]
    fn bytes_that_are_not_a_cluster_give_none() {
        assert!(Cluster::load_from(&b"{\"preset\":\"Minikube\"}"[..]).is_none());
        assert!(Cluster::load_from(&b"not json"[..]).is_none());
        let mut c = Cluster::new(Preset::Minikube, 1);
        let bytes = saved(&mut c);
        assert!(Cluster::load_from(&bytes[..bytes.len() / 2]).is_none());
    }
}
