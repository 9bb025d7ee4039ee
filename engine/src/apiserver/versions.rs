//! A resource served in a version other than the one stored: autoscaling/v1
//! HorizontalPodAutoscalers beside the stored autoscaling/v2. As the real
//! server does, a request's body is decoded in its version (v1 defaults),
//! converted to the stored form for the verbs, and every object it returns
//! is converted back (`crate::api::hpa_v1`).

use super::ApiServer;
use crate::api::{hpa_v1, ApiResource, Status};
use serde_json::Value;

/// The stored form of a resource requested in another version.
pub(crate) struct Converted {
    /// The resource as stored (autoscaling/v2).
    pub storage: ApiResource,
}

impl Converted {
    pub fn of(r: &ApiResource) -> Option<Converted> {
        if !hpa_v1::is_v1(&r.group, &r.version, &r.name) {
            return None;
        }
        Some(Converted {
            storage: ApiResource {
                version: "v2".into(),
                ..r.clone()
            },
        })
    }

    /// A stored object as the request's version shows it.
    pub fn out(&self, stored: &Value) -> Value {
        hpa_v1::to_v1(stored)
    }

    /// A request body (in the request's version) in the stored form.
    pub fn incoming(&self, mut obj: Value) -> Result<Value, Status> {
        if !obj.is_object() {
            return Ok(obj);
        }
        hpa_v1::default_v1(&mut obj);
        // A body the codec cannot convert is a decode error (handlers'
        // transformDecodeError text).
        hpa_v1::from_v1(&obj).map_err(|e| {
            let kind = &self.storage.kind;
            Status::bad_request(format!(
                "{kind} in version \"v1\" cannot be handled as a {kind}: {e}"
            ))
        })
    }

    /// An object read back in the stored form (tables print the stored form).
    pub fn stored(&self, obj: &Value) -> Value {
        match obj["apiVersion"].as_str() {
            Some("autoscaling/v1") => hpa_v1::from_v1(obj).unwrap_or_else(|_| obj.clone()),
            _ => obj.clone(),
        }
    }
}

impl ApiServer {
    /// Runs `f` on the stored form when `r` is served converted.
    pub(crate) fn converted(r: &ApiResource) -> Option<Converted> {
        Converted::of(r)
    }

    /// The status a main-resource write keeps: the stored one (the
    /// strategy's PrepareForUpdate), not the one rebuilt from v1's fields.
    pub(crate) fn keep_stored_status(&self, c: &Converted, ns: &str, obj: &mut Value) {
        let name = crate::api::meta::name(obj).to_string();
        if let Some(current) = self.store.get(&Self::key(&c.storage, ns, &name)) {
            match current.get("status") {
                Some(s) => obj["status"] = s.clone(),
                None => {
                    if let Some(m) = obj.as_object_mut() {
                        m.remove("status");
                    }
                }
            }
        }
    }
}

impl ApiServer {
    /// The stored object as `r`'s version shows it (server-side apply merges
    /// into the request's version).
    pub(crate) fn stored_view(&self, r: &ApiResource, ns: &str, name: &str) -> Option<Value> {
        let c = Self::converted(r);
        let storage = c.as_ref().map_or(r, |c| &c.storage);
        let stored = self.store.get(&Self::key(storage, ns, name))?;
        Some(match &c {
            Some(c) => c.out(stored),
            None => stored.clone(),
        })
    }

    /// `create_checked` of an object in `r`'s version.
    pub(crate) fn create_in_version(
        &mut self,
        r: &ApiResource,
        ns: &str,
        obj: Value,
        opts: &super::WriteOptions,
    ) -> Result<Value, Status> {
        match Self::converted(r) {
            Some(c) => {
                let obj = c.incoming(obj)?;
                self.create_checked(&c.storage, ns, obj, opts)
                    .map(|o| c.out(&o))
            }
            None => self.create_checked(r, ns, obj, opts),
        }
    }

    /// `update_checked` of an object in `r`'s version.
    pub(crate) fn update_in_version(
        &mut self,
        r: &ApiResource,
        ns: &str,
        obj: Value,
    ) -> Result<Value, Status> {
        match Self::converted(r) {
            Some(c) => {
                let mut obj = c.incoming(obj)?;
                self.keep_stored_status(&c, ns, &mut obj);
                self.update_checked(&c.storage, ns, obj).map(|o| c.out(&o))
            }
            None => self.update_checked(r, ns, obj),
        }
    }
}
