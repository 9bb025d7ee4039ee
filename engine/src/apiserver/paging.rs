//! Lists in pages (`limit` and `continue`), as the etcd3 store serves them
//! (`apiserver/pkg/storage/continue.go`, `etcd3/store.go` GetList, v1.33):
//! a page holds at most `limit` matching objects; the continue token is
//! `base64url({"v":"meta.k8s.io/v1","rv":<list rv>,"start":"<last key>\u0000"})`
//! with the key relative to the list's prefix (`<ns>/<name>` across
//! namespaces, `<name>` within one); every page reports the first page's
//! resourceVersion; `remainingItemCount` only without selectors. A token
//! older than the kept history is 410 Expired, with a token to go on at the
//! latest revision.

use super::{ApiServer, ListOptions};
use crate::api::registry::ApiResource;
use crate::api::Status;
use serde_json::{json, Value};
use std::sync::Arc;

/// What a page asks for, beside the selectors of `ListOptions`.
#[derive(Clone, Debug, Default)]
pub struct PageOptions {
    /// At most this many objects (0 or negative: all of them).
    pub limit: i64,
    /// The `continue` token of the previous page ("" for the first).
    pub continue_token: String,
}

/// One page of a list.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub items: Vec<Arc<Value>>,
    /// The list's resourceVersion (the first page's, on every page).
    pub resource_version: u64,
    /// The token for the next page; empty on the last.
    pub continue_token: String,
    /// Objects after this page, when no selector filters them.
    pub remaining_item_count: Option<i64>,
}

impl Page {
    /// Sets `metadata.continue` and `metadata.remainingItemCount` of a list
    /// (or Table) object the way the server's ListMeta carries them.
    pub fn annotate(&self, list: &mut Value) {
        if self.continue_token.is_empty() {
            return;
        }
        list["metadata"]["continue"] = json!(self.continue_token);
        if let Some(n) = self.remaining_item_count {
            list["metadata"]["remainingItemCount"] = json!(n);
        }
    }
}

/// A failed page: the Status, and for an expired token the token that
/// continues at the latest revision (`metadata.continue` of the Status).
#[derive(Clone, Debug)]
pub struct PageError {
    pub status: Status,
    pub continue_token: Option<String>,
}

impl From<Status> for PageError {
    fn from(status: Status) -> PageError {
        PageError {
            status,
            continue_token: None,
        }
    }
}

const INCONSISTENT_CONTINUE: &str = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

/// Where a list resumes: namespace and name just after the previous page's last object.
struct Start {
    namespace: String,
    name: String,
    rv: i64,
    /// The token's start key (relative to the list's prefix), for a 410's new token.
    key: String,
}

impl ApiServer {
    /// One page of `list_shared`: the same objects in the same order, cut
    /// at `limit` and resumed after a `continue` token.
    pub fn list_page(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        opts: &ListOptions,
        page: &PageOptions,
    ) -> Result<Page, PageError> {
        let ns = if r.namespaced { namespace } else { None };
        let start = match page.continue_token.as_str() {
            "" => None,
            token => Some(
                decode(token, ns)
                    .map_err(|e| Status::bad_request(format!("invalid continue token: {e}")))?,
            ),
        };
        let all = self.list_shared(r, namespace, opts)?;
        let resource_version = match &start {
            Some(s) if s.rv > 0 => {
                if self.store.is_compacted(s.rv as u64) {
                    return Err(PageError {
                        status: Status {
                            code: 410,
                            reason: "Expired".into(),
                            message: INCONSISTENT_CONTINUE.into(),
                            details: None,
                        },
                        continue_token: Some(encode(&s.key, -1)),
                    });
                }
                s.rv as u64
            }
            _ => self.revision(),
        };
        // Objects after the start key, in key order.
        let from = match &start {
            None => 0,
            Some(s) => all.partition_point(|o| {
                let key = (object_namespace(o, ns), crate::api::meta::name(o));
                key < (s.namespace.as_str(), s.name.as_str())
            }),
        };
        let rest = &all[from..];
        let limit = usize::try_from(page.limit).unwrap_or(0);
        if limit == 0 || rest.len() <= limit {
            return Ok(Page {
                items: rest.to_vec(),
                resource_version,
                continue_token: String::new(),
                remaining_item_count: None,
            });
        }
        let items = rest[..limit].to_vec();
        let last = &items[limit - 1];
        let key = relative_key(object_namespace(last, ns), crate::api::meta::name(last), ns);
        // The store counts every object after the page; with a selector
        // the count would be wrong, so the server leaves it out.
        let unfiltered = opts.label_selector.as_deref().unwrap_or("").is_empty()
            && opts.field_selector.as_deref().unwrap_or("").is_empty();
        Ok(Page {
            items,
            resource_version,
            continue_token: encode(&format!("{key}\u{0}"), resource_version as i64),
            remaining_item_count: unfiltered.then(|| (rest.len() - limit) as i64),
        })
    }
}

