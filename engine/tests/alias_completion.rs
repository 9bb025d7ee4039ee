//! `alias k=kubectl` then `complete -o default -F __start_kubectl k` (as
//! kubectl's docs suggest): `k get po<TAB>` completes as kubectl would;
//! without the `complete` line bash completes only file names.

use kubeplay_engine::{Cluster, Preset};

#[test]
fn k_completes_as_kubectl_once_registered() {
    let mut c = Cluster::new(Preset::Minikube, 1);
    c.run("kubectl create deployment web --image=nginx");
    c.run("touch deployment-notes.txt");
    c.run("alias k=kubectl");
    assert_eq!(c.complete("k get deploy"), vec!["deployment-notes.txt"]);
    c.run("complete -o default -F __start_kubectl k");
    let kubectl = c.complete("kubectl get deploy");
    assert!(!kubectl.is_empty());
    assert_eq!(c.complete("k get deploy"), kubectl);
    assert_eq!(c.complete("k get deployments "), vec!["web"]);
    // The command word itself still completes as a command name.
    assert!(c.complete("k").contains(&"kill".to_string()));
    c.run("complete -r k");
    assert_eq!(c.complete("k get deploy"), vec!["deployment-notes.txt"]);
}
