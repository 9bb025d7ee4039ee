//! The page's components, one file each.

pub mod controls;
pub mod diagram;
pub mod editor;
pub mod terminal;
