//! `describe serviceaccount`: its pull and mountable secrets (missing ones
//! marked), and the legacy token secrets that name it by name and uid.

use super::events::{self, Ref};
use super::{arr, namespaced_head, s, Ctx, Writer};
use crate::api::Status;

const EMPTY_HEADER: &str = "                   ";

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let sa = ctx.get("serviceaccounts", ns, name)?;
    let uid = s(&sa, &["metadata", "uid"]);
    let names = |field: &str| -> Vec<String> {
        arr(&sa, &[field])
            .iter()
            .map(|r| s(r, &["name"]).to_string())
            .collect()
    };
    let pull = names("imagePullSecrets");
    let mount = names("secrets");
    // A failed secret list is tolerated: no tokens, nothing marked missing.
    let (tokens, missing) = match ctx.list("secrets", Some(ns), None, None) {
        Ok(secrets) => {
            let tokens: Vec<String> = secrets
                .iter()
                .filter(|sec| {
                    s(sec, &["type"]) == "kubernetes.io/service-account-token"
                        && s(
                            sec,
                            &[
                                "metadata",
                                "annotations",
                                "kubernetes.io/service-account.name",
                            ],
                        ) == name
                        && s(
                            sec,
                            &[
                                "metadata",
                                "annotations",
                                "kubernetes.io/service-account.uid",
                            ],
                        ) == uid
                })
                .map(|sec| s(sec, &["metadata", "name"]).to_string())
                .collect();
            let existing: Vec<&str> = secrets
                .iter()
                .map(|x| s(x, &["metadata", "name"]))
                .collect();
            let missing: Vec<String> = pull
                .iter()
                .chain(&mount)
                .filter(|n| !existing.contains(&n.as_str()))
                .cloned()
                .collect();
            (tokens, missing)
        }
        Err(_) => (vec![], vec![]),
    };
    let mut w = Writer::default();
    namespaced_head(&mut w, &sa);
    // The three lists in the sorted order of their (padded) headers.
    for (header, list) in [
        ("Image pull secrets:", &pull),
        ("Mountable secrets: ", &mount),
        ("Tokens:            ", &tokens),
    ] {
        if list.is_empty() {
            w.write(0, &format!("{header}\t<none>\n"));
            continue;
        }
        let mut prefix = header;
        for n in list {
            let note = if missing.contains(n) {
                " (not found)"
            } else {
                ""
            };
            w.write(0, &format!("{prefix}\t{n}{note}\n"));
            prefix = EMPTY_HEADER;
        }
    }
    if ctx.show_events {
        events::section(ctx, &Ref::of(&sa), &mut w);
    }
    Ok(w.finish())
}
