//! Starting the page: the playground saved in the browser's storage, or a
//! new one (on `?fresh`, when nothing is saved, or when the saved one is
//! from another build or cannot be read), and the line the terminal shows
//! about it.

use crate::persist::{self, Refused};
use crate::saver::KEY;
use crate::state::Playground;
use crate::storage::Storage;
use kubeplay_engine::clock::Time;
use leptos::prelude::*;

/// The database the page keeps its playground in.
const DATABASE: &str = "kubeplay";
/// The URL parameter that starts a new cluster (`/?fresh`).
pub const FRESH: &str = "fresh";
/// Set (in localStorage, which is synchronous) while a saved cluster is
/// being brought back: if it is still there on the next load, restoring
/// stopped the page, and that cluster is not tried again.
const RESTORING: &str = "kubeplay.restoring";

/// What the page starts with.
pub struct Boot {
    pub play: Playground,
    /// None when the browser gives no IndexedDB: nothing is saved.
    pub storage: Option<Storage>,
    /// A line for the terminal about where this cluster came from.
    pub note: Option<String>,
    /// The cluster came from storage: its terminal shows no welcome banner.
    pub restored: bool,
}

/// Opens the storage and brings back the saved playground, or starts one.
pub async fn boot(seed: u64) -> Boot {
    let fresh = take_fresh_parameter();
    let crashed = guard_was_left();
    set_guard(false);
    let storage = match Storage::open(DATABASE).await {
        Ok(s) => Some(s),
        Err(e) => {
            web_sys::console::warn_2(&"Kubeplay: no storage, nothing is saved:".into(), &e);
            None
        }
    };
    let new = |note: Option<String>| Boot {
        play: Playground::new(seed),
        storage: storage.clone(),
        note,
        restored: false,
    };
    let Some(store) = storage.clone() else {
        return new(None);
    };
    if fresh {
        forget(&store);
        return new(None);
    }
    if crashed {
        forget(&store);
        return new(Some(
            "Your saved cluster stopped Kubeplay while it was being restored; this is a new cluster."
                .into(),
        ));
    }
    let bytes = match store.get(KEY).await {
        Ok(Some(bytes)) => bytes,
        _ => return new(None),
    };
    set_guard(true);
    let restored = persist::decode(&bytes).map(|(cluster, header)| {
        let play = Playground::with(cluster);
        play.time.set(header.time);
        // Let every component run once: a cluster that breaks them does it
        // now, while the guard is set.
        play.tick(0);
        (play, header.saved_at)
    });
    set_guard(false);
    match restored {
        Ok((play, saved_at)) => {
            let note = restored_note(js_sys::Date::now() - saved_at, play.now());
            Boot {
                play,
                storage,
                note: Some(note),
                restored: true,
            }
        }
        Err(why) => new(Some(refused_note(&why))),
    }
}

/// Whether the URL asks for a new cluster; the parameter is removed, so
/// that reloading the page keeps the new cluster.
fn take_fresh_parameter() -> bool {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return false;
    };
    if !params.has(FRESH) {
        return false;
    }
    params.delete(FRESH);
    let query = String::from(params.to_string());
    let path = location.pathname().unwrap_or_default();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    true
}

/// Drops the saved playground (in the background: the new one is saved
/// after it, in the same database).
fn forget(store: &Storage) {
    let store = store.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = store.delete(KEY).await;
    });
}

fn guard_was_left() -> bool {
    local_storage()
        .and_then(|s| s.get_item(RESTORING).ok().flatten())
        .is_some()
}

fn set_guard(on: bool) {
    if let Some(s) = local_storage() {
        let _ = if on {
            s.set_item(RESTORING, "1")
        } else {
            s.remove_item(RESTORING)
        };
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// `Restored your cluster (saved 5 minutes ago; cluster time ...).`
pub fn restored_note(age_ms: f64, clock: Time) -> String {
    format!(
        "Restored your cluster (saved {}; cluster time {}). \"Reset cluster\" starts a new one.",
        ago(age_ms),
        clock_text(clock)
    )
}

fn refused_note(why: &Refused) -> String {
    match why {
        Refused::Version { .. } => {
            "Your saved cluster came from another version of Kubeplay; this is a new cluster."
                .into()
        }
        Refused::Unknown | Refused::Damaged => {
            "Your saved cluster could not be read; this is a new cluster.".into()
        }
    }
}

/// `2025-06-01 09:00:00 UTC`.
pub fn clock_text(t: Time) -> String {
    t.rfc3339().replace('T', " ").replace('Z', " UTC")
}

/// `just now`, `5 minutes ago`, `1 hour ago`, `3 days ago`.
fn ago(ms: f64) -> String {
    let secs = (ms / 1000.0).max(0.0) as u64;
    let (n, unit) = match secs {
        0..60 => return "just now".into(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use kubeplay_engine::clock::EPOCH;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn the_restored_note_says_when_and_what_time_it_is() {
        assert_eq!(
            restored_note(5.0 * 60_000.0 + 10.0, EPOCH.plus_secs(75)),
            "Restored your cluster (saved 5 minutes ago; cluster time 2025-06-01 09:01:15 UTC). \
             \"Reset cluster\" starts a new one."
        );
        assert_eq!(ago(1000.0), "just now");
        assert_eq!(ago(3_600_000.0), "1 hour ago");
        assert_eq!(ago(3.0 * 86_400_000.0), "3 days ago");
    }
}
