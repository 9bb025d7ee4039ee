//! The page's components, one file each.

pub mod diagram;
pub mod terminal;
