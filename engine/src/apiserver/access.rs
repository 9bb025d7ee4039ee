//! Crate-internal access to the API server's parts for the admission plugins.

use super::ApiServer;
use crate::rng::Rng;

impl ApiServer {
    /// The server's seeded RNG (generated names such as `kube-api-access-xxxxx`).
    pub(crate) fn rng_mut(&mut self) -> &mut Rng {
        &mut self.rng
    }
}
