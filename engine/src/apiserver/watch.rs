//! The WATCH verb: changes to one resource after a resourceVersion, from the
//! store's bounded history (410 Gone when the version is too old).

use super::ApiServer;
use crate::api::{ApiResource, Status};
use crate::store::{WatchError, WatchType};
use serde_json::Value;

/// One watch event as the API delivers it.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchEvent {
    pub kind: WatchType,
    pub object: Value,
}

impl ApiServer {
    /// Changes to `r` (in `namespace`, or everywhere with None) after `since`.
    pub fn watch(
        &self,
        r: &ApiResource,
        namespace: Option<&str>,
        since: u64,
    ) -> Result<Vec<WatchEvent>, Status> {
        if let Some(c) = Self::converted(r) {
            let events = self.watch(&c.storage, namespace, since)?;
            return Ok(events
                .into_iter()
                .map(|e| WatchEvent {
                    kind: e.kind,
                    object: c.out(&e.object),
                })
                .collect());
        }
        self.authorize("watch", r, "", namespace.unwrap_or(""), "")?;
        let records = self
            .store
            .changes_since(&r.key(), since)
            .map_err(|e| match e {
                WatchError::Expired { oldest } => Status {
                    code: 410,
                    reason: "Expired".into(),
                    message: format!("too old resource version: {since} ({oldest})"),
                    details: None,
                },
            })?;
        Ok(records
            .into_iter()
            .filter(|rec| !r.namespaced || namespace.is_none_or(|ns| rec.key.namespace == ns))
            .map(|rec| WatchEvent {
                kind: rec.kind,
                object: (*rec.object).clone(),
            })
            .collect())
    }
}