/// The namespace part of an object's key in this list ("" within one namespace).
fn object_namespace<'a>(o: &'a Value, ns: Option<&str>) -> &'a str {
    match ns {
        Some(_) => "",
        None => crate::api::meta::namespace(o),
    }
}

/// An object's etcd key relative to the list's prefix.
fn relative_key(namespace: &str, name: &str, ns: Option<&str>) -> String {
    if ns.is_some() || namespace.is_empty() {
        name.to_string()
    } else {
        format!("{namespace}/{name}")
    }
}

/// `EncodeContinue`: the fields in the Go struct's order.
fn encode(start_key: &str, rv: i64) -> String {
    let start = serde_json::to_string(start_key).unwrap_or_default();
    let token = format!(r#"{{"v":"meta.k8s.io/v1","rv":{rv},"start":{start}}}"#);
    base64_url(token.as_bytes())
}

/// `DecodeContinue`: the errors are its texts.
fn decode(token: &str, ns: Option<&str>) -> Result<Start, String> {
    const INVALID: &str = "continue key is not valid";
    let bytes = base64_url_decode(token)
        .map_err(|at| format!("{INVALID}: illegal base64 data at input byte {at}"))?;
    let v: Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("{INVALID}: {}", go_json_error(&e)))?;
    let version = v.get("v").and_then(Value::as_str).unwrap_or("");
    if version != "meta.k8s.io/v1" {
        return Err(format!(
            "{INVALID}: server does not recognize this encoded version {version}"
        ));
    }
    let rv = v.get("rv").and_then(Value::as_i64).unwrap_or(0);
    if rv == 0 {
        return Err(format!(
            "{INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"
        ));
    }
    let key = v.get("start").and_then(Value::as_str).unwrap_or("");
    if key.is_empty() {
        return Err(format!(
            "{INVALID}: encoded start key empty (version meta.k8s.io/v1)"
        ));
    }
    // path.Clean must leave the key alone (no climbing out of the prefix).
    let rooted = if key.starts_with('/') {
        key.to_string()
    } else {
        format!("/{key}")
    };
    if !is_clean_path(&rooted) {
        return Err(format!("{INVALID}: {key}"));
    }
    let relative = &rooted[1..];
    let (namespace, name) = match (ns, relative.split_once('/')) {
        (None, Some((n, rest))) => (n.to_string(), rest.to_string()),
        _ => (String::new(), relative.to_string()),
    };
    Ok(Start {
        namespace,
        name,
        rv,
        key: key.to_string(),
    })
}

/// What Go's `path.Clean` leaves unchanged: no empty, `.` or `..`
/// elements and no trailing slash (the root alone excepted).
fn is_clean_path(p: &str) -> bool {
    if p == "/" {
        return true;
    }
    !p.ends_with('/')
        && p[1..]
            .split('/')
            .all(|e| !e.is_empty() && e != "." && e != "..")
}

