//! Control loops, one file each. A controller reads desired and actual state
//! through the API server and changes the world only through it.

pub mod namespace;
