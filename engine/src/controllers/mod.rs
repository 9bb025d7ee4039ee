//! Control loops, one file each. A controller reads desired and actual state
//! through the API server and changes the world only through it.

pub mod clusterrole_aggregation;
pub mod deployment;
pub mod endpoints;
pub mod garbage_collector;
pub mod namespace;
pub mod owned;
pub mod replicaset;
pub mod resourcequota;
pub mod serviceaccount;
