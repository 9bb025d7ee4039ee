//! Object types and everything the API server knows about kinds: the resource
//! registry (discovery), errors as `Status`, and server-side Table printing.

pub mod aggregated_resources;
pub mod builtin_resources;
pub mod discovery;
pub mod field_labels;
pub mod go_json;
pub mod hpa_v1;
pub mod meta;
pub mod openapi;
#[cfg(feature = "openapi-documents")]
pub mod openapi_docs;
pub mod openapi_minimal;
pub mod policy_rule;
pub mod printers;
pub mod quantity;
pub mod query;
pub mod registry;
pub mod selector;
pub mod status;
pub mod table;
pub mod validation;

pub use registry::{ApiResource, Registry};
pub use status::{FieldError, Status};