/// The start of encoding/json's error texts for what clients send most.
fn go_json_error(e: &serde_json::Error) -> String {
    if e.is_eof() {
        "unexpected end of JSON input".into()
    } else {
        "invalid character looking for beginning of value".into()
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64.RawURLEncoding (no padding).
fn base64_url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64.RawURLEncoding; the error is the offending byte offset.
fn base64_url_decode(s: &str) -> Result<Vec<u8>, usize> {
    let mut out = vec![];
    let (mut acc, mut bits) = (0u32, 0);
    for (i, c) in s.bytes().enumerate() {
        let v = ALPHABET.iter().position(|&a| a == c).ok_or(i)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A lone trailing character cannot complete a byte.
    if s.len() % 4 == 1 {
        return Err(s.len() - 1);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_the_real_servers() {
        // What a v1.33 apiserver returned for `kubectl get pods --chunk-size=1`
        // after pod `a` at revision 12: {"v":"meta.k8s.io/v1","rv":12,"start":"a\u0000"}.
        let t = encode("a\u{0}", 12);
        assert_eq!(
            t,
            "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTIsInN0YXJ0IjoiYVx1MDAwMCJ9"
        );
        let s = decode(&t, Some("default")).unwrap();
        assert_eq!((s.name.as_str(), s.rv), ("a\u{0}", 12));
        let s = decode(&encode("kube-system/b\u{0}", 3), None).unwrap();
        assert_eq!(
            (s.namespace.as_str(), s.name.as_str()),
            ("kube-system", "b\u{0}")
        );
    }

    fn world_with_pods(names: &[&str]) -> crate::world::World {
        let mut w = crate::world::World::new(1, crate::clock::Time::from_secs(1_748_768_400));
        crate::presets::boot_minikube(&mut w, 1);
        let r = w.api.registry().resolve("pods").cloned().unwrap();
        for n in names {
            let pod = json!({"metadata": {"name": n, "labels": {"app": "x"}},
                "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
            w.api
                .create(&r, "default", pod, &Default::default())
                .unwrap();
        }
        w
    }

    #[test]
    fn pages_cover_the_list_once_in_order() {
        let w = world_with_pods(&["e", "a", "d", "b", "c"]);
        let r = w.api.registry().resolve("pods").cloned().unwrap();
        let opts = ListOptions::default();
        let mut page = PageOptions {
            limit: 2,
            ..Default::default()
        };
        let (mut names, mut remaining, mut rvs) = (vec![], vec![], vec![]);
        loop {
            let p = w.api.list_page(&r, Some("default"), &opts, &page).unwrap();
            names.extend(
                p.items
                    .iter()
                    .map(|o| crate::api::meta::name(o).to_string()),
            );
            remaining.push(p.remaining_item_count);
            rvs.push(p.resource_version);
            if p.continue_token.is_empty() {
                break;
            }
            page.continue_token = p.continue_token;
        }
        assert_eq!(names, ["a", "b", "c", "d", "e"]);
        assert_eq!(remaining, [Some(3), Some(1), None]);
        assert!(rvs.iter().all(|rv| *rv == w.api.revision()));
        // A selector leaves the count out.
        let selected = ListOptions {
            label_selector: Some("app=x".into()),
            ..Default::default()
        };
        let first = PageOptions {
            limit: 2,
            ..Default::default()
        };
        let p = w
            .api
            .list_page(&r, Some("default"), &selected, &first)
            .unwrap();
        assert_eq!(p.remaining_item_count, None);
        assert!(!p.continue_token.is_empty());
    }

    #[test]
    fn a_bad_token_is_a_bad_request() {
        let w = world_with_pods(&["a"]);
        let r = w.api.registry().resolve("pods").cloned().unwrap();
        let page = PageOptions {
            limit: 1,
            continue_token: "x".into(),
        };
        let e = w
            .api
            .list_page(&r, Some("default"), &ListOptions::default(), &page)
            .unwrap_err();
        assert_eq!(e.status.code, 400);
        assert_eq!(
            e.status.message,
            "invalid continue token: continue key is not valid: illegal base64 data at input byte 0"
        );
    }

    #[test]
    fn bad_tokens_say_why() {
        assert_eq!(
            decode("a*b", None).err().unwrap(),
            "continue key is not valid: illegal base64 data at input byte 1"
        );
        assert!(decode(&encode("../x", 3), None)
            .err()
            .unwrap()
            .ends_with(": ../x"));
        assert_eq!(
            decode(&encode("x", 0), None).err().unwrap(),
            "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"
        );
    }
}
